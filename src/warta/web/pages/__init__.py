"""The dashboard pages (the map in :mod:`warta.web.pages.map`, shared parts in
:mod:`warta.web.pages.common`), server-rendered with Jinja2 (autoescaped: article text never becomes
markup). Each page links its JSON twin under ``/api``; the event pages share one filter form whose
values travel with every link (see :mod:`warta.web.links`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from warta.store import EventFilter
from warta.store.actors import actor_events, actor_partners, actor_quotes, actor_timeline, resolve_actor
from warta.store.aggregates import network, overview, timeline
from warta.store.query import (
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
from warta.web.deps import Offset, RowId
from warta.web.highlight import segments
from warta.web.links import filter_items, filter_query
from warta.web.pages import map as _map  # noqa: F401  (registers /map and /places on the router)
from warta.web.pages.common import (
    GRANULARITIES,
    Conn,
    Filter,
    article_urls,
    cached_chart,
    filter_form,
    left_out,
    render,
    router,
    snippet_markup,
)


@router.get("/", response_class=HTMLResponse)
def page_overview(request: Request, conn: Conn) -> HTMLResponse:
    """Counts, events per type, top actors, latest events."""
    return render(request, "overview.html", twin="/api/overview", data=overview(conn))


@router.get("/events", response_class=HTMLResponse)
def page_events(request: Request, conn: Conn, flt: Filter) -> HTMLResponse:
    """The filterable event table."""
    events, total = query_events(conn, flt)
    items = request.query_params.multi_items()
    prev_q = filter_query(items, offset=max(0, flt.offset - flt.limit), limit=flt.limit) if flt.offset else None
    next_q = filter_query(items, offset=flt.offset + flt.limit, limit=flt.limit) \
        if flt.offset + flt.limit < total else None
    return render(request, "events.html", twin="/api/events", events=events, total=total, prev_q=prev_q,
                   next_q=next_q, **filter_form(request, flt, "/events"))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def page_event(request: Request, conn: Conn, event_id: RowId) -> HTMLResponse:
    """One event: summary, actors, evidence and the other articles reporting it."""
    event = get_event(conn, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return render(request, "event.html", twin=f"/api/events/{event_id}", event=event)


def _weekly(buckets: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Daily buckets summed into ISO weeks (``2024-W07``), with every week between the first and last."""
    weeks: dict[tuple[str, str], int] = {}
    for b in buckets:
        year, week, _ = date.fromisoformat(b["period"]).isocalendar()
        key = (f"{year}-W{week:02d}", b["type"])
        weeks[key] = weeks.get(key, 0) + b["count"]
    out = [{"period": p, "type": t, "count": n} for (p, t), n in sorted(weeks.items())]
    periods: list[str] = []
    if out:
        day, end = date.fromisoformat(date_interval(out[0]["period"], "week")[0]), \
            date.fromisoformat(date_interval(out[-1]["period"], "week")[0])
        while day <= end and len(periods) < 400:
            year, week, _ = day.isocalendar()
            periods.append(f"{year}-W{week:02d}")
            day += timedelta(days=7)
    return out, periods


@router.get("/timeline", response_class=HTMLResponse)
def page_timeline(request: Request, conn: Conn, flt: Filter,
                  granularity: Annotated[str, Query(pattern="^(auto|day|week|month|year)$")] = "auto") -> HTMLResponse:
    """Events per period, stacked by type (each bar links to its events)."""
    data = timeline(conn, flt, granularity="day" if granularity == "week" else granularity)
    raw, periods = (_weekly(data["buckets"]) if granularity == "week" else (data["buckets"], data["periods"]))
    items = request.query_params.multi_items()
    buckets = []
    for b in raw:
        since, until = date_interval(b["period"], None)
        buckets.append({**b, "href": "/events?" + filter_query(items, type=b["type"], quad=None, since=since,
                                                                 until=until)})
    undated = data.get("undated")
    if undated is None:
        undated = left_out(conn, flt, "date")
    svg = cached_chart(f"timeline:{granularity}", data, request, lambda: charts.timeline_svg(buckets, periods=periods))
    shown = "week" if granularity == "week" else data["granularity"]
    return render(request, "chart.html", twin="/api/timeline", title="Timeline", svg=svg, page="timeline",
                   granularity=granularity, granularities=GRANULARITIES, shown_granularity=shown,
                   left_out=(undated, "without a date", "on this timeline"), **filter_form(request, flt, "/timeline"))


