"""The files in deploy/ agree with each other."""

import re
import runpy
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def test_the_proxy_closes_idle_connections_before_gunicorn_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A connection gunicorn closes as nginx sends on it loses that request (a tick, say)."""
    monkeypatch.delenv("GUNICORN_KEEPALIVE", raising=False)
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    upstream = re.search(r"upstream sprakvan \{(.*?)\}", nginx, re.S)
    assert upstream is not None
    proxy_idle = re.search(r"^\s*keepalive_timeout (\d+)s;", upstream.group(1), re.M)
    assert proxy_idle is not None, "nginx's upstream block must state its keepalive_timeout"
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["keepalive"] > int(proxy_idle.group(1))
