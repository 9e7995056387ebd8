"""The hourly counters behind the public pages' rate limits."""

from typing import Any

import pytest
from allauth.core.internal.httpkit import get_client_ip as allauth_client_ip
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from sprakvan.core.throttle import client_address, client_ip, hit


def test_each_hit_counts_once_per_key() -> None:
    assert [hit("a"), hit("a"), hit("b"), hit("a")] == [1, 2, 1, 3]


# Behind nginx every request comes from the proxy's address; nginx appends the client's.
BEHIND_NGINX = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
SPOOFED = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"}


@pytest.mark.parametrize(
    ("trusted", "meta", "expected"),
    [
        (0, BEHIND_NGINX, "127.0.0.1"),  # no proxy of ours: the header is anyone's claim
        (1, BEHIND_NGINX, "203.0.113.9"),
        (1, SPOOFED, "203.0.113.9"),  # what the client wrote itself is never read
        (2, SPOOFED, "198.51.100.1"),  # a load balancer and nginx
        (1, {"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),  # straight to gunicorn (prod-check)
    ],
)
def test_the_client_address_is_the_one_the_nearest_trusted_proxy_wrote(
    settings: Any, rf: RequestFactory, trusted: int, meta: dict[str, str], expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = trusted
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = trusted

    request = rf.get("/")
    request.META.update(meta)

    assert client_address(request) == expected
    # allauth's login limits and axes' lockouts read the same address.
    assert allauth_client_ip(request) == expected
    assert get_client_ip_address(request) == expected


@pytest.mark.parametrize("forwarded", ["203.0.113.9", "unknown", ""])
def test_a_header_that_does_not_match_the_proxies_gives_the_connections_address(
    settings: Any, rf: RequestFactory, forwarded: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = 2 if forwarded == "203.0.113.9" else 1

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == "127.0.0.1"


def test_without_any_address_axes_gets_none_and_the_counters_a_key() -> None:
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]

    assert client_ip(request) is None  # axes stores no address rather than a wrong one
    assert client_address(request) == "unknown"
