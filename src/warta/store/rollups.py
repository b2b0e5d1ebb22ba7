"""Aggregates kept current at write time, so the dashboard's unfiltered views read a few rows
instead of every entity, actor and event of the store (migration 0008 fills them once).

- ``agg_entity_keys``: how many ``entities`` rows each entity key has (``coalesce(kb,
  lower(name))``); the overview's count of distinct entities is the number of its rows.
- ``agg_actor_keys`` / ``agg_actor_values``: per actor key the events naming it, and how many
  actor rows carry each name, country and sector; the overview's top actors (most events, with
  the greatest name, country and sector of the key) come from these.
- ``agg_edges``: per (source key, target key, type) the events with such a pair of actors: the
  network without a filter.
- ``agg_node_weights``: per actor key the sum of ``agg_edges.n`` over its pairs with another key,
  as source or target: the network ranks its nodes from these, then reads only their pairs.

Each is a count per group, maintained by the same grouped query over one article's rows:
added after the article's rows are written (:func:`add_article`), taken away before they are
deleted (:func:`remove_article`); groups whose count reaches 0 are deleted. So every table always
equals the grouped query over the whole store (tests/store/test_rollups.py checks it), whatever
order articles are written, replaced or deleted in. Nothing here depends on event clusters.
"""

from __future__ import annotations

import sqlite3

#: (table, key columns, grouped query over one article's rows selecting the keys then the count).
_ROLLUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("agg_entity_keys", ("key",),
     "SELECT coalesce(kb, lower(name)) AS k, count(*) FROM entities WHERE article_id = ? AND k IS NOT NULL "
     "GROUP BY k"),
    ("agg_actor_keys", ("key",),
     "SELECT x.key, count(DISTINCT x.event_id) FROM events e JOIN event_actors x ON x.event_id = e.id "
     "WHERE e.article_id = ? GROUP BY x.key"),
    ("agg_actor_values", ("key", "field", "value"),
     "SELECT x.key, f.field, CASE f.field WHEN 'name' THEN x.name WHEN 'country' THEN x.country ELSE x.sector END "
     "AS v, count(*) FROM events e JOIN event_actors x ON x.event_id = e.id "
     "JOIN (SELECT 'name' AS field UNION ALL SELECT 'country' UNION ALL SELECT 'sector') f "
     "WHERE e.article_id = ? AND v IS NOT NULL GROUP BY x.key, f.field, v"),
    ("agg_edges", ("source", "target", "type"),
     "SELECT s.key, t.key, e.type, count(DISTINCT e.id) FROM events e "
     "JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
     "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' WHERE e.article_id = ? "
     "GROUP BY s.key, t.key, e.type"),
    ("agg_node_weights", ("key",),
     "SELECT k, sum(c) FROM (SELECT CASE f.side WHEN 0 THEN s.key ELSE t.key END AS k, count(DISTINCT e.id) AS c "
     "FROM events e JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
     "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' "
     "JOIN (SELECT 0 AS side UNION ALL SELECT 1) f WHERE e.article_id = ? AND s.key <> t.key "
     "GROUP BY s.key, t.key, e.type, f.side) GROUP BY k"),
)


def add_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Count a freshly written article's entities, actors and actor pairs in (callers own the
    transaction)."""
    for table, keys, grouped in _ROLLUPS:
        columns = ", ".join(keys)
        conn.execute(f"INSERT INTO {table} ({columns}, n) {grouped} "
                     f"ON CONFLICT ({columns}) DO UPDATE SET n = n + excluded.n", (article_id,))


def remove_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Count an article's entities, actors and actor pairs out, before its rows are deleted."""
    for table, keys, grouped in _ROLLUPS:
        rows = conn.execute(grouped, (article_id,)).fetchall()
        match = " AND ".join(f"{k} = ?" for k in keys)
        conn.executemany(f"UPDATE {table} SET n = n - ? WHERE {match}", [(r[-1], *r[:-1]) for r in rows])
        conn.executemany(f"DELETE FROM {table} WHERE {match} AND n <= 0", [tuple(r[:-1]) for r in rows])


def entity_count(conn: sqlite3.Connection) -> int:
    """``count(DISTINCT coalesce(kb, lower(name)))`` over all entities."""
    return conn.execute("SELECT count(*) FROM agg_entity_keys").fetchone()[0]


def top_actors(conn: sqlite3.Connection, *, limit: int = 15) -> list[dict[str, object]]:
    """The actor keys in most events (ties by the greatest name), as the overview lists them:
    ``name``, ``country`` and ``sector`` are the greatest of the key's actor rows."""
    cutoff = conn.execute("SELECT n FROM agg_actor_keys ORDER BY n DESC LIMIT 1 OFFSET ?", (limit - 1,)).fetchone()
    value = "(SELECT max(v.value) FROM agg_actor_values v WHERE v.key = k.key AND v.field = '{}')"
    rows = conn.execute(
        f"SELECT {value.format('name')} AS name, {value.format('country')} AS country, "
        f"{value.format('sector')} AS sector, k.key AS key, k.n AS events FROM agg_actor_keys k "
        "WHERE k.n >= ? ORDER BY events DESC, name LIMIT ?", (cutoff[0] if cutoff else 0, limit)).fetchall()
    return [dict(r) for r in rows]


def edges(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """(source, target, type, count) of every actor pair, as the unfiltered network groups them."""
    return conn.execute("SELECT source, target, type, n AS count FROM agg_edges").fetchall()


def node_weights(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """(key, weight) of every actor key in a pair with another key (``agg_node_weights``)."""
    return conn.execute("SELECT key, n FROM agg_node_weights").fetchall()


def edges_among(conn: sqlite3.Connection, keys: list[str]) -> list[sqlite3.Row]:
    """(source, target, type, count) of the actor pairs whose source and target are both in
    ``keys``, in the order :func:`edges` returns them (source, target, type)."""
    if not keys:
        return []
    if len(keys) > 10_000:  # more than SQLite's bound parameters: all pairs, filtered here
        wanted = set(keys)
        return [r for r in edges(conn) if r["source"] in wanted and r["target"] in wanted]
    marks = ", ".join("?" * len(keys))
    return conn.execute(f"SELECT source, target, type, n AS count FROM agg_edges WHERE source IN ({marks}) "
                        f"AND target IN ({marks}) ORDER BY source, target, type", [*keys, *keys]).fetchall()
