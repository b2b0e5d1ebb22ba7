"""Aggregates over the store for the dashboard and its JSON twins: overview counts, the timeline
of events by type, the actor network (who acts on whom) and the map of event locations.
All take an :class:`~warta.store.query.EventFilter`, so every view can be narrowed the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from warta.store.query import EventFilter, event_where, query_events
from warta.store.write import load_document


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Corpus counts, events per type, top actors, latest events and the last ingest run."""
    counts = {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
              for name in ("articles", "events", "clusters", "quotes")}
    counts["entities"] = conn.execute("SELECT count(DISTINCT coalesce(kb, lower(name))) FROM entities").fetchone()[0]
    span = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    by_type = [dict(r) for r in conn.execute(
        "SELECT type, count(*) AS events, count(DISTINCT cluster_id) AS clusters FROM events "
        "GROUP BY type ORDER BY events DESC")]
    top_actors = [dict(r) for r in conn.execute(
        "SELECT max(name) AS name, max(country) AS country, max(sector) AS sector, key, "
        "count(DISTINCT event_id) AS events FROM event_actors GROUP BY key ORDER BY events DESC, name LIMIT 15")]
    latest, _ = query_events(conn, EventFilter(limit=10, dedupe=True))
    run = conn.execute("SELECT id, started_at, finished_at, status, warta_version, model, model_version, stored, "
                       "unchanged, failures FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return {"counts": counts, "published": {"first": span[0], "last": span[1]}, "by_type": by_type,
            "top_actors": top_actors, "latest_events": latest, "last_run": dict(run) if run else None}


def _period_expr(granularity: str) -> str:
    return {"day": "e.date_start", "month": "substr(e.date_start, 1, 7)", "year": "substr(e.date_start, 1, 4)"}[granularity]


def timeline(conn: sqlite3.Connection, flt: EventFilter, *, granularity: str = "auto") -> dict[str, Any]:
    """Events (counted once per cluster) per period and type; ``granularity`` day, month, year or
    auto (day for spans up to 90 days, month up to 6 years, else year)."""
    flt.validate()
    where, params = event_where(flt)
    if granularity == "auto":
        span = conn.execute(f"SELECT min(e.date_start), max(e.date_start) FROM events e{where}", params).fetchone()
        granularity = "day"
        if span[0] and span[1]:
            from datetime import date

            days = (date.fromisoformat(span[1]) - date.fromisoformat(span[0])).days
            granularity = "day" if days <= 90 else "month" if days <= 6 * 366 else "year"
    if granularity not in ("day", "month", "year"):
        raise ValueError(f"granularity: {granularity!r} is not day, month, year or auto")
    expr = _period_expr(granularity)
    joiner = " AND " if where else " WHERE "
    rows = conn.execute(
        f"SELECT {expr} AS period, e.type AS type, count(DISTINCT e.cluster_id) AS count FROM events e{where}"
        f"{joiner}e.date_start IS NOT NULL GROUP BY period, e.type ORDER BY period, e.type", params).fetchall()
    buckets = [dict(r) for r in rows]
    periods = all_periods(buckets[0]["period"], buckets[-1]["period"], granularity) if buckets else []
    return {"granularity": granularity, "periods": periods, "buckets": buckets}


def all_periods(first: str, last: str, granularity: str, *, limit: int = 400) -> list[str]:
    """Every period from ``first`` to ``last`` (``2024-01`` … ``2024-06``), at most ``limit``."""
    from datetime import date, timedelta

    out: list[str] = []
    if granularity == "year":
        out = [str(y) for y in range(int(first), int(last) + 1)]
    elif granularity == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last and len(out) <= limit:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end and len(out) <= limit:
            out.append(day.isoformat())
            day += timedelta(days=1)
    return out[:limit]