@router.get("/network", response_class=HTMLResponse)
def page_network(request: Request, conn: Conn, flt: Filter,
                 max_nodes: Annotated[int, Query(ge=2, le=100)] = 40) -> HTMLResponse:
    """Who acts on whom; edge width by number of events."""
    data = network(conn, flt, max_nodes=max_nodes)  # shared with other requests: not changed here
    items = request.query_params.multi_items()
    query = filter_query(items, actor=None)
    nodes = [{**node, "href": f"/actors/{_actor_ref(node)}" + (f"?{query}" if query else "")} for node in data["nodes"]]
    svg = cached_chart("network", data, request, lambda: charts.network_svg(nodes, data["edges"]))
    return render(request, "chart.html", twin="/api/network", title="Actor network", svg=svg, page="network",
                   **filter_form(request, flt, "/network"))


def _actor_ref(actor: dict[str, Any]) -> str:
    """The path segment naming an actor on ``/actors/...`` (KB id, else its name), URL-quoted."""
    from urllib.parse import quote

    key = str(actor.get("kb") or actor.get("key") or actor.get("id") or "")
    if not key or key.startswith("name:"):
        key = str(actor.get("name") or actor.get("label") or key.removeprefix("name:"))
    return quote(key, safe=":")


@router.get("/actors/{ref:path}", response_class=HTMLResponse)
def page_actor(request: Request, conn: Conn, ref: str) -> HTMLResponse:
    """One actor: events over time, partners, quotes and latest events."""
    actor = resolve_actor(conn, ref)
    if actor is None:
        raise HTTPException(status_code=404, detail=f"no actor {ref!r} in any event")
    line = actor_timeline(conn, actor["key"])
    buckets = []
    for b in line["buckets"]:
        since, until = date_interval(b["period"], None)
        buckets.append({**b, "href": "/events?" + filter_query([], actor=actor["kb"] or actor["name"], type=b["type"],
                                                                 since=since, until=until)})
    svg = Markup(charts.timeline_svg(buckets, width=720, height=200)) if buckets else None
    partners = [{**p, "ref": _actor_ref(p)} for p in actor_partners(conn, actor["key"])]  # shared: copied
    return render(request, "actor.html", twin=None, actor=actor, svg=svg, undated=line["undated"], partners=partners,
                   quotes=actor_quotes(conn, actor), events=actor_events(conn, actor["key"]),
                   events_q=filter_query([], actor=actor["kb"] or actor["name"]))


@router.get("/articles", response_class=HTMLResponse)
def page_articles(request: Request, conn: Conn, q: str | None = None,
                  offset: Offset = 0) -> HTMLResponse:
    """Full-text search (or the latest articles)."""
    found, total = search_articles(conn, q=q or None, limit=50, offset=offset)
    articles = [{**a, "snippet_html": snippet_markup(a.get("snippet"))} for a in found]  # shared: copied
    return render(request, "articles.html", twin="/api/articles", articles=articles, total=total, q=q or "",
                   offset=offset)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def page_article(request: Request, conn: Conn, article_id: RowId) -> HTMLResponse:
    """The article with entities, quotes, times and event triggers highlighted, and its events."""
    document = get_article(conn, article_id)
    if document is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    events, _ = query_events(conn, EventFilter(article_id=article_id, limit=500))
    entities = {e["id"]: e for e in document.get("entities", [])}
    return render(request, "article.html", twin=f"/api/articles/{article_id}", doc=document,
                   info=article_info(conn, article_id), segments=segments(document), events=events, entities=entities)


@router.get("/entities", response_class=HTMLResponse)
def page_entities(request: Request, conn: Conn, q: str | None = None, type: str | None = None,
                  offset: Offset = 0) -> HTMLResponse:
    """Entities across the corpus."""
    found, total = list_entities(conn, q=q or None, type_=type or None, limit=100, offset=offset)
    entities = [{**e, "ref": _actor_ref(e)} for e in found]  # shared with other requests: copied
    return render(request, "entities.html", twin="/api/entities", entities=entities, total=total, q=q or "",
                   type=type or "")


@router.get("/quotes", response_class=HTMLResponse)
def page_quotes(request: Request, conn: Conn, speaker: str | None = None, q: str | None = None,
                offset: Offset = 0) -> HTMLResponse:
    """Who said what."""
    found, total = list_quotes(conn, speaker=speaker or None, q=q or None, limit=100, offset=offset)
    urls = article_urls(conn, {x["article_id"] for x in found})
    quotes = [{**x, "url": urls.get(x["article_id"]),  # shared with other requests: copied
               "ref": _actor_ref({"kb": x.get("speaker_kb"), "name": x.get("speaker")}) if x.get("speaker") else None}
              for x in found]
    return render(request, "quotes.html", twin="/api/quotes", quotes=quotes, total=total, speaker=speaker or "",
                   q=q or "")


@router.get("/docs", response_class=HTMLResponse)
def page_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI document (no CDN)."""
    spec = request.app.openapi()
    return render(request, "docs.html", twin="/openapi.json", spec=spec)


__all__ = ["filter_items", "router", "snippet_markup"]
