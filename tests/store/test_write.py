"""Saving documents: identity, replacement, layers, clusters."""

from __future__ import annotations

import copy

import pytest

from warta.store import connect
from warta.store.query import get_article
from warta.store.write import date_interval, delete_articles, save_documents, source_key


def _count(conn, table):
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "w.db")
    yield c
    c.close()


def test_documents_are_stored_whole_and_read_back(conn, analysed):
    docs = analysed["samples"]
    ids = save_documents(conn, docs, fingerprint="f1", run_id=None)
    assert len(ids) == len(set(ids)) == len(docs) == _count(conn, "articles")
    assert get_article(conn, ids[0]) == docs[0]
    assert _count(conn, "events") == sum(len(d["events"]) for d in docs)
    assert _count(conn, "entities") == sum(len(d["entities"]) for d in docs)
    assert _count(conn, "mentions") == sum(len(e["mentions"]) for d in docs for e in d["entities"])
    assert _count(conn, "quotes") == sum(len(d["quotes"]) for d in docs)
    assert _count(conn, "times") == sum(len(d["times"]) for d in docs)


def test_saving_again_replaces_instead_of_copying(conn, analysed):
    docs = analysed["samples"]
    first = save_documents(conn, docs, fingerprint="f1", run_id=None)
    counts = {t: _count(conn, t) for t in ("articles", "events", "entities", "quotes", "clusters", "event_actors")}
    second = save_documents(conn, docs, fingerprint="f2", run_id=None)
    assert first == second  # same rows, same ids
    assert counts == {t: _count(conn, t) for t in counts}
    assert {r[0] for r in conn.execute("SELECT fingerprint FROM articles")} == {"f2"}


def test_same_url_with_new_text_replaces(conn, analysed):
    doc = analysed["meeting"][0]
    (first,) = save_documents(conn, [doc], fingerprint="f", run_id=None)
    edited = copy.deepcopy(doc)
    edited["text"] = doc["text"] + " "  # a correction
    (second,) = save_documents(conn, [edited], fingerprint="f", run_id=None)
    assert first == second and _count(conn, "articles") == 1


def test_a_failing_batch_writes_nothing(conn, analysed):
    good = analysed["samples"][0]
    broken = copy.deepcopy(analysed["samples"][1])
    del broken["events"][0]["trigger"]
    with pytest.raises(KeyError):
        save_documents(conn, [good, broken], fingerprint="f", run_id=None)
    assert _count(conn, "articles") == 0 and _count(conn, "events") == 0


def test_reports_of_the_same_meeting_form_one_cluster(conn, analysed):
    a, b = analysed["meeting"]
    save_documents(conn, [a], fingerprint="f", run_id=None)
    save_documents(conn, [b], fingerprint="f", run_id=None)
    row = conn.execute("SELECT c.id, c.num_events, c.num_articles, c.num_sources FROM clusters c "
                       "JOIN events e ON e.cluster_id = c.id WHERE e.type = 'CONSULT' GROUP BY c.id").fetchall()
    assert [tuple(r)[1:] for r in row] == [(2, 2, 2)]
    # the other events of the two articles stay in clusters of their own
    assert conn.execute("SELECT max(num_articles) FROM clusters WHERE type != 'CONSULT'").fetchone()[0] == 1
    # the cluster stays current when an article leaves it (replaced by an analysis without the meeting)
    gone = copy.deepcopy(b)
    gone["events"] = []
    save_documents(conn, [gone], fingerprint="f", run_id=None)
    counts = conn.execute("SELECT num_articles, num_sources FROM clusters WHERE type = 'CONSULT'").fetchall()
    assert [tuple(r) for r in counts] == [(1, 1)]


def test_events_on_different_days_do_not_cluster(conn, analysed):
    a, b = (copy.deepcopy(d) for d in analysed["meeting"])
    for event in b["events"]:
        event["date"], event["date_precision"] = "2023-09-01", "day"
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert conn.execute("SELECT max(num_articles) FROM clusters").fetchone()[0] == 1


def test_a_month_precise_report_matches_a_day_in_it(conn, analysed):
    a, b = (copy.deepcopy(d) for d in analysed["meeting"])
    for event in b["events"]:
        event["date"], event["date_precision"] = "2023-07", "month"
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert conn.execute("SELECT num_articles FROM clusters WHERE type = 'CONSULT'").fetchone()[0] == 2


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("2025-09-03", "day", ("2025-09-03", "2025-09-03")),
    ("2025-W36", "week", ("2025-09-01", "2025-09-07")),
    ("2024-02", "month", ("2024-02-01", "2024-02-29")),
    ("2024", "year", ("2024-01-01", "2024-12-31")),
    (None, None, (None, None)),
    ("garbage", "day", (None, None)),
])
def test_date_interval(value, precision, expected):
    assert date_interval(value, precision) == expected


def test_source_key():
    assert source_key("Kabar Satu", None) == "kabar satu"
    assert source_key(None, "https://www.contoh.test/a") == "contoh.test"
    assert source_key(None, None) == ""


def test_deleting_an_article_keeps_the_clusters_current(conn, analysed):
    a, b = analysed["meeting"]
    first, second = save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert conn.execute("SELECT num_articles FROM clusters WHERE type = 'CONSULT'").fetchone()[0] == 2
    assert delete_articles(conn, [second]) == 1
    assert [r[0] for r in conn.execute("SELECT id FROM articles")] == [first]
    assert _count(conn, "events") == len(a["events"])
    assert conn.execute("SELECT num_articles FROM clusters WHERE type = 'CONSULT'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM cluster_keys k LEFT JOIN events e ON e.id = k.event_id "
                        "WHERE e.id IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Xi'").fetchone()[0] == 1
    assert [r[0] for r in conn.execute("SELECT article_id FROM story_articles")] == [first]
