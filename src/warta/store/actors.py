"""Actor and place pages of the dashboard: one actor's events over time, partners and quotes, and
the events at one map place.

Every query is parameterised and starts from an index: ``event_actors.key`` (``event_actors_key``)
then ``event_actors (event_id, role, key)`` for partners; ``quotes.speaker_kb`` / ``quotes.speaker_name
NOCASE`` for quotes; ``events (location_country, date_start)`` for places.

An actor is named by its ``key`` as stored in ``event_actors``: the KB id when linked (``org:kpk``),
else ``name:`` + the casefolded name. :func:`resolve_actor` turns what a URL holds (a KB id or a
name, any case) into that key.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from warta.store.cache import cached
from warta.store.query import _EVENT_COLUMNS, EventFilter, _event_from_row, event_where

#: Newest first; NULL dates sort last in a descending order, so the (country, date) index serves it.
_ORDER = " ORDER BY e.date_start DESC, e.id DESC"


def resolve_actor(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    """The actor a URL names, or ``None`` if no event has it.

    ``ref`` is tried as: the stored key (KB id or ``name:…``); a name stored with a KB id
    (``Komisi Pemberantasan Korupsi`` → ``org:kpk``); a KB alias (``Jokowi`` → ``per:joko-widodo``);
    a surface form seen in an article (``surface_forms``, any case); an unlinked name, any case.
    Returns ``{"key", "name", "country", "sector", "kb", "events", "names"}``; ``names`` are the
    spellings stored for the actor (most frequent first, at most 20).
    """
    ref = " ".join(ref.split())
    if not ref:
        return None
    return cached(conn, "resolve_actor", ref, lambda: _resolve_actor(conn, ref))


def _resolve_actor(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    from warta.store.query import kb_ids_for

    candidates = [ref]
    candidates += [r["kb"] for r in conn.execute(
        "SELECT kb FROM event_actors WHERE name = ? COLLATE NOCASE AND kb IS NOT NULL GROUP BY kb "
        "ORDER BY count(*) DESC LIMIT 5", (ref,))]
    candidates += kb_ids_for(ref)[:10]
    try:
        forms = conn.execute("SELECT kb, name FROM surface_forms WHERE form = ? LIMIT 20", (ref,)).fetchall()
    except sqlite3.OperationalError:  # a store from before the alias table
        forms = []
    candidates += [f["kb"] for f in forms if f["kb"]] + [f"name:{f['name'].casefold()}" for f in forms if not f["kb"]]
    candidates.append(f"name:{ref.casefold()}")
    for key in dict.fromkeys(candidates):
        names = conn.execute("SELECT name, max(country) AS country, max(sector) AS sector, max(kb) AS kb, "
                             "count(DISTINCT event_id) AS n FROM event_actors WHERE key = ? GROUP BY name "
                             "ORDER BY n DESC, name LIMIT 20", (key,)).fetchall()
        if names:
            total = conn.execute("SELECT count(DISTINCT event_id) FROM event_actors WHERE key = ?",
                                 (key,)).fetchone()[0]
            return {"key": key, "name": names[0]["name"], "kb": names[0]["kb"], "events": total,
                    "country": next((r["country"] for r in names if r["country"]), None),
                    "sector": next((r["sector"] for r in names if r["sector"]), None),
                    "names": [r["name"] for r in names]}
    return None


def actor_timeline(conn: sqlite3.Connection, key: str) -> dict[str, Any]:
    """Events of the actor per month (``{"buckets": [{"period", "type", "count"}], "undated": N}``)."""
    return cached(conn, "actor_timeline", key, lambda: _actor_timeline(conn, key))


def _actor_timeline(conn: sqlite3.Connection, key: str) -> dict[str, Any]:
    rows = conn.execute(
        "SELECT substr(e.date_start, 1, 7) AS period, e.type AS type, count(DISTINCT e.id) AS count "
        "FROM event_actors a JOIN events e ON e.id = a.event_id WHERE a.key = ? "
        "GROUP BY period, e.type ORDER BY period, e.type", (key,)).fetchall()
    buckets = [dict(r) for r in rows if r["period"]]
    undated = sum(r["count"] for r in rows if not r["period"])
    return {"granularity": "month", "buckets": buckets, "undated": undated}


def actor_partners(conn: sqlite3.Connection, key: str, *, limit: int = 15) -> list[dict[str, Any]]:
    """The actors that share most events with this one: ``{"key", "name", "country", "sector", "kb",
    "events", "as_source", "as_target"}`` (``as_source``: events where the partner acted on this actor)."""
    return cached(conn, "actor_partners", (key, limit), lambda: _actor_partners(conn, key, limit))


def _actor_partners(conn: sqlite3.Connection, key: str, limit: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT o.key AS key, max(o.name) AS name, max(o.country) AS country, max(o.sector) AS sector, "
        "max(o.kb) AS kb, count(DISTINCT o.event_id) AS events, "
        "count(DISTINCT CASE WHEN o.role = 'source' AND a.role = 'target' THEN o.event_id END) AS as_source, "
        "count(DISTINCT CASE WHEN o.role = 'target' AND a.role = 'source' THEN o.event_id END) AS as_target "
        "FROM event_actors a JOIN event_actors o ON o.event_id = a.event_id AND o.key != a.key "
        "WHERE a.key = ? GROUP BY o.key ORDER BY events DESC, name LIMIT ?", (key, limit)).fetchall()
    return [dict(r) for r in rows]


def actor_events(conn: sqlite3.Connection, key: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The actor's latest events (dated first, newest first), shaped like ``query_events`` rows."""
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM (SELECT DISTINCT event_id FROM event_actors WHERE key = ?) p "
        "JOIN events e ON e.id = p.event_id JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN clusters c ON c.id = e.cluster_id{_ORDER} LIMIT ?", (key, limit)).fetchall()
    return [_event_from_row(r) for r in rows]


