"""Backups that restore: the database written to one file, encrypted when BACKUP_KEY is set.

A backup file is a header line, `SPRAKVAN-BACKUP 1 <engine> <plain|fernet>\\n`, then the
engine's own dump: SQLite's online backup (never a file copy, which can catch a write half
done) or PostgreSQL's `pg_dump -Fc`. Encrypted, the dump is cut into chunks of CHUNK bytes,
each a Fernet token behind its 4-byte length, so a big database never sits whole in memory.
Restore goes only into an empty database of the same engine. See docs/backup.md.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps

MAGIC = b"SPRAKVAN-BACKUP"
VERSION = b"1"
CHUNK = 4 * 1024 * 1024
LENGTH = struct.Struct(">I")

DatabaseSettings = dict[str, Any]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def engine_of(database: DatabaseSettings) -> str:
    engine = str(database["ENGINE"])
    if "sqlite3" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups know SQLite and PostgreSQL, not {engine}.")


def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key.encode())
    except ValueError as error:
        raise BackupError(
            "BACKUP_KEY is not a Fernet key (make one as docs/backup.md says)."
        ) from error


def _write(chunks: Iterable[bytes], output: IO[bytes], *, engine: str, key: str) -> None:
    kind = b"fernet" if key else b"plain"
    output.write(b" ".join([MAGIC, VERSION, engine.encode(), kind]) + b"\n")
    fernet = _fernet(key) if key else None
    for chunk in chunks:
        if fernet is None:
            output.write(chunk)
        else:
            token = fernet.encrypt(chunk)
            output.write(LENGTH.pack(len(token)) + token)


def _read_header(source: IO[bytes]) -> tuple[str, bool]:
    """The engine of the backup and whether it is encrypted."""
    parts = source.readline(200).split()
    if len(parts) != 4 or parts[0] != MAGIC or parts[3] not in (b"plain", b"fernet"):
        raise BackupError("This file is not a Språkvän backup.")
    if parts[1] != VERSION:
        raise BackupError(f"This backup has format {parts[1].decode()}, this version reads 1.")
    return parts[2].decode(), parts[3] == b"fernet"


def _read(source: IO[bytes], *, encrypted: bool, key: str) -> Iterator[bytes]:
    """The dump's bytes in chunks, decrypted."""
    if not encrypted:
        while chunk := source.read(CHUNK):
            yield chunk
        return
    if not key:
        raise BackupError("This backup is encrypted: set BACKUP_KEY to the key that made it.")
    fernet = _fernet(key)
    while prefix := source.read(LENGTH.size):
        (size,) = LENGTH.unpack(prefix)
        try:
            yield fernet.decrypt(source.read(size))
        except InvalidToken as error:
            raise BackupError(
                "BACKUP_KEY does not open this backup (a wrong key, or the file is damaged)."
            ) from error


def describe(path: Path) -> tuple[str, bool]:
    """The engine of the backup at `path` and whether it is encrypted."""
    with path.open("rb") as source:
        return _read_header(source)


def backup(database: DatabaseSettings, output: Path, *, key: str) -> None:
    """Write a backup of `database` to `output` (replaced only once complete)."""
    engine = engine_of(database)
    partial = output.with_name(output.name + ".partial")
    try:
        with partial.open("wb") as out:
            if engine == "sqlite":
                _backup_sqlite(database, out, key=key)
            else:
                _backup_postgresql(database, out, key=key)
        os.chmod(partial, 0o600)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)


def _backup_sqlite(database: DatabaseSettings, out: IO[bytes], *, key: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "copy.sqlite3"
        source = sqlite3.connect(str(database["NAME"]))
        target = sqlite3.connect(str(copy))
        try:
            # The online backup API: a consistent copy while the site keeps writing.
            source.backup(target)
        finally:
            target.close()
            source.close()
        with copy.open("rb") as dump:
            _write(iter(lambda: dump.read(CHUNK), b""), out, engine="sqlite", key=key)


def _pg_arguments(database: DatabaseSettings) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump and pg_restore; the password goes in the environment."""
    arguments = []
    for option, setting in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(setting):
            arguments.append(f"{option}={database[setting]}")
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _backup_postgresql(database: DatabaseSettings, out: IO[bytes], *, key: str) -> None:
    arguments, environment = _pg_arguments(database)
    command = ["pg_dump", "--format=custom", *arguments, f"--dbname={database['NAME']}"]
    # A fixed program and a list of arguments, no shell.
    with subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment
    ) as process:
        dump, stderr = cast(IO[bytes], process.stdout), cast(IO[bytes], process.stderr)
        _write(iter(lambda: dump.read(CHUNK), b""), out, engine="postgresql", key=key)
        errors = stderr.read().decode(errors="replace")
    if process.returncode != 0:
        raise BackupError(f"pg_dump failed: {errors.strip()}")


def our_tables() -> list[str]:
    """The tables of our own apps: a target with rows in any of them is not empty."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("sprakvan.") and model._meta.managed
    )


