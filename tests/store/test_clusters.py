"""Event clusters that use story clusters, and their indexed candidate lookups."""

from __future__ import annotations

import sqlite3

import pytest

from tests.store.test_stories import PROTEST_1, PROTEST_2, _downgrade_to_v4, document
from warta.store import connect
from warta.store.clusters import actors_match
from warta.store.stories import story_articles
from warta.store.write import delete_articles, save_documents


def event(vid: str, type_: str, source: list[str], target: list[str] = (), *, date: str | None = None,
          precision: str | None = "day", country: str | None = None, negated: bool = False) -> dict:
    """A minimal warta.document/1 event."""
    return {"id": vid, "type": type_, "mode": None, "date": date, "date_precision": precision if date else None,
            "location": {"name": country, "country": country} if country else None, "confidence": 0.8,
            "negated": negated, "hypothetical": False, "future": False,
            "trigger": {"text": "demo", "start": 0, "end": 4}, "sentence": {"text": "Demo."},
            "source": [{"name": n, "country": "IDN"} for n in source],
            "target": [{"name": n, "country": "IDN"} for n in target]}


def with_events(name: str, events: list[dict], **changes) -> dict:
    doc = document(name, **changes)
    doc["events"] = events
    return doc


def cluster_of(conn: sqlite3.Connection, doc_id: str, vid: str) -> int:
    return conn.execute("SELECT e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id "
                        "WHERE a.doc_id = ? AND e.vid = ?", (doc_id, vid)).fetchone()[0]


def same_cluster(conn, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return cluster_of(conn, *a) == cluster_of(conn, *b)


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "c.db")
    yield c
    c.close()


def test_reports_of_one_story_join_even_without_a_date(conn):
    a = with_events("protest_1", [event("v1", "PROTEST", ["mahasiswa"], ["DPRD"], date="2025-03-11")])
    b = with_events("protest_2", [event("v1", "PROTEST", ["Mahasiswa"])])  # no date for the protest
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert same_cluster(conn, ("protest_1", "v1"), ("protest_2", "v1"))
    row = conn.execute("SELECT num_events, num_articles, num_sources, date_start FROM clusters").fetchone()
    assert tuple(row) == (2, 2, 2, "2025-03-11")


@pytest.mark.parametrize(("date", "joined"), [("2025-03-13", True), ("2025-03-14", True), ("2025-03-15", False)])
def test_within_a_story_dates_may_differ_by_three_days(conn, date, joined):
    a = with_events("protest_1", [event("v1", "PROTEST", ["mahasiswa"], date="2025-03-11")])
    b = with_events("protest_2", [event("v1", "PROTEST", ["mahasiswa"], date=date)])
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert same_cluster(conn, ("protest_1", "v1"), ("protest_2", "v1")) is joined


def test_outside_a_story_dates_must_overlap_and_undated_events_stay_alone(conn):
    a = with_events("protest_1", [event("v1", "PROTEST", ["mahasiswa"], date="2025-03-11"),
                                  event("v2", "ASSAULT", ["polisi"], ["mahasiswa"])])
    b = with_events("flood", [event("v1", "PROTEST", ["mahasiswa"], date="2025-03-12"),
                              event("v2", "ASSAULT", ["polisi"], ["mahasiswa"])])
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert not same_cluster(conn, ("protest_1", "v1"), ("flood", "v1"))
    assert not same_cluster(conn, ("protest_1", "v2"), ("flood", "v2"))


def test_dated_reports_in_other_stories_still_join_by_actor_and_date(conn):
    a = with_events("protest_1", [event("v1", "CONSULT", ["Hendra Wijaya"], ["Rizal Hakim"], date="2025-03-11")])
    b = with_events("flood", [event("v1", "CONSULT", ["Rizal Hakim"], ["Hendra Wijaya"], date="2025-03")])
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert same_cluster(conn, ("protest_1", "v1"), ("flood", "v1"))  # a month-precise report contains the day


