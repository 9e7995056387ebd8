"""LOG_LEVEL in any case, a clear error for an unknown one, and gunicorn's lines all JSON."""

import json
import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from gunicorn.glogging import CONFIG_DEFAULTS

from sprakvan.core.logging import log_level

ROOT = Path(__file__).resolve().parents[3]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """Production-like settings of our own, on a scratch SQLite file nobody else uses."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LOG_", "GUNICORN_", "DJANGO_")) and key != "DATABASE_URL"
    }
    return {
        **environment,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        # A directory that does not exist: whitenoise warns, and the warning must be JSON too.
        "STATIC_ROOT": str(tmp_path / "no-static"),
        **values,
    }


def _django_setup(tmp_path: Path, **values: str) -> subprocess.CompletedProcess[str]:
    """django.setup() in a new process (settings are read once per process), root level printed."""
    code = "import django, logging; django.setup(); print(logging.getLevelName(logging.root.level))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_environment(tmp_path, DJANGO_SETTINGS_MODULE="config.settings", **values),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("value", ["info", "INFO", " Info ", "warning", "Debug"])
def test_log_level_accepts_a_level_in_any_case(value: str) -> None:
    assert log_level(value) == value.strip().upper()


@pytest.mark.parametrize("value", ["verbose", "", "20", "warn"])
def test_an_unknown_log_level_is_an_error_that_names_the_variable(value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of DEBUG, INFO"):
        log_level(value)


def test_django_starts_with_a_lower_case_log_level_and_uses_it(tmp_path: Path) -> None:
    result = _django_setup(tmp_path, LOG_LEVEL="warning", LOG_FORMAT="json")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "WARNING"
    assert "Unable to configure" not in result.stderr


def test_django_refuses_an_unknown_log_level_naming_log_level(tmp_path: Path) -> None:
    result = _django_setup(tmp_path, LOG_LEVEL="loud")

    assert result.returncode != 0
    assert "ImproperlyConfigured: LOG_LEVEL must be one of" in result.stderr
    assert "'loud'" in result.stderr


def test_gunicorns_json_log_config_defines_every_handler_it_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """gunicorn merges logconfig_dict over its defaults by top-level key (dict.update)."""
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "error")
    conf = runpy.run_path(str(GUNICORN_CONF))
    merged = {**CONFIG_DEFAULTS, **conf["logconfig_dict"]}

    named = set(merged["root"]["handlers"])
    for logger in merged["loggers"].values():
        named |= set(logger["handlers"])
    assert named <= set(merged["handlers"])
    assert merged["root"]["level"] == merged["loggers"]["gunicorn.error"]["level"] == "ERROR"
    assert conf["loglevel"] == "error"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _first_answer(port: int, server: subprocess.Popen[str], deadline: float) -> bytes:
    """The raw answer to one request, once a worker has booted; b"" if none came in time."""
    request = b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                connection.sendall(request)
                answer = connection.recv(200)
                if answer:
                    return answer
        except OSError:
            pass
        time.sleep(0.3)
    return b""


def test_gunicorn_with_json_logs_and_a_lower_case_level_writes_only_json_lines(
    tmp_path: Path,
) -> None:
    port = _free_port()
    environment = _environment(
        tmp_path,
        LOG_FORMAT="json",
        LOG_LEVEL="info",
        PORT=str(port),
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="1",
    )
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", str(GUNICORN_CONF)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        answer = _first_answer(port, server, time.monotonic() + 90)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)

    # No TLS proxy in front: the site redirects to https, without touching the database.
    assert answer.startswith(b"HTTP/1.1 301"), output[-3000:]
    assert "Unable to configure" not in output
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    loggers = {line["logger"] for line in lines}
    assert {"gunicorn.error", "sprakvan.request", "py.warnings"} <= loggers
    [request] = [line for line in lines if line["logger"] == "sprakvan.request"]
    assert request["status"] == 301
