"""warta.io.export: every format round-trips; failures never leave a partial file behind."""

from __future__ import annotations

import copy
import csv
import errno
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warta.io import export
from warta.io.export import (
    CSV_COLUMNS,
    FORMATS,
    GDELT_COLUMNS,
    ExportError,
    ExportReport,
    write_export,
)
from warta.io.export import gdelt as export_gdelt

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

PLOVER_FIELDS = {"id", "event_date", "date_precision", "date_start", "date_end", "event_type", "event_mode",
                 "quad_class", "cameo_root", "cameo_code", "goldstein", "actors", "recipients", "location", "text",
                 "trigger", "evidence", "flags", "quote", "confidence", "summary_en", "citation", "cluster"}
TRICKY = 'Juru bicara Kemlu, Rina Kusuma, berkata: "Kami menolak\ttuduhan itu,"\nlalu pergi.'
ARTICLE_TEXT = """Menlu RI Bertemu Menlu Jepang di Tokyo

Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo pada Senin (3/11/2025). Keduanya membahas kerja sama maritim.
Polisi menangkap tiga orang pengunjuk rasa di Jakarta, kata juru bicara Polda Metro Jaya.
"""


def _event(eid: str, etype: str, cameo: str | None, sentence: str, trigger: str, *, source: list[dict], target: list[dict],
           location: dict | None = None, date: str | None = "2025-03-14", precision: str | None = "day",
           **flags: bool) -> dict[str, Any]:
    start = sentence.index(trigger)
    return {
        "id": eid, "type": etype, "mode": None, "cameo": cameo,
        "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
        "sentence": {"start": 0, "end": len(sentence), "text": sentence},
        "evidence": [{"start": 0, "end": len(sentence), "text": sentence}],
        "source": source, "target": target, "date": date, "date_precision": precision, "location": location,
        "negated": flags.get("negated", False), "hypothetical": flags.get("hypothetical", False),
        "future": flags.get("future", False), "quote": None, "confidence": 0.75,
        "summary_en": f"{etype.lower()} event {eid}",
    }


def _actor(name: str, country: str | None, sector: str | None, kb: str | None = None) -> dict[str, Any]:
    return {"name": name, "country": country, "sector": sector, "entity": None, "kb": kb}


