"""Smoke-test the production configuration: `make prod-check` (CI runs it on SQLite and PostgreSQL).

Starts scripts/serve-production.sh on a free port, waits until it answers, and checks through
requests that carry `X-Forwarded-Proto: https` (as nginx sends them) what a real deployment
must do: login and MFA set-up, the public sign-up, far-future cached and compressed static
files, a 404 in the site's layout, /healthz at 200 once a tick has run and the worker has taken
its heartbeat task, and JSON log lines. Stops the server and prints how long each phase took;
exits 0 when every check passed, else 1 with the list of what failed.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# migrate and collectstatic run first; generous, for a busy CI machine.
STARTUP_SECONDS = 300
# After the tick, how long the worker may take to run its heartbeat task.
HEALTHY_SECONDS = 60
HTTPS_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
FAR_FUTURE = "max-age=315360000, public, immutable"

SETUP = """
import io
import os
from django.core.management import call_command
from sprakvan.accounts.models import Membership, Role, User
from sprakvan.core.models import Programme
slug = os.environ["PROD_CHECK_SLUG"]
call_command("create_programme", slug, name="Prod check " + slug, district=["Centrum"])
user = User.objects.create_user(os.environ["PROD_CHECK_EMAIL"], os.environ["PROD_CHECK_PASSWORD"])
Membership.objects.create(
    user=user, programme=Programme.objects.get(slug=slug), role=Role.COORDINATOR
)
# As the systemd timer would: the tick's pulse, and a heartbeat task for the worker to run.
call_command("tick", stdout=io.StringIO())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Site:
    """Requests to the local server as if through the TLS proxy; cookies kept by hand.

    The server marks its cookies Secure, which a client talking plain http to 127.0.0.1
    would not send back; the proxy in front is what makes them https in production.
    """

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def get(self, path: str, **headers: str) -> requests.Response:
        return self._send("GET", path, headers)

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        headers = {"Origin": "https://127.0.0.1", "Referer": f"https://127.0.0.1{path}"}
        return self._send("POST", path, headers, data)

    def _send(
        self, method: str, path: str, headers: dict[str, str], data: dict[str, str] | None = None
    ) -> requests.Response:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(
            method,
            self.base + path,
            headers={**HTTPS_HEADERS, **headers, **({"Cookie": cookie} if cookie else {})},
            data=data,
            allow_redirects=False,
            timeout=30,
        )
        for name, value in response.cookies.items():
            self.cookies[name] = value or ""
        return response


def wait_until_up(site: Site, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"serve-production.sh stopped with exit code {server.returncode}")
        try:
            site.get("/accounts/login/")
            return
        except requests.RequestException:  # not listening yet, or its first request is slow
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer within {STARTUP_SECONDS} s")


def check_login_leads_to_mfa_setup(site: Site, email: str, password: str) -> str | None:
    staff_page = site.get("/participants/")
    if staff_page.status_code != 302 or "/accounts/login/" not in staff_page.headers["Location"]:
        return f"a staff page answered {staff_page.status_code}, not a redirect to the login"
    login = site.get("/accounts/login/")
    if login.status_code != 200:
        return f"the login page answered {login.status_code}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
    if token is None:
        return "the login page has no CSRF token"
    response = site.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token.group(1), "login": email, "password": password},
    )
    visited = []
    for _ in range(5):
        if response.status_code != 302:
            break
        visited.append(response.headers["Location"].removeprefix("https://127.0.0.1"))
        response = site.get(visited[-1])
    # The set-up page itself, or allauth's password prompt in front of it (?next=…/2fa/…).
    if response.status_code != 200 or not any("2fa" in location for location in visited):
        return f"logging in led to {visited} ({response.status_code}), not the MFA set-up"
    return None


def check_sign_up(site: Site, slug: str) -> str | None:
    for path in (f"/{slug}/anmalan/", f"/{slug}/anmalan/nyanland/"):
        response = site.get(path)
        if response.status_code != 200:
            return f"the sign-up page {path} answered {response.status_code}"
    if "<form" not in response.text:
        return "the newcomer's sign-up page has no form"
    return None


def check_static(site: Site) -> str | None:
    page = site.get("/accounts/login/").text
    stylesheet = re.search(r'<link[^>]+href="(/static/[^"]+\.css)"', page)
    if stylesheet is None:
        return "the login page links no stylesheet under /static/"
    path = stylesheet.group(1)
    if not re.search(r"\.[0-9a-f]{12}\.css$", path):
        return f"the stylesheet {path} has no hashed name (collectstatic's manifest)"
    response = site.get(path, **{"Accept-Encoding": "gzip, br"})
    problems = []
    if response.status_code != 200:
        problems.append(f"answered {response.status_code}")
    if response.headers.get("Cache-Control") != FAR_FUTURE:
        problems.append(f"Cache-Control is {response.headers.get('Cache-Control')!r}")
    if response.headers.get("Content-Encoding") not in ("gzip", "br"):
        problems.append("it is not served compressed")
    return f"static {path}: " + ", ".join(problems) if problems else None


