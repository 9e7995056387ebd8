"""The matching engine is pure numpy/scipy: importing any of its modules loads no Django.

Each import runs in a fresh interpreter, because the test process itself has Django loaded.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ENGINE = ROOT / "sprakvan" / "matching" / "engine"
ENGINE_MODULES = ["sprakvan.matching.engine"] + [
    f"sprakvan.matching.engine.{info.name}" for info in pkgutil.iter_modules([str(ENGINE)])
]


def django_modules_loaded_by(*modules: str) -> list[str]:
    """The django modules in `sys.modules` after importing `modules` in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for module in {list(modules)!r}:\n"
        "    importlib.import_module(module)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'django')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_the_check_covers_the_interface_and_every_engine_module() -> None:
    # Found from the files, so a module added to the package later is checked as well.
    assert {
        "sprakvan.matching.engine",
        "sprakvan.matching.engine.assignment",
        "sprakvan.matching.engine.market",
        "sprakvan.matching.engine.scoring",
    } <= set(ENGINE_MODULES)


def test_importing_the_engine_and_all_its_modules_loads_no_django() -> None:
    # One interpreter is enough: importing any submodule runs the package's __init__ first.
    assert django_modules_loaded_by(*ENGINE_MODULES) == []


def test_the_purity_check_sees_django_where_the_words_are_made() -> None:
    # explain.py turns the engine's reason codes into words with Django's translations: the
    # check above must be able to notice that, or its empty list would prove nothing.
    assert "django.utils.translation" in django_modules_loaded_by("sprakvan.matching.explain")
