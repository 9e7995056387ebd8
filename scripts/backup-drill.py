"""The backup drill: `make backup-drill` (CI runs it on SQLite and PostgreSQL; docs/backup.md).

On the engine of DATABASE_URL (for PostgreSQL, a connection that may create databases): loads
the demo into a scratch database, backs it up encrypted with a new BACKUP_KEY, restores it into
a second, empty scratch database, runs `migrate --check` there and compares every table's row
count and a sha256 over the ordered rows of the participant, pair and attendance tables.
Prints the backup's size and the backup and restore times (the RTO evidence), drops the
scratch databases and exits 1 on any difference.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import environ  # noqa: E402
from cryptography.fernet import Fernet  # noqa: E402
from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402

from sprakvan.core.backup import pg_connect  # noqa: E402

# The tables whose content is checked row by row, not only counted.
# The named-attendance counts too: a restore that replayed the attendance rows through the
# counting triggers would double them (pg_restore creates triggers after loading the data).
CHECKSUMMED = [
    ("participants", "Participant"),
    ("matching", "Pair"),
    ("activities", "Attendance"),
    ("activities", "NamedCount"),
]


# The demo in one process: migrate and load_demo would each pay Django's start-up again.
LOAD_DEMO = (
    "import django; django.setup()\n"
    "from django.core.management import call_command\n"
    "call_command('migrate', interactive=False, skip_checks=True, verbosity=0)\n"
    "call_command('load_demo', verbosity=0)\n"
)


def run(command: list[str], *, url: str, key: str = "") -> tuple[float, str | None]:
    """Run `command` in the project against `url`: the seconds it took, and its output if it failed."""
    environment = {**os.environ, "DATABASE_URL": url, "BACKUP_KEY": key}
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py, a list of arguments)
        command,
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    return elapsed, None if result.returncode == 0 else result.stdout[-3000:]


def manage(*arguments: str, url: str, key: str = "") -> float:
    """manage.py against `url` without the system checks (make lint's job); stops on failure."""
    elapsed, failure = run([PYTHON, "manage.py", *arguments, "--skip-checks"], url=url, key=key)
    if failure is not None:
        sys.exit(f"drill: manage.py {' '.join(arguments)} failed:\n{failure}")
    return elapsed


def check_migrations(*, target: str, source: str) -> None:
    """`migrate --check` on the restored database; on failure, say whether the source is behind too.

    The source is behind too when a migration was added to the checkout while the drill ran
    (the backup then holds the schema from before it): a change under the drill, not a restore
    that lost anything.
    """
    _, failure = run([PYTHON, "manage.py", "migrate", "--check", "--skip-checks"], url=target)
    if failure is None:
        return
    _, source_failure = run(
        [PYTHON, "manage.py", "migrate", "--check", "--skip-checks"], url=source
    )
    cause = (
        "the source database is behind too: a migration was added while the drill ran; run it again"
        if source_failure is not None
        else "the source database is up to date, so the restore lost applied migrations"
    )
    sys.exit(f"drill: migrate --check failed on the restored database ({cause}):\n{failure}")


@contextmanager
def scratch_databases(admin_url: str) -> Iterator[tuple[str, str]]:
    """Two new empty databases (source, target) of the admin URL's engine, dropped afterwards."""
    config = environ.Env.db_url_config(admin_url)
    if "sqlite3" in config["ENGINE"]:
        with tempfile.TemporaryDirectory(prefix="sv-drill-") as folder:
            yield f"sqlite:///{folder}/source.sqlite3", f"sqlite:///{folder}/restored.sqlite3"
        return
    names = [f"sv_drill_{os.getpid()}", f"sv_drill_{os.getpid()}_restored"]
    base = admin_url.rsplit("/", 1)[0]
    with connect(admin_url) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with connect(admin_url) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def connect(url: str) -> Any:
    """A DB-API connection to `url` (sqlite3 or psycopg, autocommit)."""
    config = environ.Env.db_url_config(url)
    if "sqlite3" in config["ENGINE"]:
        return sqlite3.connect(config["NAME"])
    return pg_connect(config, autocommit=True)


# The triggers a restore must bring back: the named-attendance counts' on both engines, the
# audit log's insert-only guard on PostgreSQL.
TRIGGERS = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger'",
    "postgresql": "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal",
}


def inventory(url: str) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Every table's row count, the checksums of the CHECKSUMMED tables, the triggers."""
    tables = sorted(model._meta.db_table for model in apps.get_models(include_auto_created=True))
    checked = [apps.get_model(app, model)._meta.db_table for app, model in CHECKSUMMED]
    counts: dict[str, int] = {}
    sums: dict[str, str] = {}
    connection = connect(url)
    try:
        cursor = connection.cursor()
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (our table names)
            counts[table] = cursor.fetchone()[0]
        for table in checked:
            digest = hashlib.sha256()
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608
            for row in cursor.fetchall():
                digest.update(repr(tuple(row)).encode())
            sums[table] = digest.hexdigest()
        cursor.execute(TRIGGERS["sqlite" if url.startswith("sqlite") else "postgresql"])
        triggers = sorted(row[0] for row in cursor.fetchall())
    finally:
        connection.close()
    return counts, sums, triggers


def main() -> int:
    started = time.perf_counter()
    admin_url = os.environ.get("DATABASE_URL") or settings.DATABASE_URL
    engine = "sqlite" if admin_url.startswith("sqlite") else "postgresql"
    key = Fernet.generate_key().decode()
    with (
        scratch_databases(admin_url) as (source, target),
        tempfile.TemporaryDirectory() as folder,
    ):
        file = Path(folder) / "drill.sprakvan"
        print(f"drill ({engine}): loading the demo into a scratch database")
        demo_seconds, failure = run([PYTHON, "-c", LOAD_DEMO], url=source)
        if failure is not None:
            sys.exit(f"drill: migrate and load_demo failed:\n{failure}")
        print(f"drill ({engine}): migrate and load_demo in {demo_seconds:.1f} s")
        backup_seconds = manage("backup", "--output", str(file), url=source, key=key)
        restore_seconds = manage("restore", str(file), url=target, key=key)
        check_migrations(target=target, source=source)
        before, after = inventory(source), inventory(target)
        size = file.stat().st_size
    differences = [
        f"{table}: {before[0][table]} rows before, {after[0].get(table)} after"
        for table in before[0]
        if before[0][table] != after[0].get(table)
    ] + [f"{table}: checksum differs" for table in before[1] if before[1][table] != after[1][table]]
    if before[2] != after[2] or not before[2]:
        differences.append(f"triggers: {before[2]} before, {after[2]} after")
    rows = sum(before[0].values())
    print(f"drill ({engine}): {len(before[0])} tables, {rows} rows; checksums of {list(before[1])}")
    print(f"drill ({engine}): triggers {', '.join(before[2])}")
    print(
        f"drill ({engine}): backup {size / 1_000_000:.2f} MB (encrypted) in {backup_seconds:.1f} s"
    )
    print(f"drill ({engine}): restore in {restore_seconds:.1f} s, migrate --check passed")
    took = time.perf_counter() - started
    if differences:
        print("drill: FAILED, the restored database differs:\n  " + "\n  ".join(differences))
        return 1
    print(f"drill ({engine}): passed in {took:.0f} s, every count, checksum and trigger equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
