"""Issue 14, saving at 100,000 articles: writing connections keep temporary files in memory,
migration 0012 drops the indexes no query read, and 0013 finds an actor's quotes by the quotes' own
speaker indexes instead of the entities' name and KB indexes, without changing what the store answers."""

from __future__ import annotations

import random
import sqlite3

from tests.store.test_cluster_candidates import fixture_documents
from warta.store import connect, schema_version
from warta.store.actors import actor_quotes
from warta.store.db import migrations
from warta.store.query import list_entities, list_quotes
from warta.store.write import save_documents

#: The indexes migration 0012 drops, as migration 0004 made them.
DROPPED = {
    "quotes_speaker": "CREATE INDEX quotes_speaker ON quotes (speaker_name COLLATE NOCASE)",
    "quotes_speaker_name": "CREATE INDEX quotes_speaker_name ON quotes (speaker_name)",
    "quotes_speaker_kb": "CREATE INDEX quotes_speaker_kb ON quotes (speaker_kb)",
    "entities_name_exact": "CREATE INDEX entities_name_exact ON entities (name)",
}
#: Those and the entity indexes migration 0013 drops: the indexes of a store of schema version 11.
V11_INDEXES = {**DROPPED, "entities_name": "CREATE INDEX entities_name ON entities (name COLLATE NOCASE)",
               "entities_kb": "CREATE INDEX entities_kb ON entities (kb)"}
SPEAKERS = (("Joko Widodo", "per:joko-widodo"), ("JOKO WIDODO", None), ("Ketua DPRD Sukamaju", None),
            ("Bupati Sukamaju", None), ("Polisi", "org:polri"))


def with_quotes(doc: dict, rng: random.Random) -> dict:
    """Our own entities and quotes: speakers named in different cases, some with a KB id."""
    speakers = rng.sample(SPEAKERS, rng.randint(1, 3))
    doc["entities"] = [{"id": f"e{i}", "name": name, "type": "PER", "country": "IDN", "sector": None, "kb": kb,
                        "mentions": [{"start": 0, "end": 4, "text": name.split()[0]}]}
                       for i, (name, kb) in enumerate(speakers)]
    doc["quotes"] = [{"id": f"q{i}", "start": 0, "end": 4, "text": f"Kami akan menindaklanjuti laporan {i}.",
                      "direct": bool(i % 2), "speaker": f"e{i}", "cue": "kata"} for i in range(len(speakers))]
    return doc


#: Indexes of a store at the current version: without those 0012 and 0013 drop, with the quotes' speaker indexes.
GONE = {"quotes_speaker_name", "entities_name_exact", "entities_name", "entities_kb"}
KEPT = {"quotes_speaker", "quotes_speaker_kb", "quotes_article"}
#: actor_quotes before migration 0013: through the speaker's entities row.
OLD_ACTOR_QUOTES = (
    "SELECT x.id, x.article_id, x.text, x.direct, x.speaker_name AS speaker, x.cue, a.title, a.url, a.published "
    "FROM entities en JOIN quotes x ON x.article_id = en.article_id AND x.speaker_eid = en.eid "
    "JOIN articles a ON a.id = x.article_id WHERE {match} ORDER BY a.published IS NULL, a.published DESC, x.id LIMIT 100")


def indexes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def answers(conn: sqlite3.Connection) -> list:
    """What the queries over speakers and entity names answer."""
    found = []
    for ref in ("Joko Widodo", "joko", "per:joko-widodo", "Sukamaju", "Polisi", "Jokowi", "nobody"):
        found.append(list_quotes(conn, speaker=ref, limit=100))
        found.append(list_entities(conn, q=ref, limit=100))
    for actor in ({"kb": "per:joko-widodo"}, {"name": "joko widodo", "names": ["joko widodo"]},
                  {"name": "Bupati Sukamaju"}):
        found.append(actor_quotes(conn, actor, limit=100))
    return found


def test_writing_connections_keep_temporary_files_in_memory(tmp_path):
    path = tmp_path / "w.db"
    writer = connect(path)
    assert writer.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    reader = connect(path, readonly=True)
    assert reader.execute("PRAGMA temp_store").fetchone()[0] == 0  # the default: readers are unchanged


def test_a_new_store_has_none_of_the_dropped_indexes(tmp_path):
    conn = connect(tmp_path / "n.db")
    assert not indexes(conn) & GONE
    assert indexes(conn) >= KEPT


def test_migrations_0012_and_0013_change_indexes_and_the_store_answers_as_before(tmp_path, monkeypatch):
    monkeypatch.setenv("WARTA_READ_CACHE", "0")
    assert [name for _, name, _ in migrations()][11:13] == ["unused_indexes", "quote_speaker_indexes"]
    path = tmp_path / "old.db"
    conn = connect(path)
    rng = random.Random(14)
    save_documents(conn, [with_quotes(d, rng) for d in fixture_documents(14)], fingerprint="f", run_id=None)
    for name, sql in V11_INDEXES.items():  # a store of schema version 11, with its indexes
        conn.execute(f"DROP INDEX IF EXISTS {name}")
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 11")
    before = answers(conn)
    rows = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes", "entities")}
    conn.close()

    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    assert not indexes(conn) & GONE and indexes(conn) >= KEPT
    assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in rows} == rows
    assert answers(conn) == before
    quotes_found = [total for total, _ in [(q[1], q[0]) for q in before[0:14:2]]]
    assert max(quotes_found) > 0 and before[-3] and before[-2]  # the fixture's speakers are found
    conn.execute("PRAGMA user_version = 11")  # migrating again (as tests that set versions back do) is harmless
    conn.close()
    assert not indexes(connect(path)) & GONE


def test_an_actors_quotes_are_those_found_through_its_entities(tmp_path):
    conn = connect(tmp_path / "q.db")
    rng = random.Random(13)
    save_documents(conn, [with_quotes(d, rng) for d in fixture_documents(13)], fingerprint="f", run_id=None)
    actors = [{"kb": "per:joko-widodo"}, {"kb": "org:polri"}, {"kb": "org:none"},
              {"name": "joko widodo", "names": ["joko widodo"]}, {"name": "Bupati Sukamaju"},
              {"name": "x", "names": ["KETUA DPRD SUKAMAJU", "Bupati Sukamaju"]}]
    for actor in actors:
        if actor.get("kb"):
            old = conn.execute(OLD_ACTOR_QUOTES.format(match="en.kb = ?"), [actor["kb"]]).fetchall()
        else:
            names = actor.get("names") or [actor["name"]]
            old = conn.execute(OLD_ACTOR_QUOTES.format(match=f"en.name COLLATE NOCASE IN ({', '.join('?' * len(names))})"),
                               names).fetchall()
        assert actor_quotes(conn, actor, limit=100) == [{**dict(r), "direct": bool(r["direct"])} for r in old]
    assert sum(len(actor_quotes(conn, a, limit=100)) for a in actors) > 30
    for sql, index in (("SELECT id FROM quotes x WHERE x.speaker_kb = 'org:polri'", "quotes_speaker_kb"),
                       ("SELECT id FROM quotes x WHERE x.speaker_name COLLATE NOCASE IN ('a', 'b')", "quotes_speaker")):
        assert any(f"INDEX {index} " in r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
