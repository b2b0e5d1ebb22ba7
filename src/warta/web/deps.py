"""What the API and the pages share: a read-only store connection per request and the event
filters parsed from the query string (empty form fields count as absent)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import HTTPException, Query, Request

from warta.store import EventFilter, QueryError, StoreError, connect


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the app's store, closed after the request."""
    try:
        conn = connect(request.app.state.db, readonly=True)
    except StoreError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from None
    try:
        yield conn
    finally:
        conn.close()


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def event_filter(
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT")] = None,
    actor: Annotated[str | None, Query(description="actor name (or part), KB id, or ISO3 code")] = None,
    country: Annotated[str | None, Query(description="ISO3 code of where the event took place")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(description="only events of articles matching this full-text search")] = None,
    dedupe: Annotated[bool, Query(description="one event per cross-article cluster")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EventFilter:
    """The event filters of a request, validated (a bad value is a 400 naming the filter)."""
    flt = EventFilter(type=_blank(type), actor=_blank(actor), country=_blank(country), since=_blank(since),
                      until=_blank(until), q=_blank(q), dedupe=dedupe, limit=limit, offset=offset)
    try:
        return flt.validate()
    except QueryError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
