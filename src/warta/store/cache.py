"""Read results kept until the store changes: aggregates and counts keyed on the store's version.

Every write bumps ``store_version.version`` (migration 0006: triggers on articles, runs and
store_meta, in the writing transaction), whoever writes: this process, ``warta ingest`` in another
one, the API's ingest door. :func:`cached` reads the version and computes a result in one read
transaction, so a result is stored under exactly the version whose rows it was computed from; a
write anywhere makes the next read see a new version and compute afresh. Keys also hold the
database file (path, device, inode) and the store's random ``store_id``, so a store made anew at
the same path, or a copy elsewhere, never answers from another store's results.

Results are shared between callers and threads: treat them as read-only (copy before changing).
Threads asking for the same missing result wait for the one computing it instead of computing it
twenty times. Stores without ``store_version`` (opened read-only before migrating) are not cached.
Set ``WARTA_READ_CACHE=0`` to turn the cache off (every read computed, as before).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Results kept at most (least recently used go first); one per page and filter in practice.
MAX_ENTRIES = 512

_lock = threading.Lock()
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_computing: dict[Hashable, threading.Lock] = {}
_latest: dict[tuple[Any, ...], int] = {}  # store identity -> the newest version seen
_local = threading.local()  # connection id -> the version of its open cached read
_stats = {"hits": 0, "misses": 0, "uncached": 0}


def enabled() -> bool:
    """Whether results are cached (``WARTA_READ_CACHE`` is not ``0``)."""
    return os.environ.get("WARTA_READ_CACHE", "1") != "0"


def store_identity(conn: sqlite3.Connection) -> tuple[Any, ...] | None:
    """The main database file of a connection as (path, device, inode), or None for an in-memory one."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_dev, st.st_ino)


def store_version(conn: sqlite3.Connection) -> tuple[Any, ...] | None:
    """``(path, device, inode, store_id, version)`` as this connection sees it now, or None
    when the store has no version (an in-memory or not yet migrated store)."""
    identity = store_identity(conn)
    if identity is None:
        return None
    try:
        row = conn.execute("SELECT store_id, version FROM store_version WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table: a store from before migration 0006
        return None
    return (*identity, row[0], row[1]) if row else None


def bump_version(conn: sqlite3.Connection) -> None:
    """Mark the store changed (a writer's transaction that changed rows no trigger watches)."""
    with contextlib.suppress(sqlite3.OperationalError):  # no store_version: nothing caches this store
        conn.execute("UPDATE store_version SET version = version + 1 WHERE id = 1")


def cached(conn: sqlite3.Connection, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` (which reads through ``conn``), or its result kept from an earlier call
    for the same ``name`` and ``key`` on the same version of the same store.

    ``compute`` runs in a read transaction together with the version check. A connection with
    a transaction of its own open (a writer between its writes) is never cached, since it may
    see rows that are not committed."""
    if not enabled():
        return compute()
    nested = getattr(_local, "versions", {}).get(id(conn))
    if nested is not None:  # inside another cached read on this connection: same snapshot
        return _lookup_or_compute((*nested, name, key), compute)
    if conn.in_transaction:
        _stats["uncached"] += 1
        return compute()
    conn.execute("BEGIN")
    try:
        version = store_version(conn)
        if version is None:
            _stats["uncached"] += 1
            value = compute()
        else:
            _forget_older(version)
            versions = _local.__dict__.setdefault("versions", {})
            versions[id(conn)] = version
            try:
                value = _lookup_or_compute((*version, name, key), compute)
            finally:
                versions.pop(id(conn), None)
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")
    return value


def _lookup_or_compute(full_key: Hashable, compute: Callable[[], T]) -> T:
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            _stats["hits"] += 1
            return _entries[full_key]
        gate = _computing.setdefault(full_key, threading.Lock())
    with gate:  # one computes, the others asking for the same result wait for it
        with _lock:
            if full_key in _entries:
                _stats["hits"] += 1
                return _entries[full_key]
        _stats["misses"] += 1
        try:
            value = compute()
        except BaseException:
            with _lock:
                _computing.pop(full_key, None)
            raise
        with _lock:
            _entries[full_key] = value
            _entries.move_to_end(full_key)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
            _computing.pop(full_key, None)
        return value


def _forget_older(version: tuple[Any, ...]) -> None:
    """Drop the results of older versions of this store once a newer one is seen."""
    identity, number = version[:4], version[4]
    with _lock:
        if _latest.get(identity, -1) >= number:
            return
        _latest[identity] = number
        for key in [k for k in _entries if k[:4] == identity and k[4] < number]:
            del _entries[key]


def clear() -> None:
    """Forget every kept result (tests; a process that wants fresh numbers)."""
    with _lock:
        _entries.clear()
        _latest.clear()


def stats() -> dict[str, int]:
    """Hits, misses, reads not cached and results kept, since the process started."""
    with _lock:
        return {**_stats, "entries": len(_entries)}
