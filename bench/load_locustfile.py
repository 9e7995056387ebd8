"""The people of the load test (run by bench/load.py, not alone): coordinators and leaders.

Each virtual user signs in once as its own staff account from the plan (bench/load_data.py),
password then TOTP code, and then works with 2-8 s between requests (none in the saturation
run). Coordinators (weight 3) read lists and detail pages and now and then the dashboard or an
export; leaders (weight 2) open their session and tick people present. Over all users that is
about 70 % lists and detail pages, 20 % ticks and 10 % dashboard and exports.

Requests are named by kind ("lists/detail", "ticks", "dashboard/exports", "login"), so locust's
percentiles come per kind. A leader ticks each (session, regular) of their own sessions to come
at most once, and those sessions start empty, so every tick answered 200 must be a new row:
the counts go to $LOAD_TICKS for bench/load.py to compare with the database.

The sign-ins are their own phase: when the last user has signed in, the statistics start
again, so the figures are those of the signed-in users at work (the issue's "50 concurrent
logged-in users"), not of 50 password hashes queued in the first seconds. The sign-ins'
own figures go to $LOAD_TICKS beside the ticks, and the work lasts $LOAD_SECONDS from there.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, between, constant, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
WAIT = constant(0) if os.environ.get("LOAD_NO_WAIT") == "1" else between(2, 8)
COORDINATORS = iter(PLAN["coordinators"])
LEADERS = iter(PLAN["leaders"])
TICKS: dict[str, Any] = {"sent": 0, "ok": 0}
SIGNED_IN = itertools.count(1)
ADDRESSES = itertools.count()
LISTS, TICK, DASHBOARD, LOGIN = "lists/detail", "ticks", "dashboard/exports", "login"


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as allauth checks it; no pyotp needed."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Staff(HttpUser):
    abstract = True
    wait_time = WAIT
    accounts: Iterator[dict[str, Any]]

    def on_start(self) -> None:
        self.account = next(self.accounts)
        origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
        # As nginx forwards it: each person from their own address (rate limits and lockouts
        # are per client address, read from X-Forwarded-For behind the proxy).
        n = next(ADDRESSES)
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"10.0.{n // 250}.{n % 250 + 1}",
                "Origin": origin,
                "Referer": origin + "/",
            }
        )
        self.get("/accounts/login/", LOGIN)
        # Redirects by hand: requests would not send the Secure cookies on them (see csrf()).
        self.post("/accounts/login/", LOGIN, login=self.account["email"], password=PLAN["password"])
        self.get("/accounts/2fa/authenticate/", LOGIN)
        with self.client.post(
            "/accounts/2fa/authenticate/",
            {"code": totp_code(self.account["secret"]), "csrfmiddlewaretoken": self.csrf()},
            name=LOGIN,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/accounts/" in response.headers.get("Location", ""):
                response.failure(f"not signed in: {response.status_code}")
        if next(SIGNED_IN) == self.environment.runner.target_user_count:
            _everyone_signed_in(self.environment)

    def csrf(self) -> str:
        """The CSRF token, after letting the Secure cookies go back over the plain local
        connection, as the TLS proxy would (requests sends them over https only)."""
        for cookie in self.client.cookies:
            cookie.secure = False
        return str(self.client.cookies.get("csrftoken", ""))

    def post(self, path: str, name: str, **data: str) -> Any:
        return self.client.post(
            path, {**data, "csrfmiddlewaretoken": self.csrf()}, name=name, allow_redirects=False
        )

    def get(self, path: str, name: str = LISTS) -> None:
        self.csrf()
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:  # 302 to the login page: the session was lost
                response.failure(f"answered {response.status_code}")


class Coordinator(Staff):
    weight = 3
    accounts = COORDINATORS

    @task(2)
    def participant_list(self) -> None:
        self.get("/participants/?status=all")

    @task(2)
    def participant_detail(self) -> None:
        self.get(f"/participants/{random.choice(PLAN['participants'])}/")

    @task(2)
    def pair_list(self) -> None:
        self.get("/matching/pairs/")

    @task(2)
    def activity_list(self) -> None:
        self.get("/activities/")

    @task(2)
    def session_page(self) -> None:
        self.get(f"/activities/sessions/{random.choice(PLAN['sessions'])}/")

    @task(1)
    def dashboard(self) -> None:
        self.get("/reports/", DASHBOARD)

    @task(1)
    def export(self) -> None:
        self.get(
            random.choice(["/reports/export/all.xlsx", "/reports/export/key-figures.csv"]),
            DASHBOARD,
        )


class Leader(Staff):
    weight = 2
    accounts = LEADERS

    def on_start(self) -> None:
        super().on_start()
        slots = [(s, p) for s in self.account["sessions"] for p in self.account["regulars"]]
        random.shuffle(slots)
        self.slots = iter(slots)
        self.current = self.account["sessions"][0]

    @task(1)
    def session_page(self) -> None:
        self.get(f"/activities/sessions/{self.current}/")

    @task(1)
    def tick(self) -> None:
        slot = next(self.slots, None)
        if slot is None:  # every regular of every session ticked: just look at the list
            self.session_page()
            return
        self.current, participant = slot
        TICKS["sent"] += 1
        with self.client.post(
            f"/activities/sessions/{self.current}/tick/",
            {"participant": str(participant), "present": "1"},
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf()},
            name=TICK,
            allow_redirects=False,  # a 302 to the login page is a failed tick, not a 200
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                TICKS["ok"] += 1
            else:
                response.failure(f"tick answered {response.status_code}")


def _everyone_signed_in(environment: Any) -> None:
    """Keep the sign-ins' figures, then start the statistics again for the work."""
    stats = environment.stats
    get, post = stats.get(LOGIN, "GET"), stats.get(LOGIN, "POST")  # password and code POSTs
    TICKS["sign_in"] = {
        "seconds": round(time.time() - stats.total.start_time, 1),
        "requests": get.num_requests + post.num_requests,
        "failures": stats.total.num_failures,  # any request's, before the statistics restart
        "post_p50": post.get_response_time_percentile(0.5),
        "post_p95": post.get_response_time_percentile(0.95),
    }
    stats.reset_all()
    gevent.spawn_later(float(os.environ["LOAD_SECONDS"]), environment.runner.quit)


@events.quitting.add_listener
def _write_ticks(environment: Any, **_kwargs: Any) -> None:
    if path := os.environ.get("LOAD_TICKS"):
        Path(path).write_text(json.dumps(TICKS))
