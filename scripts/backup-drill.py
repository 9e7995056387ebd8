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

# The tables whose content is checked row by row, not only counted.
CHECKSUMMED = [("participants", "Participant"), ("matching", "Pair"), ("activities", "Attendance")]


def manage(*arguments: str, url: str, key: str = "") -> float:
    """Run manage.py against `url`; the seconds it took. Stops the drill if it fails."""
    environment = {**os.environ, "DATABASE_URL": url, "BACKUP_KEY": key}
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own manage.py, a list of arguments)
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(
            f"drill: manage.py {' '.join(arguments)} failed:\n{(result.stdout + result.stderr)[-3000:]}"
        )
    return elapsed


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
    import psycopg

    return psycopg.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def inventory(url: str) -> tuple[dict[str, int], dict[str, str]]:
    """Every table's row count, and the checksums of the CHECKSUMMED tables."""
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
    finally:
        connection.close()
    return counts, sums


def main() -> int:
    admin_url = os.environ.get("DATABASE_URL") or settings.DATABASE_URL
    engine = "sqlite" if admin_url.startswith("sqlite") else "postgresql"
    key = Fernet.generate_key().decode()
    with (
        scratch_databases(admin_url) as (source, target),
        tempfile.TemporaryDirectory() as folder,
    ):
        file = Path(folder) / "drill.sprakvan"
        print(f"drill ({engine}): loading the demo into a scratch database")
        manage("migrate", "--no-input", url=source)
        manage("load_demo", url=source)
        backup_seconds = manage("backup", "--output", str(file), url=source, key=key)
        restore_seconds = manage("restore", str(file), url=target, key=key)
        manage("migrate", "--check", url=target)
        before, after = inventory(source), inventory(target)
        size = file.stat().st_size
    differences = [
        f"{table}: {before[0][table]} rows before, {after[0].get(table)} after"
        for table in before[0]
        if before[0][table] != after[0].get(table)
    ] + [f"{table}: checksum differs" for table in before[1] if before[1][table] != after[1][table]]
    rows = sum(before[0].values())
    print(f"drill ({engine}): {len(before[0])} tables, {rows} rows; checksums of {list(before[1])}")
    print(
        f"drill ({engine}): backup {size / 1_000_000:.2f} MB (encrypted) in {backup_seconds:.1f} s"
    )
    print(f"drill ({engine}): restore in {restore_seconds:.1f} s, migrate --check passed")
    if differences:
        print("drill: FAILED, the restored database differs:\n  " + "\n  ".join(differences))
        return 1
    print(f"drill ({engine}): passed, every count and checksum equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
