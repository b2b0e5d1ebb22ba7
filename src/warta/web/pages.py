"""The dashboard pages, server-rendered with Jinja2 (autoescaped: article text never becomes
markup). Each page links its JSON twin under ``/api``."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from warta.store import EventFilter
from warta.store.aggregates import map_data, network, overview, timeline
from warta.store.query import (
    MARK_CLOSE,
    MARK_OPEN,
    article_info,
    get_article,
    get_event,
    list_entities,
    list_quotes,
    query_events,
    search_articles,
)
from warta.store.write import date_interval
from warta.web import charts
from warta.web.deps import event_filter, get_conn
from warta.web.highlight import segments

router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
Filter = Annotated[EventFilter, Depends(event_filter)]
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _render(request: Request, template: str, *, twin: str, **context: Any) -> HTMLResponse:
    query = str(request.url.query)
    context["json_twin"] = twin + (f"?{query}" if query else "")
    return request.app.state.templates.TemplateResponse(request, template, context)


def _filter_query(flt: EventFilter, **override: Any) -> str:
    values = {"type": flt.type, "actor": flt.actor, "country": flt.country, "since": flt.since, "until": flt.until,
              "q": flt.q, "dedupe": "true" if flt.dedupe else None, **override}
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def snippet_markup(snippet: str | None) -> Markup:
    """A search snippet as HTML: the text escaped, the matches in ``<mark>``."""
    if not snippet:
        return Markup("")
    escaped = str(Markup.escape(snippet))
    return Markup(escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


@router.get("/", response_class=HTMLResponse)
def page_overview(request: Request, conn: Conn) -> HTMLResponse:
    """Counts, events per type, top actors, latest events."""
    return _render(request, "overview.html", twin="/api/overview", data=overview(conn))


@router.get("/events", response_class=HTMLResponse)
def page_events(request: Request, conn: Conn, flt: Filter) -> HTMLResponse:
    """The filterable event table."""
    events, total = query_events(conn, flt)
    prev_q = _filter_query(flt, offset=max(0, flt.offset - flt.limit), limit=flt.limit) if flt.offset else None
    next_q = _filter_query(flt, offset=flt.offset + flt.limit, limit=flt.limit) if flt.offset + flt.limit < total else None
    return _render(request, "events.html", twin="/api/events", events=events, total=total, flt=flt,
                   types=EVENT_TYPES, prev_q=prev_q, next_q=next_q)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def page_event(request: Request, conn: Conn, event_id: int) -> HTMLResponse:
    """One event: summary, actors, evidence and the other articles reporting it."""
    event = get_event(conn, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return _render(request, "event.html", twin=f"/api/events/{event_id}", event=event)


@router.get("/timeline", response_class=HTMLResponse)
def page_timeline(request: Request, conn: Conn, flt: Filter,
                  granularity: Annotated[str, Query(pattern="^(auto|day|month|year)$")] = "auto") -> HTMLResponse:
    """Events per period, stacked by type (each bar links to its events)."""
    data = timeline(conn, flt, granularity=granularity)
    buckets = []
    for b in data["buckets"]:
        since, until = date_interval(b["period"], None)
        buckets.append({**b, "href": "/events?" + _filter_query(flt, type=b["type"], since=since, until=until)})
    svg = Markup(charts.timeline_svg(buckets, periods=data["periods"]))
    return _render(request, "chart.html", twin="/api/timeline", title="Timeline", svg=svg, flt=flt,
                   types=EVENT_TYPES, page="/timeline")


@router.get("/network", response_class=HTMLResponse)
def page_network(request: Request, conn: Conn, flt: Filter,
                 max_nodes: Annotated[int, Query(ge=2, le=100)] = 40) -> HTMLResponse:
    """Who acts on whom; edge width by number of events."""
    data = network(conn, flt, max_nodes=max_nodes)
    for node in data["nodes"]:
        node["href"] = "/events?" + _filter_query(flt, actor=node["kb"] or node["label"])
    svg = Markup(charts.network_svg(data["nodes"], data["edges"]))
    return _render(request, "chart.html", twin="/api/network", title="Actor network", svg=svg, flt=flt,
                   types=EVENT_TYPES, page="/network")


@router.get("/map", response_class=HTMLResponse)
def page_map(request: Request, conn: Conn, flt: Filter) -> HTMLResponse:
    """Where events took place: countries shaded by count, places as circles."""
    data = map_data(conn, flt)
    points = [{**p, "href": "/events?" + _filter_query(flt, country=p["country"])} for p in data["points"]]
    svg = Markup(charts.map_svg(data["countries"], points))
    return _render(request, "chart.html", twin="/api/map", title="Map", svg=svg, flt=flt, types=EVENT_TYPES,
                   page="/map")


@router.get("/articles", response_class=HTMLResponse)
def page_articles(request: Request, conn: Conn, q: str | None = None,
                  offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """Full-text search (or the latest articles)."""
    articles, total = search_articles(conn, q=q or None, limit=50, offset=offset)
    for a in articles:
        a["snippet_html"] = snippet_markup(a.get("snippet"))
    return _render(request, "articles.html", twin="/api/articles", articles=articles, total=total, q=q or "",
                   offset=offset)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def page_article(request: Request, conn: Conn, article_id: int) -> HTMLResponse:
    """The article with entities, quotes, times and event triggers highlighted, and its events."""
    document = get_article(conn, article_id)
    if document is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    events, _ = query_events(conn, EventFilter(article_id=article_id, limit=500))
    entities = {e["id"]: e for e in document.get("entities", [])}
    return _render(request, "article.html", twin=f"/api/articles/{article_id}", doc=document,
                   info=article_info(conn, article_id), segments=segments(document), events=events, entities=entities)


@router.get("/entities", response_class=HTMLResponse)
def page_entities(request: Request, conn: Conn, q: str | None = None, type: str | None = None,
                  offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """Entities across the corpus."""
    entities, total = list_entities(conn, q=q or None, type_=type or None, limit=100, offset=offset)
    return _render(request, "entities.html", twin="/api/entities", entities=entities, total=total, q=q or "",
                   type=type or "")


@router.get("/quotes", response_class=HTMLResponse)
def page_quotes(request: Request, conn: Conn, speaker: str | None = None, q: str | None = None,
                offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """Who said what."""
    quotes, total = list_quotes(conn, speaker=speaker or None, q=q or None, limit=100, offset=offset)
    return _render(request, "quotes.html", twin="/api/quotes", quotes=quotes, total=total, speaker=speaker or "",
                   q=q or "")


@router.get("/docs", response_class=HTMLResponse)
def page_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI document (no CDN)."""
    spec = request.app.openapi()
    return _render(request, "docs.html", twin="/openapi.json", spec=spec)
