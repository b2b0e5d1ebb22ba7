"""The counts kept at write time (warta.store.rollups) always equal the grouped queries over the
whole store, and the overview and network read from them answer as those queries did."""

from __future__ import annotations

import random
import sqlite3

import pytest

from tests.store.test_cluster_candidates import fixture_documents
from warta.store import EventFilter, aggregates, connect, rollups
from warta.store.aggregates import network, overview, timeline
from warta.store.write import delete_articles, save_documents

#: The grouped queries over the whole store that each table must equal (written out here, not
#: taken from the module, so a wrong query there cannot agree with itself).
FULL = {
    "agg_entity_keys": "SELECT coalesce(kb, lower(name)) AS k, count(*) FROM entities WHERE k IS NOT NULL GROUP BY k",
    "agg_actor_keys": "SELECT key, count(DISTINCT event_id) FROM event_actors GROUP BY key",
    "agg_actor_values": "SELECT key, 'name', name, count(*) FROM event_actors GROUP BY key, name UNION ALL "
                        "SELECT key, 'country', country, count(*) FROM event_actors WHERE country IS NOT NULL "
                        "GROUP BY key, country UNION ALL SELECT key, 'sector', sector, count(*) FROM event_actors "
                        "WHERE sector IS NOT NULL GROUP BY key, sector",
    "agg_edges": "SELECT s.key, t.key, e.type, count(DISTINCT e.id) FROM events e "
                 "JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
                 "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' GROUP BY s.key, t.key, e.type",
    # per key: the events of each (source, target, type) pair of two different keys it is in, summed
    "agg_node_weights": "SELECT k, sum(c) FROM (SELECT s.key AS k, count(DISTINCT e.id) AS c FROM events e "
                        "JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
                        "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' WHERE s.key <> t.key "
                        "GROUP BY s.key, t.key, e.type UNION ALL SELECT t.key, count(DISTINCT e.id) FROM events e "
                        "JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
                        "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' WHERE s.key <> t.key "
                        "GROUP BY s.key, t.key, e.type) GROUP BY k",
}
#: The overview's top actors as the whole-store query gives them.
TOP_ACTORS = ("SELECT max(name) AS name, max(country) AS country, max(sector) AS sector, key, "
              "count(DISTINCT event_id) AS events FROM event_actors GROUP BY key ORDER BY events DESC, name LIMIT 15")
ENTITY_NAMES = ("Polisi", "polisi", "POLISI", "Mahasiswa", "DPRD Sukamaju", "Bupati", "Petani")


def with_entities(doc: dict, rng: random.Random) -> dict:
    """Entities named in different cases (one key after lower()), some with a KB id; actors with
    sectors, so that every table has groups of several rows."""
    names = rng.sample(ENTITY_NAMES, rng.randint(1, 4))
    doc["entities"] = [{"id": f"e{i}", "name": name, "type": "ORG", "country": "IDN", "sector": None,
                        "kb": "org:polri" if name.lower() == "polisi" and rng.random() < 0.5 else None, "mentions": []}
                       for i, name in enumerate(names)]
    for event in doc["events"]:
        for actor in event["source"] + event["target"]:
            actor["sector"] = rng.choice([None, "GOV", "CVL"])
    return doc


#: The timeline's whole-store grouping per granularity (period expression).
PERIODS = {"day": "date_start", "month": "substr(date_start, 1, 7)", "year": "substr(date_start, 1, 4)"}


def check_timeline(conn: sqlite3.Connection) -> None:
    for g, expr in PERIODS.items():
        full = conn.execute(f"SELECT {expr} AS period, type, count(DISTINCT cluster_id) FROM events WHERE date_start "
                            "IS NOT NULL GROUP BY period, type HAVING count(cluster_id) > 0 ORDER BY period, type")
        kept = conn.execute("SELECT period, type, clusters FROM agg_timeline WHERE g = ? ORDER BY period, type", (g,))
        assert [tuple(r) for r in kept] == [tuple(r) for r in full], g
    assert conn.execute("SELECT count(*) FROM agg_undated").fetchone()[0] == conn.execute(
        "SELECT count(DISTINCT coalesce(cluster_id, -id)) FROM events WHERE date_start IS NULL").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM agg_undated WHERE n <= 0").fetchone()[0] == 0


def check_rollups(conn: sqlite3.Connection) -> None:
    check_timeline(conn)
    for table, full in FULL.items():
        kept = sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {table}")), key=repr)
        assert kept == sorted((tuple(r) for r in conn.execute(full)), key=repr), table
    assert rollups.top_actors(conn) == [dict(r) for r in conn.execute(TOP_ACTORS)]
    assert rollups.entity_count(conn) == \
        conn.execute("SELECT count(DISTINCT coalesce(kb, lower(name))) FROM entities").fetchone()[0]


