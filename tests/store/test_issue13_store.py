"""Issue 13 in the store: aliases find actors, one place is one place, multi-select filters, stemmed
search, a v3 store upgrades. Hand-made documents (no pipeline), so these run fast."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from warta.store import EventFilter, QueryError, connect, schema_version
from warta.store.aggregates import map_data, network, timeline
from warta.store.db import migrations
from warta.store.query import list_entities, list_quotes, query_events, search_articles
from warta.store.search import match_sql, parse_query, query_stem, stems
from warta.store.write import save_documents


def _entity(eid: str, name: str, type_: str, *forms: str, kb: str | None = None, country: str | None = None,
            sector: str | None = None) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": type_, "country": country, "sector": sector, "kb": kb,
            "mentions": [{"start": 0, "end": len(f), "text": f, "source": "model"} for f in (name, *forms)]}


def _actor(entity: dict[str, Any]) -> dict[str, Any]:
    return {"name": entity["name"], "country": entity["country"], "sector": entity["sector"], "entity": entity["id"],
            **({"kb": entity["kb"]} if entity["kb"] else {})}


def _event(vid: str, type_: str, source: dict[str, Any], target: dict[str, Any] | None, *, date: str | None,
           place: tuple[str, str, float | None, float | None, str] | None = None, confidence: float = 0.8,
           **flags: bool) -> dict[str, Any]:
    location = None
    if place:
        name, country, lat, lon, eid = place
        location = {"entity": eid, "name": name, "country": country, "lat": lat, "lon": lon}
    return {"id": vid, "type": type_, "mode": None, "trigger": {"start": 0, "end": 5, "text": "kata"},
            "sentence": {"start": 0, "end": 10, "text": "kalimat"}, "confidence": confidence,
            "source": [_actor(source)], "target": [_actor(target)] if target else [], "date": date,
            "date_precision": "day" if date else None, "location": location, "negated": flags.get("negated", False),
            "hypothetical": flags.get("hypothetical", False), "future": flags.get("future", False), "quote": None}


def _doc(n: int, title: str, text: str, entities: list[dict[str, Any]], events: list[dict[str, Any]],
         places: list[dict[str, Any]] = (), quotes: list[dict[str, Any]] = ()) -> dict[str, Any]:
    return {"schema": "warta.document/1", "id": f"d{n}", "source": {"url": f"https://contoh.test/{n}", "site": f"situs{n}"},
            "language": "id", "title": title, "published": "2024-05-0" + str(n % 9 + 1), "text": text,
            "entities": entities, "places": list(places), "quotes": list(quotes), "times": [], "events": events}


def _place(eid: str, name: str, country: str, lat: float | None, lon: float | None, gid: int | None) -> dict[str, Any]:
    return {"entity": eid, "name": name, "country": country, "lat": lat, "lon": lon, "geonames_id": gid, "admin1": None}


def issue13_documents() -> list[dict[str, Any]]:
    """Three small articles: aliases, spellings of one place, a country as a place, flags."""
    jokowi = _entity("e1", "Joko Widodo", "PER", "Jokowi", kb="per:joko-widodo", country="IDN", sector="GOV")
    kpk = _entity("e2", "Komisi Pemberantasan Korupsi", "ORG", "KPK", kb="org:kpk", country="IDN", sector="JUD")
    budi = _entity("e3", "Budi Santosa", "PER", "Pak Budi", country="IDN", sector="PTY")
    rusia = _entity("e4", "Rusia", "GPE", kb="cty:rus", country="RUS", sector="GOV")
    moskwa = _entity("e5", "Moskwa", "GPE", country="RUS", sector="GOV")
    warga = _entity("e6", "warga", "NORP", country="IDN", sector="CVL")
    docs = [
        _doc(1, "Jokowi bertemu KPK", "Presiden Jokowi bertemu pimpinan KPK di JAKARTA. Warga menyerang pos polisi.",
             [jokowi, kpk], [_event("v1", "CONSULT", jokowi, kpk, date="2024-05-01",
                                    place=("JAKARTA", "IDN", -6.2146, 106.8451, "e9"))],
             places=[_place("e9", "JAKARTA", "IDN", -6.2146, 106.8451, 1642911)],
             quotes=[{"id": "q1", "start": 0, "end": 5, "text": "Kami siap bekerja sama", "direct": True,
                      "speaker": "e1", "cue": "kata"}]),
        _doc(2, "Serangan di perbatasan", "Serangan rudal menghantam kota. Pak Budi menuduh Moskwa menyerang warga.",
             [budi, moskwa, warga], [
                 _event("v1", "ACCUSE", budi, moskwa, date="2024-05-02",
                        place=("Jakarta", "IDN", -6.2146, 106.8451, "e9")),
                 _event("v2", "ASSAULT", moskwa, warga, date=None, place=("Israel", "ISR", 31.769, 35.216, "e8"),
                        confidence=0.4),
                 _event("v3", "ASSAULT", moskwa, warga, date="2024-05-02", negated=True)],
             places=[_place("e9", "Jakarta", "IDN", -6.2146, 106.8451, 1642911),
                     _place("e8", "Israel", "ISR", 31.769, 35.216, 294640)]),
        _doc(3, "Rusia diserang", "Pasukan Rusia diserang di Moskow, kata pejabat.",
             [rusia, warga], [_event("v1", "THREATEN", rusia, warga, date="2024-05-03", future=True,
                                     place=("Moskow", "RUS", 55.752, 37.618, "e7")),
                              _event("v2", "PROTEST", warga, rusia, date="2024-05-03",
                                     place=("Moskwa", "RUS", 55.7522, 37.6156, "e6"))],
             places=[_place("e7", "Moskow", "RUS", 55.752, 37.618, 524901),
                     _place("e6", "Moskwa", "RUS", 55.7522, 37.6156, 524901)]),
    ]
    return docs


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    c = connect(tmp_path_factory.mktemp("i13") / "w.db")
    save_documents(c, issue13_documents(), fingerprint="f", run_id=None)
    yield c
    c.close()


def _total(conn, **kw) -> int:
    return query_events(conn, EventFilter(limit=500, **kw).validate())[1]


def test_aliases_and_surface_forms_find_the_actor(conn):
    assert _total(conn, actor="Joko Widodo") == _total(conn, actor="Jokowi") == _total(conn, actor="jokowi") == 1
    assert _total(conn, actor="KPK") == 1  # three capitals but not a country code
    assert _total(conn, actor="Pak Budi") == 1  # a stored surface form of an unlinked person
    assert _total(conn, actor="RUS") == 5  # an ISO3 code still means the actors' country (Moskwa too)
    assert _total(conn, actor="Tidak Ada Orang Ini") == 0
    assert list_entities(conn, q="jokowi")[0][0]["kb"] == "per:joko-widodo"
    assert list_entities(conn, q="Pak Budi")[0][0]["name"] == "Budi Santosa"
    quotes, total = list_quotes(conn, speaker="Jokowi")
    assert total == 1 and quotes[0]["speaker"] == "Joko Widodo"
    assert list_quotes(conn, speaker="Prabowo")[1] == 0


def test_multi_select_filters(conn):
    assert _total(conn) == 6
    assert _total(conn, types=["ASSAULT", "PROTEST"]) == 3
    assert _total(conn, type="assault", types=["protest"]) == 3  # the single type joins the list
    assert _total(conn, quad_classes=["material-conflict"]) == _total(conn, quad_classes=["4"]) == 3
    assert _total(conn, quad_classes=["verbal-coop", "verbal-conflict"]) == 3
    assert _total(conn, sectors=["JUD"]) == 1 and _total(conn, sectors=["cvl", "PTY"]) == 5
    assert _total(conn, exclude=["negated"]) == 5 and _total(conn, exclude=["negated", "future"]) == 4
    assert _total(conn, min_confidence=0.5) == 5
    assert _total(conn, types=["ASSAULT"], exclude=["negated"], min_confidence=0.5) == 0
    with pytest.raises(QueryError, match=r"^quad: 'green'"):
        EventFilter(quad_classes=["green"]).validate()


def test_one_place_is_one_place_and_countries_are_countries(conn):
    data = map_data(conn, EventFilter())
    names = {p["name"]: p for p in data["places"]}
    assert set(names) == {"Jakarta", "Moskow"} or set(names) == {"Jakarta", "Moskwa"}
    jakarta = names["Jakarta"]
    assert jakarta["count"] == 2 and set(jakarta["names"]) == {"Jakarta", "JAKARTA"}
    assert jakarta["geonames_id"] == 1642911 and jakarta["country"] == "IDN" and jakarta["admin1"] == "04"
    assert sum(p["count"] for p in data["places"] if p["country"] == "RUS") == 2
    assert data["country_level"] == [{"iso3": "ISR", "name": "Israel", "count": 1}]
    assert not any(p["country"] == "ISR" for p in data["points"])  # not a dot at Jerusalem
    assert data["countries"]["IDN"] == 2 and data["unplaced"] == 1
    assert timeline(conn, EventFilter())["undated"] == 1


def test_network_joins_a_name_the_kb_knows(conn):
    net = network(conn, EventFilter())
    ids = {n["id"] for n in net["nodes"]}
    assert "cty:rus" in ids and "name:moskwa" not in ids  # unlinked "Moskwa" is Russia's node (a KB metonym)
    assert "name:warga" in ids and "name:budi santosa" in ids
    rus = next(n for n in net["nodes"] if n["id"] == "cty:rus")
    assert rus["label"] == "Rusia" and rus["count"] == 5
    assert all(e["source"] != e["target"] for e in net["edges"])


def test_stemmed_search_and_exact_phrases(conn):
    assert "serang" in stems("menyerang").split() and "serang" in stems("diserang").split()
    for q in ("serang", "Serang", "menyerang", "diserang"):
        articles, total = search_articles(conn, q=q)
        assert total == 3, q  # menyerang, serangan, diserang
        assert all("\x02" in a["snippet"] for a in articles)
    assert search_articles(conn, q="serangan")[1] == 1  # the lexicon knows serangan as a lemma of its own
    assert search_articles(conn, q='"serangan rudal"')[1] == 1
    assert search_articles(conn, q='"rudal serangan"')[1] == 0
    assert search_articles(conn, q="rudal OR jokowi")[1] == 2
    assert search_articles(conn, q="serang jokowi")[1] == 1
    assert search_articles(conn, q="jak*")[1] == 1
    assert _total(conn, q="serang") == 6 and _total(conn, q="bertemu") == 1
    assert [query_stem(w) for w in ("menyerang", "pertemuan", "Ditangkap", "berita")] == ["serang", "temu", "tangkap",
                                                                                          "berita"]
    assert match_sql("((( OR") is None and [len(g.words) for g in parse_query("a b OR c")] == [2, 1]


def test_a_v3_store_upgrades(tmp_path):
    path = tmp_path / "v3.db"
    raw = sqlite3.connect(path)
    for number, _name, sql in migrations()[:3]:
        raw.executescript(sql)
        raw.execute(f"PRAGMA user_version = {number}")
    raw.execute("INSERT INTO articles (id, doc_id, title, text_hash, source_key, text, n_words, document, "
                "fingerprint, ingested_at) VALUES (1, 'd', 'Judul', 'h', '', 'Massa menyerang kantor', 3, x'00', 'f', 'now')")
    raw.execute("INSERT INTO entities VALUES (1, 'e1', 'Joko Widodo', 'PER', 'IDN', 'GOV', 'per:joko-widodo', 1)")
    raw.execute("INSERT INTO mentions VALUES (1, 'e1', 0, 6, 'Jokowi', 'model')")
    raw.commit()
    raw.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 4
    assert search_articles(conn, q="serang")[1] == 1  # the migration indexed the existing row
    assert conn.execute("SELECT kb FROM surface_forms WHERE form = 'JOKOWI'").fetchone()[0] == "per:joko-widodo"
    conn.execute("UPDATE store_meta SET value = 'old' WHERE key = 'stemmer'")  # another stemmer built it
    conn.close()
    again = connect(path)
    assert again.execute("SELECT value FROM store_meta WHERE key = 'stemmer'").fetchone()[0] != "old"
    assert search_articles(again, q="serang")[1] == 1
    again.execute("DELETE FROM articles")
    assert search_articles(again, q="serang")[1] == 0


def test_actor_lookups_are_answered_from_indexes(conn):
    from warta.store.query import event_where

    for actor in ("Jokowi", "Pak Budi", "per:joko-widodo"):
        where, params = event_where(EventFilter(actor=actor))
        plan = " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN SELECT count(*) FROM events e{where}", params))
        scans = [step for step in plan.split(" | ") if step.startswith("SCAN") and step != "SCAN n"]
        assert not scans, plan  # no full scan of event_actors, surface_forms or mentions