HAND_EVENTS = [
    _event("v1", "CONSULT", "04", "Menteri Pertahanan Rusia bertemu Menteri Pertahanan Indonesia di Surabaya.", "bertemu",
           source=[_actor("Menteri Pertahanan Rusia", "RUS", "GOV")],
           target=[_actor("Menteri Pertahanan Indonesia", "IDN", "GOV", "org:kemhan")],
           location={"entity": "e4", "name": "Surabaya", "country": "IDN", "lat": -7.2492, "lon": 112.7508}),
    _event("v2", "ACCUSE", "11", TRICKY, "menolak", source=[_actor("Rina Kusuma", "IDN", "GOV"), _actor("Kemlu", None, "UNK")],
           target=[_actor("PBB", "IGO", "IGO", "igo:pbb")], location={"entity": "e9", "name": "Malaysia", "country": "MYS",
                                                           "lat": None, "lon": None},
           date="2025-W11", precision="week", negated=True),
    _event("v3", "SANCTION", "16", "Pengadilan Negeri Medan memvonis dua terdakwa korupsi.", "memvonis",
           source=[_actor("Pengadilan Negeri Medan", "IDN", "JUD")], target=[], date="2025-02", precision="month"),
    _event("v4", "ASSAULT", "190", "Kelompok bersenjata menyerang pos militer di perbatasan.", "menyerang",
           source=[_actor("kelompok bersenjata", None, "REB")], target=[_actor("tentara", "IDN", "MIL")],
           date=None, precision=None, future=True),
]
HAND_DOCUMENTS = [
    {"schema": "warta.document/1", "id": "sha1:aaaa000011112222", "language": "id", "title": "Rapat di Surabaya",
     "published": "2025-03-15", "text": "Menteri bertemu.\n\n“Kutipan” dengan é", "sentences": [], "entities": [],
     "places": [], "quotes": [], "times": [], "events": HAND_EVENTS[:2], "notes": []},
    {"schema": "warta.document/1", "id": "sha1:bbbb000011112222", "language": "id", "title": None,
     "published": None, "text": "Teks kedua.", "source": {"path": "berita/dua.txt", "reader": "text"},
     "sentences": [], "entities": [], "places": [], "quotes": [], "times": [], "events": HAND_EVENTS[2:],
     "notes": []},
]
ARTICLES = [
    {"id": 1, "doc_id": "sha1:aaaa000011112222", "url": "https://contoh.id/berita/1", "title": "Rapat di Surabaya",
     "published": "2025-03-15", "site": "Contoh", "path": None},
    {"id": 2, "doc_id": "sha1:bbbb000011112222", "url": None, "title": None, "published": None, "site": None,
     "path": "berita/dua.txt"},
]
HAND_RECORDS = [
    {"article": ARTICLES[0], "event": HAND_EVENTS[0],
     "cluster": {"id": 7, "num_events": 3, "num_articles": 2, "num_sources": 2, "is_root": True}},
    {"article": ARTICLES[0], "event": HAND_EVENTS[1],
     "cluster": {"id": 8, "num_events": 1, "num_articles": 1, "num_sources": 1, "is_root": True}},
    {"article": ARTICLES[1], "event": HAND_EVENTS[2],
     "cluster": {"id": 7, "num_events": 3, "num_articles": 2, "num_sources": 2, "is_root": False}},
    {"article": ARTICLES[1], "event": HAND_EVENTS[3],
     "cluster": {"id": 9, "num_events": 1, "num_articles": 1, "num_sources": 1, "is_root": True}},
]


def _export(tmp_path: Path, fmt: str, *, records: list[dict] | None = None, documents: list[dict] | None = None,
            name: str | None = None, header: bool = False) -> ExportReport:
    docs = HAND_DOCUMENTS if documents is None else documents
    recs = HAND_RECORDS if records is None else records
    return write_export(fmt=fmt, out=tmp_path / (name or f"out.{fmt}"), documents=lambda: iter(docs),
                        records=lambda: iter(recs), header=header)


