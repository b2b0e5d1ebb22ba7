"""What the dashboard pages share: the router, the filter form, chart caching and rendering."""


from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from warta.store import EventFilter
from warta.store.query import (
    MARK_CLOSE,
    MARK_OPEN,
    event_where,
)
from warta.web.deps import event_filter, get_conn
from warta.web.links import filter_query

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


def sectors() -> list[tuple[str, str]]:
    from warta.nlp.kb import SECTORS

    extra = {"OPP": "opposition", "CRM": "criminals"}
    return sorted({**SECTORS, **{k: v for k, v in extra.items() if k not in SECTORS}}.items())


#: Charts drawn lately: (chart, id of the aggregate result, request query) -> (that result, SVG). An
#: aggregate is one shared object per store version (:mod:`warta.store.cache`), so a chart is drawn
#: once per version and query (the network layout alone is a second of CPU under load).
_CHARTS: OrderedDict[tuple[Any, ...], tuple[Any, str]] = OrderedDict()
_CHARTS_LOCK = threading.Lock()
MAX_CHARTS = 64


def cached_chart(kind: str, data: Any, request: Request, draw: Callable[[], str]) -> Markup:
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


def render(request: Request, template: str, *, twin: str | None, **context: Any) -> HTMLResponse:
    query = str(request.url.query)
    context["json_twin"] = (twin + (f"?{query}" if query else "")) if twin else None
    return request.app.state.templates.TemplateResponse(request, template, context)


def filter_form(request: Request, flt: EventFilter, action: str) -> dict[str, Any]:
    """What ``_filters.html`` needs: the current values and the choices."""
    params = request.query_params
    types = list(getattr(flt, "types", None) or ([flt.type] if flt.type else []))
    return {"action": action, "flt": flt, "sel_types": types, "quads": QUADS, "sectors": sectors(),
            "sel_quads": list(getattr(flt, "quad_classes", None) or params.getlist("quad")),
            "sel_sectors": list(getattr(flt, "sectors", None) or params.getlist("sector")),
            "sel_exclude": list(getattr(flt, "exclude", None) or params.getlist("exclude")),
            "min_confidence": getattr(flt, "min_confidence", None) or params.get("min_confidence") or "",
            "filter_qs": filter_query(params.multi_items()),
            "exports": [(label, f"/api/export?format={fmt}" + (f"&{q}" if (q := filter_query(params.multi_items()))
                                                                else "")) for fmt, label in EXPORT_FORMATS]}


def left_out(conn: sqlite3.Connection, flt: EventFilter, column: str) -> int:
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


def article_urls(conn: sqlite3.Connection, ids: set[int]) -> dict[int, str | None]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {r[0]: r[1] for r in conn.execute(f"SELECT id, url FROM articles WHERE id IN ({marks})", sorted(ids))}
