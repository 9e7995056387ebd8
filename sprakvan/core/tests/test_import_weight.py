"""Loading the URL map must not import the heavy libraries (issue 17): every manage.py process
imports it, and matplotlib, scipy, openpyxl, weasyprint and holidays cost seconds there, numpy,
httpx and icalendar a tenth of one each. They are imported inside the functions that draw,
solve, write, convert, send or serve a feed (bench/startup.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HEAVY = (
    "matplotlib",
    "scipy",
    "openpyxl",
    "weasyprint",
    "holidays",
    "numpy",
    "httpx",
    "icalendar",
)
PROBE = """
import json, sys
import django
django.setup()
import config.urls
from django.urls import get_resolver
get_resolver().url_patterns  # the whole map, every app's urls and views
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_url_map_does_not_import_heavy_libraries() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "sprakvan" in loaded  # the probe really loaded our code
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_a_manage_py_process_collects_again_with_its_start_up_frozen() -> None:
    # manage.py turns the collector off while the apps load; core's ready() must freeze what
    # they made and turn it on again, or a long-running command (the worker) would never collect.
    code = "import gc; print(gc.isenabled(), gc.get_freeze_count())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    enabled, frozen = done.stdout.strip().splitlines()[-1].split()
    assert enabled == "True"
    assert int(frozen) > 50_000  # the apps' models, forms and modules, not a handful
