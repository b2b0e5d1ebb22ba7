"""Reading the store: events with filters, full-text search, entities, quotes and the aggregates
the dashboard draws (overview, timeline, actor network, map). Every query is parameterised;
user input never becomes SQL.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warta.store.search import match_sql, rank_query, snippet
from warta.store.write import load_document

#: Marks around matched words in search snippets (never in article text; callers replace them).
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
MAX_LIMIT = 500


class QueryError(ValueError):
    """A filter value that cannot be used (names the filter and what was wrong)."""


#: PLOVER event types by quad class (docs/plover.md; SANCTION is material conflict). Events do not
#: store a quad class: it is derived from the type.
QUAD_TYPES: dict[str, tuple[str, ...]] = {
    "verbal-coop": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material-coop": ("COOPERATE", "AID", "RETREAT"),
    "verbal-conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material-conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
EVENT_TYPES: tuple[str, ...] = tuple(t for types in QUAD_TYPES.values() for t in types)
#: GDELT/CAMEO QuadClass numbers for the quad classes.
_QUAD_NUMBERS = {"1": "verbal-coop", "2": "material-coop", "3": "verbal-conflict", "4": "material-conflict"}
#: Event flags that ``exclude`` can leave out (columns of ``events``).
EXCLUDABLE_FLAGS = ("negated", "hypothetical", "future")
#: Actor sectors beyond the KB's (PLOVER's OPP opposition and CRM criminals).
_EXTRA_SECTORS = frozenset({"OPP", "CRM"})


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters for events. ``actor`` is a KB id, an ISO3 code, any KB alias or stored surface form
    of an entity, or part of a name; ``country`` is where the event took place; ``since``/``until``
    keep events whose date may fall in the range. The list filters are ORed within themselves and
    ANDed with the rest: ``types`` (PLOVER types; the single ``type`` joins them), ``quad_classes``
    (verbal-coop, material-coop, verbal-conflict, material-conflict, or 1-4), ``sectors`` (of a
    source or target actor), ``exclude`` (negated, hypothetical, future: leave such events out)
    and ``min_confidence`` (0-1)."""

    type: str | None = None
    types: list[str] = field(default_factory=list)
    quad_classes: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    min_confidence: float | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    article_id: int | None = None
    dedupe: bool = False
    limit: int = 50
    offset: int = 0

    def validate(self) -> EventFilter:
        """Check and normalise the values; raises :class:`QueryError` naming the bad filter."""
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise QueryError(f"{name}: {value!r} is not a date YYYY-MM-DD") from None
        types = _values("type", [self.type] if self.type else [], str.upper) + _values("type", self.types, str.upper)
        for value in types:
            if value not in EVENT_TYPES:
                raise QueryError(f"type: {value[:40]!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
        self.types = list(dict.fromkeys(types))
        self.type = self.types[0] if len(self.types) == 1 else None
        quads = []
        for value in _values("quad", self.quad_classes, lambda v: v.lower().replace("_", "-").replace(" ", "-")):
            value = _QUAD_NUMBERS.get(value, value.replace("cooperation", "coop"))
            if value not in QUAD_TYPES:
                raise QueryError(f"quad: {value[:40]!r} is not a quad class ({', '.join(QUAD_TYPES)} or 1-4)")
            quads.append(value)
        self.quad_classes = list(dict.fromkeys(quads))
        from warta.nlp.kb import SECTORS

        self.sectors = list(dict.fromkeys(_values("sector", self.sectors, str.upper)))
        for value in self.sectors:
            if value not in SECTORS and value not in _EXTRA_SECTORS:
                raise QueryError(f"sector: {value[:40]!r} is not a sector code ({', '.join(sorted(SECTORS))})")
        self.exclude = list(dict.fromkeys(_values("exclude", self.exclude, str.lower)))
        for value in self.exclude:
            if value not in EXCLUDABLE_FLAGS:
                raise QueryError(f"exclude: {value[:40]!r} is not one of {', '.join(EXCLUDABLE_FLAGS)}")
        if self.min_confidence is not None:
            if isinstance(self.min_confidence, bool) or not isinstance(self.min_confidence, int | float) \
                    or not 0.0 <= float(self.min_confidence) <= 1.0:
                raise QueryError(f"min_confidence: {self.min_confidence!r} is not a number from 0 to 1")
            self.min_confidence = float(self.min_confidence)
        if self.country:
            self.country = self.country.strip().upper()
        if not 1 <= self.limit <= MAX_LIMIT:
            raise QueryError(f"limit: must be between 1 and {MAX_LIMIT}")
        if self.offset < 0:
            raise QueryError("offset: must not be negative")
        return self


def _values(name: str, values: Any, normalise) -> list[str]:
    """The non-blank items of a list filter (comma-separated items split), normalised."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple):
        raise QueryError(f"{name}: expected a list of values, got {values!r}")
    out = []
    for value in values:
        if not isinstance(value, str):
            raise QueryError(f"{name}: {value!r} is not a text value")
        out += [normalise(v.strip()) for v in value.split(",") if v.strip()]
    return out


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a user typed: words are ANDed, ``"a phrase"`` is kept, a
    trailing ``*`` makes a prefix search and a bare ``OR`` between terms means either; any
    other FTS syntax or punctuation is taken literally (never an FTS syntax error)."""
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        tokens = re.findall(r"\w+", phrase or word)
        if not tokens:
            continue
        if phrase:
            parts.append('"' + " ".join(tokens) + '"')
        else:
            star = "*" if word.endswith("*") else ""
            parts.extend(f'"{t}"' + (star if i == len(tokens) - 1 else "") for i, t in enumerate(tokens))
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None


#: The distinct actor names containing a string, stepping through the name index (not every row).
_MATCHING_NAMES = ("WITH RECURSIVE n(name) AS (SELECT min(name) FROM event_actors UNION ALL "
                   "SELECT (SELECT min(name) FROM event_actors WHERE name > n.name) FROM n WHERE n.name IS NOT NULL) "
                   "SELECT name FROM n WHERE instr(lower(name), lower(?)) > 0")
#: Newest first (NULL dates sort last in a descending order); served by the date index.
_EVENT_ORDER = " ORDER BY e.date_start DESC, e.id DESC"
#: From this many matches on, the page query walks the date index and filters as it goes.
_WALK_INDEX_FROM = 500
#: Checking one event's actors costs about this many times adding one event to a list of an
#: actor's events (measured on a 100,000-article store).
_LIST_COST = 6


def kb_ids_for(value: str) -> list[str]:
    """The KB ids a user's actor text may mean: a KB id as given, else every entity the KB knows
    by that name, alias, demonym or metonym (case-insensitive)."""
    from warta.nlp.kb import load_kb

    value = " ".join(value.split())
    if re.fullmatch(r"[a-z]{3}:[a-z0-9-]+", value):
        return [value]
    return [entity.id for entity in load_kb().lookup(value, restricted=True)][:50]


def _is_country_code(value: str) -> bool:
    from warta.nlp.kb import load_kb

    return bool(re.fullmatch(r"[A-Z]{3}", value)) and load_kb().get(f"cty:{value.lower()}") is not None


def actor_exists(value: str) -> tuple[str, list[Any]]:
    """The condition on ``e.id`` that holds when an event has an actor ``value`` names: the same
    events as :func:`actor_event_ids`, checked per event (``EXISTS`` over the event's few actor
    rows) instead of building the list of every matching event first. Cheaper when a query walks
    the date index and stops after a page of a common actor (thousands of matching events)."""
    value = value.strip()
    if _is_country_code(value):
        return "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?)", [value]
    ids = kb_ids_for(value)
    clauses = [f"x.kb IN ({', '.join('?' * len(ids))})"] if ids else []
    clauses += ["x.kb IN (SELECT kb FROM surface_forms WHERE form = ? AND kb <> '')",
                "x.name IN (SELECT name FROM surface_forms WHERE form = ?)",
                f"x.name IN ({_MATCHING_NAMES})"]
    return (f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND ({' OR '.join(clauses)}))",
            [*ids, value, value, value])


