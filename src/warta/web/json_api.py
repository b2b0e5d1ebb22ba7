"""The JSON API (``/api/...``): events, articles, entities, quotes, and the JSON twins of the
dashboard pages (overview, timeline, network, map). ``POST /api/articles`` analyses and stores
an article; it exists only when the server was started with ``--allow-ingest`` and a token."""

from __future__ import annotations

import hmac
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from warta.store import EventFilter
from warta.store.aggregates import map_data, network, overview, timeline
from warta.store.query import get_article, get_event, list_entities, list_quotes, query_events, search_articles
from warta.web.deps import Offset, RowId, event_filter, get_conn

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["api"])
Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
Filter = Annotated[EventFilter, Depends(event_filter)]


def _json(data: dict[str, Any]) -> Any:
    """The response, serialised straight to JSON: the store's results are plain JSON values, so
    FastAPI's own encoding pass (``jsonable_encoder``, which dominated the time of a cached
    aggregate) is skipped; the bytes are those FastAPI would send."""
    return JSONResponse(data)


#: Bodies serialised lately: (id of a shared store result, what else the body holds) -> (that
#: result, bytes). A store result is one object per store version and filter (warta.store.cache),
#: so its JSON is written once per version, not per request.
_BODIES: OrderedDict[tuple[Any, ...], tuple[Any, bytes]] = OrderedDict()
_BODIES_LOCK = threading.Lock()
MAX_BODIES = 256


def _json_once(result: Any, extra: tuple[Any, ...], body: Callable[[], dict[str, Any]]) -> Any:
    """``_json(body())``, or the bytes written for the same shared ``result`` and ``extra`` before."""
    key = (id(result), *extra)
    with _BODIES_LOCK:
        hit = _BODIES.get(key)
    if hit is not None and hit[0] is result:
        return Response(hit[1], media_type="application/json")
    response = JSONResponse(body())
    with _BODIES_LOCK:
        _BODIES[key] = (result, bytes(response.body))
        while len(_BODIES) > MAX_BODIES:
            _BODIES.popitem(last=False)
    return response


@router.get("/events", summary="Events, newest first, with filters and paging")
def api_events(conn: Conn, flt: Filter) -> dict[str, Any]:
    """`{"events": [...], "total": N}`; each event as in the warta document, plus its article and
    cross-article cluster (`num_articles`, `num_sources`)."""
    events, total = query_events(conn, flt)
    return _json_once(events, ("events", total, flt.limit, flt.offset),
                      lambda: {"events": events, "total": total, "limit": flt.limit, "offset": flt.offset})


