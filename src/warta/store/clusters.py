"""Event clusters across articles: reports of the same real-world event become one cluster.

Two events (from different articles) report the same event when they have the same type and the
same negated/hypothetical flags, their places are compatible (same country, or one unknown),
their actors match — for directed types a shared source and, when both name one, a shared
target; for meetings and cooperation (``CONSULT``, ``COOPERATE``, who is source is a matter of
phrasing) two shared participants, or one when either side names only one; actors are compared
by KB id, else by casefolded name — and their dates agree:

- in articles of one story (:mod:`warta.store.stories`): the dates are at most
  :data:`STORY_SLACK_DAYS` days apart, or either is missing (two reports of one protest, one of
  them without a date for it);
- otherwise: the intervals their precisions allow overlap (a month-precise report matches a day
  in that month) and both are at most :data:`NARROW_DAYS` long, or both are longer (an event
  dated only by its year, "Russia attacked in 2024", does not join every attack of that year);
  an event without a date then matches nothing.

Candidates come from indexed lookups only: the events of the article's story-mates, and the
dated events that share an actor key and type and whose intervals overlap the event's
(``cluster_keys``, primary key ``key, type, wide, day``, with each event's last day beside it,
so the overlap is decided in the index), the :data:`MAX_PER_KEY` that start latest up to the
event's last day per key: the nearest in date. So assigning an article never reads the store at
large: its cost grows with how many events share its actors and story within the window, up to
the bounds :data:`MAX_LOOKUP` and :data:`MAX_PER_KEY`. The cap can only matter for an actor with
more than :data:`MAX_PER_KEY` overlapping reports of one type (a month-dated "the police
arrested ..." under a busy key); an event then joins through the reports nearest in date, which
is what a cluster is: one real-world event within its date window, and single-link clusters are
reached through their nearest members anyway.
An event joins the cluster of its best match (same story first, then most shared actors, same
place, closest date); clusters are single-link. As a match in the story outranks any other, the
actor-key lookup runs only for events that match no story-mate's: the same clusters, without
reading the candidates that crowd a busy date window (saving 2,000 random-date articles into a
100,000-article store: 202 -> 229 articles per CPU-second, into an empty one 363 -> 373). A cluster's counts (GDELT's NumMentions,
NumArticles, NumSources), span and representative event are recomputed whenever an article
leaves it, and when articles only join it, updated from their events (a cluster of
:data:`UPDATE_FROM` events or more) so a cluster that grows with the store is not reread.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime
from functools import lru_cache

#: Types whose source/target split is phrasing, not direction.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
#: Days the dates of two events of one story may be apart.
STORY_SLACK_DAYS = 3
#: Date intervals up to this many days (a month) are ``wide = 0`` in ``cluster_keys``; only
#: intervals of the same kind match outside a story.
NARROW_DAYS = 31
#: The longest interval a precision gives (a year), for the lookup of wide intervals.
WIDE_DAYS = 366
#: Events of a story read per article at most (a guard, not a limit met by real news).
MAX_LOOKUP = 1000
#: Clusters with at least this many events are updated from the events a write adds (not
#: recounted) when the write only added to them.
UPDATE_FROM = 50
#: Events read per actor key and lookup at most, the latest first: an event joins a cluster
#: through its latest members, so a cluster that grows with the store (all of an actor's
#: year-dated attacks) does not make each lookup read all of it.
MAX_PER_KEY = 100

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_EVENT_COLUMNS = ("e.id, e.article_id, e.type, e.cluster_id, e.date_start, e.date_end, e.location_country, "
                  "e.negated, e.hypothetical")


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


@lru_cache(maxsize=65536)
def _day(value: str | None) -> int | None:
    return date.fromisoformat(value[:10]).toordinal() - _EPOCH_ORDINAL if value else None


def _day_gap(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 10_000
    return abs(_day(a) - _day(b))


def _lookup_keys(event_type: str, keys: dict[str, set[str]]) -> set[str]:
    """The actor keys an event is indexed and looked up by (what :func:`actors_match` needs shared)."""
    return keys["source"] | keys["target"] if event_type in SYMMETRIC_TYPES else set(keys["source"])


def _key_rows(event: sqlite3.Row, keys: dict[str, set[str]]) -> list[tuple[str, str, int, int, int, int]]:
    """The ``cluster_keys`` rows of an event: (key, type, wide, first day, event id, last day)."""
    if not event["date_start"] or not event["date_end"]:
        return []
    start, end = _day(event["date_start"]), _day(event["date_end"])
    wide = int(end - start > NARROW_DAYS)
    return [(key, event["type"], wide, start, event["id"], end) for key in sorted(_lookup_keys(event["type"], keys))]


def unindex_events(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article's events from ``cluster_keys`` (before the events are deleted)."""
    events = conn.execute("SELECT id, type, date_start, date_end FROM events WHERE article_id = ?",
                          (article_id,)).fetchall()
    keys = _keys(conn, [e["id"] for e in events])
    conn.executemany("DELETE FROM cluster_keys WHERE key = ? AND type = ? AND wide = ? AND day = ? AND event_id = ?",
                     [row[:5] for e in events for row in _key_rows(e, keys[e["id"]])])