def actor_event_ids(value: str) -> tuple[str, list[Any]]:
    """A ``SELECT event_id FROM event_actors ...`` of the events with an actor ``value`` names
    (see :class:`EventFilter`), with its parameters; every branch is answered from an index."""
    value = value.strip()
    if _is_country_code(value):
        return "SELECT event_id FROM event_actors WHERE country = ?", [value]
    ids = kb_ids_for(value)
    marks = ", ".join("?" * len(ids))
    selects = [f"SELECT event_id FROM event_actors WHERE kb IN ({marks})"] if ids else []
    selects += ["SELECT event_id FROM event_actors WHERE kb IN "
                "(SELECT kb FROM surface_forms WHERE form = ? AND kb <> '')",
                "SELECT event_id FROM event_actors WHERE name IN (SELECT name FROM surface_forms WHERE form = ?)",
                f"SELECT event_id FROM event_actors WHERE name IN ({_MATCHING_NAMES})"]
    return " UNION ALL ".join(selects), [*ids, value, value, value]


def entity_match(value: str, *, kb_column: str, name_column: str) -> tuple[str, list[Any]]:
    """A condition on a row with a KB id and a name column that holds when ``value`` names the
    entity: its KB id, a KB alias, a surface form stored for it, or part of its name."""
    value = value.strip()
    ids = kb_ids_for(value)
    clauses = [f"{kb_column} IN ({', '.join('?' * len(ids))})"] if ids else []
    clauses += [f"{kb_column} IN (SELECT kb FROM surface_forms WHERE form = ? AND kb <> '')",
                f"{name_column} IN (SELECT name FROM surface_forms WHERE form = ?)",
                f"instr(lower({name_column}), lower(?)) > 0"]
    return "(" + " OR ".join(clauses) + ")", [*ids, value, value, value]


