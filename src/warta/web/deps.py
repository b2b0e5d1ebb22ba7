"""What the API and the pages share: read-only store connections, reused across requests, and
the event filters parsed from the query string (empty form fields count as absent)."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import HTTPException, Path, Query, Request

from warta.store import EventFilter, QueryError, StoreError, connect

#: SQLite integers are 64-bit signed: a larger id or offset is a 422, not an OverflowError (500).
MAX_ROW_ID = 2**63 - 1
MAX_OFFSET = 10**9
RowId = Annotated[int, Path(ge=0, le=MAX_ROW_ID, description="a row id")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


class ReadPool:
    """Read-only connections to one store file, opened once and lent to one request at a time.

    Opening a connection (registering functions, checking the schema) costs more than many
    queries; a connection lent back is kept for the next request (at most :attr:`keep` idle). A
    file replaced at the same path (another inode) closes the kept connections: the next request
    opens the new file. A connection whose request failed with a database error is closed, not kept.
    """

    def __init__(self, path: str | os.PathLike[str], *, keep: int = 16) -> None:
        self.path, self.keep = FilePath(path), keep
        self._idle: list[sqlite3.Connection] = []
        self._identity: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def _current_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def acquire(self) -> sqlite3.Connection:
        """A connection to the store (kept or new); raises :class:`StoreError` when it cannot be opened."""
        identity = self._current_identity()
        stale: list[sqlite3.Connection] = []
        with self._lock:
            if identity != self._identity:
                stale, self._idle, self._identity = self._idle, [], identity
            conn = self._idle.pop() if self._idle else None
        for old in stale:
            old.close()
        return conn if conn is not None else connect(self.path, readonly=True)

    def release(self, conn: sqlite3.Connection, *, broken: bool = False) -> None:
        """Take a connection back: kept for the next request, or closed (broken, file replaced, enough kept)."""
        if not broken and conn.in_transaction:
            try:
                conn.rollback()
            except sqlite3.Error:
                broken = True
        with self._lock:
            if not broken and len(self._idle) < self.keep and self._current_identity() == self._identity:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        """Close every kept connection."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


_pool_lock = threading.Lock()


def read_pool(request: Request) -> ReadPool:
    """The app's pool of read connections (made at the first request)."""
    state = request.app.state
    pool = getattr(state, "read_pool", None)
    if pool is None or pool.path != FilePath(state.db):
        with _pool_lock:
            pool = getattr(state, "read_pool", None)
            if pool is None or pool.path != FilePath(state.db):
                pool = state.read_pool = ReadPool(state.db)
    return pool


async def get_conn(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A read-only connection to the app's store for one request, lent by :func:`read_pool`.

    A coroutine: lending a kept connection takes microseconds, so it runs on the event loop
    instead of costing two trips through the thread pool per request (opening a new one, rare,
    takes a few milliseconds)."""
    pool = read_pool(request)
    try:
        conn = pool.acquire()
    except StoreError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from None
    broken = True
    try:
        yield conn
        broken = False
    except HTTPException:
        broken = False
        raise
    finally:
        pool.release(conn, broken=broken)


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _items(values: list[str] | None) -> list[str]:
    """Repeated query parameters without blank ones (an empty form field counts as absent)."""
    return [v.strip() for v in values or [] if v and v.strip()]


async def event_filter(  # a coroutine: pure parsing, no thread-pool trip
    type: Annotated[list[str] | None, Query(description="PLOVER event type, e.g. CONSULT; repeat for several "
                                                         "(?type=ASSAULT&type=PROTEST)")] = None,
    quad: Annotated[list[str] | None, Query(description="quad class: verbal-coop, material-coop, verbal-conflict, "
                                                         "material-conflict (or 1-4); repeatable")] = None,
    sector: Annotated[list[str] | None, Query(description="sector code of a source or target actor, e.g. GOV; "
                                                           "repeatable")] = None,
    exclude: Annotated[list[str] | None, Query(description="leave out negated, hypothetical or future events; "
                                                            "repeatable")] = None,
    min_confidence: Annotated[str | None, Query(description="lowest event confidence, 0-1")] = None,
    actor: Annotated[str | None, Query(description="actor: KB id, ISO3 code, any name, alias or surface form, "
                                                    "or part of a name")] = None,
    country: Annotated[str | None, Query(description="ISO3 code of where the event took place")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(description="only events of articles matching this full-text search")] = None,
    dedupe: Annotated[bool, Query(description="one event per cross-article cluster")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> EventFilter:
    """The event filters of a request, validated (a bad value is a 400 naming the filter).

    List filters come from repeated parameters (``?type=ASSAULT&type=PROTEST``; comma-separated
    values are split too): ``type``, ``quad``, ``sector``, ``exclude``; ``min_confidence`` is one
    number from 0 to 1."""
    try:
        confidence = _blank(min_confidence)
        try:
            threshold = float(confidence) if confidence is not None else None
        except ValueError:
            raise QueryError(f"min_confidence: {confidence[:40]!r} is not a number from 0 to 1") from None
        flt = EventFilter(types=_items(type), quad_classes=_items(quad), sectors=_items(sector),
                          exclude=_items(exclude), min_confidence=threshold, actor=_blank(actor),
                          country=_blank(country), since=_blank(since), until=_blank(until), q=_blank(q),
                          dedupe=dedupe, limit=limit, offset=offset)
        return flt.validate()
    except QueryError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