@pytest.mark.parametrize(("date", "precision", "joined"), [
    ("2025", "year", False),  # "in 2025": too vague to join one day's report of another story
    ("2025-03", "month", True),
    ("2025-W11", "week", True),
])
def test_outside_a_story_only_intervals_of_a_kind_join(conn, date, precision, joined):
    a = with_events("protest_1", [event("v1", "ASSAULT", ["polisi"], date="2025-03-11"),
                                  event("v2", "ASSAULT", ["tentara"], date="2025", precision="year")])
    b = with_events("flood", [event("v1", "ASSAULT", ["polisi"], date=date, precision=precision),
                              event("v2", "ASSAULT", ["tentara"], date="2025", precision="year")])
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert same_cluster(conn, ("protest_1", "v1"), ("flood", "v1")) is joined
    assert same_cluster(conn, ("protest_1", "v2"), ("flood", "v2"))  # two year-precise reports do


@pytest.mark.parametrize(("other", "why"), [
    (event("v1", "PROTEST", ["petani"]), "another source"),
    (event("v1", "PROTEST", ["mahasiswa"], ["Bupati"]), "another target"),
    (event("v1", "PROTEST", ["mahasiswa"], ["DPRD"], negated=True), "negated"),
    (event("v1", "PROTEST", ["mahasiswa"], ["DPRD"], country="MYS"), "another country"),
    (event("v1", "DEMAND", ["mahasiswa"], ["DPRD"]), "another type"),
])
def test_a_story_does_not_join_incompatible_events(conn, other, why):
    a = with_events("protest_1", [event("v1", "PROTEST", ["mahasiswa"], ["DPRD"], country="IDN")])
    b = with_events("protest_2", [other])
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    assert not same_cluster(conn, ("protest_1", "v1"), ("protest_2", "v1")), why


def test_a_story_mate_is_preferred_to_a_report_of_another_story(conn):
    other = with_events("flood", [event("v1", "PROTEST", ["mahasiswa"], date="2025-03-11")])
    a = with_events("protest_1", [event("v1", "PROTEST", ["mahasiswa"])])  # undated: a cluster of its own
    b = with_events("protest_2", [event("v1", "PROTEST", ["mahasiswa"], date="2025-03-11")])  # matches both
    save_documents(conn, [other, a, b], fingerprint="f", run_id=None)
    assert not same_cluster(conn, ("flood", "v1"), ("protest_1", "v1"))
    assert same_cluster(conn, ("protest_1", "v1"), ("protest_2", "v1"))


def _key_rows(conn):
    return sorted(tuple(r) for r in conn.execute("SELECT key, type, wide, day, event_id, last FROM cluster_keys"))


MIXED = [event("v1", "PROTEST", ["mahasiswa"], ["DPRD"], date="2025-03-11"),
         event("v2", "CONSULT", ["Hendra Wijaya"], ["Rizal Hakim"], date="2025-03", precision="month"),
         event("v3", "ASSAULT", ["polisi"], date="2025", precision="year"),
         event("v4", "DEMAND", ["mahasiswa"], date="2025-W11", precision="week"),
         event("v5", "PROTEST", ["mahasiswa"])]


def test_cluster_keys_follow_the_events(conn):
    (aid,) = save_documents(conn, [with_events("protest_1", MIXED)], fingerprint="f", run_id=None)
    ids = {r["vid"]: r["id"] for r in conn.execute("SELECT id, vid FROM events")}
    assert _key_rows(conn) == sorted([
        ("name:mahasiswa", "PROTEST", 0, 20158, ids["v1"], 20158),  # directed: the source only; first, last day
        ("name:hendra wijaya", "CONSULT", 0, 20148, ids["v2"], 20178),
        ("name:rizal hakim", "CONSULT", 0, 20148, ids["v2"], 20178),
        ("name:polisi", "ASSAULT", 1, 20089, ids["v3"], 20453),  # a year is a wide interval
        ("name:mahasiswa", "DEMAND", 0, 20157, ids["v4"], 20163)])  # undated v5 has none
    save_documents(conn, [with_events("protest_1", MIXED)], fingerprint="g", run_id=None)
    assert len(_key_rows(conn)) == 5
    delete_articles(conn, [aid])
    assert _key_rows(conn) == [] and conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 0