@pytest.fixture(scope="module")
def analysed() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A document from the real pipeline on a small invented article, and its event records."""
    from warta.api import analyze
    from warta.io.document_json import document_to_dict

    doc = document_to_dict(analyze(ARTICLE_TEXT))
    article = {"id": 1, "doc_id": doc["id"], "url": None, "title": doc["title"], "published": doc["published"],
               "site": None, "path": "menlu-tokyo.txt"}
    records = [{"article": article, "event": ev,
                "cluster": {"id": 100 + i, "num_events": 1, "num_articles": 1, "num_sources": 1, "is_root": True}}
               for i, ev in enumerate(doc["events"])]
    assert records, "the pipeline found no event in the invented article"
    return doc, records


def test_jsonl_round_trips_documents(tmp_path: Path, analysed) -> None:
    docs = [*HAND_DOCUMENTS, analysed[0]]
    report = _export(tmp_path, "jsonl", documents=docs)
    assert report == ExportReport(format="jsonl", path=tmp_path / "out.jsonl", rows=3)
    text = report.path.read_text(encoding="utf-8")
    assert "“Kutipan” dengan é" in text  # ensure_ascii=False
    lines = text.splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == docs


def test_plover_records_have_the_fields(tmp_path: Path, analysed) -> None:
    report = _export(tmp_path, "plover")
    rows = [json.loads(line) for line in report.path.read_text(encoding="utf-8").splitlines()]
    assert report.rows == len(rows) == len(HAND_RECORDS)
    assert all(set(r) == PLOVER_FIELDS for r in rows)
    first, second = rows[0], rows[1]
    assert first["id"] == "sha1:aaaa000011112222#v1"
    assert first["quad_class"] == "verbal cooperation" and first["cameo_root"] == "04"
    assert (first["cameo_code"], first["goldstein"]) == ("040", 1.0)
    assert (first["date_start"], first["date_end"]) == ("2025-03-14", "2025-03-14")
    assert first["actors"] == [{"name": "Menteri Pertahanan Rusia", "country": "RUS", "sector": "GOV", "kb": None,
                                "kb_name": None, "parent": None, "identifiers": {}}]
    assert first["recipients"][0]["kb"] == "org:kemhan"
    assert first["recipients"][0]["identifiers"] == {"warta": "org:kemhan"}
    assert first["trigger"] == {"start": 25, "end": 32, "text": "bertemu"}
    assert first["location"] == {"name": "Surabaya", "country": "IDN", "lat": -7.2492, "lon": 112.7508,
                                 "geonames_id": None, "admin1": None, "kb": None}
    assert first["citation"]["url"] == "https://contoh.id/berita/1" and first["citation"]["site"] == "Contoh"
    assert first["cluster"] == {"id": 7, "num_articles": 2, "num_sources": 2, "is_root": True}
    assert second["text"] == TRICKY and second["flags"] == {"negated": True, "hypothetical": False, "future": False}
    assert second["event_date"] == "2025-W11" and second["date_precision"] == "week"
    assert (second["date_start"], second["date_end"]) == ("2025-03-10", "2025-03-16")
    un = second["recipients"][0]
    assert un["kb"] == "igo:pbb" and un["identifiers"] == {"warta": "igo:pbb", "cameo": "IGOUNO"}
    assert rows[2]["quad_class"] == "material conflict" and rows[3]["cameo_root"] == "19"

    real = [json.loads(line) for line in
            _export(tmp_path, "plover", records=analysed[1], name="real.jsonl").path.read_text().splitlines()]
    assert len(real) == len(analysed[1]) and all(set(r) == PLOVER_FIELDS for r in real)
    for rec, ev in zip(real, analysed[0]["events"], strict=True):
        assert rec["id"] == f"{analysed[0]['id']}#{ev['id']}" and rec["event_type"] == ev["type"]
        assert rec["trigger"]["text"] == ev["trigger"]["text"]


def _gdelt_frame(path: Path) -> Any:
    return pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)


def test_gdelt_tsv_has_61_columns_and_one_row_per_cluster(tmp_path: Path) -> None:
    report = _export(tmp_path, "gdelt-tsv")
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    raw = report.path.read_text(encoding="utf-8").split("\n")
    assert raw[-1] == "" and all(line.count("\t") == 60 for line in raw[:-1])
    assert not raw[0].startswith("GLOBALEVENTID")
    frame = _gdelt_frame(report.path)
    roots = [r for r in HAND_RECORDS if r["cluster"]["is_root"]]
    assert frame.shape == (len(roots), 61) and report.rows == len(roots)
    row = frame.iloc[0]
    assert row["GLOBALEVENTID"] == "7" and row["SQLDATE"] == "20250314" and row["MonthYear"] == "202503"
    assert row["Year"] == "2025" and row["FractionDate"] == f"{2025 + (3 * 30 + 14) / 365:.4f}"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert row["Actor2Code"] == "IDNGOV" and row["Actor2Name"] == "Menteri Pertahanan Indonesia"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("040", "040", "04")
    assert (row["QuadClass"], row["GoldsteinScale"], row["AvgTone"], row["IsRootEvent"]) == ("1", "1.0", "", "")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "2", "2")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == \
        ("4", "Surabaya, Indonesia", "ID")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("-7.2492", "112.7508")
    assert row["Actor1Geo_Type"] == "" and row["SOURCEURL"] == "https://contoh.id/berita/1"
    week = frame.iloc[1]  # ISO week 2025-W11 = 10-16 March 2025, holding the publication day 15 March
    assert (week["SQLDATE"], week["MonthYear"], week["Year"]) == ("20250315", "202503", "2025")
    assert (week["Actor2Code"], week["Actor2CountryCode"], week["Actor2KnownGroupCode"]) == ("IGOUNO", "", "UNO")
    assert week["QuadClass"] == "3" and week["EventCode"] == "110" and week["GoldsteinScale"] == "-2.0"
    assert (week["ActionGeo_Type"], week["ActionGeo_CountryCode"], week["ActionGeo_FeatureID"]) == ("1", "MY", "MY")
    last = frame.iloc[2]
    assert (last["Actor1Code"], last["Actor1CountryCode"], last["EventRootCode"]) == ("REB", "", "19")
    assert last["GoldsteinScale"] == "-10.0" and last["SQLDATE"] == "" and last["ActionGeo_Type"] == ""
    assert last["SOURCEURL"] == "berita/dua.txt"
    with_header = _export(tmp_path, "gdelt-tsv", name="header.tsv", header=True)
    assert tuple(pd.read_csv(with_header.path, sep="\t", dtype=str).columns) == GDELT_COLUMNS


def test_gdelt_tsv_replaces_tabs_and_newlines(tmp_path: Path) -> None:
    rec = copy.deepcopy(HAND_RECORDS[1])
    rec["event"]["source"][0]["name"] = "Rina\tKusuma\nKemlu"
    rec["event"]["location"]["name"] = 'Kuala "KL"\r\nLumpur'
    rec["event"]["location"]["lat"], rec["event"]["location"]["lon"] = 3.14, 101.69
    rec["event"]["location"]["geonames_id"] = 1735161
    report = _export(tmp_path, "gdelt-tsv", records=[rec])
    frame = _gdelt_frame(report.path)
    assert frame.shape == (1, 61)
    assert frame.iloc[0]["Actor1Name"] == "Rina Kusuma Kemlu"
    assert frame.iloc[0]["ActionGeo_FullName"] == 'Kuala "KL" Lumpur, Malaysia'


def test_gdelt_tsv_from_real_analysis(tmp_path: Path, analysed) -> None:
    report = _export(tmp_path, "gdelt-tsv", records=analysed[1])
    frame = _gdelt_frame(report.path)
    assert frame.shape == (len(analysed[1]), 61)
    assert set(frame["SOURCEURL"]) == {"menlu-tokyo.txt"}
    assert all(len(code) == 2 for code in frame["EventRootCode"])
    assert all(len(code) in (3, 4) and code.startswith(root)
               for code, root in zip(frame["EventCode"], frame["EventRootCode"], strict=True))


def test_csv_round_trips_awkward_text(tmp_path: Path, analysed) -> None:
    report = _export(tmp_path, "csv")
    frame = pd.read_csv(report.path, dtype=str, keep_default_na=False)
    assert report.rows == len(frame) == len(HAND_RECORDS)
    assert tuple(frame.columns) == CSV_COLUMNS
    assert frame.iloc[1]["sentence"] == TRICKY
    assert frame.iloc[1]["source_names"] == "Rina Kusuma;Kemlu"
    assert frame.iloc[1]["source_countries"] == "IDN;" and frame.iloc[1]["negated"] == "true"
    assert frame.iloc[0]["lat"] == "-7.2492" and frame.iloc[3]["date"] == ""
    with report.path.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == list(CSV_COLUMNS)

    real = _export(tmp_path, "csv", records=analysed[1], name="real.csv")
    frame = pd.read_csv(real.path, dtype=str, keep_default_na=False)
    assert list(frame["sentence"]) == [ev["sentence"]["text"] for ev in analysed[0]["events"]]


def test_parquet_schema_and_values(tmp_path: Path, analysed, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "PARQUET_BATCH_ROWS", 3)
    report = _export(tmp_path, "parquet")
    assert report.rows == len(HAND_RECORDS)
    assert pq.ParquetFile(report.path).num_row_groups == 2
    table = pq.read_table(report.path)
    assert table.schema == export.PARQUET_SCHEMA and str(table.schema) == str(export.PARQUET_SCHEMA)
    assert table.schema.names == list(CSV_COLUMNS)
    rows = table.to_pylist()
    assert rows[1]["source_countries"] == ["IDN", None] and rows[1]["negated"] is True
    assert rows[1]["sentence"] == TRICKY and rows[0]["lat"] == -7.2492 and rows[0]["cluster_id"] == 7
    assert rows[3]["date"] is None and rows[2]["date"] == "2025-02" and rows[2]["date_precision"] == "month"

    real = pq.read_table(_export(tmp_path, "parquet", records=analysed[1], name="real.parquet").path)
    assert real.schema.equals(export.PARQUET_SCHEMA) and real.num_rows == len(analysed[1])


def test_empty_exports_are_valid(tmp_path: Path) -> None:
    table = pq.read_table(_export(tmp_path, "parquet", records=[]).path)
    assert table.num_rows == 0 and table.schema.equals(export.PARQUET_SCHEMA)
    assert _export(tmp_path, "gdelt-tsv", records=[]).path.read_text() == ""
    assert pd.read_csv(_export(tmp_path, "csv", records=[]).path).shape == (0, len(CSV_COLUMNS))
    assert _export(tmp_path, "jsonl", documents=[]).path.read_text() == ""


def test_only_the_needed_input_is_read(tmp_path: Path) -> None:
    def boom() -> Iterator[dict]:
        raise AssertionError("must not be called")

    write_export(fmt="jsonl", out=tmp_path / "a.jsonl", documents=lambda: iter(HAND_DOCUMENTS), records=boom)
    write_export(fmt="csv", out=tmp_path / "a.csv", documents=boom, records=lambda: iter(HAND_RECORDS))


def test_unknown_format_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xlsx'") as info:
        _export(tmp_path, "xlsx")
    assert all(f in str(info.value) for f in FORMATS)
    assert list(tmp_path.iterdir()) == []


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_export(fmt="csv", out=tmp_path / "tidak-ada" / "x.csv", documents=list, records=list)


def _failing(after: int) -> Iterator[dict]:
    for i, rec in enumerate(HAND_RECORDS * 3):
        if i == after:
            raise RuntimeError("store connection lost")
        yield rec


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_midway_leaves_nothing_behind(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "export.out"
    with pytest.raises(ExportError, match="store connection lost") as info:
        write_export(fmt=fmt, out=out, documents=lambda: _failing(2), records=lambda: _failing(2))
    assert str(out) in str(info.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_disk_full_keeps_the_existing_file(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "export.out"
    out.write_text("previous export\n", encoding="utf-8")
    calls = {"n": 0}
    real_dumps, real_flat = json.dumps, export.flat_row

    def full(real):
        def wrapper(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] > 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(export.json, "dumps", full(real_dumps))
    monkeypatch.setattr(export, "flat_row", full(real_flat))
    monkeypatch.setattr(export_gdelt, "gdelt_row", full(export_gdelt.gdelt_row))
    with pytest.raises(ExportError, match="No space left on device") as info:
        _export(tmp_path, fmt, records=HAND_RECORDS * 2, documents=HAND_DOCUMENTS * 2, name="export.out")
    assert str(out) in str(info.value)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert list(tmp_path.iterdir()) == [out]


def test_failing_rename_removes_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src, dst):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export.os, "replace", refuse)
    with pytest.raises(ExportError, match="Permission denied"):
        _export(tmp_path, "plover")
    assert list(tmp_path.iterdir()) == []


def test_export_replaces_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    _export(tmp_path, "csv")
    assert out.read_text(encoding="utf-8").startswith("id,article_id,doc_id")
    assert list(tmp_path.iterdir()) == [out]