def _story_events(conn: sqlite3.Connection, article_id: int, types: set[str]) -> dict[str, list[sqlite3.Row]]:
    """The clustered events of the other articles of this article's story, by type."""
    marks = ",".join("?" * len(types))
    rows = conn.execute(  # CROSS JOIN and +e.type keep the plan on the story (not on all events of a type)
        f"SELECT {_EVENT_COLUMNS} FROM story_articles me "
        "CROSS JOIN story_articles s ON s.story_id = me.story_id AND s.article_id != me.article_id "
        f"CROSS JOIN events e ON e.article_id = s.article_id WHERE me.article_id = ? AND +e.type IN ({marks}) "
        "AND e.cluster_id IS NOT NULL LIMIT ?", (article_id, *sorted(types), MAX_LOOKUP)).fetchall()
    by_type: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    return by_type


def _by_key(conn: sqlite3.Connection, event: sqlite3.Row, keys: dict[str, set[str]]) -> list[sqlite3.Row]:
    """Dated events sharing a lookup key with ``event`` whose intervals overlap its own and are
    as narrow (or as wide) as its own: per key at most :data:`MAX_PER_KEY`, those that start
    latest up to its last day (the nearest in date), found in the key's index alone."""
    lookup = sorted(_lookup_keys(event["type"], keys))
    if not lookup or not event["date_start"]:
        return []
    start, end = _day(event["date_start"]), _day(event["date_end"])
    wide = int(end - start > NARROW_DAYS)
    part = ("SELECT * FROM (SELECT event_id FROM cluster_keys WHERE key = ? AND type = ? AND wide = ? "
            f"AND day BETWEEN ? AND ? AND last >= ? AND event_id != ? ORDER BY day DESC, event_id DESC LIMIT {MAX_PER_KEY})")
    first = start - (WIDE_DAYS if wide else NARROW_DAYS)
    ids = {r[0] for r in conn.execute(" UNION ALL ".join([part] * len(lookup)),
                                      [x for key in lookup for x in (key, event["type"], wide, first, end, start, event["id"])])}
    ids.discard(event["id"])
    if not ids:
        return []
    rows = conn.execute(  # by primary key only: the type and date indexes would read far more
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id IN ({','.join('?' * len(ids))})", sorted(ids)).fetchall()
    return [r for r in rows if r["type"] == event["type"] and r["cluster_id"] is not None and r["date_start"]
            and r["date_start"] <= event["date_end"] and r["date_end"] >= event["date_start"]]


def _near(event: sqlite3.Row, cand: sqlite3.Row) -> bool:
    """Whether the dates of two events of one story are compatible (either missing counts)."""
    if not event["date_start"] or not cand["date_start"]:
        return True
    return (_day(cand["date_start"]) <= _day(event["date_end"]) + STORY_SLACK_DAYS
            and _day(cand["date_end"]) >= _day(event["date_start"]) - STORY_SLACK_DAYS)


def _best_cluster(conn: sqlite3.Connection, event: sqlite3.Row, keys: dict[str, set[str]], article_id: int,
                  story_events: list[sqlite3.Row], known: dict[int, dict[str, set[str]]]) -> int | None:
    """The cluster of the best match of ``event``; ``known`` holds the actor keys of candidates read
    for earlier events of the article (they share most candidates) and gains those read now.

    A match in the article's story outranks any other, so the indexed lookup of other candidates
    (:func:`_by_key`) runs only when no story-mate's event matches: the same cluster as ranking
    them all, without reading the candidates that crowd a busy date window."""
    story = {cand["id"]: cand for cand in story_events if _near(event, cand)}
    best = _best_of(conn, event, keys, article_id, story, known, same_story=True)
    if best is None:
        others = {cand["id"]: cand for cand in _by_key(conn, event, keys) if cand["id"] not in story}
        best = _best_of(conn, event, keys, article_id, others, known, same_story=False)
    return best


def _best_of(conn: sqlite3.Connection, event: sqlite3.Row, keys: dict[str, set[str]], article_id: int,
             candidates: dict[int, sqlite3.Row], known: dict[int, dict[str, set[str]]], *,
             same_story: bool) -> int | None:
    """The cluster of the best-ranked match among ``candidates`` (all from the story or none)."""
    place = event["location_country"]
    kept = {i: c for i, c in candidates.items()
            if c["article_id"] != article_id and c["negated"] == event["negated"]
            and c["hypothetical"] == event["hypothetical"]
            and (not place or not c["location_country"] or c["location_country"] == place)}
    if not kept:
        return None
    if missing := sorted(i for i in kept if i not in known):
        found = _keys(conn, missing)
        known.update((i, found[i]) for i in missing)
    best, best_score = None, None
    for cand_id, cand in kept.items():
        shared = actors_match(event["type"], keys, known[cand_id])
        if not shared:
            continue
        score = (same_story, shared, bool(place and cand["location_country"] == place),
                 -_day_gap(event["date_start"], cand["date_start"]), -cand["cluster_id"])
        if best_score is None or score > best_score:
            best, best_score = cand["cluster_id"], score
    return best


def assign_clusters(conn: sqlite3.Connection, article_id: int, *, regroup: bool = False) -> set[int]:
    """Put each event of a freshly stored article into a cluster; returns the clusters touched.

    With ``regroup`` (articles stored before they had stories) events already in a cluster of
    their article alone move to the best cluster found now; events whose cluster spans other
    articles stay where they are.
    """
    events = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.article_id = ? ORDER BY e.id", (article_id,)).fetchall()
    if not events:
        return set()
    own = _keys(conn, [e["id"] for e in events])
    story = _story_events(conn, article_id, {e["type"] for e in events})
    touched, known = set(), {}
    for event in events:
        if regroup:
            alone = conn.execute("SELECT count(*) FROM events WHERE cluster_id = ? AND article_id != ?",
                                 (event["cluster_id"], article_id)).fetchone()[0] == 0
            cluster = _best_cluster(conn, event, own[event["id"]], article_id, story[event["type"]],
                                    known) if alone else None
            if cluster is not None and cluster != event["cluster_id"]:
                conn.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (cluster, event["id"]))
                touched |= {cluster, event["cluster_id"]}
            continue
        cluster = _best_cluster(conn, event, own[event["id"]], article_id, story[event["type"]], known)
        if cluster is None:
            cluster = conn.execute(
                "INSERT INTO clusters (type, date_start, date_end, root_event_id, updated_at) VALUES (?, ?, ?, ?, ?)",
                (event["type"], event["date_start"], event["date_end"], event["id"], utc_now())).lastrowid
        conn.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (cluster, event["id"]))
        conn.executemany("INSERT OR IGNORE INTO cluster_keys (key, type, wide, day, event_id, last) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         _key_rows(event, own[event["id"]]))
        touched.add(cluster)
    return touched


def refresh_clusters(conn: sqlite3.Connection, cluster_ids: set[int], *,
                     grown: dict[int, set[int]] | None = None) -> None:
    """Recompute counts, date span and representative event of clusters; drop empty ones.

    ``grown`` maps clusters that only gained events in this write to the articles whose events
    joined them (articles that had no events in them before): those with at least
    :data:`UPDATE_FROM` events are updated from the new events alone instead of recounted, so a
    cluster that grows with the store (an actor's month-dated reports) costs the same each time."""
    grown = {c: arts for c, arts in (grown or {}).items() if c in cluster_ids}
    if grown:
        marks = ",".join("?" * len(grown))
        stored = {r["id"]: r for r in conn.execute(f"SELECT * FROM clusters WHERE id IN ({marks})", list(grown))}
        for cluster_id, articles in grown.items():
            row = stored.get(cluster_id)
            if row is not None and row["num_events"] >= UPDATE_FROM:
                _update_grown(conn, row, articles)
                cluster_ids = cluster_ids - {cluster_id}
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


def _update_grown(conn: sqlite3.Connection, cluster: sqlite3.Row, articles: set[int]) -> None:
    """Update a cluster's counts, span and representative event with the events the ``articles``
    (none of which had events in it) added: what a recount gives, without reading the cluster."""
    arts = sorted(articles)
    marks = ",".join("?" * len(arts))
    new = conn.execute(f"SELECT id, confidence, date_start, date_end FROM events WHERE cluster_id = ? "
                       f"AND article_id IN ({marks})", (cluster["id"], *arts)).fetchall()
    sources = {r[0] for r in conn.execute(f"SELECT DISTINCT source_key FROM articles WHERE id IN ({marks})", arts)}
    known = sum(1 for key in sources if conn.execute(  # stops at the first older report from that source
        "SELECT 1 FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ? AND a.source_key = ? "
        f"AND e.article_id NOT IN ({marks}) LIMIT 1", (cluster["id"], key, *arts)).fetchone())
    starts = [v for v in [cluster["date_start"], *(r["date_start"] for r in new)] if v is not None]
    ends = [v for v in [cluster["date_end"], *(r["date_end"] for r in new)] if v is not None]
    best = min(new, key=lambda r: (-r["confidence"], r["id"]), default=None)
    root = conn.execute("SELECT id, confidence FROM events WHERE id = ?", (cluster["root_event_id"],)).fetchone()
    if best is not None and (root is None or (-best["confidence"], best["id"]) < (-root["confidence"], root["id"])):
        root = best
    conn.execute("UPDATE clusters SET num_events = ?, num_articles = ?, num_sources = ?, date_start = ?, date_end = ?, "
                 "root_event_id = ?, updated_at = ? WHERE id = ?",
                 (cluster["num_events"] + len(new), cluster["num_articles"] + len(arts),
                  cluster["num_sources"] + len(sources) - known, min(starts, default=None), max(ends, default=None),
                  root["id"] if root is not None else None, utc_now(), cluster["id"]))
