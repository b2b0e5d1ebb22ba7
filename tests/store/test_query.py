"""Reading the store: event filters, search, entities, quotes, aggregates; hostile input."""

from __future__ import annotations

import pytest

from warta.store import EventFilter, QueryError, connect
from warta.store.aggregates import map_data, network, overview, timeline
from warta.store.query import (
    fts_query,
    get_event,
    latest_events,
    list_entities,
    list_quotes,
    query_events,
    search_articles,
)
from warta.store.records import iter_documents, iter_event_records
from warta.store.write import date_interval, save_documents

HOSTILE_VALUES = ["'; DROP TABLE events; --", '" OR 1=1 --', "Putin' OR '1'='1", "%", "_", "\\", "NEAR(", "*",
                  '"unclosed', "a AND OR NOT b", "😀", "x" * 2000]


@pytest.fixture(scope="module")
def conn(tmp_path_factory, analysed):
    path = tmp_path_factory.mktemp("q") / "w.db"
    c = connect(path)
    save_documents(c, analysed["samples"] + analysed["meeting"] + analysed["hostile"], fingerprint="f", run_id=None)
    yield c
    c.close()


def test_filters_narrow_the_events(conn):
    everything, total = query_events(conn, EventFilter(limit=500))
    assert total == len(everything) > 10
    consult, n = query_events(conn, EventFilter(type="consult", limit=500))
    assert 0 < n < total and {e["type"] for e in consult} == {"CONSULT"}
    jokowi, n = query_events(conn, EventFilter(actor="Joko Widodo", limit=500))
    assert n and all(any("Joko Widodo" in a["name"] for a in e["source"] + e["target"]) for e in jokowi)
    by_kb, _ = query_events(conn, EventFilter(actor=jokowi[0]["source"][0].get("kb") or "x", limit=500))
    chn, _ = query_events(conn, EventFilter(actor="CHN", limit=500))
    assert chn and all(any(a.get("country") == "CHN" for a in e["source"] + e["target"]) for e in chn)
    where, _ = query_events(conn, EventFilter(country="CHN", limit=500))
    assert where and all(e["location"]["country"] == "CHN" for e in where)
    july, _ = query_events(conn, EventFilter(since="2023-07-01", until="2023-07-31", limit=500))
    spans = [date_interval(e["date"], e["date_precision"]) for e in july]
    assert july and all(start <= "2023-07-31" and end >= "2023-07-01" for start, end in spans)
    assert any(e["date"] == "2023-07-27" for e in july)
    _, n_dedup = query_events(conn, EventFilter(dedupe=True, limit=500))
    assert n_dedup == total - 1  # the meeting is reported twice
    assert by_kb is not None


def test_events_carry_article_and_cluster(conn):
    events, _ = query_events(conn, EventFilter(type="CONSULT", actor="Xi Jinping"))
    event = events[0]
    assert event["article"]["url"].startswith("https://")
    assert event["cluster"]["num_articles"] == 2 and event["cluster"]["num_sources"] == 2
    full = get_event(conn, event["id"])
    assert len(full["cluster"]["members"]) == 2
    assert get_event(conn, 10**9) is None


def test_paging(conn):
    first, total = query_events(conn, EventFilter(limit=3))
    second, _ = query_events(conn, EventFilter(limit=3, offset=3))
    assert len(first) == 3 and not {e["id"] for e in first} & {e["id"] for e in second}
    assert total > 6


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_filter_values_are_just_values(conn, value):
    for flt in (EventFilter(actor=value), EventFilter(country=value), EventFilter(q=value)):
        events, total = query_events(conn, flt)
        assert total == len(events) or total > len(events)
    for name, flt in (("type", EventFilter(type=value)), ("type", EventFilter(types=[value])),
                      ("quad", EventFilter(quad_classes=[value])), ("sector", EventFilter(sectors=[value])),
                      ("exclude", EventFilter(exclude=[value]))):
        with pytest.raises(QueryError, match=f"^{name}: "):
            query_events(conn, flt)
    search_articles(conn, q=value)
    list_entities(conn, q=value, type_=value)
    list_quotes(conn, speaker=value, q=value)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0  # nothing dropped