def _tables_with_rows(cursor: Any, existing: set[str]) -> list[str]:
    full = []
    for table in our_tables():
        if table in existing:
            cursor.execute(f'SELECT 1 FROM "{table}" LIMIT 1')  # noqa: S608 (our table names)
            if cursor.fetchone():
                full.append(table)
    return full


def _refuse_unless_empty(full: list[str], name: str) -> None:
    if full:
        raise BackupError(
            f"The database {name} is not empty ({len(full)} of our tables have rows, e.g. "
            f"{', '.join(full[:3])}): restore only into a new, empty database."
        )


def restore(source_path: Path, database: DatabaseSettings, *, key: str) -> None:
    """Restore the backup at `source_path` into the empty `database` of the same engine."""
    engine = engine_of(database)
    with source_path.open("rb") as source:
        backup_engine, encrypted = _read_header(source)
        if backup_engine != engine:
            raise BackupError(
                f"This is a backup of a {backup_engine} database; DATABASE_URL names a "
                f"{engine} database. Restore it into a {backup_engine} database."
            )
        chunks = _read(source, encrypted=encrypted, key=key)
        if engine == "sqlite":
            _restore_sqlite(chunks, database)
        else:
            _restore_postgresql(chunks, database)


def _restore_sqlite(chunks: Iterator[bytes], database: DatabaseSettings) -> None:
    target_path = Path(str(database["NAME"]))
    if target_path.exists():
        target = sqlite3.connect(str(target_path))
        try:
            existing = {
                row[0]
                for row in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            _refuse_unless_empty(_tables_with_rows(target.cursor(), existing), str(target_path))
        finally:
            target.close()
    with tempfile.TemporaryDirectory(dir=target_path.parent) as scratch:
        copy = Path(scratch) / "restored.sqlite3"
        with copy.open("wb") as out:
            for chunk in chunks:  # decrypting all of it first: a wrong key changes nothing
                out.write(chunk)
        source = sqlite3.connect(str(copy))
        target = sqlite3.connect(str(target_path))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()


def pg_connect(database: DatabaseSettings, *, autocommit: bool = False) -> Any:
    """A psycopg connection to the database of these Django settings."""
    import psycopg

    return psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        autocommit=autocommit,
    )


def _restore_postgresql(chunks: Iterator[bytes], database: DatabaseSettings) -> None:
    arguments, environment = _pg_arguments(database)
    with pg_connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        existing = {row[0] for row in cursor.fetchall()}
        _refuse_unless_empty(_tables_with_rows(cursor, existing), str(database["NAME"]))
    command = [
        "pg_restore",
        "--no-owner",
        "--exit-on-error",
        "--single-transaction",
        *arguments,
        f"--dbname={database['NAME']}",
    ]
    with tempfile.TemporaryFile() as errors:
        with subprocess.Popen(  # noqa: S603 (a fixed program, a list of arguments, no shell)
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=environment,
        ) as process:
            feed = cast(IO[bytes], process.stdin)
            try:
                for chunk in chunks:
                    feed.write(chunk)
            except BrokenPipeError:
                pass  # pg_restore stopped early; its own error says why
            finally:
                feed.close()
        if process.returncode != 0:
            errors.seek(0)
            raise BackupError(f"pg_restore failed: {errors.read().decode(errors='replace')}")
    # A dump holds no planner statistics: without them PostgreSQL guesses a table of 10,000
    # people holds 5 and picks plans a thousand times slower (1 s for the attendance page)
    # until autovacuum gets round to it. Gather them before anyone uses the database.
    with pg_connect(database) as connection:
        connection.execute("ANALYZE")
