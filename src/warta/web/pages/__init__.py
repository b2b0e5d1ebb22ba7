"""The dashboard pages, server-rendered with Jinja2 (autoescaped: article text never becomes
markup). Each page links its JSON twin under ``/api``; the event pages share one filter form whose
values travel with every link (see :mod:`warta.web.links`)."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from warta.store import EventFilter
from warta.store.actors import actor_events, actor_partners, actor_quotes, actor_timeline, place_events, resolve_actor
from warta.store.aggregates import map_data, network, overview, timeline
from warta.store.query import (
    MARK_CLOSE,
    MARK_OPEN,
    article_info,
    event_where,
    get_article,
    get_event,
    list_entities,
    list_quotes,
    query_events,
    search_articles,
)
from warta.store.write import date_interval
from warta.web import charts, charts_map
from warta.web.charts_map import province_at, province_by_name
from warta.web.deps import Offset, RowId, event_filter, get_conn
from warta.web.highlight import segments
from warta.web.links import filter_items, filter_query

router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
Filter = Annotated[EventFilter, Depends(event_filter)]
QUADS = {"verbal-coop": ("verbal cooperation", ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")),
         "material-coop": ("material cooperation", ("COOPERATE", "AID", "RETREAT")),
         "verbal-conflict": ("verbal conflict", ("REQUEST", "ACCUSE", "REJECT", "THREATEN")),
         "material-conflict": ("material conflict", ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"))}
EVENT_TYPES = tuple(t for _, types in QUADS.values() for t in types)
GRANULARITIES = ("auto", "day", "week", "month", "year")
EXPORT_FORMATS = (("csv", "CSV"), ("parquet", "Parquet"), ("plover", "PLOVER JSON"), ("gdelt-tsv", "GDELT TSV"))


def _sectors() -> list[tuple[str, str]]:
    from warta.nlp.kb import SECTORS

    extra = {"OPP": "opposition", "CRM": "criminals"}
    return sorted({**SECTORS, **{k: v for k, v in extra.items() if k not in SECTORS}}.items())


#: Charts drawn lately: (chart, id of the aggregate result, request query) -> (that result, SVG). An
#: aggregate is one shared object per store version (:mod:`warta.store.cache`), so a chart is drawn
#: once per version and query (the network layout alone is a second of CPU under load).
_CHARTS: OrderedDict[tuple[Any, ...], tuple[Any, str]] = OrderedDict()
_CHARTS_LOCK = threading.Lock()
MAX_CHARTS = 64


def _chart(kind: str, data: Any, request: Request, draw: Callable[[], str]) -> Markup:
    """``draw()`` as markup, or the SVG drawn for the same aggregate result and query before."""
    key = (kind, id(data), str(request.url.query))
    with _CHARTS_LOCK:
        hit = _CHARTS.get(key)
    if hit is not None and hit[0] is data:
        return Markup(hit[1])
    svg = draw()
    with _CHARTS_LOCK:
        _CHARTS[key] = (data, svg)
        while len(_CHARTS) > MAX_CHARTS:
            _CHARTS.popitem(last=False)
    return Markup(svg)


def _render(request: Request, template: str, *, twin: str | None, **context: Any) -> HTMLResponse:
    query = str(request.url.query)
    context["json_twin"] = (twin + (f"?{query}" if query else "")) if twin else None
    return request.app.state.templates.TemplateResponse(request, template, context)


def _form(request: Request, flt: EventFilter, action: str) -> dict[str, Any]:
    """What ``_filters.html`` needs: the current values and the choices."""
    params = request.query_params
    types = list(getattr(flt, "types", None) or ([flt.type] if flt.type else []))
    return {"action": action, "flt": flt, "sel_types": types, "quads": QUADS, "sectors": _sectors(),
            "sel_quads": list(getattr(flt, "quad_classes", None) or params.getlist("quad")),
            "sel_sectors": list(getattr(flt, "sectors", None) or params.getlist("sector")),
            "sel_exclude": list(getattr(flt, "exclude", None) or params.getlist("exclude")),
            "min_confidence": getattr(flt, "min_confidence", None) or params.get("min_confidence") or "",
            "filter_qs": filter_query(params.multi_items()),
            "exports": [(label, f"/api/export?format={fmt}" + (f"&{q}" if (q := filter_query(params.multi_items()))
                                                                else "")) for fmt, label in EXPORT_FORMATS]}


def _left_out(conn: sqlite3.Connection, flt: EventFilter, column: str) -> int:
    """How many events pass the filter but have no ``column`` (fallback when an aggregate lacks the count)."""
    where, params = event_where(flt)
    joiner = " AND " if where else " WHERE "
    missing = {"date": "e.date_start IS NULL", "place": "e.location_country IS NULL AND e.lat IS NULL"}[column]
    return conn.execute(f"SELECT count(*) FROM events e{where}{joiner}{missing}", params).fetchone()[0]


def snippet_markup(snippet: str | None) -> Markup:
    """A search snippet as HTML: the text escaped, the matches in ``<mark>``."""
    if not snippet:
        return Markup("")
    escaped = str(Markup.escape(snippet))
    return Markup(escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _article_urls(conn: sqlite3.Connection, ids: set[int]) -> dict[int, str | None]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {r[0]: r[1] for r in conn.execute(f"SELECT id, url FROM articles WHERE id IN ({marks})", sorted(ids))}


@router.get("/", response_class=HTMLResponse)
def page_overview(request: Request, conn: Conn) -> HTMLResponse:
    """Counts, events per type, top actors, latest events."""
    return _render(request, "overview.html", twin="/api/overview", data=overview(conn))


@router.get("/events", response_class=HTMLResponse)
def page_events(request: Request, conn: Conn, flt: Filter) -> HTMLResponse:
    """The filterable event table."""
    events, total = query_events(conn, flt)
    items = request.query_params.multi_items()
    prev_q = filter_query(items, offset=max(0, flt.offset - flt.limit), limit=flt.limit) if flt.offset else None
    next_q = filter_query(items, offset=flt.offset + flt.limit, limit=flt.limit) \
        if flt.offset + flt.limit < total else None
    return _render(request, "events.html", twin="/api/events", events=events, total=total, prev_q=prev_q,
                   next_q=next_q, **_form(request, flt, "/events"))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def page_event(request: Request, conn: Conn, event_id: RowId) -> HTMLResponse:
    """One event: summary, actors, evidence and the other articles reporting it."""
    event = get_event(conn, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return _render(request, "event.html", twin=f"/api/events/{event_id}", event=event)


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
        undated = _left_out(conn, flt, "date")
    svg = _chart(f"timeline:{granularity}", data, request, lambda: charts.timeline_svg(buckets, periods=periods))
    shown = "week" if granularity == "week" else data["granularity"]
    return _render(request, "chart.html", twin="/api/timeline", title="Timeline", svg=svg, page="timeline",
                   granularity=granularity, granularities=GRANULARITIES, shown_granularity=shown,
                   left_out=(undated, "without a date", "on this timeline"), **_form(request, flt, "/timeline"))


@router.get("/network", response_class=HTMLResponse)
def page_network(request: Request, conn: Conn, flt: Filter,
                 max_nodes: Annotated[int, Query(ge=2, le=100)] = 40) -> HTMLResponse:
    """Who acts on whom; edge width by number of events."""
    data = network(conn, flt, max_nodes=max_nodes)  # shared with other requests: not changed here
    items = request.query_params.multi_items()
    query = filter_query(items, actor=None)
    nodes = [{**node, "href": f"/actors/{_actor_ref(node)}" + (f"?{query}" if query else "")} for node in data["nodes"]]
    svg = _chart("network", data, request, lambda: charts.network_svg(nodes, data["edges"]))
    return _render(request, "chart.html", twin="/api/network", title="Actor network", svg=svg, page="network",
                   **_form(request, flt, "/network"))


def _actor_ref(actor: dict[str, Any]) -> str:
    """The path segment naming an actor on ``/actors/...`` (KB id, else its name), URL-quoted."""
    from urllib.parse import quote

    key = str(actor.get("kb") or actor.get("key") or actor.get("id") or "")
    if not key or key.startswith("name:"):
        key = str(actor.get("name") or actor.get("label") or key.removeprefix("name:"))
    return quote(key, safe=":")


def _map_layers(data: dict[str, Any]) -> tuple[dict[str, int], list[dict[str, Any]], dict[str, int]]:
    """From ``map_data`` (either shape): counts of countries placed as a whole (shaded), point places
    (each with ``admin1`` for Indonesia, from the data or the province shape holding it) and counts
    per Indonesian province (all events placed in it, its cities included). A place that is a
    province itself (``Sumatera Selatan``) shades its province and is no point at its capital."""
    raw = data.get("country_level", data.get("countries")) or {}
    if isinstance(raw, dict):
        countries = {str(k): int(v) for k, v in raw.items()}
    else:
        countries = {str(c.get("iso3")): int(c.get("count") or 0) for c in raw if c.get("iso3")}
    places = data.get("places")
    if places is None:
        places = [{**p, "name": p.get("label")} for p in data.get("points", [])]
    provinces: dict[str, int] = {}
    points = []
    for p in places:
        if p.get("kind", p.get("feature")) in ("admin1", "country"):
            continue
        whole = province_by_name(p.get("name")) if p.get("country") == "IDN" and not p.get("geonames_id") else None
        if p.get("country") == "IDN":
            p = {**p, "admin1": whole or p.get("admin1") or province_at(p.get("lat"), p.get("lon"))}
        if p.get("admin1") and p.get("country") == "IDN":
            provinces[str(p["admin1"])] = provinces.get(str(p["admin1"]), 0) + int(p.get("count") or 0)
        if whole is None:
            points.append(p)
        else:
            p["province_level"] = True
    return countries, points, provinces


def _province_places(data: dict[str, Any], admin1: str) -> tuple[list[str], list[tuple[float, float]]]:
    """Spellings and coordinates of every place (points and whole-province places) the map counts in
    a province; the coordinates only matter when a place has no name."""
    names: list[str] = []
    coords: list[tuple[float, float]] = []
    target = charts_map.province_codes().get(admin1, admin1)
    for p in data.get("places") or [{**q, "name": q.get("label")} for q in data.get("points", [])]:
        if p.get("country") != "IDN":
            continue
        code = (province_by_name(p.get("name")) if not p.get("geonames_id") else None) or p.get("admin1") \
            or province_at(p.get("lat"), p.get("lon"))
        if code is None or charts_map.province_codes().get(str(code), str(code)) != target:
            continue
        names += [n for n in [p.get("name"), *(p.get("names") or [])] if n]
        if p.get("lat") is not None:
            coords.append((float(p["lat"]), float(p["lon"])))
    return list(dict.fromkeys(names)), coords


@router.get("/map", response_class=HTMLResponse)
def page_map(request: Request, conn: Conn, flt: Filter) -> HTMLResponse:
    """Where events took place: countries and Indonesian provinces shaded by count, places as circles."""
    data = map_data(conn, flt)
    countries, places, provinces = _map_layers(data)
    items = request.query_params.multi_items()
    points = []
    for p in places:
        label = p.get("name") or p.get("label")
        spellings = list(dict.fromkeys([label, *(p.get("names") or [])])) if label else []
        ref = {"name": spellings, "country": p.get("country")} if spellings else \
            {"country": p.get("country"), "lat": p.get("lat"), "lon": p.get("lon")}
        points.append({**p, "label": label, "href": "/places?" + filter_query(items, **ref)})
    unplaced = data.get("unplaced")
    if unplaced is None:
        unplaced = _left_out(conn, flt, "place")
    country_href = {code: "/events?" + filter_query(items, country=code) for code in countries}
    province_href = {code: "/places?" + filter_query(items, country="IDN", admin1=code) for code in provinces}
    svg = _chart("map", data, request, lambda: charts_map.map_svg(
        countries, points, provinces=provinces, country_hrefs=country_href, province_hrefs=province_href))
    return _render(request, "chart.html", twin="/api/map", title="Map", svg=svg, page="map",
                   left_out=(unplaced, "without a place", "on this map"), **_form(request, flt, "/map"))


@router.get("/places", response_class=HTMLResponse)
def page_place(request: Request, conn: Conn, flt: Filter, name: Annotated[list[str] | None, Query()] = None,
               country: str | None = None, admin1: str | None = None, lat: float | None = None,
               lon: float | None = None) -> HTMLResponse:
    """The events at one map place (click-through from the map), within the shared filter: by its
    spellings (``name``, repeatable), its coordinates (``lat``/``lon``) or a province (``admin1``)."""
    names = [n for n in name or [] if n.strip()]
    if admin1 is not None:  # a province: the events at every place the map knows in it
        spellings, coords = _province_places(map_data(conn, flt), admin1)
        title = charts_map.province_name(admin1) or f"province {admin1}"
        events, total = place_events(conn, flt, country="IDN", names=spellings) if spellings else \
            place_events(conn, flt, country="IDN", coords=coords) if coords else ([], 0)
    elif names:
        events, total = place_events(conn, flt, names=names, country=country)
        title = names[0]
    elif lat is not None and lon is not None:
        events, total = place_events(conn, flt, country=country, coords=[(lat, lon)])
        title = f"{lat:.3f}, {lon:.3f}"
    else:
        raise HTTPException(status_code=400, detail="place: give name=..., lat=... and lon=..., or admin1=...")
    return _render(request, "place.html", twin=None, title=title, country=country, events=events, total=total,
                   urls=_article_urls(conn, {e["article"]["id"] for e in events}),
                   **_form(request, flt, "/events"))


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
    return _render(request, "actor.html", twin=None, actor=actor, svg=svg, undated=line["undated"], partners=partners,
                   quotes=actor_quotes(conn, actor), events=actor_events(conn, actor["key"]),
                   events_q=filter_query([], actor=actor["kb"] or actor["name"]))


@router.get("/articles", response_class=HTMLResponse)
def page_articles(request: Request, conn: Conn, q: str | None = None,
                  offset: Offset = 0) -> HTMLResponse:
    """Full-text search (or the latest articles)."""
    found, total = search_articles(conn, q=q or None, limit=50, offset=offset)
    articles = [{**a, "snippet_html": snippet_markup(a.get("snippet"))} for a in found]  # shared: copied
    return _render(request, "articles.html", twin="/api/articles", articles=articles, total=total, q=q or "",
                   offset=offset)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def page_article(request: Request, conn: Conn, article_id: RowId) -> HTMLResponse:
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
                  offset: Offset = 0) -> HTMLResponse:
    """Entities across the corpus."""
    found, total = list_entities(conn, q=q or None, type_=type or None, limit=100, offset=offset)
    entities = [{**e, "ref": _actor_ref(e)} for e in found]  # shared with other requests: copied
    return _render(request, "entities.html", twin="/api/entities", entities=entities, total=total, q=q or "",
                   type=type or "")


@router.get("/quotes", response_class=HTMLResponse)
def page_quotes(request: Request, conn: Conn, speaker: str | None = None, q: str | None = None,
                offset: Offset = 0) -> HTMLResponse:
    """Who said what."""
    found, total = list_quotes(conn, speaker=speaker or None, q=q or None, limit=100, offset=offset)
    urls = _article_urls(conn, {x["article_id"] for x in found})
    quotes = [{**x, "url": urls.get(x["article_id"]),  # shared with other requests: copied
               "ref": _actor_ref({"kb": x.get("speaker_kb"), "name": x.get("speaker")}) if x.get("speaker") else None}
              for x in found]
    return _render(request, "quotes.html", twin="/api/quotes", quotes=quotes, total=total, speaker=speaker or "",
                   q=q or "")


@router.get("/docs", response_class=HTMLResponse)
def page_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI document (no CDN)."""
    spec = request.app.openapi()
    return _render(request, "docs.html", twin="/openapi.json", spec=spec)


__all__ = ["filter_items", "router", "snippet_markup"]
