"""What exports read from the store: documents and event records, narrowed by the same
:class:`~warta.store.query.EventFilter` as ``warta events`` and ``/api/events``.

Exports are whole: a filter's ``limit`` and ``offset`` are ignored. Both iterators stream (one
SQLite cursor, rows fetched in batches), so an export of a large store does not hold it in memory.

An event record is ``{"id", "article", "event", "cluster"}``:

``id``
    the event's store id (``events.id``), unique in the store.
``article``
    ``{id, doc_id, url, title, published, site, path, added, lead}``: ``added`` is when the article
    was stored (``ingested_at``, UTC ISO 8601) and ``lead`` the ``[start, end)`` offsets of its lead
    paragraph (:func:`lead_span`) or None.
``event``
    the event as in the stored document, with what the store knows about its actors joined in: each
    actor gets ``kb`` (the KB id of its entity, or None) and its ``sector`` as the store now has it
    (migrations update the actor rows, not the stored JSON), and, when the actor is itself a place
    (a country, a city), ``place``; the ``location`` gets ``geonames_id``, ``admin1`` and ``kb``.
``cluster``
    ``{id, num_events, num_articles, num_sources, is_root, root_selected}``: ``is_root`` is true for
    the event that represents its cross-article cluster (and for an event in no cluster);
    ``root_selected`` says whether that representative passes the filter too.
"""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from warta.store.query import EventFilter, event_where
from warta.store.write import load_document

#: Rows fetched from the cursor at a time.
FETCH_ROWS = 500
#: A paragraph opening with a dateline: ``JAKARTA -``, ``Vientiane (ANTARA) -``, ``KYIV (WH) –``.
_DATELINE = re.compile(r"^\s*[A-Z][^\n]{0,60}?\s[-–—]\s")
#: Words a paragraph needs to count as the lead when no dateline marks it.
LEAD_MIN_WORDS = 10


def _where(flt: EventFilter | None) -> tuple[str, list[Any]]:
    if flt is None:
        return "", []
    flt.validate()
    return event_where(flt)