def check_not_found(site: Site) -> str | None:
    response = site.get(f"/no-such-page-{secrets.token_hex(4)}/")
    if response.status_code != 404:
        return f"a missing page answered {response.status_code}, not 404"
    if "<main" not in response.text or "<header" not in response.text:
        return "the 404 page is not in the site's layout (no <header> and <main>)"
    return None


def check_health(site: Site, notes: list[str]) -> str | None:
    """/healthz turns 200 once the worker has run the heartbeat task the tick queued."""
    deadline = time.monotonic() + HEALTHY_SECONDS
    while True:
        response = site.get("/healthz")
        if response.status_code not in (200, 503):
            return f"/healthz answered {response.status_code}"
        try:
            body = response.json()
        except ValueError:
            return "/healthz did not answer JSON"
        if not isinstance(body, dict) or "checks" not in body:
            return f"/healthz's JSON has no checks: {body!r}"
        if response.status_code == 200:
            notes.append(f"/healthz answered 200: {json.dumps(body['checks'])}")
            return None
        if time.monotonic() > deadline:
            return f"/healthz still answered 503 after {HEALTHY_SECONDS} s: {body['checks']}"
        time.sleep(0.5)


def check_json_logs(log: str) -> str | None:
    requests_logged = []
    for line in log.splitlines():
        if '"request_id"' in line:
            try:
                requests_logged.append(json.loads(line))
            except ValueError:
                return f"a request log line is not JSON: {line[:120]}"
    if not any(entry.get("route") == "account_login" for entry in requests_logged):
        return "no JSON request line for the login page in the server's log"
    return None


def stop(server: subprocess.Popen[bytes]) -> None:
    """TERM to the script we started (its trap stops gunicorn, the worker and SMTP)."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # our own process group (start_new_session)
            server.wait()


def main() -> int:
    started = time.monotonic()
    port = free_port()
    slug = f"prodcheck-{secrets.token_hex(3)}"
    email = f"{slug}@example.org"
    password = secrets.token_urlsafe(16)
    env = {**os.environ, "PORT": str(port)}
    with tempfile.TemporaryDirectory() as scratch, open(Path(scratch) / "server.log", "w+") as log:
        if not env.get("DATABASE_URL"):
            env["SQLITE_PATH"] = str(Path(scratch) / "db.sqlite3")
        server = subprocess.Popen(  # noqa: S603 (our own script, no shell)
            [str(ROOT / "scripts" / "serve-production.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        site = Site(port)
        failures: list[str] = []
        notes: list[str] = []
        phases: dict[str, float] = {}
        try:
            wait_until_up(site, server)
            phases["start-up"] = time.monotonic() - started
            # The same database and production settings as the server (its key is its own).
            setup_env = {
                **env,
                "DEBUG": "false",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "DATABASE_URL": env.get("DATABASE_URL") or f"sqlite:///{env['SQLITE_PATH']}",
                "PROD_CHECK_SLUG": slug,
                "PROD_CHECK_EMAIL": email,
                "PROD_CHECK_PASSWORD": password,
            }
            subprocess.run(  # noqa: S603
                [PYTHON, "manage.py", "shell", "-c", SETUP],
                cwd=ROOT,
                env=setup_env,
                check=True,
                capture_output=True,
                text=True,
            )
            checks: list[tuple[str, Callable[[], str | None]]] = [
                (
                    "login and MFA set-up",
                    lambda: check_login_leads_to_mfa_setup(site, email, password),
                ),
                ("public sign-up", lambda: check_sign_up(Site(port), slug)),
                ("static files", lambda: check_static(Site(port))),
                ("404 in the layout", lambda: check_not_found(Site(port))),
                ("/healthz", lambda: check_health(Site(port), notes)),
            ]
            phases["programme, user and tick"] = time.monotonic() - started - sum(phases.values())
            for name, check in checks:
                try:
                    problem = check()
                except requests.RequestException as error:
                    problem = f"request failed: {error}"
                if problem:
                    failures.append(f"{name}: {problem}")
        except subprocess.CalledProcessError as error:
            failures.append(f"creating the programme and the staff user: {error.stderr[-2000:]}")
        except RuntimeError as error:
            failures.append(f"start-up: {error}")
        finally:
            phases["checks"] = time.monotonic() - started - sum(phases.values())
            stop(server)
            phases["stop"] = time.monotonic() - started - sum(phases.values())
        log.seek(0)
        server_log = log.read()
        if not any(failure.startswith("start-up") for failure in failures):
            problem = check_json_logs(server_log)
            if problem:
                failures.append(f"JSON logs: {problem}")
    database = (env.get("DATABASE_URL") or "sqlite").split(":")[0]
    took = time.monotonic() - started
    for note in notes:
        print(f"note: {note}")
    print("timing: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items()))
    if failures:
        print(server_log[-4000:], file=sys.stderr)
        print(f"prod-check FAILED on {database} after {took:.0f} s:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print(f"prod-check passed on {database} in {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