def actor_quotes(conn: sqlite3.Connection, actor: dict[str, Any], *, limit: int = 20) -> list[dict[str, Any]]:
    """Quotes whose speaker is the actor: by KB id when it has one, else by any of its stored names.

    A quote keeps its speaker entity's name and KB id (``speaker_name``, ``speaker_kb``, written
    from the same entity as its ``entities`` row), so the quotes' own indexes answer this."""
    if actor.get("kb"):
        match, params = "x.speaker_kb = ?", [actor["kb"]]
    else:
        names = actor.get("names") or [actor["name"]]
        match, params = f"x.speaker_name COLLATE NOCASE IN ({', '.join('?' * len(names))})", list(names)
    rows = conn.execute(
        "SELECT x.id, x.article_id, x.text, x.direct, x.speaker_name AS speaker, x.cue, a.title, a.url, a.published "
        f"FROM quotes x JOIN articles a ON a.id = x.article_id WHERE {match} "
        "ORDER BY a.published IS NULL, a.published DESC, x.id LIMIT ?", [*params, limit]).fetchall()
    return [{**dict(r), "direct": bool(r["direct"])} for r in rows]


def place_events(conn: sqlite3.Connection, flt: EventFilter, *, names: list[str] | None = None,
                 country: str | None = None, coords: list[tuple[float, float]] | None = None,
                 name: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """A page of the events at one map place (or several: a province's) and how many there are, within ``flt``.

    The place is its spellings ``names`` (any case; ``name`` is one spelling) when given, else its
    coordinates ``coords`` (``[(lat, lon)]``, compared rounded to 3 decimals as the map draws them);
    ``country`` (ISO3) narrows it and lets the ``(location_country, date_start)`` index answer.
    """
    flt.validate()
    where, params = event_where(flt)
    clauses = [where[len(" WHERE "):]] if where else []
    if country:
        clauses.append("e.location_country = ?")
        params.append(country.strip().upper())
    spellings = [n.strip() for n in [*(names or []), *([name] if name else [])] if n and n.strip()][:50]
    if spellings:
        clauses.append(f"e.location_name COLLATE NOCASE IN ({', '.join('?' * len(spellings))})")
        params += spellings
    elif coords:
        clauses.append("(round(e.lat, 3), round(e.lon, 3)) IN (VALUES "
                       + ", ".join("(round(?, 3), round(?, 3))" for _ in coords) + ")")
        params += [float(v) for point in coords for v in point]
    else:
        raise ValueError("place: give its names or coordinates")
    cond = " WHERE " + " AND ".join(clauses)
    total = cached(conn, "place_events_total", (cond, tuple(params)),
                   lambda: conn.execute(f"SELECT count(*) FROM events e{cond}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM (SELECT e.id FROM events e{cond}{_ORDER} LIMIT ? OFFSET ?) p "
        "JOIN events e ON e.id = p.id JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN clusters c ON c.id = e.cluster_id{_ORDER}", [*params, flt.limit, flt.offset]).fetchall()
    return [_event_from_row(r) for r in rows], total