def iter_documents(conn: sqlite3.Connection, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every stored ``warta.document/1`` in article id order; with a filter, only the articles that
    have at least one event passing it (a filter with no condition keeps every article)."""
    where, params = _where(flt)
    if where:
        sql = (f"SELECT a.document FROM articles a WHERE a.id IN (SELECT e.article_id FROM events e{where}) "
               "ORDER BY a.id")
    else:
        sql = "SELECT a.document FROM articles a ORDER BY a.id"
    cur = conn.execute(sql, params)
    while rows := cur.fetchmany(FETCH_ROWS):
        for row in rows:
            yield load_document(row[0])


def lead_span(text: str, title: str | None) -> tuple[int, int] | None:
    """The ``[start, end)`` offsets of an article's lead paragraph, GDELT's notion of where the most
    important events are reported (its ``IsRootEvent``).

    Paragraphs are the lines of the text; the title, when the text opens with it, is not one. The lead
    is the first of the first three paragraphs that opens with a dateline (``JAKARTA -``), else the
    first paragraph of at least :data:`LEAD_MIN_WORDS` words. None for a text without either.
    """
    start = 0
    if title and text.startswith(title):
        start = len(title)
    paragraphs: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text[start:]):
        if match.group().strip():
            paragraphs.append((start + match.start(), start + match.end()))
    for begin, end in paragraphs[:3]:
        if _DATELINE.match(text[begin:end]):
            return begin, end
    for begin, end in paragraphs:
        if len(text[begin:end].split()) >= LEAD_MIN_WORDS:
            return begin, end
    return None


class _ArticleContext:
    """What a document says about its entities and places, for one article at a time, and the
    store's actor rows (``event_actors``: sectors as migrations left them, KB ids)."""

    def __init__(self, doc: dict[str, Any], actors: dict[tuple[int, str, int], tuple[str | None, str | None]]) -> None:
        self.actors = actors
        self.kb = {e["id"]: e.get("kb") for e in doc.get("entities") or ()}
        self.places = {p["entity"]: p for p in doc.get("places") or () if p.get("entity")}
        lead = lead_span(doc.get("text") or "", doc.get("title"))
        self.lead = list(lead) if lead else None

    def enrich(self, event_id: int, event: dict[str, Any]) -> dict[str, Any]:
        event = copy.copy(event)
        for side in ("source", "target"):
            actors = []
            for position, actor in enumerate(event.get(side) or ()):
                actor = dict(actor)
                eid = actor.get("entity")
                actor["kb"] = actor.get("kb") or self.kb.get(eid)
                if (event_id, side, position) in self.actors:  # the store's row wins (e.g. MED -> JRN, 0003)
                    actor["sector"], kb = self.actors[(event_id, side, position)]
                    actor["kb"] = kb or actor["kb"]
                if eid in self.places:
                    actor["place"] = self._place(eid)
                actors.append(actor)
            event[side] = actors
        loc = event.get("location")
        if loc:
            loc = dict(loc)
            place = self.places.get(loc.get("entity")) or {}
            for key in ("geonames_id", "admin1"):
                loc.setdefault(key, place.get(key))
            loc.setdefault("kb", self.kb.get(loc.get("entity")))
            event["location"] = loc
        return event

    def _place(self, eid: str) -> dict[str, Any]:
        place = self.places[eid]
        return {"name": place.get("name"), "country": place.get("country"), "lat": place.get("lat"),
                "lon": place.get("lon"), "geonames_id": place.get("geonames_id"), "admin1": place.get("admin1"),
                "kb": self.kb.get(eid)}


def iter_event_records(conn: sqlite3.Connection, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every event passing ``flt`` (all without one) as an export record (see the module docstring),
    article by article, in event order within an article."""
    where, params = _where(flt)
    sql = (
        f"WITH sel(id) AS (SELECT e.id FROM events e{where}) "
        "SELECT e.id, e.event_json, e.cluster_id, a.id AS article_id, a.doc_id, a.url, a.title, a.published, "
        "a.site, a.path, a.ingested_at, c.num_events, c.num_articles, c.num_sources, c.root_event_id, "
        "(c.root_event_id IN sel) AS root_selected FROM sel JOIN events e ON e.id = sel.id "
        "JOIN articles a ON a.id = e.article_id LEFT JOIN clusters c ON c.id = e.cluster_id "
        "ORDER BY e.article_id, e.id")
    cur = conn.execute(sql, params)
    context: tuple[int, _ArticleContext] | None = None
    while rows := cur.fetchmany(FETCH_ROWS):
        for r in rows:
            if context is None or context[0] != r["article_id"]:
                doc = conn.execute("SELECT document FROM articles WHERE id = ?", (r["article_id"],)).fetchone()
                actors = {(x[0], x[1], x[2]): (x[3], x[4]) for x in conn.execute(
                    "SELECT ea.event_id, ea.role, ea.position, ea.sector, ea.kb FROM events e "
                    "JOIN event_actors ea ON ea.event_id = e.id WHERE e.article_id = ?", (r["article_id"],))}
                context = (r["article_id"], _ArticleContext(load_document(doc[0]), actors))
            ctx = context[1]
            is_root = r["cluster_id"] is None or r["root_event_id"] == r["id"]
            yield {"id": r["id"],
                   "article": {"id": r["article_id"], "doc_id": r["doc_id"], "url": r["url"], "title": r["title"],
                               "published": r["published"], "site": r["site"], "path": r["path"],
                               "added": r["ingested_at"], "lead": ctx.lead},
                   "event": ctx.enrich(r["id"], json.loads(r["event_json"])),
                   "cluster": {"id": r["cluster_id"], "num_events": r["num_events"] or 1,
                               "num_articles": r["num_articles"] or 1, "num_sources": r["num_sources"] or 1,
                               "is_root": is_root, "root_selected": bool(is_root or r["root_selected"])}}
