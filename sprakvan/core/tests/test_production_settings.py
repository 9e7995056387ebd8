"""Production refuses a development key, and `check --deploy` passes on the documented settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from config.secrets import DEVELOPMENT_SECRET_KEY, secret_key_problem

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "sprakvan.example.org",
    "BEHIND_TLS_PROXY": "true",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "SMS_URL": "elks://user:secret@api.46elks.com",
    "SMS_WEBHOOK_TOKEN": secrets.token_urlsafe(32),
    "DATABASE_URL": "",
}


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; never in production
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "key",
    ["", DEVELOPMENT_SECRET_KEY, "django-insecure-" + "x1y2z3" * 10, "short-key", "a" * 60],
)
def test_production_refuses_to_start_on_a_missing_known_or_weak_secret_key(key: str) -> None:
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": key})

    assert result.returncode != 0
    assert "refuses to start with DEBUG=false" in result.stderr
    assert secret_key_problem(key) is not None


def test_a_long_random_key_is_fit_for_production() -> None:
    assert secret_key_problem(secrets.token_urlsafe(50)) is None


def test_the_demo_runs_on_the_development_key_only_with_debug_on() -> None:
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DEBUG="true",
        SECRET_KEY="",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == DEVELOPMENT_SECRET_KEY


def test_deploy_check_passes_on_the_documented_production_settings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_printed_e_mail_backend_is_an_error_in_production() -> None:
    result = manage("check", "--deploy", **{**PRODUCTION, "EMAIL_URL": "consolemail://"})

    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_production_redirects_to_https_and_sends_hsts_behind_the_proxy() -> None:
    code = (
        "from django.test import Client;"
        "c = Client(headers={'x-forwarded-proto': 'https'});"
        "r = Client().get('/', HTTP_HOST='sprakvan.example.org');"
        "s = c.post('/i18n/setlang/', {'language': 'sv'}, HTTP_HOST='sprakvan.example.org');"
        "print(r.status_code, r.headers.get('Location'));"
        "print(s.headers.get('Strict-Transport-Security'));"
        "print(s.headers.get('Cache-Control'))"
    )
    result = manage("shell", "-c", code, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    redirect, hsts, cache_control = result.stdout.strip().splitlines()[-3:]
    assert redirect == "301 https://sprakvan.example.org/"
    assert hsts == "max-age=31536000; includeSubDomains"
    assert "no-store" in cache_control


def test_production_keeps_database_connections_and_development_does_not() -> None:
    """gunicorn's threads reuse a checked connection; runserver's thread per request would
    only pile them up."""
    code = (
        "from django.db import connection as c;"
        "print(c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS'])"
    )

    production = manage("shell", "-c", code, **PRODUCTION)
    development = manage("shell", "-c", code, DEBUG="true", SECRET_KEY="", DATABASE_URL="")

    assert production.returncode == development.returncode == 0, production.stderr
    assert production.stdout.splitlines()[-1] == "60 True"
    assert development.stdout.splitlines()[-1] == "0 True"


def test_postgresql_connections_compile_no_query_unless_the_url_says_so() -> None:
    """The reports' counts are estimated above jit_above_cost and compiling them cost more than
    running them; an `options` parameter in DATABASE_URL comes after ours and wins."""
    code = "from django.db import connection as c; print(c.settings_dict['OPTIONS']['options'])"
    url = "postgres://postgres@127.0.0.1:5432/sprakvan"

    ours = manage("shell", "-c", code, DATABASE_URL=url)
    theirs = manage("shell", "-c", code, DATABASE_URL=url + "?options=-c%20jit%3Don")

    assert ours.returncode == theirs.returncode == 0, ours.stderr
    assert ours.stdout.splitlines()[-1] == "-c jit=off"
    assert theirs.stdout.splitlines()[-1] == "-c jit=off -c jit=on"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_database_connection_runs_without_jit() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
