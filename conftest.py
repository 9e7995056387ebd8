"""Shared test fixtures: the personas, logged-in clients and the browser.

Alice coordinates the Linköping-like programme "Vi ses"; Leo leads its activities; Petra is
the municipality's partner viewer; Rami refers people from Arbetsmarknadscentrum; Olle
coordinates another programme and must never see Vi ses' rows.
"""

import datetime
import logging
import os
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import MembershipFactory, UserFactory
from sprakvan.core.logging import PersonalDataRecorder
from sprakvan.core.models import District, Programme
from sprakvan.core.tests.factories import DistrictFactory, ProgrammeFactory
from sprakvan.organisations.models import Organisation

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls in the same
# test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """This test run's own file cache: two runs on one checkout (the shared `.cache/`) would
    clear each other's throttle counters."""
    location = str(tmp_path_factory.mktemp("cache"))
    os.environ["CACHE_URL"] = f"filecache://{location}"  # for the commands tests start
    return location


@pytest.fixture(autouse=True)
def _clean_cache_and_tasks(settings: Any, _own_cache_dir: str) -> Iterator[None]:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _own_cache_dir,
        }
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.AXES_ENABLED = False
    # Pages default to Swedish; tests read the English msgids unless they choose a language.
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


# A Wednesday at noon in Stockholm: far from midnight and from the week's ends, so "today",
# "this week" and a signed token's timestamp read the same wherever a test computes them.
FROZEN_NOW = datetime.datetime(2026, 3, 11, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def frozen_now() -> Iterator[datetime.datetime]:
    """Stops the clock (timezone.now, date.today, time.time) for tests that compare a moment
    computed in two places; under load a second or a midnight can pass between them."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield FROZEN_NOW


@pytest.fixture(autouse=True)
def _no_personal_data_in_logs() -> Iterator[None]:
    """Every test's log lines go through the guard: no phone number or e-mail may be logged."""
    recorder = PersonalDataRecorder()
    loggers = [logging.getLogger(), logging.getLogger("django.server")]
    for logger in loggers:
        logger.addHandler(recorder)
    yield
    for logger in loggers:
        logger.removeHandler(recorder)
    assert not recorder.found, f"personal data reached the logs: {recorder.found}"


@pytest.fixture
def programme(db: None) -> Programme:
    programme = ProgrammeFactory(name="Vi ses! Språkvänner", slug="vi-ses", city="Linköping")
    for name in ["Skäggetorp", "Innerstaden", "Ryd", "Berga"]:
        DistrictFactory(programme=programme, name=name)
    return programme


@pytest.fixture
def district(programme: Programme) -> District:
    return programme.districts.get(name="Skäggetorp")


@pytest.fixture
def other_programme(db: None) -> Programme:
    other = ProgrammeFactory(name="Språkvänner Norrköping", slug="norrkoping", city="Norrköping")
    DistrictFactory(programme=other, name="Hageby")
    return other


@pytest.fixture
def referring_organisation(programme: Programme) -> Organisation:
    return Organisation.objects.create(
        programme=programme, name="Arbetsmarknadscentrum", kind="municipal_service"
    )


def _member(programme: Programme, role: str, email: str, first: str, **extra: Any) -> User:
    user = UserFactory(email=email, first_name=first)
    MembershipFactory(user=user, programme=programme, role=role, **extra)
    return user


@pytest.fixture
def coordinator(programme: Programme) -> User:
    return _member(programme, "coordinator", "alice@example.org", "Alice")


@pytest.fixture
def leader(programme: Programme) -> User:
    return _member(programme, "activity_leader", "leo@example.org", "Leo")


@pytest.fixture
def partner_viewer(programme: Programme) -> User:
    return _member(programme, "partner_viewer", "petra@example.org", "Petra")


@pytest.fixture
def referrer(programme: Programme, referring_organisation: Organisation) -> User:
    return _member(
        programme, "referrer", "rami@example.org", "Rami", organisation=referring_organisation
    )


@pytest.fixture
def outsider(other_programme: Programme) -> User:
    return _member(other_programme, "coordinator", "olle@example.org", "Olle")


@pytest.fixture
def client_for(db: None) -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


# Browser tests: Debian's chromium, driven by Playwright; axe-core scans every visited page.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def login_page(live_server: Any, context: Any) -> Callable[[User], None]:
    """Logs a user into the browser context by handing it a session cookie."""

    def login(user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return login


@pytest.fixture
def axe_violations() -> Callable[[Any], list[str]]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any) -> list[str]:
        results = axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
                }
            },
        )
        return [
            f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
            for v in results.response["violations"]
        ]

    return check
