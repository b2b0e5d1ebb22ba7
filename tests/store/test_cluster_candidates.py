"""The indexed cluster candidates (story-mates, ``cluster_keys``) find what a scan of every stored
event would: the same candidates and, on a small store, the same clusters."""

from __future__ import annotations

import random
import sqlite3
from collections import defaultdict

import pytest

from tests.store.test_clusters import event, with_events
from warta.store import clusters as cl
from warta.store import connect
from warta.store.write import save_documents

NAMES = ("polisi", "mahasiswa", "DPRD", "Bupati", "petani")
TYPES = ("CONSULT", "ASSAULT", "PROTEST")
BASES = ("protest_1", "protest_2", "election_1", "election_2", "flood", "other_protest")


def fixture_documents(seed: int, n: int = 36) -> list[dict]:
    """Our own small store: reports on six invented texts (same text: same story), dated around
    March 2025, with events of three types, five actors and every date precision."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        day = 8 + rng.randrange(10)
        events = []
        for v in range(rng.randint(1, 4)):
            precision = rng.choice(["day", "day", "day", "month", "year", None])
            date = {"day": f"2025-03-{day + rng.randint(-2, 2):02d}", "month": "2025-03", "year": "2025",
                    None: None}[precision]
            source = rng.sample(NAMES, rng.randint(1, 2))
            target = rng.sample([n for n in NAMES if n not in source], rng.randint(0, 1))
            events.append(event(f"v{v}", rng.choice(TYPES), source, target, date=date, precision=precision,
                                country=rng.choice([None, "IDN", "IDN", "MYS"]), negated=rng.random() < 0.1))
        base = rng.choice(BASES)
        docs.append(with_events(base, events, id=f"doc{i}", url=f"https://contoh.test/{base}/{i}",
                                published=f"2025-03-{day:02d}"))
    return docs


def _scan_story_events(conn: sqlite3.Connection, article_id: int, types: set[str]) -> dict[str, list[sqlite3.Row]]:
    """Every clustered event of the article's story-mates (no index, no limit)."""
    story = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    by_type: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute(f"SELECT {cl._EVENT_COLUMNS}, s.story_id AS story FROM events e NOT INDEXED "
                            "LEFT JOIN story_articles s ON s.article_id = e.article_id"):
        if row["article_id"] != article_id and row["cluster_id"] is not None and row["type"] in types \
                and story is not None and row["story"] == story[0]:
            by_type[row["type"]].append(row)
    return by_type


def _scan_by_key(conn: sqlite3.Connection, ev: sqlite3.Row, keys: dict[str, set[str]]) -> list[sqlite3.Row]:
    """Every dated, clustered event of the type sharing a lookup key whose interval overlaps and is
    of the same kind (narrow or wide), found by reading all events."""
    lookup = cl._lookup_keys(ev["type"], keys)
    if not lookup or not ev["date_start"]:
        return []
    wide = cl._day(ev["date_end"]) - cl._day(ev["date_start"]) > cl.NARROW_DAYS
    rows = conn.execute(f"SELECT {cl._EVENT_COLUMNS} FROM events e NOT INDEXED").fetchall()
    others = cl._keys(conn, [r["id"] for r in rows])
    return [r for r in rows if r["id"] != ev["id"] and r["type"] == ev["type"] and r["cluster_id"] is not None
            and r["date_start"] and r["date_start"] <= ev["date_end"] and r["date_end"] >= ev["date_start"]
            and (cl._day(r["date_end"]) - cl._day(r["date_start"]) > cl.NARROW_DAYS) == wide
            and lookup & cl._lookup_keys(r["type"], others[r["id"]])]


def groups(conn: sqlite3.Connection) -> list[frozenset[tuple[str, str]]]:
    """The event clusters as sets of (document id, event id)."""
    found: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for doc_id, vid, cluster in conn.execute("SELECT a.doc_id, e.vid, e.cluster_id FROM events e "
                                             "JOIN articles a ON a.id = e.article_id"):
        found[cluster].add((doc_id, vid))
    return sorted(frozenset(g) for g in found.values())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_candidates_are_those_a_scan_finds(tmp_path, seed):
    conn = connect(tmp_path / "idx.db")
    docs = fixture_documents(seed)
    compared = 0
    for doc in docs:
        save_documents(conn, [doc], fingerprint="f", run_id=None)
        article_id = conn.execute("SELECT id FROM articles WHERE doc_id = ?", (doc["id"],)).fetchone()[0]
        events = conn.execute(f"SELECT {cl._EVENT_COLUMNS} FROM events e WHERE e.article_id = ?",
                              (article_id,)).fetchall()
        keys = cl._keys(conn, [e["id"] for e in events])
        story = cl._story_events(conn, article_id, {e["type"] for e in events})
        scanned = _scan_story_events(conn, article_id, {e["type"] for e in events})
        for e in events:
            assert {r["id"] for r in story[e["type"]]} == {r["id"] for r in scanned[e["type"]]}
            found = {r["id"] for r in cl._by_key(conn, e, keys[e["id"]])}
            assert found == {r["id"] for r in _scan_by_key(conn, e, keys[e["id"]])}
            compared += len(found)
    assert compared > 30  # the fixture does make candidates


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_clusters_are_those_a_scan_makes(tmp_path, monkeypatch, seed):
    docs = fixture_documents(seed)
    indexed = connect(tmp_path / "idx.db")
    for doc in docs:
        save_documents(indexed, [doc], fingerprint="f", run_id=None)
    monkeypatch.setattr(cl, "_story_events", _scan_story_events)
    monkeypatch.setattr(cl, "_by_key", _scan_by_key)
    scanned = connect(tmp_path / "scan.db")
    for doc in docs:
        save_documents(scanned, [doc], fingerprint="f", run_id=None)
    assert groups(indexed) == groups(scanned)
    assert any(len(g) > 1 for g in groups(indexed))