@pytest.mark.parametrize("seed", [1, 2])
def test_kept_counts_equal_the_whole_store_after_writes_replacements_and_deletes(tmp_path, seed):
    rng = random.Random(seed)
    conn = connect(tmp_path / "r.db")
    docs = [with_entities(d, rng) for d in fixture_documents(seed)]
    save_documents(conn, docs[:20], fingerprint="f", run_id=None)
    check_rollups(conn)
    assert conn.execute("SELECT count(*) FROM agg_edges").fetchone()[0] > 3  # the fixture does make pairs
    assert conn.execute("SELECT max(n) FROM agg_actor_keys").fetchone()[0] > 1
    # the rest, and a new analysis of some stored ones (their rows replaced)
    again = [with_entities(d, rng) for d in fixture_documents(seed + 10, n=12)]
    for old, new in zip(docs[:12], again, strict=True):
        new.update(id=old["id"], source=old["source"], text=old["text"], title=old["title"])
    save_documents(conn, docs[20:] + again, fingerprint="g", run_id=None)
    check_rollups(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    delete_articles(conn, rng.sample(ids, 15))
    check_rollups(conn)
    delete_articles(conn, ids)
    for table in FULL:
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_saving_the_same_dataset_twice_changes_nothing(tmp_path):
    rng = random.Random(5)
    conn = connect(tmp_path / "twice.db")
    docs = [with_entities(d, rng) for d in fixture_documents(5)]
    tables = ("events", "event_actors", "entities", "clusters", "cluster_keys", "story_articles", *FULL)

    def snapshot() -> dict[str, list[tuple]]:
        return {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}")), key=repr) for t in tables}

    save_documents(conn, docs, fingerprint="f", run_id=None)
    first = snapshot()
    save_documents(conn, docs, fingerprint="f", run_id=None)
    second = snapshot()
    # the same articles, events and clusters (rows rewritten under new ids)
    for table in ("entities", "event_actors", "story_articles", *FULL):
        strip = (lambda r: r[1:]) if table in ("entities", "event_actors") else (lambda r: r)
        assert sorted(map(strip, first[table]), key=repr) == sorted(map(strip, second[table]), key=repr), table
    # (warta ingest skips unchanged articles; saved again, events are re-clustered with every other
    # report present, and single-link clusters may then merge: grouping depends on order, as documented)
    assert len(first["events"]) == len(second["events"]) and len(first["cluster_keys"]) == len(second["cluster_keys"])
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(docs)
    check_rollups(conn)


def test_the_overview_and_network_answer_as_the_whole_store_queries(tmp_path, monkeypatch):
    rng = random.Random(3)
    conn = connect(tmp_path / "o.db")
    save_documents(conn, [with_entities(d, rng) for d in fixture_documents(3)], fingerprint="f", run_id=None)
    lines = [timeline(conn, EventFilter(), granularity=g) for g in ("auto", "day", "month", "year")]
    kept = overview(conn), network(conn, EventFilter()), lines

    def missing(*_args, **_kwargs):  # as on a store from before migrations 0008 and 0009
        raise sqlite3.OperationalError("no such table: agg_edges")

    for name in ("entity_count", "top_actors", "edges", "node_weights"):
        monkeypatch.setattr(rollups, name, missing)
    monkeypatch.setattr(aggregates, "_kept_timeline", lambda *_args: None)
    monkeypatch.setenv("WARTA_READ_CACHE", "0")
    lines = [timeline(conn, EventFilter(), granularity=g) for g in ("auto", "day", "month", "year")]
    assert (overview(conn), network(conn, EventFilter()), lines) == kept
    assert kept[1]["edges"] and kept[0]["top_actors"] and kept[2][0]["buckets"] and kept[2][0]["undated"]


def test_the_migration_fills_the_counts_as_writes_do(tmp_path):
    path = tmp_path / "m.db"
    conn = connect(path)
    rng = random.Random(4)
    save_documents(conn, [with_entities(d, rng) for d in fixture_documents(4)], fingerprint="f", run_id=None)
    kept = (*FULL, "agg_timeline", "agg_timeline_members", "agg_undated")
    written = {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}")), key=repr) for t in kept}
    for table in kept:  # a store from before migration 0008: no counts
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    conn = connect(path)
    assert {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}")), key=repr) for t in kept} == written
    check_rollups(conn)


RECOUNT = """SELECT c.id, c.type, (SELECT min(e.date_start) FROM events e WHERE e.cluster_id = c.id),
    (SELECT max(e.date_end) FROM events e WHERE e.cluster_id = c.id),
    (SELECT e.id FROM events e WHERE e.cluster_id = c.id ORDER BY e.confidence DESC, e.id LIMIT 1),
    (SELECT count(*) FROM events e WHERE e.cluster_id = c.id),
    (SELECT count(DISTINCT e.article_id) FROM events e WHERE e.cluster_id = c.id),
    (SELECT count(DISTINCT a.source_key) FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = c.id)
    FROM clusters c ORDER BY c.id"""


@pytest.mark.parametrize("seed", [1, 2])
def test_clusters_updated_from_their_new_events_equal_a_recount(tmp_path, monkeypatch, seed):
    from warta.store import clusters as cl

    rng = random.Random(seed)
    docs = []
    for i, doc in enumerate(fixture_documents(seed, n=60)):
        for event in doc["events"]:
            event["confidence"] = rng.choice([0.5, 0.7, 0.9])
        doc["source"]["site"] = f"Situs {i % 7}"  # sources repeat, so some joiners bring no new source
        docs.append(doc)
    stores = {}
    for update_from in (1, 10**9):  # every grown cluster updated; every cluster recounted
        monkeypatch.setattr(cl, "UPDATE_FROM", update_from)
        conn = stores[update_from] = connect(tmp_path / f"u{update_from}.db")
        for start in range(0, 60, 6):
            save_documents(conn, docs[start:start + 6], fingerprint="f", run_id=None)
        save_documents(conn, docs[:5], fingerprint="g", run_id=None)  # replaced: recounted
        delete_articles(conn, [3, 17])
        save_documents(conn, docs[3:4], fingerprint="f", run_id=None)
        recount = [tuple(r) for r in conn.execute(RECOUNT)]
        stored = [tuple(r) for r in conn.execute("SELECT id, type, date_start, date_end, root_event_id, num_events, "
                                                 "num_articles, num_sources FROM clusters ORDER BY id")]
        assert stored == recount
    grown = stores[1].execute("SELECT max(num_articles) FROM clusters").fetchone()[0]
    assert grown > 3  # clusters did grow over several writes
    assert [tuple(r) for r in stores[1].execute("SELECT * FROM clusters")] != []
    assert [tuple(r) for r in stores[1].execute("SELECT id, num_events, num_sources, root_event_id FROM clusters")] == \
        [tuple(r) for r in stores[10**9].execute("SELECT id, num_events, num_sources, root_event_id FROM clusters")]


#: Actors of the network test: (name, KB id). Moskow, Rusia and Kremlin's KB entry are one node
#: (cty:rus), Washington and USA another: pairs between them are loops the network drops.
NETWORK_ACTORS = [("Moskow", None), ("Rusia", "cty:rus"), ("Washington", None), ("Amerika Serikat", "cty:usa"),
                  ("polisi", None), ("Polisi", None), ("mahasiswa", None), ("petani", None), ("DPRD", None),
                  ("Jokowi", None), ("Bupati", None)]


def network_documents(seed: int) -> list[dict]:
    rng = random.Random(seed)
    docs = fixture_documents(seed, n=40)
    for doc in docs:
        for event in doc["events"]:
            for role in ("source", "target"):
                event[role] = [{"name": name, "country": "IDN", **({"kb": kb} if kb else {})}
                               for name, kb in rng.sample(NETWORK_ACTORS, rng.randint(1, 2))]
    return docs


@pytest.mark.parametrize("seed", [7, 8])
def test_the_network_from_kept_node_weights_equals_grouping_every_pair(tmp_path, monkeypatch, seed):
    monkeypatch.setenv("WARTA_READ_CACHE", "0")
    conn = connect(tmp_path / "n.db")
    save_documents(conn, network_documents(seed), fingerprint="f", run_id=None)
    loops = [r for r in conn.execute("SELECT source, target FROM agg_edges WHERE source <> target")
             if aggregates.canonical_actor_key(r[0]) == aggregates.canonical_actor_key(r[1])]
    assert loops  # the fixture makes pairs of two keys of one node

    def networks() -> list[dict]:
        return [network(conn, EventFilter(), max_nodes=m) for m in (1, 2, 3, 5, 40)]

    def every_pair() -> list[dict]:
        with monkeypatch.context() as m:
            m.setattr(rollups, "node_weights", lambda *_a: (_ for _ in ()).throw(sqlite3.OperationalError("old")))
            return networks()

    kept = networks()
    assert kept == every_pair()
    assert len(kept[-1]["nodes"]) > 5 and kept[-1]["edges"]
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    delete_articles(conn, ids[::3])
    save_documents(conn, network_documents(seed + 1)[:10], fingerprint="g", run_id=None)
    check_rollups(conn)
    assert networks() == every_pair()
