"""warta.store.records: export records and documents, narrowed by the events filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.io.export.test_store import make_store
from warta.store import EventFilter, QueryError, connect
from warta.store.records import iter_documents, iter_event_records, lead_span


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    c = connect(make_store(tmp_path_factory.mktemp("records") / "w.db"), readonly=True)
    yield c
    c.close()


def test_records_join_kb_ids_places_and_article(conn) -> None:
    records = list(iter_event_records(conn))
    assert len(records) == 6 and len({r["id"] for r in records}) == 6
    meeting = records[0]
    assert meeting["event"]["source"][0]["kb"] == "cty:idn" and meeting["event"]["target"][0]["kb"] == "cty:mys"
    assert meeting["event"]["source"][0]["place"]["geonames_id"] == 1643084
    assert meeting["event"]["location"]["geonames_id"] == 1625822 and meeting["event"]["location"]["admin1"] == "08"
    article = meeting["article"]
    assert article["url"] == "https://contoh.id/a" and article["added"] and article["lead"]
    assert meeting["cluster"]["num_articles"] == 2
    roots = [r["cluster"]["is_root"] for r in records if r["cluster"]["id"] == meeting["cluster"]["id"]]
    assert sorted(roots) == [False, True]
    arrest = next(r for r in records if r["event"]["type"] == "COERCE")
    assert arrest["event"]["source"][0]["kb"] == "org:polri" and "place" not in arrest["event"]["source"][0]


def test_filters_are_those_of_events(conn) -> None:
    def types(flt: EventFilter) -> list[str]:
        return sorted(r["event"]["type"] for r in iter_event_records(conn, flt))

    assert types(EventFilter(type="consult")) == ["CONSULT", "CONSULT"]
    assert types(EventFilter(types=["PROTEST", "ASSAULT"], exclude=["negated"])) == ["PROTEST", "PROTEST"]
    assert types(EventFilter(country="IDN", since="2025-03-01", until="2025-03-31")) == ["COERCE", "CONSULT", "CONSULT"]
    assert types(EventFilter(actor="org:polri", limit=1)) == ["COERCE"]  # limit is ignored: exports are whole
    with pytest.raises(QueryError, match="since"):
        list(iter_event_records(conn, EventFilter(since="14/3/2025")))


def test_root_selected_when_the_representative_is_filtered_out(conn) -> None:
    everything = list(iter_event_records(conn))
    member = next(r for r in everything if not r["cluster"]["is_root"])
    # an exact phrase: plain words are stemmed (pertemuan finds bertemu in the other report)
    only = list(iter_event_records(conn, EventFilter(q='"Pertemuan Dua Menlu"', types=["CONSULT"])))
    assert [r["id"] for r in only] == [member["id"]]
    assert only[0]["cluster"]["root_selected"] is False
    assert all(r["cluster"]["root_selected"] for r in everything)


def test_documents_follow_the_filter(conn) -> None:
    assert [d["id"] for d in iter_documents(conn)] == ["sha1:aaaa1111", "sha1:bbbb2222", "sha1:cccc3333"]
    assert [d["id"] for d in iter_documents(conn, EventFilter(type="COERCE"))] == ["sha1:aaaa1111"]
    assert list(iter_documents(conn, EventFilter(type="AID"))) == []


@pytest.mark.parametrize(("text", "title", "lead"), [
    ("Judul Berita\n\nBANDUNG - Wali kota meresmikan pasar.\nParagraf kedua.\n", "Judul Berita", "BANDUNG - Wali kota meresmikan pasar."),
    ("Judul\nRingkasan pendek.\nDiterbitkan 1 Mei\nSLEMAN (ANTARA) – Bupati menemui warga.\n", "Judul",
     "SLEMAN (ANTARA) – Bupati menemui warga."),
    ("Judul\n\nPendek.\nSeorang warga desa itu menemukan dompet berisi uang lalu mengembalikannya ke polisi.\n", "Judul",
     "Seorang warga desa itu menemukan dompet berisi uang lalu mengembalikannya ke polisi."),
])
def test_lead_span(text: str, title: str, lead: str) -> None:
    span = lead_span(text, title)
    assert span is not None and text[span[0]:span[1]] == lead


def test_no_lead_in_a_short_text() -> None:
    assert lead_span("Judul\n\nTiga kata saja.", "Judul") is None
    assert lead_span("", None) is None


def test_store_path_is_not_modified(tmp_path: Path) -> None:
    path = make_store(tmp_path / "w.db")
    before = path.read_bytes()
    c = connect(path, readonly=True)
    list(iter_event_records(c, EventFilter(type="CONSULT")))
    c.close()
    assert path.read_bytes() == before


def test_actor_rows_of_the_store_win_over_the_stored_json(tmp_path: Path) -> None:
    path = make_store(tmp_path / "w.db")
    c = connect(path)
    # what migration 0003 did to stores written before PLOVER's JRN: actor rows change, event JSON does not
    c.execute("UPDATE event_actors SET sector = 'JRN' WHERE name = 'Polri'")
    c.close()
    c = connect(path, readonly=True)
    arrest = next(r for r in iter_event_records(c) if r["event"]["type"] == "COERCE")
    c.close()
    assert arrest["event"]["source"][0]["sector"] == "JRN" and arrest["event"]["source"][0]["kb"] == "org:polri"
