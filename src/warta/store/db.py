"""Opening a warta store: one SQLite file in WAL mode, with versioned migrations.

Migrations are the numbered ``migrations/NNNN_name.sql`` files shipped with the package; the
database's ``PRAGMA user_version`` says how many have run. Each migration runs in its own
transaction, so a store is never left half-migrated. A store written by a newer warta (a higher
version than this warta knows) is refused rather than guessed at.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path

from warta.store.search import refresh_stem_index, register_functions

log = logging.getLogger(__name__)

#: Seconds a writer waits for another writer's lock before giving up.
BUSY_TIMEOUT_S = 10.0
#: The schema version that added the stem index (``articles_stem``) and ``store_meta``.
_STEM_INDEX_VERSION = 4


class StoreError(Exception):
    """The store cannot be used: locked, corrupt, not a warta store, or newer than this warta."""


@cache
def migrations() -> tuple[tuple[int, str, str], ...]:
    """The shipped migrations as ``(version, name, sql)``, in order."""
    found = []
    for entry in resources.files("warta.store").joinpath("migrations").iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"warta's migrations are not numbered 1..n: {[v for v, _, _ in found]}")
    return tuple(found)


def schema_version() -> int:
    """The schema version this warta writes (the number of shipped migrations)."""
    return len(migrations())


def describe_error(path: str | Path, exc: sqlite3.Error) -> str:
    """A message for a SQLite error that names the file and says what to do."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (f"{path}: the database is locked by another process (waited {BUSY_TIMEOUT_S:.0f} s); "
                "wait for the other ingest to finish and try again")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path}: not a warta store or corrupt ({text}); restore it from a backup or use another --db"
    if "disk is full" in text or "disk I/O" in text:
        return f"{path}: cannot write ({text}); the last completed batch is kept"
    if "readonly" in text or "unable to open" in text:
        return f"{path}: cannot open the database ({text})"
    return f"{path}: {text}"


def connect(path: str | Path, *, readonly: bool = False, migrate: bool = True) -> sqlite3.Connection:
    """Open (and, unless ``readonly``, create and migrate) the store at ``path``.

    Raises :class:`StoreError` with a message naming the file when it is locked, corrupt, not
    a warta store or from a newer warta; a read-only open of a missing file is an error too.
    """
    path = Path(path)
    try:
        if readonly:
            if not path.is_file():
                raise StoreError(f"{path}: no such database; create one with `warta ingest --db {path} ...`")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        else:
            if path.parent and not path.parent.is_dir():
                raise StoreError(f"{path}: directory {path.parent} does not exist")
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.row_factory = sqlite3.Row
        register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                _migrate(conn, path, version)
                if conn.execute("PRAGMA user_version").fetchone()[0] >= _STEM_INDEX_VERSION and refresh_stem_index(conn):
                    log.info("%s: the stem index was rebuilt for a changed affix stripper", path)
        elif version == 0:
            raise StoreError(f"{path}: not a warta store (schema version 0)")
        _check_version(path, conn.execute("PRAGMA user_version").fetchone()[0])
        return conn
    except sqlite3.Error as exc:
        raise StoreError(describe_error(path, exc)) from exc


def _check_version(path: Path, version: int) -> None:
    if version > schema_version():
        raise StoreError(f"{path}: store schema version {version} is newer than this warta's "
                         f"({schema_version()}); upgrade warta")


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    _check_version(path, version)
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables:
            raise StoreError(f"{path}: an SQLite database that is not a warta store ({tables} tables); "
                             "use another --db")
    for number, name, sql in migrations()[version:]:
        log.info("%s: migrating to schema version %d (%s)", path, number, name)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``CREATE TRIGGER ... END;`` kept whole)."""
    statements, current = [], []
    for line in sql.splitlines():
        if line.lstrip().startswith("--") and not current:
            continue
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            statements.append("\n".join(current).strip())
            current = []
    if "\n".join(current).strip():
        raise StoreError("a migration ends with an incomplete statement")
    return statements
