"""Exports of a real store (hand-written documents, no pipeline) opened with the readers analysts
use: pandas (csv, parquet, jsonl, GDELT TSV), pyarrow (parquet) and DuckDB (csv, parquet)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from warta.io.export import CSV_COLUMNS, write_export
from warta.io.export.gdelt import GDELT_COLUMNS, GDELT_FLOAT_COLUMNS, GDELT_INT_COLUMNS
from warta.store import EventFilter, connect
from warta.store.records import iter_documents, iter_event_records
from warta.store.write import save_documents

pd = pytest.importorskip("pandas")


def _span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def _event(text: str, eid: str, etype: str, mode: str | None, cameo: str, sentence: str, trigger: str, *,
           source: list[dict], target: list[dict], location: dict | None, date_: str | None,
           precision: str | None, **flags: bool) -> dict[str, Any]:
    sent = _span(text, sentence)
    trig = _span(text, trigger, sent["start"])
    return {"id": eid, "type": etype, "mode": mode, "cameo": cameo, "trigger": trig, "sentence": sent,
            "evidence": [sent], "source": source, "target": target, "date": date_, "date_precision": precision,
            "location": location, "negated": flags.get("negated", False),
            "hypothetical": flags.get("hypothetical", False), "future": flags.get("future", False), "quote": None,
            "confidence": 0.8, "summary_en": f"{etype.lower()} {eid}"}


def _entity(eid: str, name: str, type_: str, kb: str | None, country: str | None, sector: str | None,
            text: str) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": type_, "country": country, "sector": sector, "kb": kb,
            "mentions": [_span(text, name) | {"source": "test"}] if name in text else []}


def _place(eid: str, name: str, country: str | None, lat: float | None, lon: float | None, gid: int | None,
           admin1: str | None) -> dict[str, Any]:
    return {"entity": eid, "name": name, "country": country, "lat": lat, "lon": lon, "geonames_id": gid,
            "admin1": admin1}


def _doc(doc_id: str, title: str | None, text: str, published: str | None, url: str | None, site: str | None,
         entities: list[dict], places: list[dict], events: list[dict]) -> dict[str, Any]:
    source = {"reader": "json", "path": f"uji/{doc_id}.json"} | ({"url": url, "site": site} if url else {})
    return {"schema": "warta.document/1", "id": f"sha1:{doc_id}", "language": "id", "title": title,
            "published": published, "text": text, "source": source, "sentences": [], "entities": entities,
            "places": places, "quotes": [], "times": [], "events": events, "notes": []}


A_TEXT = ("Menlu Bertemu di Surabaya\n\nSURABAYA - Indonesia dan Malaysia bertemu di Surabaya pada Jumat (14/3/2025). "
          "Keduanya membahas perbatasan laut.\nPolri menangkap dua orang di Jakarta pekan lalu, kata juru bicara.\n")
B_TEXT = ("Pertemuan Dua Menlu\n\nJAKARTA - Indonesia bertemu Malaysia di Surabaya, Jumat (14/3/2025), membahas laut.\n"
          "Kelompok bersenjata menyerang pos di Jawa Timur pada 2024, tetapi serangan itu dibantah.\n"
          "Mahasiswa berdemo di Laut China Selatan.\n")
C_TEXT = "Warga berunjuk rasa menolak tambang di desa itu tanpa kepastian tanggal.\n"
INDONESIA = {"name": "Indonesia", "country": "IDN", "sector": "GOV", "entity": "e1"}
MALAYSIA = {"name": "Malaysia", "country": "MYS", "sector": "GOV", "entity": "e2"}
SURABAYA = {"entity": "e3", "name": "Surabaya", "country": "IDN", "lat": -7.2492, "lon": 112.7508}


def documents() -> list[dict[str, Any]]:
    """Three small invented articles: one meeting reported twice, an arrest, an assault, protests."""
    a_entities = [_entity("e1", "Indonesia", "GPE", "cty:idn", "IDN", None, A_TEXT),
                  _entity("e2", "Malaysia", "GPE", "cty:mys", "MYS", None, A_TEXT),
                  _entity("e3", "Surabaya", "GPE", None, "IDN", None, A_TEXT),
                  _entity("e4", "Jakarta", "GPE", None, "IDN", None, A_TEXT),
                  _entity("e5", "Polri", "ORG", "org:polri", "IDN", "COP", A_TEXT)]
    a_places = [_place("e1", "Indonesia", "IDN", -6.21, 106.85, 1643084, None),
                _place("e2", "Malaysia", "MYS", 3.14, 101.69, 1733045, None),
                _place("e3", "Surabaya", "IDN", -7.2492, 112.7508, 1625822, "08"),
                _place("e4", "Jakarta", "IDN", -6.21462, 106.84513, 1642911, "04")]
    a_events = [
        _event(A_TEXT, "v1", "CONSULT", "visit", "04", "SURABAYA - Indonesia dan Malaysia bertemu di Surabaya pada "
               "Jumat (14/3/2025).", "bertemu", source=[INDONESIA], target=[MALAYSIA], location=SURABAYA,
               date_="2025-03-14", precision="day"),
        _event(A_TEXT, "v2", "COERCE", "arrest", "17", "Polri menangkap dua orang di Jakarta pekan lalu, kata juru "
               "bicara.", "menangkap", source=[{"name": "Polri", "country": "IDN", "sector": "COP", "entity": "e5"}],
               target=[], location={"entity": "e4", "name": "Jakarta", "country": "IDN", "lat": -6.21462,
                                    "lon": 106.84513},
               date_="2025-W10", precision="week"),
    ]
    b_entities = [_entity("e1", "Indonesia", "GPE", "cty:idn", "IDN", None, B_TEXT),
                  _entity("e2", "Malaysia", "GPE", "cty:mys", "MYS", None, B_TEXT),
                  _entity("e3", "Surabaya", "GPE", None, "IDN", None, B_TEXT),
                  _entity("e6", "Jawa Timur", "GPE", None, "IDN", None, B_TEXT),
                  _entity("e7", "Laut China Selatan", "LOC", None, None, None, B_TEXT),
                  _entity("e8", "Mahasiswa", "NORP", None, "IDN", "EDU", B_TEXT)]
    b_places = [_place("e1", "Indonesia", "IDN", -6.21, 106.85, 1643084, None),
                _place("e2", "Malaysia", "MYS", 3.14, 101.69, 1733045, None),
                _place("e3", "Surabaya", "IDN", -7.2492, 112.7508, 1625822, "08"),
                _place("e6", "Jawa Timur", "IDN", -7.2492, 112.7508, None, "08"),
                _place("e7", "Laut China Selatan", None, 12.0, 113.0, None, None)]
    b_events = [
        _event(B_TEXT, "v1", "CONSULT", "visit", "04", "JAKARTA - Indonesia bertemu Malaysia di Surabaya, Jumat "
               "(14/3/2025), membahas laut.", "bertemu", source=[INDONESIA], target=[MALAYSIA], location=SURABAYA,
               date_="2025-03-14", precision="day"),
        _event(B_TEXT, "v2", "ASSAULT", None, "19", "Kelompok bersenjata menyerang pos di Jawa Timur pada 2024, "
               "tetapi serangan itu dibantah.", "menyerang",
               source=[{"name": "Kelompok bersenjata", "country": None, "sector": "REB", "entity": None}], target=[],
               location={"entity": "e6", "name": "Jawa Timur", "country": "IDN", "lat": -7.2492, "lon": 112.7508},
               date_="2024", precision="year", negated=True),
        _event(B_TEXT, "v3", "PROTEST", "demo", "14", "Mahasiswa berdemo di Laut China Selatan.", "berdemo",
               source=[{"name": "Mahasiswa", "country": "IDN", "sector": "EDU", "entity": "e8"}], target=[],
               location={"entity": "e7", "name": "Laut China Selatan", "country": None, "lat": 12.0, "lon": 113.0},
               date_=None, precision=None),
    ]
    c_events = [_event(C_TEXT, "v1", "PROTEST", "demo", "14", C_TEXT.strip(), "berunjuk rasa",
                       source=[{"name": "Warga", "country": None, "sector": "CVL", "entity": None}], target=[],
                       location=None, date_=None, precision=None, future=True)]
    return [
        _doc("aaaa1111", "Menlu Bertemu di Surabaya", A_TEXT, "2025-03-15", "https://contoh.id/a", "Contoh",
             a_entities, a_places, a_events),
        _doc("bbbb2222", "Pertemuan Dua Menlu", B_TEXT, "2025-03-16", "https://lain.id/b", "Lain", b_entities,
             b_places, b_events),
        _doc("cccc3333", None, C_TEXT, None, None, None, [], [], c_events),
    ]


def make_store(path: Path) -> Path:
    """A store holding :func:`documents` (migrated to the current schema)."""
    conn = connect(path)
    save_documents(conn, documents(), fingerprint="uji", run_id=None)
    conn.close()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("export-store") / "w.db")


def _write(store: Path, tmp_path: Path, fmt: str, flt: EventFilter | None = None, **kw: Any) -> Path:
    conn = connect(store, readonly=True)
    try:
        out = tmp_path / f"out.{fmt}"
        write_export(fmt=fmt, out=out, documents=lambda: iter_documents(conn, flt),
                     records=lambda: iter_event_records(conn, flt), **kw)
        return out
    finally:
        conn.close()


def test_csv_in_pandas_has_typed_columns(store: Path, tmp_path: Path) -> None:
    frame = pd.read_csv(_write(store, tmp_path, "csv"), parse_dates=["date_start", "date_end"])
    assert tuple(frame.columns) == CSV_COLUMNS and len(frame) == 6
    for column in ("id", "article_id", "cluster_id", "num_articles", "num_sources"):
        assert pd.api.types.is_integer_dtype(frame[column]), column
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])
    assert pd.api.types.is_float_dtype(frame["goldstein"]) and pd.api.types.is_float_dtype(frame["lat"])
    assert frame["negated"].dtype == bool
    week = frame[frame["date"] == "2025-W10"].iloc[0]
    assert (week["date_start"].date(), week["date_end"].date()) == (date(2025, 3, 3), date(2025, 3, 9))
    assert week["source_kb"] == "org:polri" and week["cameo_code"] == 173
    year = frame[frame["date"] == "2024"].iloc[0]
    assert (year["date_start"].date(), year["date_end"].date()) == (date(2024, 1, 1), date(2024, 12, 31))
    meeting = frame[frame["type"] == "CONSULT"].iloc[0]
    assert (meeting["source_kb"], meeting["target_kb"], meeting["location_geonames_id"]) == ("cty:idn", "cty:mys", 1625822)


def test_parquet_in_pyarrow_and_pandas(store: Path, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = _write(store, tmp_path, "parquet")
    table = pq.read_table(path)
    assert table.schema.field("date_start").type == pa.date32() and table.schema.field("id").type == pa.int64()
    assert table.schema.field("source_kb").type == pa.list_(pa.string())
    rows = {r["date"]: r for r in table.to_pylist() if r["date"]}
    assert rows["2025-W10"]["date_start"] == date(2025, 3, 3) and rows["2024"]["date_end"] == date(2024, 12, 31)
    frame = pd.read_parquet(path)
    assert pd.api.types.is_integer_dtype(frame["id"]) and frame["date_start"].notna().sum() == 4
    assert list(frame.loc[frame["type"] == "COERCE", "source_kb"].iloc[0]) == ["org:polri"]


def test_jsonl_and_plover_in_pandas(store: Path, tmp_path: Path) -> None:
    docs = pd.read_json(_write(store, tmp_path, "jsonl"), lines=True)
    assert len(docs) == 3 and set(docs["id"]) == {"sha1:aaaa1111", "sha1:bbbb2222", "sha1:cccc3333"}
    plover = pd.read_json(_write(store, tmp_path, "plover"), lines=True, dtype={"cameo_code": str})
    assert len(plover) == 6 and pd.api.types.is_float_dtype(plover["goldstein"])
    coerce = plover[plover["event_type"] == "COERCE"].iloc[0]
    assert coerce["actors"][0]["kb"] == "org:polri" and coerce["cameo_code"] == "173"
    consult = plover[plover["event_type"] == "CONSULT"].iloc[0]
    assert consult["actors"][0]["identifiers"] == {"warta": "cty:idn", "iso3166_alpha3": "IDN",
                                                   "iso3166_alpha2": "ID", "geonames": 1643084}


def test_gdelt_tsv_in_pandas_matches_the_codebook(store: Path, tmp_path: Path) -> None:
    path = _write(store, tmp_path, "gdelt-tsv")
    assert not path.read_text(encoding="utf-8").startswith("GLOBALEVENTID")  # GDELT files have no header
    frame = pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)
    assert frame.shape[1] == 61 and len(frame) == 5  # the meeting reported twice is one row
    for column in GDELT_COLUMNS:
        values = [v for v in frame[column] if v]
        if column in GDELT_INT_COLUMNS:
            assert all(v.lstrip("-").isdigit() for v in values), column
        elif column in GDELT_FLOAT_COLUMNS:
            assert all(float(v) == float(v) for v in values), column
    assert (frame["SQLDATE"] != "").all() and (frame["DATEADDED"].str.len() == 14).all()
    typed = pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS,
                        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert pd.api.types.is_integer_dtype(typed["SQLDATE"]) and pd.api.types.is_float_dtype(typed["GoldsteinScale"])
    with_header = _write(store, tmp_path, "gdelt-tsv", header=True)
    assert tuple(pd.read_csv(with_header, sep="\t", nrows=0).columns) == GDELT_COLUMNS


def test_filtered_export_keeps_only_matching_events(store: Path, tmp_path: Path) -> None:
    flt = EventFilter(types=["PROTEST"], exclude=["future"])
    frame = pd.read_csv(_write(store, tmp_path, "csv", flt))
    assert list(frame["type"]) == ["PROTEST"] and not frame["future"].any()
    docs = [json.loads(line) for line in _write(store, tmp_path, "jsonl", flt).read_text().splitlines()]
    assert [d["id"] for d in docs] == ["sha1:bbbb2222"]


def test_duckdb_reads_csv_and_parquet(store: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    csv_path, parquet_path = _write(store, tmp_path, "csv"), _write(store, tmp_path, "parquet")
    con = duckdb.connect()
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet_path}')").fetchall()}
    assert tuple(types) == CSV_COLUMNS
    assert types["date_start"] == "DATE" and types["id"] == "BIGINT" and types["source_kb"] == "VARCHAR[]"
    csv_types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_csv_auto('{csv_path}')").fetchall()}
    assert csv_types["date_start"] == "DATE" and csv_types["id"] == "BIGINT" and csv_types["negated"] == "BOOLEAN"
    dates = con.execute(f"SELECT date FROM read_parquet('{parquet_path}') WHERE date_start <= DATE '2025-03-09' "
                        "ORDER BY date").fetchall()
    assert dates == [("2024",), ("2025-W10",)]  # the year 2024 and the week of 3-9 March 2025
    kb = con.execute(f"SELECT source_kb FROM read_csv_auto('{csv_path}') WHERE type = 'COERCE'").fetchall()
    assert kb == [("org:polri",)]
