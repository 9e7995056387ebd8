"""Backups restore: a round trip on the test database's engine, and every refusal."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from sprakvan.core.backup import (
    BackupError,
    DatabaseSettings,
    backup,
    engine_of,
    pg_connect,
    restore,
)

ROWS = [(1, "Vi ses", "vi-ses"), (2, "Språkcafé Skäggetorp", "skaggetorp"), (3, "عربي", "ar")]
Scratch = Callable[[], DatabaseSettings]


def _postgres_connect(database: DatabaseSettings) -> Any:
    return pg_connect(database, autocommit=True)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Scratch]:
    """Makes new empty databases of the test database's engine; drops them afterwards."""
    base = dict(connection.settings_dict)
    made: list[str] = []

    def make() -> DatabaseSettings:
        name = f"sv_backup_test_{os.getpid()}_{len(made)}"
        made.append(name)
        if engine_of(base) == "sqlite":
            return {**base, "NAME": str(tmp_path / f"{name}.sqlite3")}
        with _postgres_connect({**base, "NAME": "postgres"}) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return {**base, "NAME": name}

    yield make
    if engine_of(base) == "postgresql":
        with _postgres_connect({**base, "NAME": "postgres"}) as admin:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _execute(database: DatabaseSettings, *statements: str, rows: list[Any] = ROWS) -> list[Any]:
    """Run statements on the database; the last one's rows come back."""
    if engine_of(database) == "sqlite":
        with sqlite3.connect(database["NAME"]) as db:
            result = []
            for statement in statements:
                if "?" in statement:
                    db.executemany(statement, rows)
                else:
                    result = db.execute(statement).fetchall()
            return result
    with _postgres_connect(database) as db, db.cursor() as cursor:
        result = []
        for statement in statements:
            if "?" in statement:
                cursor.executemany(statement.replace("?", "%s"), rows)
            else:
                cursor.execute(statement)
                result = cursor.fetchall() if cursor.description else []
        return [tuple(row) for row in result]


def _filled(scratch: Scratch) -> DatabaseSettings:
    """A database with a few rows in one of our tables (core_programme's name, a small shape)."""
    database = scratch()
    _execute(
        database,
        "CREATE TABLE core_programme (id integer PRIMARY KEY, name text, slug text)",
        "INSERT INTO core_programme VALUES (?, ?, ?)",
    )
    return database


def _rows(database: DatabaseSettings) -> list[Any]:
    return _execute(database, "SELECT id, name, slug FROM core_programme ORDER BY id")


@pytest.mark.parametrize("key", [Fernet.generate_key().decode(), ""], ids=["encrypted", "plain"])
def test_a_backup_restores_into_an_empty_database_with_the_same_rows(
    scratch: Scratch, tmp_path: Path, key: str
) -> None:
    source = _filled(scratch)
    file = tmp_path / "backup.sprakvan"
    backup(source, file, key=key)
    target = scratch()
    restore(file, target, key=key)
    assert _rows(target) == ROWS
    header, body = file.read_bytes().split(b"\n", 1)
    assert header.endswith(b"fernet" if key else b"plain")
    assert body.startswith((b"SQLite format 3", b"PGDMP")) is (not key)


def test_restore_refuses_a_database_with_rows(scratch: Scratch, tmp_path: Path) -> None:
    source = _filled(scratch)
    file = tmp_path / "backup.sprakvan"
    backup(source, file, key="")
    with pytest.raises(BackupError, match=r"is not empty .*core_programme"):
        restore(file, source, key="")


def test_restore_refuses_a_backup_of_the_other_engine(scratch: Scratch, tmp_path: Path) -> None:
    target = scratch()
    other = "postgresql" if engine_of(target) == "sqlite" else "sqlite"
    file = tmp_path / "backup.sprakvan"
    file.write_bytes(f"SPRAKVAN-BACKUP 1 {other} plain\n".encode() + b"dump")
    with pytest.raises(BackupError, match=f"backup of a {other} database"):
        restore(file, target, key="")


def test_restore_with_a_wrong_key_says_so_and_restores_nothing(
    scratch: Scratch, tmp_path: Path
) -> None:
    file = tmp_path / "backup.sprakvan"
    backup(_filled(scratch), file, key=Fernet.generate_key().decode())
    target = scratch()
    with pytest.raises(BackupError, match="BACKUP_KEY does not open this backup"):
        restore(file, target, key=Fernet.generate_key().decode())
    with pytest.raises(BackupError, match="set BACKUP_KEY"):
        restore(file, target, key="")
    with pytest.raises(Exception, match="core_programme"):
        _rows(target)


def _url(database: DatabaseSettings) -> str:
    if engine_of(database) == "sqlite":
        return f"sqlite:///{database['NAME']}"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return (
        f"postgres://{database.get('USER') or ''}{password}@{database.get('HOST') or ''}"
        f":{database.get('PORT') or 5432}/{database['NAME']}"
    )


def test_restore_without_a_terminal_asks_nothing(scratch: Scratch, tmp_path: Path) -> None:
    file = tmp_path / "backup.sprakvan"
    backup(_filled(scratch), file, key="")
    target = scratch()
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(file)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _url(target), "BACKUP_KEY": ""},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "[y/N]" not in result.stdout
    assert _rows(target) == ROWS


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_restore_in_a_terminal_asks_and_a_no_restores_nothing(
    scratch: Scratch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "backup.sprakvan"
    backup(_filled(scratch), file, key="")
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(file))


def test_a_restored_postgresql_database_has_its_planner_statistics(
    scratch: Scratch, tmp_path: Path
) -> None:
    if engine_of(connection.settings_dict) != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's (SQLite's ANALYZE is not needed here)")
    source = _filled(scratch)
    file = tmp_path / "backup.sprakvan"
    backup(source, file, key="")
    target = scratch()

    restore(file, target, key="")

    analyzed = (
        "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'core_programme'"
    )
    assert _execute(target, analyzed) == [(True,)]