def network(conn: sqlite3.Connection, flt: EventFilter, *, max_nodes: int = 40) -> dict[str, Any]:
    """Who acts on whom: actors as nodes, source → target edges with event counts per type."""
    flt.validate()
    where, params = event_where(flt)
    rows = conn.execute(
        "SELECT s.key AS source, t.key AS target, e.type AS type, count(DISTINCT e.id) AS count "
        "FROM events e JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
        f"JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'{where} "
        "GROUP BY s.key, t.key, e.type", params).fetchall()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    weight: dict[str, int] = {}
    for r in rows:
        if r["source"] == r["target"]:
            continue
        edge = edges.setdefault((r["source"], r["target"]), {"source": r["source"], "target": r["target"],
                                                             "count": 0, "types": {}})
        edge["count"] += r["count"]
        edge["types"][r["type"]] = edge["types"].get(r["type"], 0) + r["count"]
        for key in (r["source"], r["target"]):
            weight[key] = weight.get(key, 0) + r["count"]
    keep = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    nodes = []
    for key in keep:
        info = conn.execute("SELECT name, country, sector, kb FROM event_actors WHERE key = ? "
                            "GROUP BY name ORDER BY count(*) DESC LIMIT 1", (key,)).fetchone()
        nodes.append({"id": key, "label": info["name"], "country": info["country"], "sector": info["sector"],
                      "kb": info["kb"], "count": weight[key]})
    kept = set(keep)
    return {"nodes": nodes, "edges": [e for e in edges.values() if e["source"] in kept and e["target"] in kept]}


def map_data(conn: sqlite3.Connection, flt: EventFilter) -> dict[str, Any]:
    """Events per country (where they took place) and per geocoded place."""
    flt.validate()
    where, params = event_where(flt)
    joiner = " AND " if where else " WHERE "
    countries = {r[0]: r[1] for r in conn.execute(
        f"SELECT e.location_country, count(DISTINCT e.cluster_id) FROM events e{where}{joiner}"
        "e.location_country IS NOT NULL GROUP BY e.location_country", params)}
    points = [dict(r) for r in conn.execute(
        "SELECT e.location_name AS label, e.location_country AS country, round(e.lat, 3) AS lat, "
        f"round(e.lon, 3) AS lon, count(DISTINCT e.cluster_id) AS count FROM events e{where}{joiner}"
        "e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY label, country, round(e.lat, 3), round(e.lon, 3) "
        "ORDER BY count DESC LIMIT 500", params)]
    return {"countries": countries, "points": points}


def iter_documents(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every stored warta.document/1, in article id order (streamed)."""
    last = 0
    while True:
        rows = conn.execute("SELECT id, document FROM articles WHERE id > ? ORDER BY id LIMIT 200", (last,)).fetchall()
        if not rows:
            return
        for row in rows:
            yield load_document(row["document"])
        last = rows[-1]["id"]


def iter_event_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every event with its article and cluster, for exports (streamed, in event id order)."""
    import json

    last = 0
    while True:
        rows = conn.execute(
            "SELECT e.id, e.event_json, e.cluster_id, a.id AS article_id, a.doc_id, a.url, a.title, a.published, "
            "a.site, a.path, c.num_events, c.num_articles, c.num_sources, c.root_event_id FROM events e "
            "JOIN articles a ON a.id = e.article_id LEFT JOIN clusters c ON c.id = e.cluster_id "
            "WHERE e.id > ? ORDER BY e.id LIMIT 1000", (last,)).fetchall()
        if not rows:
            return
        for r in rows:
            yield {"article": {"id": r["article_id"], "doc_id": r["doc_id"], "url": r["url"], "title": r["title"],
                               "published": r["published"], "site": r["site"], "path": r["path"]},
                   "event": json.loads(r["event_json"]),
                   "cluster": {"id": r["cluster_id"], "num_events": r["num_events"] or 1,
                               "num_articles": r["num_articles"] or 1, "num_sources": r["num_sources"] or 1,
                               "is_root": r["root_event_id"] == r["id"] or r["cluster_id"] is None}}
        last = rows[-1]["id"]