@router.get("/events/{event_id}", summary="One event with the other reports of its cluster")
def api_event(conn: Conn, event_id: RowId) -> dict[str, Any]:
    """The event, its article, its cluster and the cluster's member events."""
    event = get_event(conn, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return _json(event)


@router.get("/articles", summary="Full-text search over titles, texts and quotes")
def api_articles(conn: Conn, q: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Offset = 0) -> dict[str, Any]:
    """`{"articles": [...], "total": N}`, best match first (latest first without `q`); snippets mark
    matches with U+0002/U+0003. Plain words match every Indonesian form built on them (`serang`:
    menyerang, serangan, diserang); `"a phrase"` and `prefix*` match as written; `OR` means either."""
    articles, total = search_articles(conn, q=q or None, limit=limit, offset=offset)
    return _json({"articles": articles, "total": total, "limit": limit, "offset": offset})


@router.get("/articles/{article_id}", summary="The full warta document of an article")
def api_article(conn: Conn, article_id: RowId) -> dict[str, Any]:
    """The stored `warta.document/1` JSON."""
    document = get_article(conn, article_id)
    if document is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    return _json(document)


@router.get("/entities", summary="Entities across articles, most reported first")
def api_entities(conn: Conn, q: str | None = None, type: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Offset = 0) -> dict[str, Any]:
    """`{"entities": [...], "total": N}`: one row per KB id (else per name); `q` finds an entity by
    KB id, any KB alias (`Jokowi`), any surface form stored for it, or part of its name."""
    entities, total = list_entities(conn, q=q or None, type_=type or None, limit=limit, offset=offset)
    return _json({"entities": entities, "total": total, "limit": limit, "offset": offset})


@router.get("/quotes", summary="Quotes with their speakers")
def api_quotes(conn: Conn, speaker: str | None = None, q: str | None = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 50,
               offset: Offset = 0) -> dict[str, Any]:
    """`{"quotes": [...], "total": N}`; `speaker` matches the speaker's KB id, any KB alias or stored
    surface form of the speaker, or part of the name."""
    quotes, total = list_quotes(conn, speaker=speaker or None, q=q or None, limit=limit, offset=offset)
    return _json({"quotes": quotes, "total": total, "limit": limit, "offset": offset})


@router.get("/overview", summary="Counts, events per type, top actors, latest events")
def api_overview(conn: Conn) -> dict[str, Any]:
    """The JSON twin of `/`."""
    data = overview(conn)
    return _json_once(data, ("overview",), lambda: data)


@router.get("/timeline", summary="Events (one per cluster) per period and type")
def api_timeline(conn: Conn, flt: Filter,
                 granularity: Annotated[str, Query(pattern="^(auto|day|month|year)$")] = "auto") -> dict[str, Any]:
    """The JSON twin of `/timeline`: `{"granularity", "periods", "buckets": [{"period", "type",
    "count"}], "undated": N}` (`undated`: matching events left off for want of a date)."""
    data = timeline(conn, flt, granularity=granularity)
    return _json_once(data, ("timeline",), lambda: data)


@router.get("/network", summary="Who acts on whom")
def api_network(conn: Conn, flt: Filter, max_nodes: Annotated[int, Query(ge=2, le=100)] = 40) -> dict[str, Any]:
    """The JSON twin of `/network`: actor nodes and source → target edges with counts per type."""
    data = network(conn, flt, max_nodes=max_nodes)
    return _json_once(data, ("network",), lambda: data)


@router.get("/map", summary="Events per country, per country-level place and per point place")
def api_map(conn: Conn, flt: Filter) -> dict[str, Any]:
    """The JSON twin of `/map`: `countries` (events per country, `{"IDN": 12}`), `country_level`
    (`[{"iso3", "name", "count"}]`: events placed at a whole country, to shade), `places` (`[{"name",
    "lat", "lon", "geonames_id", "admin1", "country", "kind", "count", "names"}]`: one per place,
    spellings merged), `points` (the places in the old `label` shape) and `unplaced` (matching events
    with neither a place nor a country)."""
    data = map_data(conn, flt)
    return _json_once(data, ("map",), lambda: data)


class ArticleIn(BaseModel):
    """An article to analyse and store."""

    text: str = Field(min_length=1, description="the body (the title is added before it)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="a date as pages give it, e.g. 2025-09-03")
    source: str | None = Field(default=None, description="the site or outlet")
    id: str | None = None


_write_lock = threading.Lock()
#: Ingest requests admitted at once (one analyses, the others wait their turn); more get 503.
MAX_WAITING_INGESTS = 4
_admitted = threading.BoundedSemaphore(MAX_WAITING_INGESTS)


def _check_token(request: Request, authorization: str | None) -> None:
    from warta.web.guard import bearer_token

    token = request.app.state.ingest_token
    if token is None:
        raise HTTPException(status_code=403, detail="ingest is disabled; start the server with --allow-ingest")
    given = bearer_token(authorization)
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(status_code=401, detail="missing or wrong token (send 'Authorization: Bearer TOKEN')")


@router.post("/articles", status_code=201, summary="Analyse and store an article (needs --allow-ingest)")
def api_ingest(request: Request, article: ArticleIn,
               authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Analyse the article and store it (replacing an earlier analysis of the same URL or text).
    Returns its id and what was found."""
    _check_token(request, authorization)
    from warta.io.readers.base import ReadError, ReadOptions
    from warta.io.readers.jsonl import article_from_object

    options = ReadOptions(max_bytes=request.app.state.max_bytes)
    if len(article.text.encode("utf-8")) > options.max_bytes:
        raise HTTPException(status_code=413, detail=f"text: larger than {options.max_bytes} bytes")
    item = article_from_object(article.model_dump(), origin="POST /api/articles", options=options, reader="api")
    if isinstance(item, ReadError):
        raise HTTPException(status_code=422, detail=str(item))
    # A plain route: this runs in the thread pool, so a long analysis does not block other requests; and
    # few may wait for the one analysing, so that waiting ingests cannot take every thread from the reads.
    if not _admitted.acquire(blocking=False):
        raise HTTPException(status_code=503, headers={"Retry-After": "10"},
                            detail=f"busy: {MAX_WAITING_INGESTS} articles are being analysed or waiting; try again")
    try:
        return _analyse_and_store(request, item)
    finally:
        _admitted.release()


def _analyse_and_store(request: Request, item: Any) -> dict[str, Any]:
    from warta.api import pipe
    from warta.io.document_json import document_to_dict
    from warta.store.db import StoreError, connect, describe_error
    from warta.store.write import save_documents
    from warta.versions import analysis_versions

    with _write_lock:  # one analysis and one writer at a time
        document = next(pipe([item], languages="any"))
        if document.skipped:  # a runaway analysis (time budget) or a failing one: nothing is stored
            raise HTTPException(status_code=422, detail=f"text: {document.skipped}")
        data = document_to_dict(document)
        try:
            conn = connect(request.app.state.db, check=False)  # checked when the server started
        except StoreError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None
        try:
            (article_id,) = save_documents(conn, [data], fingerprint=analysis_versions()["fingerprint"], run_id=None)
        except sqlite3.Error as exc:
            raise HTTPException(status_code=503, detail=describe_error(request.app.state.db, exc)) from None
        finally:
            conn.close()
    return {"id": article_id, "doc_id": data["id"], "language": data["language"], "events": len(data["events"]),
            "entities": len(data["entities"]), "quotes": len(data["quotes"]), "url": f"/articles/{article_id}"}
