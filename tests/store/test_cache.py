"""Read results kept until the store changes: any write, from any connection or process, is seen."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.store.test_clusters import event, with_events
from warta.store import EventFilter, connect
from warta.store import cache as read_cache
from warta.store.aggregates import map_data, network, overview, timeline
from warta.store.query import count_events, query_events
from warta.store.write import delete_articles, save_documents


def meeting(name: str, *, date: str, actors: tuple[str, str] = ("Budi", "Sari"), **changes) -> dict:
    return with_events(name, [event("v1", "CONSULT", [actors[0]], [actors[1]], date=date, country="IDN")], **changes)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "versi.db"
    conn = connect(path)
    save_documents(conn, [meeting("protest_1", date="2025-03-11")], fingerprint="f", run_id=None)
    conn.close()
    read_cache.clear()
    return path


def statements_of(conn, call) -> list[str]:
    """The SQL statements ``call()`` runs on ``conn``."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return seen


def test_a_result_is_computed_once_per_version(db):
    reader = connect(db, readonly=True)
    first = timeline(reader, EventFilter(), granularity="month")
    again = statements_of(reader, lambda: timeline(reader, EventFilter(), granularity="month"))
    assert not any("FROM events" in sql for sql in again)  # answered from the cache: only the version read
    assert any("store_version" in sql for sql in again)
    assert timeline(reader, EventFilter(), granularity="month") is first
    assert read_cache.stats()["hits"] >= 2


def test_a_write_on_another_connection_is_seen_at_once(db):
    reader = connect(db, readonly=True)
    assert overview(reader)["counts"]["events"] == 1
    assert count_events(reader, EventFilter(type="CONSULT")) == 1
    assert len(network(reader, EventFilter())["nodes"]) == 2
    writer = connect(db)
    save_documents(writer, [meeting("election_1", date="2025-03-14", actors=("Dewi", "Agus"))],
                   fingerprint="f", run_id=None)
    assert overview(reader)["counts"]["events"] == 2
    assert count_events(reader, EventFilter(type="CONSULT")) == 2
    assert query_events(reader, EventFilter())[1] == 2
    assert len(network(reader, EventFilter())["nodes"]) == 4
    delete_articles(writer, [1])
    assert overview(reader)["counts"]["events"] == 1 and count_events(reader, EventFilter(type="CONSULT")) == 1
    writer.execute("INSERT INTO runs (started_at, status, warta_version, lexicons, fingerprint, settings, inputs) "
                   "VALUES ('2025-03-15T00:00:00+00:00', 'running', 'x', '{}', 'f', '{}', '[]')")
    assert overview(reader)["last_run"]["status"] == "running"  # a run recorded: the overview shows it


def test_a_write_by_another_process_is_seen(db):
    reader = connect(db, readonly=True)
    assert map_data(reader, EventFilter())["countries"] == {"IDN": 1}
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(__import__("pathlib").Path(__file__).resolve().parents[2])!r})
        from tests.store.test_cache import meeting
        from warta.store import connect
        from warta.store.write import save_documents
        conn = connect({str(db)!r})
        save_documents(conn, [meeting("flood", date="2025-03-12", actors=("Yusuf", "Sari"))], fingerprint="f",
                       run_id=None)
        conn.close()
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    assert map_data(reader, EventFilter())["countries"] == {"IDN": 2}


def test_uncommitted_rows_are_never_cached(db):
    writer = connect(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE events SET type = 'ASSAULT'")
    writer.execute("UPDATE store_version SET version = version + 1")
    assert count_events(writer, EventFilter(type="ASSAULT")) == 1  # its own view, not kept
    writer.execute("ROLLBACK")
    reader = connect(db, readonly=True)
    assert count_events(reader, EventFilter(type="ASSAULT")) == 0
    assert count_events(writer, EventFilter(type="ASSAULT")) == 0


def test_a_store_made_anew_at_the_same_path_is_another_store(db):
    reader = connect(db, readonly=True)
    assert count_events(reader, EventFilter()) == 1
    reader.close()
    for side in db.parent.glob(db.name + "*"):
        side.unlink()
    conn = connect(db)  # a new store, at the same version number after the same number of writes
    save_documents(conn, [with_events("election_2", [event("v1", "CONSULT", ["Dewi"], ["Agus"], date="2025-03-14"),
                                                     event("v2", "AGREE", ["Dewi"], ["Agus"], date="2025-03-14")])],
                   fingerprint="f", run_id=None)
    conn.close()
    assert count_events(connect(db, readonly=True), EventFilter()) == 2


def test_a_store_without_a_version_is_read_uncached(db):
    conn = connect(db)
    conn.execute("DROP TABLE store_version")  # as a read-only open of a store from before migration 0006
    assert count_events(conn, EventFilter()) == 1
    assert count_events(conn, EventFilter()) == 1
    assert read_cache.stats()["uncached"] >= 2


def test_the_cache_can_be_turned_off(db, monkeypatch):
    monkeypatch.setenv("WARTA_READ_CACHE", "0")
    reader = connect(db, readonly=True)
    timeline(reader, EventFilter())
    again = statements_of(reader, lambda: timeline(reader, EventFilter()))
    assert any("FROM events" in sql for sql in again)


def test_every_clustered_write_marks_the_store_changed(db):
    conn = connect(db)
    before = read_cache.store_version(conn)[-1]
    save_documents(conn, [], fingerprint="f", run_id=None)  # may regroup older articles' events, no article row
    assert read_cache.store_version(conn)[-1] == before + 1
