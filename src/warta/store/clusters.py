"""Event clusters across articles: reports of the same real-world event become one cluster.

Two events (from different articles) report the same event when they have the same type and the
same negated/hypothetical flags, their dates can mean the same day (the intervals their
precisions allow overlap), their places are compatible (same country, or one unknown) and their
actors match: for directed types a shared source and, when both name one, a shared target; for
meetings and cooperation (``CONSULT``, ``COOPERATE``, who is source is a matter of phrasing) two
shared participants, or one when either side names only one. Actors are compared by KB id, else
by casefolded name. An event joins the cluster of its best match (most shared actors, same place,
closest date); clusters are single-link. A cluster's counts (GDELT's NumMentions, NumArticles,
NumSources) are recomputed whenever an article joins or leaves it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime

#: Types whose source/target split is phrasing, not direction.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})


def _keys(conn: sqlite3.Connection, event_ids: list[int]) -> dict[int, dict[str, set[str]]]:
    keys: dict[int, dict[str, set[str]]] = defaultdict(lambda: {"source": set(), "target": set()})
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT event_id, role, key FROM event_actors WHERE event_id IN ({marks})", chunk):
            keys[row[0]][row[1]].add(row[2])
    return keys


def actors_match(event_type: str, a: dict[str, set[str]], b: dict[str, set[str]]) -> int:
    """How many actors two events share when their actors are compatible, else 0."""
    if event_type in SYMMETRIC_TYPES:
        pa, pb = a["source"] | a["target"], b["source"] | b["target"]
        shared = len(pa & pb)
        return shared if shared >= min(2, len(pa), len(pb)) and shared else 0
    sources = len(a["source"] & b["source"])
    if not sources:
        return 0
    if a["target"] and b["target"]:
        targets = len(a["target"] & b["target"])
        return sources + targets if targets else 0
    return sources


def _day_gap(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 10_000
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def assign_clusters(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Put each event of a freshly stored article into a cluster; returns the clusters touched."""
    events = conn.execute(
        "SELECT id, type, date_start, date_end, location_country, negated, hypothetical FROM events "
        "WHERE article_id = ? ORDER BY id", (article_id,)).fetchall()
    if not events:
        return set()
    own = _keys(conn, [e["id"] for e in events])
    touched = set()
    for event in events:
        cluster = _best_cluster(conn, event, own[event["id"]], article_id) if event["date_start"] else None
        if cluster is None:
            cluster = conn.execute(
                "INSERT INTO clusters (type, date_start, date_end, root_event_id, updated_at) VALUES (?, ?, ?, ?, ?)",
                (event["type"], event["date_start"], event["date_end"], event["id"], utc_now())).lastrowid
        conn.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (cluster, event["id"]))
        touched.add(cluster)
    return touched


def _best_cluster(conn: sqlite3.Connection, event: sqlite3.Row, keys: dict[str, set[str]],
                  article_id: int) -> int | None:
    candidates = conn.execute(
        "SELECT id, cluster_id, date_start, location_country FROM events WHERE type = ? AND article_id != ? "
        "AND date_start <= ? AND date_end >= ? AND negated = ? AND hypothetical = ? AND cluster_id IS NOT NULL "
        "LIMIT 2000",
        (event["type"], article_id, event["date_end"], event["date_start"], event["negated"],
         event["hypothetical"])).fetchall()
    if not candidates:
        return None
    place = event["location_country"]
    candidates = [c for c in candidates if not place or not c["location_country"] or c["location_country"] == place]
    other = _keys(conn, [c["id"] for c in candidates])
    best, best_score = None, None
    for cand in candidates:
        shared = actors_match(event["type"], keys, other[cand["id"]])
        if not shared:
            continue
        score = (shared, bool(place and cand["location_country"] == place),
                 -_day_gap(event["date_start"], cand["date_start"]), -cand["cluster_id"])
        if best_score is None or score > best_score:
            best, best_score = cand["cluster_id"], score
    return best


def refresh_clusters(conn: sqlite3.Connection, cluster_ids: set[int]) -> None:
    """Recompute counts, date span and representative event of clusters; drop empty ones."""
    ids = sorted(cluster_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"""UPDATE clusters SET
                num_events = (SELECT count(*) FROM events e WHERE e.cluster_id = clusters.id),
                num_articles = (SELECT count(DISTINCT e.article_id) FROM events e WHERE e.cluster_id = clusters.id),
                num_sources = (SELECT count(DISTINCT a.source_key) FROM events e JOIN articles a ON a.id = e.article_id
                               WHERE e.cluster_id = clusters.id),
                date_start = (SELECT min(e.date_start) FROM events e WHERE e.cluster_id = clusters.id),
                date_end = (SELECT max(e.date_end) FROM events e WHERE e.cluster_id = clusters.id),
                root_event_id = (SELECT e.id FROM events e WHERE e.cluster_id = clusters.id
                                 ORDER BY e.confidence DESC, e.id LIMIT 1),
                updated_at = ?
            WHERE id IN ({marks})""", (utc_now(), *chunk))
        conn.execute(f"DELETE FROM clusters WHERE id IN ({marks}) AND num_events = 0", chunk)


def utc_now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
