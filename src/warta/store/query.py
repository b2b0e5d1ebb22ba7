"""Reading the store: events with filters, full-text search, entities, quotes and the aggregates
the dashboard draws (overview, timeline, actor network, map). Every query is parameterised;
user input never becomes SQL.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from warta.store.write import load_document

#: Marks around matched words in search snippets (never in article text; callers replace them).
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
MAX_LIMIT = 500


class QueryError(ValueError):
    """A filter value that cannot be used (names the filter and what was wrong)."""


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters for events. ``actor`` is a KB id, an ISO3 code or (part of) a name; ``country`` is
    where the event took place; ``since``/``until`` keep events whose date may fall in the range."""

    type: str | None = None
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
        if self.type:
            self.type = self.type.strip().upper()
        if self.country:
            self.country = self.country.strip().upper()
        if not 1 <= self.limit <= MAX_LIMIT:
            raise QueryError(f"limit: must be between 1 and {MAX_LIMIT}")
        if self.offset < 0:
            raise QueryError("offset: must not be negative")
        return self


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


def event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) selecting events `e` that pass a filter."""
    clauses, params = [], []
    if flt.type:
        clauses.append("e.type = ?")
        params.append(flt.type)
    if flt.actor:
        value = flt.actor.strip()
        if re.fullmatch(r"[A-Za-z]{3}", value) and value.isupper():
            clauses.append("e.id IN (SELECT event_id FROM event_actors WHERE country = ?)")
            params.append(value)
        else:
            clauses.append(f"e.id IN (SELECT event_id FROM event_actors WHERE kb = ? UNION ALL "
                           f"SELECT event_id FROM event_actors WHERE name IN ({_MATCHING_NAMES}))")
            params += [value, value]
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
    if flt.q and (match := fts_query(flt.q)):
        clauses.append("e.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    if flt.dedupe:
        clauses.append("e.id IN (SELECT root_event_id FROM clusters)")
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


def query_events(conn: sqlite3.Connection, flt: EventFilter) -> tuple[list[dict[str, Any]], int]:
    """A page of events (newest first) and how many match in all."""
    flt.validate()
    where, params = event_where(flt)
    total = conn.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0]
    if total <= flt.offset:
        return [], total
    inner = where
    if total >= _WALK_INDEX_FROM:  # many matches: let SQLite follow the date order and stop after a page
        inner = where.replace("e.id IN (", "+e.id IN (").replace("e.article_id IN (", "+e.article_id IN (")
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM (SELECT e.id FROM events e{inner}{_EVENT_ORDER} LIMIT ? OFFSET ?) p "
        "JOIN events e ON e.id = p.id JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN clusters c ON c.id = e.cluster_id{_EVENT_ORDER}",
        [*params, flt.limit, flt.offset]).fetchall()
    return [_event_from_row(r) for r in rows], total


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
    """Articles matching ``q`` (best first, with a snippet), or the latest articles without one."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit: must be between 1 and {MAX_LIMIT}; offset: not negative")
    columns = ("a.id, a.doc_id, a.title, a.published, a.site, a.url, a.path, a.n_words, "
               "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events, "
               "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS n_quotes")
    match = fts_query(q) if q else None
    if match:
        total = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0]
        rows = conn.execute(
            f"SELECT {columns}, snippet(articles_fts, -1, ?, ?, '…', 14) AS snippet "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (MARK_OPEN, MARK_CLOSE, match, limit, offset)).fetchall()
    else:
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
    """Entities across articles (one row per KB id, else per name), most reported first."""
    clauses, params = [], []
    if q:
        clauses.append("instr(lower(name), lower(?)) > 0")
        params.append(q)
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
    """Quotes, newest articles first; ``speaker`` matches (part of) the speaker's name or KB id."""
    clauses, params = [], []
    if speaker:
        clauses.append("(x.speaker_kb = ? OR instr(lower(x.speaker_name), lower(?)) > 0)")
        params += [speaker, speaker]
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
