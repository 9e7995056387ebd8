"""CPU time of `manage.py check` against an empty Django project's, as a ratio (issue 17).

Every manage.py process (cron jobs, the task worker, each deploy step) pays the import of the
URL map. The yardstick is an empty `django-admin startproject` whose settings import the
third-party libraries our URL map truly needs (django-ninja, allauth with MFA, axes,
phonenumbers, whitenoise, environ) and the third-party and contrib apps we
install (the database task queue, humanize, forms): everything beyond that is ours to avoid.
The commands run in turns, one round after another, so that a host whose speed drifts weighs on
all of them alike. Printed: each command's median and best CPU time with their ratios to the
yardstick's, and the spread of the rounds' own ratios (a shared host varies by a third or more
from one run to the next; the best time is the one least disturbed by other tenants).

    .venv/bin/python bench/startup.py [--runs 15] [--before OTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YARDSTICK = "empty project + needed libraries"
NEEDED = [
    "ninja",
    "allauth.account.views",
    "allauth.mfa.base.views",
    "axes.handlers.database",
    "phonenumber_field.modelfields",
    "whitenoise.middleware",
    "environ",
    "django_htmx.middleware",
]

APPS = """
INSTALLED_APPS += ["django.contrib.humanize", "django.forms", "allauth", "allauth.account",
                   "allauth.mfa", "axes", "phonenumber_field", "django_htmx", "django_tasks_db",
                   "ninja"]
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware"]
"""


def cpu_seconds(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """User + system CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def empty_project(where: Path, *, with_libraries: bool) -> Path:
    where.mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "startproject", "empty", str(where)],
        check=True,
        capture_output=True,
    )
    if with_libraries:
        settings = where / "empty" / "settings.py"
        settings.write_text(settings.read_text() + APPS)
        # In the URL map, where ours imports them: allauth's views need the apps loaded.
        urls = where / "empty" / "urls.py"
        imports = "".join(f"import {name}  # noqa\n" for name in NEEDED)
        urls.write_text(urls.read_text() + "\n" + imports)
    return where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--before", type=Path, help="another checkout (git archive HEAD) to measure alongside"
    )
    args = parser.parse_args()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    check = [sys.executable, "manage.py", "check"]
    propose = [sys.executable, "manage.py", "propose_pairs", "--help"]
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "empty project": (check, empty_project(Path(tmp) / "bare", with_libraries=False)),
            YARDSTICK: (check, empty_project(Path(tmp) / "libs", with_libraries=True)),
            "sprakvan check": (check, ROOT),
            "sprakvan propose_pairs --help": (propose, ROOT),
        }
        if args.before:
            commands["before: sprakvan check"] = (check, args.before)
            commands["before: propose_pairs --help"] = (propose, args.before)
        for command, cwd in commands.values():
            cpu_seconds(command, cwd, env)  # warm the .pyc files and the page cache
        rounds = [
            {name: cpu_seconds(command, cwd, env) for name, (command, cwd) in commands.items()}
            for _ in range(args.runs)
        ]
    median = {name: statistics.median(r[name] for r in rounds) for name in commands}
    best = {name: min(r[name] for r in rounds) for name in commands}
    print(f"{'':<36} {'median of ' + str(args.runs):>17} {'best':>15}   per round")
    for name in commands:
        ratios = sorted(r[name] / r[YARDSTICK] for r in rounds)
        print(
            f"{name:<36} {median[name]:5.2f} s {median[name] / median[YARDSTICK]:5.2f}×"
            f"  {best[name]:5.2f} s {best[name] / best[YARDSTICK]:5.2f}×"
            f"  {ratios[0]:.2f}–{ratios[-1]:.2f}× (median {statistics.median(ratios):.2f}×)"
        )


if __name__ == "__main__":
    main()