def test_the_cap_keeps_the_overlapping_candidates_nearest_in_date(tmp_path, monkeypatch):
    """Per actor key at most MAX_PER_KEY candidates, and only events whose dates overlap count
    towards it: day-dated reports of other days (which cannot match) never crowd out a month-dated
    one that can; past the cap the latest-starting, nearest to the event, are kept."""
    conn = connect(tmp_path / "cap.db")
    base = ("protest_1", "protest_2", "election_1", "election_2", "flood", "other_protest")
    specs = [("month", "2025-03", "month")] * 2 + [(f"day{d}", f"2025-03-{d:02d}", "day") for d in range(2, 10)]
    specs += [("same", "2025-03-10", "day")] * 4 + [("query", "2025-03-10", "day")]
    for i, (name, date, precision) in enumerate(specs):
        doc = with_events(base[i % len(base)], [event("v1", "PROTEST", ["mahasiswa"], date=date, precision=precision)],
                          id=f"{name}{i}", url=f"https://contoh.test/{name}/{i}", published="2024-01-01")
        save_documents(conn, [doc], fingerprint="f", run_id=None)
    ids = {doc_id: eid for doc_id, eid in conn.execute(
        "SELECT a.doc_id, e.id FROM events e JOIN articles a ON a.id = e.article_id")}
    query = conn.execute(f"SELECT {cl._EVENT_COLUMNS} FROM events e WHERE e.id = ?", (ids["query14"],)).fetchone()
    keys = cl._keys(conn, [query["id"]])[query["id"]]
    same_day = sorted((v for k, v in ids.items() if k.startswith("same")), reverse=True)
    month = {v for k, v in ids.items() if k.startswith("month")}
    monkeypatch.setattr(cl, "MAX_PER_KEY", 6)
    assert {r["id"] for r in cl._by_key(conn, query, keys)} == set(same_day) | month
    monkeypatch.setattr(cl, "MAX_PER_KEY", 3)
    assert {r["id"] for r in cl._by_key(conn, query, keys)} == set(same_day[:3])


def _rank_every_candidate(conn: sqlite3.Connection, ev: sqlite3.Row, keys: dict[str, set[str]], article_id: int,
                          story_events: list[sqlite3.Row], known: dict[int, dict[str, set[str]]]) -> int | None:
    """The ranking without the story-first shortcut: the story-mates' events and the key lookup's
    candidates all ranked together (same story first)."""
    candidates = {c["id"]: (c, True) for c in story_events if cl._near(ev, c)}
    for c in cl._by_key(conn, ev, keys):
        candidates.setdefault(c["id"], (c, False))
    place, best, best_score = ev["location_country"], None, None
    for cand_id, (c, same_story) in candidates.items():
        if c["article_id"] == article_id or c["negated"] != ev["negated"] or c["hypothetical"] != ev["hypothetical"] \
                or (place and c["location_country"] and c["location_country"] != place):
            continue
        shared = cl.actors_match(ev["type"], keys, cl._keys(conn, [cand_id])[cand_id])
        score = (same_story, shared, bool(place and c["location_country"] == place),
                 -cl._day_gap(ev["date_start"], c["date_start"]), -c["cluster_id"])
        if shared and (best_score is None or score > best_score):
            best, best_score = c["cluster_id"], score
    return best


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_story_first_shortcut_makes_the_clusters_ranking_every_candidate_makes(tmp_path, monkeypatch, seed):
    """A story-mate's match outranks any other, so skipping the key lookup when one matches
    changes nothing: the same clusters as ranking all candidates together."""
    docs = fixture_documents(seed, n=48)
    shortcut = connect(tmp_path / "shortcut.db")
    for i in range(0, len(docs), 4):
        save_documents(shortcut, docs[i:i + 4], fingerprint="f", run_id=None)
    monkeypatch.setattr(cl, "_best_cluster", _rank_every_candidate)
    ranked = connect(tmp_path / "ranked.db")
    for i in range(0, len(docs), 4):
        save_documents(ranked, docs[i:i + 4], fingerprint="f", run_id=None)
    assert groups(shortcut) == groups(ranked)
    assert any(len(g) > 1 for g in groups(shortcut))