def event_where(flt: EventFilter, *, walk: bool = False, actor_per_event: bool = False) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) selecting events `e` that pass a filter.

    With ``walk`` the clause suits a query that follows the date index and stops after a page
    (the list conditions are kept off the planner's choice of index: ``+e.id``, ``+e.article_id``);
    with ``actor_per_event`` too, the actor is checked per event (:func:`actor_exists`) rather than
    by the list of all its events."""
    clauses, params = [], []
    if flt.types:
        clauses.append(f"e.type IN ({', '.join('?' * len(flt.types))})")
        params += flt.types
    elif flt.type:
        clauses.append("e.type = ?")
        params.append(flt.type.strip().upper())
    if flt.quad_classes:
        quad_types = [t for q in flt.quad_classes for t in QUAD_TYPES.get(q, ())]
        clauses.append(f"e.type IN ({', '.join('?' * len(quad_types))})" if quad_types else "0")
        params += quad_types
    if flt.sectors:
        clauses.append(f"{'+' if walk else ''}e.id IN (SELECT event_id FROM event_actors WHERE sector IN "
                       f"({', '.join('?' * len(flt.sectors))}))")
        params += flt.sectors
    for flag in flt.exclude:
        if flag in EXCLUDABLE_FLAGS:
            clauses.append(f"e.{flag} = 0")
    if flt.min_confidence is not None:
        clauses.append("e.confidence >= ?")
        params.append(flt.min_confidence)
    if flt.actor and flt.actor.strip():
        if walk and actor_per_event:
            sql, actor_params = actor_exists(flt.actor)
            clauses.append(sql)
        else:
            sql, actor_params = actor_event_ids(flt.actor)
            clauses.append(f"{'+' if walk else ''}e.id IN ({sql})")
        params += actor_params
    if flt.country:
        clauses.append("e.location_country = ?")
        params.append(flt.country)
    if flt.since:
        clauses.append("e.date_end >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("e.date_start <= ?")
        params.append(flt.until)
    if flt.article_id is not None:
        clauses.append("e.article_id = ?")
        params.append(flt.article_id)
    if flt.q and (match := match_sql(flt.q)):
        clauses.append(f"{'+' if walk else ''}e.article_id IN ({match[0]})")
        params += match[1]
    if flt.dedupe:
        clauses.append(f"{'+' if walk else ''}e.id IN (SELECT root_event_id FROM clusters)")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_EVENT_COLUMNS = ("e.id, e.article_id, e.event_json, e.cluster_id, a.title, a.url, a.published, a.site, a.doc_id, "
                  "c.num_events, c.num_articles, c.num_sources, c.root_event_id")


def _event_from_row(row: sqlite3.Row) -> dict[str, Any]:
    event = json.loads(row["event_json"])
    event["vid"] = event.pop("id")
    return {"id": row["id"], **event,
            "article": {"id": row["article_id"], "doc_id": row["doc_id"], "title": row["title"], "url": row["url"],
                        "published": row["published"], "site": row["site"]},
            "cluster": {"id": row["cluster_id"], "num_events": row["num_events"] or 1,
                        "num_articles": row["num_articles"] or 1, "num_sources": row["num_sources"] or 1,
                        "is_root": row["root_event_id"] == row["id"]}}


def count_events(conn: sqlite3.Connection, flt: EventFilter) -> int:
    """How many events pass the filter (kept until the store changes: :mod:`warta.store.cache`)."""
    from warta.store.cache import cached

    where, params = event_where(flt)
    return cached(conn, "count_events", (where, tuple(params)),
                  lambda: conn.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0])


def query_events(conn: sqlite3.Connection, flt: EventFilter) -> tuple[list[dict[str, Any]], int]:
    """A page of events (newest first) and how many match in all (kept until the store changes:
    :mod:`warta.store.cache`; the events are shared, do not change them in place)."""
    from warta.store.cache import cached

    flt.validate()
    where, params = event_where(flt)
    return cached(conn, "query_events", (where, tuple(params), flt.limit, flt.offset), lambda: _query_events(conn, flt))


def _query_events(conn: sqlite3.Connection, flt: EventFilter) -> tuple[list[dict[str, Any]], int]:
    total = count_events(conn, flt)
    if total <= flt.offset:
        return [], total
    # many matches: let SQLite follow the date order and stop after a page; an actor with so many
    # events that listing them costs more than checking the events the walk meets is checked per event
    walk = total >= _WALK_INDEX_FROM
    per_event = walk and bool(flt.actor) and \
        (flt.offset + flt.limit) * count_events(conn, EventFilter()) * _LIST_COST < total * total
    inner, params = event_where(flt, walk=walk, actor_per_event=per_event)
    return _page(conn, inner, params, flt), total


def _page(conn: sqlite3.Connection, inner: str, params: list[Any], flt: EventFilter) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM (SELECT e.id FROM events e{inner}{_EVENT_ORDER} LIMIT ? OFFSET ?) p "
        "JOIN events e ON e.id = p.id JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN clusters c ON c.id = e.cluster_id{_EVENT_ORDER}",
        [*params, flt.limit, flt.offset]).fetchall()
    return [_event_from_row(r) for r in rows]


def latest_events(conn: sqlite3.Connection, flt: EventFilter) -> list[dict[str, Any]]:
    """The page of :func:`query_events` without the count of all matches: the query follows the
    date index and stops after the page, so a view that shows a few of the newest events (the
    overview's latest, deduplicated: the count alone reads every cluster root) costs a page."""
    flt.validate()
    return _page(conn, *event_where(flt, walk=True), flt)


def get_event(conn: sqlite3.Connection, event_id: int) -> dict[str, Any] | None:
    """One event with the other reports of its cluster (``cluster.members``)."""
    row = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                       "LEFT JOIN clusters c ON c.id = e.cluster_id WHERE e.id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    event = _event_from_row(row)
    members = conn.execute(
        "SELECT e.id, e.article_id, e.date, e.trigger_text, a.title, a.site, a.url FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ? ORDER BY e.id", (row["cluster_id"],))
    event["cluster"]["members"] = [dict(m) for m in members]
    return event


def search_articles(conn: sqlite3.Connection, *, q: str | None = None, limit: int = 50,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Articles matching ``q`` (best first, with a snippet), or the latest articles without one.

    Plain words match every form built on them (``serang``: menyerang, serangan, diserang);
    ``"a phrase"`` and ``prefix*`` match as written; ``OR`` between terms means either (see
    :mod:`warta.store.search`)."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit: must be between 1 and {MAX_LIMIT}; offset: not negative")
    from warta.store.cache import cached

    return cached(conn, "search_articles", (q, limit, offset), lambda: _search_articles(conn, q, limit, offset))


def _search_articles(conn: sqlite3.Connection, q: str | None, limit: int,
                     offset: int) -> tuple[list[dict[str, Any]], int]:
    columns = ("a.id, a.doc_id, a.title, a.published, a.site, a.url, a.path, a.n_words, "
               "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events, "
               "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS n_quotes")
    match = match_sql(q) if q else None
    if match:
        sql, params = match
        total = conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        words = rank_query(q)  # ranks by the stem index
        rows = conn.execute(
            f"SELECT {columns}, a.text, a.quotes_text, r.rank AS score FROM ({sql}) m JOIN articles a ON a.id = m.rowid "
            "LEFT JOIN (SELECT rowid, rank FROM articles_stem WHERE articles_stem MATCH ?) r ON r.rowid = a.id "
            "ORDER BY r.rank IS NULL, r.rank, a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?",
            [*params, words, limit, offset]).fetchall()
        articles = []
        for r in rows:
            item = dict(r)
            for key in ("text", "quotes_text", "score"):
                del item[key]
            item["snippet"] = snippet([r["text"], r["quotes_text"], r["title"]], q, mark=(MARK_OPEN, MARK_CLOSE))
            articles.append(item)
        return articles, total
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    rows = conn.execute(f"SELECT {columns}, NULL AS snippet FROM articles a "
                        "ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?",
                        (limit, offset)).fetchall()
    return [dict(r) for r in rows], total


def get_article(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """The stored warta document of an article, or None."""
    row = conn.execute("SELECT document FROM articles WHERE id = ?", (article_id,)).fetchone()
    return load_document(row["document"]) if row else None


def article_info(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """Store metadata of an article (ids, when and by which run it was analysed)."""
    row = conn.execute("SELECT id, doc_id, url, site, path, title, published, ingested_at, run_id, fingerprint "
                       "FROM articles WHERE id = ?", (article_id,)).fetchone()
    return dict(row) if row else None


def list_entities(conn: sqlite3.Connection, *, q: str | None = None, type_: str | None = None,
                  limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Entities across articles (one row per KB id, else per name), most reported first; ``q``
    finds an entity by KB id, any KB alias, any stored surface form or part of its name."""
    from warta.store.cache import cached

    return cached(conn, "list_entities", (q, type_, limit, offset), lambda: _list_entities(conn, q, type_, limit, offset))


def _list_entities(conn: sqlite3.Connection, q: str | None, type_: str | None, limit: int,
                   offset: int) -> tuple[list[dict[str, Any]], int]:
    clauses, params = [], []
    if q and q.strip():
        sql, q_params = entity_match(q, kb_column="kb", name_column="name")
        clauses.append(sql)
        params += q_params
    if type_:
        clauses.append("type = ?")
        params.append(type_.upper())
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    grouped = (f"SELECT coalesce(kb, 'name:' || lower(name)) AS key, max(name) AS name, max(type) AS type, "
               f"max(country) AS country, max(sector) AS sector, max(kb) AS kb, count(DISTINCT article_id) AS articles, "
               f"sum(n_mentions) AS mentions FROM entities{where} GROUP BY key")
    total = conn.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    rows = conn.execute(f"{grouped} ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?",
                        [*params, limit, offset]).fetchall()
    return [dict(r) for r in rows], total


def list_quotes(conn: sqlite3.Connection, *, speaker: str | None = None, q: str | None = None,
                limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Quotes, newest articles first; ``speaker`` matches the speaker's KB id, any KB alias or
    stored surface form of the speaker, or part of the speaker's name."""
    from warta.store.cache import cached

    return cached(conn, "list_quotes", (speaker, q, limit, offset), lambda: _list_quotes(conn, speaker, q, limit, offset))


def _list_quotes(conn: sqlite3.Connection, speaker: str | None, q: str | None, limit: int,
                 offset: int) -> tuple[list[dict[str, Any]], int]:
    clauses, params = [], []
    if speaker and speaker.strip():
        sql, speaker_params = entity_match(speaker, kb_column="x.speaker_kb", name_column="x.speaker_name")
        clauses.append(sql)
        params += speaker_params
    if q:
        clauses.append("instr(lower(x.text), lower(?)) > 0")
        params.append(q)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = conn.execute(f"SELECT count(*) FROM quotes x{where}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT x.id, x.article_id, x.qid, x.text, x.direct, x.speaker_name AS speaker, x.speaker_kb, x.cue, "
        f"a.title, a.published FROM quotes x JOIN articles a ON a.id = x.article_id{where} "
        "ORDER BY a.published IS NULL, a.published DESC, x.id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    quotes = []
    for r in rows:
        item = dict(r)
        item["direct"] = bool(item["direct"])
        quotes.append(item)
    return quotes, total
