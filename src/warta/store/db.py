"""Opening a warta store: one SQLite file in WAL mode, with versioned migrations.

Migrations are the numbered ``migrations/NNNN_name.sql`` files shipped with the package; the
database's ``PRAGMA user_version`` says how many have run. Each migration runs in its own
transaction, so a store is never left half-migrated. A store written by a newer warta (a higher
version than this warta knows) is refused rather than guessed at.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path

from warta.store.search import refresh_stem_index, register_functions

log = logging.getLogger(__name__)

#: Seconds a writer waits for another writer's lock before giving up.
BUSY_TIMEOUT_S = 10.0
#: Page cache of a writing connection (MiB; SQLite's default is 2): a write touches pages of some
#: twenty indexes, which at 100,000 articles no longer fit in 2 MiB (read-only connections, many in
#: a server, keep the default).
WRITE_CACHE_MIB = 128
#: Temporary files of a writing connection stay in memory (``PRAGMA temp_store = MEMORY``): a save
#: runs statements whose triggers rewrite pages already changed in its transaction (the full-text
#: indexes of an article, the aggregates), and SQLite keeps the statement journal of each (the old
#: pages, to undo the statement alone) in a temporary file once it passes 64 KiB. At 100,000
#: articles that was some 750 writes to a deleted file per saved article, a quarter of the saving
#: process's CPU time in system calls; in memory it costs a copy (a few hundred KiB a statement).
WRITE_TEMP_STORE = "MEMORY"
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
    if "disk is full" in text or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
        return f"disk full while writing {path} ({text}); the last completed batch is kept, nothing half-written"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path}: not a warta store or corrupt ({text}); restore it from a backup or use another --db"
    if "disk I/O" in text:
        return f"{path}: cannot write ({text}); the last completed batch is kept"
    if "readonly" in text or "unable to open" in text:
        return f"{path}: cannot open the database ({text})"
    return f"{path}: {text}"


def writable(path: Path) -> bool:
    """Whether ``path`` and its directory can be written (a read-only mount or ``chmod 444`` cannot)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _readonly_uri(path: Path) -> str:
    """The URI for reading ``path``: plain read-only, or ``immutable`` when neither the file nor its
    directory can be written, so SQLite needs no ``-wal``/``-shm`` side files (it cannot create them)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if writable(path):
        return uri
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:  # its changes are only read through the -shm index
        if not path.with_name(path.name + "-shm").is_file():
            raise StoreError(f"{path}: read-only, with changes in {wal.name} that cannot be read without "
                             f"{path.name}-shm; open it once where it can be written (or copy it elsewhere)")
        return uri
    return uri + "&immutable=1"


def quick_check(conn: sqlite3.Connection, path: str | Path) -> None:
    """``PRAGMA quick_check``; raises :class:`StoreError` naming the file when the store is damaged."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)").fetchall()]
    if problems != ["ok"]:
        lines = [ln.strip()[:200] for p in problems for ln in str(p).splitlines() if ln.strip() and "***" not in ln]
        raise StoreError(f"{path}: the store is damaged ({'; '.join(lines[:3])}); "
                         "restore it from a backup or use another --db")


def connect(path: str | Path, *, readonly: bool = False, migrate: bool = True,
            check: bool | None = None) -> sqlite3.Connection:
    """Open (and, unless ``readonly``, create and migrate) the store at ``path``.

    ``check`` runs ``PRAGMA quick_check`` first (default: on writable opens, which are few and
    long-lived; it reads every page, so a read-only open per request skips it). A store that
    cannot be written (read-only mount, ``chmod 444``) is read without side files. Raises
    :class:`StoreError` with a message naming the file when it is locked, damaged, read-only
    (for writing), not a warta store or from a newer warta; a read-only open of a missing file is
    an error too.
    """
    path = Path(path)
    check = not readonly if check is None else check
    conn = None
    try:
        if readonly:
            if not path.is_file():
                raise StoreError(f"{path}: no such database; create one with `warta ingest --db {path} ...`")
            conn = sqlite3.connect(_readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        else:
            if path.parent and not path.parent.is_dir():
                raise StoreError(f"{path}: directory {path.parent} does not exist")
            if path.exists() and not writable(path):
                raise StoreError(f"{path}: read-only (the file or its directory cannot be written); it can "
                                 "still be read (search, events, export, serve); write to another --db")
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.row_factory = sqlite3.Row
        register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if check:
            quick_check(conn, path)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{WRITE_CACHE_MIB * 1024}")
            conn.execute(f"PRAGMA temp_store = {WRITE_TEMP_STORE}")
            if migrate:
                _migrate(conn, path, version)
                if conn.execute("PRAGMA user_version").fetchone()[0] >= _STEM_INDEX_VERSION and refresh_stem_index(conn):
                    log.info("%s: the stem index was rebuilt for a changed affix stripper", path)
        elif version == 0:
            raise StoreError(f"{path}: not a warta store (schema version 0)")
        _check_version(path, conn.execute("PRAGMA user_version").fetchone()[0])
        return conn
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(describe_error(path, exc)) from exc
        raise


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
            if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
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