@pytest.mark.parametrize(("flt", "message"), [
    (EventFilter(since="2024-13-01"), "since"), (EventFilter(until="yesterday"), "until"),
    (EventFilter(limit=0), "limit"), (EventFilter(offset=-1), "offset"),
    (EventFilter(types=["CONSULT", "MEETING"]), "type: 'MEETING'"), (EventFilter(quad_classes=["5"]), "quad"),
    (EventFilter(sectors=["XYZ"]), "sector"), (EventFilter(exclude=["historical"]), "exclude"),
    (EventFilter(min_confidence=1.5), "min_confidence"), (EventFilter(min_confidence=True), "min_confidence")])
def test_bad_filters_name_the_filter(flt, message):
    with pytest.raises(QueryError, match=message):
        flt.validate()


def test_fts_query_is_always_valid():
    assert fts_query('Kim "Korea Utara" OR Putin') == '"Kim" "Korea Utara" OR "Putin"'
    assert fts_query("presid*") == '"presid"*'
    assert fts_query("(((") is None
    assert fts_query("OR OR") is None


def test_search_finds_titles_text_and_quotes(conn):
    articles, total = search_articles(conn, q="Chengdu")
    assert total == 2 and all("\x02" in a["snippet"] for a in articles)
    quoted, _ = search_articles(conn, q='"memperluas kerja sama"')  # only in a quote
    assert len(quoted) == 1
    _, n = search_articles(conn)
    assert n == conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_entities_and_quotes(conn):
    entities, _ = list_entities(conn, q="joko")
    assert entities[0]["articles"] >= 3 and entities[0]["type"] == "PER"
    quotes, total = list_quotes(conn, speaker="Jokowi")
    quotes += list_quotes(conn, speaker="Joko Widodo")[0]
    assert quotes and all("Jok" in (q["speaker"] or "") for q in quotes)
    assert total >= 0


def test_aggregates(conn):
    data = overview(conn)
    assert data["counts"]["articles"] == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert data["by_type"] and data["top_actors"] and data["latest_events"]
    tl = timeline(conn, EventFilter())
    assert tl["granularity"] in ("month", "year") and sum(b["count"] for b in tl["buckets"]) > 0
    assert timeline(conn, EventFilter(), granularity="day")["buckets"][0]["period"].count("-") == 2
    net = network(conn, EventFilter())
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    geo = map_data(conn, EventFilter())
    assert geo["countries"].get("CHN", 0) >= 1 and geo["points"]


def test_export_iterators_stream_everything(conn):
    assert sum(1 for _ in iter_documents(conn)) == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    records = list(iter_event_records(conn))
    assert len(records) == conn.execute("SELECT count(*) FROM events").fetchone()[0]
    roots = [r for r in records if r["cluster"]["is_root"]]
    assert len(roots) == conn.execute("SELECT count(*) FROM clusters").fetchone()[0]


def test_timeline_periods_are_contiguous():
    from warta.store.aggregates import all_periods

    assert all_periods("2012", "2015", "year") == ["2012", "2013", "2014", "2015"]
    assert all_periods("2024-11", "2025-02", "month") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert all_periods("2025-02-27", "2025-03-02", "day") == ["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]
    assert len(all_periods("2000-01-01", "2025-01-01", "day")) == 400


@pytest.mark.parametrize("flt", [dict(limit=10, dedupe=True), dict(limit=3), dict(limit=5, offset=4, dedupe=True),
                                 dict(type="CONSULT", limit=4), dict(actor="CHN", limit=2, dedupe=True)])
def test_latest_events_are_the_page_of_query_events_without_the_count(conn, flt):
    page, total = query_events(conn, EventFilter(**flt))
    assert latest_events(conn, EventFilter(**flt)) == page
    assert page or total <= flt.get("offset", 0)