def test_the_upgrade_fills_cluster_keys_like_a_write_and_regroups_old_events(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    a = with_events("protest_1", MIXED)
    b = with_events("protest_2", [event("v1", "PROTEST", ["mahasiswa"])])
    save_documents(conn, [a, b], fingerprint="f", run_id=None)
    written = _key_rows(conn)
    # before stories, the undated report had a cluster of its own
    conn.execute("INSERT INTO clusters (id, type, updated_at) VALUES (99, 'PROTEST', 'then')")
    conn.execute("UPDATE events SET cluster_id = 99 WHERE article_id = (SELECT id FROM articles WHERE doc_id = "
                 "'protest_2')")
    _downgrade_to_v4(conn)
    conn.close()
    conn = connect(path)
    assert _key_rows(conn) == written  # migration 0005's SQL derives the same rows as the Python write
    assert not same_cluster(conn, ("protest_1", "v1"), ("protest_2", "v1"))
    save_documents(conn, [document("flood")], fingerprint="f", run_id=None)  # the next write regroups
    assert same_cluster(conn, ("protest_1", "v1"), ("protest_2", "v1"))
    assert conn.execute("SELECT count(*) FROM clusters WHERE id = 99").fetchone()[0] == 0
    assert conn.execute("SELECT num_articles FROM clusters WHERE id = ?",
                        (cluster_of(conn, "protest_1", "v1"),)).fetchone()[0] == 2


def test_assigning_an_article_reads_through_indexes_only(conn):
    docs = [with_events("protest_1", MIXED), with_events("protest_2", MIXED), with_events("flood", MIXED)]
    save_documents(conn, docs[:2], fingerprint="f", run_id=None)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    save_documents(conn, docs[2:], fingerprint="f", run_id=None)
    conn.set_trace_callback(None)
    # Only lookups by key, by article, by cluster or by story: the type and date indexes of events
    # read a range that grows with the store, a SCAN reads all of it.
    bounded = {"events_article", "events_cluster", "event_actors_event_role", "story_articles_story", "articles_url",
               "articles_text_hash"}
    checked = 0
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")) or "sqlite_" in sql:
            continue
        plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        for step in plan:
            assert not step.startswith("SCAN") or "CONSTANT ROW" in step or step.startswith("SCAN (subquery-"), \
                (sql, plan)
            if step.startswith("SEARCH") and "PRIMARY KEY" not in step:
                assert step.split(" INDEX ")[1].split()[0] in bounded, (sql, plan)
        checked += 1
    assert checked > 20


def test_actors_match():
    a = {"source": {"x"}, "target": {"y"}}
    assert actors_match("PROTEST", a, {"source": {"x"}, "target": set()}) == 1
    assert actors_match("PROTEST", a, {"source": {"x"}, "target": {"z"}}) == 0
    assert actors_match("CONSULT", a, {"source": {"y"}, "target": {"x"}}) == 2
    assert actors_match("CONSULT", a, {"source": {"y"}, "target": {"z"}}) == 0


@pytest.fixture(scope="module")
def protest_reports(tmp_path_factory):
    """The two protest reports analysed by the pipeline (a few seconds), events decided by the argument rules:
    this tests clustering, which must not flip with each retraining of the event model (whose decisions on a
    headline such as "Ribuan Mahasiswa Demo di DPRD …" sit near its threshold)."""
    from importlib import resources

    from warta.api import DEFAULT_LANGUAGES, pipe
    from warta.io.document_json import document_to_dict
    from warta.io.readers.base import ReadOptions
    from warta.io.readers.jsonl import article_from_object

    cfg = resources.files("warta").joinpath("nlp", "default.cfg").read_text(encoding="utf-8")
    assert "use_model = true" in cfg
    path = tmp_path_factory.mktemp("cfg") / "rules.cfg"
    path.write_text(cfg.replace("use_model = true", "use_model = false"), encoding="utf-8")
    arts = [article_from_object(o, origin="fixture", options=ReadOptions(), reader="json") for o in (PROTEST_1, PROTEST_2)]
    return [document_to_dict(d) for d in pipe(arts, languages=DEFAULT_LANGUAGES, config=path)]


def test_analysed_reports_of_one_protest_share_a_story_and_an_event_cluster(conn, protest_reports):
    first, second = save_documents(conn, protest_reports, fingerprint="f", run_id=None)
    assert story_articles(conn, second) == [first, second]
    spanning = conn.execute("SELECT count(*) FROM clusters WHERE num_articles = 2").fetchone()[0]
    assert spanning >= 1  # the protest itself, dated a day apart by the two outlets
    assert conn.execute("SELECT count(DISTINCT article_id) FROM events e JOIN clusters c ON c.id = e.cluster_id "
                        "WHERE c.num_articles = 2").fetchone()[0] == 2
