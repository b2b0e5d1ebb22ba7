"""Partitions: every record of a split file is read by exactly one partition (no pipeline needed)."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.io.readers.base import ReadError, ReadOptions
from warta.io.readers.partitions import Part, plan_partitions, read_partition
from warta.model import Article

OPTS = ReadOptions(today=date(2026, 11, 25))


def _record(i: int) -> dict:
    return {"id": f"uji-{i}", "url": f"https://kabar-uji.test/berita/{i}", "published": f"2024-0{1 + i % 3}-15",
            "title": f"Bupati Contoh {i} Meresmikan Jembatan Desa",
            "text": f"Bupati Contoh {i} meresmikan jembatan desa sepanjang {20 + i} meter pada Senin. " * (1 + i % 4)}


def _jsonl(path: Path, n: int, *, bad_line_at: int | None = None) -> Path:
    lines = [json.dumps(_record(i), ensure_ascii=False) for i in range(n)]
    if bad_line_at is not None:
        lines.insert(bad_line_at, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read_all(partitions) -> tuple[list[Article], list[ReadError]]:
    articles, errors = [], []
    for p in partitions:
        for item in read_partition(p, options=OPTS):
            (errors if isinstance(item, ReadError) else articles).append(item)
    return articles, errors


@pytest.mark.parametrize("size", [1, 97, 400, 1000, 10**9])
def test_jsonl_byte_ranges_read_every_record_once(tmp_path: Path, size: int):
    path = _jsonl(tmp_path / "berita.jsonl", 25)
    partitions, errors = plan_partitions([str(path)], options=OPTS, partition_bytes=size)
    assert not errors
    if size < path.stat().st_size:
        assert len(partitions) > 1 and all(p.parts[0].end is not None for p in partitions)
    articles, read_errors = _read_all(partitions)
    assert not read_errors
    assert [a.id for a in articles] == [f"uji-{i}" for i in range(25)]


def test_a_bad_line_is_reported_once_and_the_rest_read(tmp_path: Path):
    path = _jsonl(tmp_path / "berita.jsonl", 12, bad_line_at=5)
    partitions, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=300)
    articles, errors = _read_all(partitions)
    assert len(articles) == 12
    assert len(errors) == 1 and "malformed JSON" in errors[0].problem and "berita.jsonl[" in errors[0].origin


def _page(i: int) -> bytes:
    paras = "".join(f"<p>Paragraf {k} berita nomor {i}: Gubernur Contoh meninjau banjir di kecamatan {k} dan "
                    "meminta warga waspada terhadap hujan lebat yang masih akan turun sepekan ke depan.</p>"
                    for k in range(4))
    return (f"<html><head><meta charset='utf-8'><title>Berita {i}</title></head><body><article>"
            f"<h1>Gubernur Contoh Tinjau Banjir {i}</h1>{paras}</article></body></html>").encode()


def _warc(path: Path, n: int, *, gzip_records: bool) -> Path:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warta-test"}))
    for i in range(n):
        payload = _page(i)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://kabar-uji.test/{i}", "response",
                                                      payload=io.BytesIO(payload), http_headers=http))
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize("gzip_records", [True, False])
def test_warc_byte_ranges_read_every_page_once(tmp_path: Path, gzip_records: bool):
    path = _warc(tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc"), 9, gzip_records=gzip_records)
    whole, _ = _read_all(plan_partitions([str(path)], options=OPTS, partition_bytes=10**9)[0])
    partitions, errors = plan_partitions([str(path)], options=OPTS, partition_bytes=700)
    assert not errors and len(partitions) > 3
    articles, read_errors = _read_all(partitions)
    assert not read_errors
    assert [a.url for a in articles] == [a.url for a in whole] == [f"https://kabar-uji.test/{i}" for i in range(9)]


def test_small_files_are_grouped_and_ids_are_stable(tmp_path: Path):
    for i in range(6):
        (tmp_path / f"b{i}.json").write_text(json.dumps(_record(i)), encoding="utf-8")
    first, _ = plan_partitions([str(tmp_path)], options=OPTS, partition_bytes=600)
    again, _ = plan_partitions([str(tmp_path)], options=OPTS, partition_bytes=600)
    assert 1 < len(first) < 6 and [p.id for p in first] == [p.id for p in again]
    assert sum(len(p.parts) for p in first) == 6
    os.utime(tmp_path / "b0.json", ns=(10**18, 10**18))  # a file rewritten since: its partition is new
    changed, _ = plan_partitions([str(tmp_path)], options=OPTS, partition_bytes=600)
    assert changed[0].id != first[0].id and changed[-1].id == first[-1].id


def test_inputs_workers_cannot_read_are_errors(tmp_path: Path):
    partitions, errors = plan_partitions(["-", "https://kabar-uji.test/rss", str(tmp_path / "hilang.jsonl")],
                                         options=OPTS)
    assert partitions == [] and len(errors) == 3
    assert "no such file" in errors[2].problem


def test_part_describes_its_range():
    assert Part("a.jsonl", "jsonl", 10, 20).describe() == "a.jsonl [bytes 10-20)"
    assert Part("a.jsonl", "jsonl").describe() == "a.jsonl"


def _gz_jsonl(path: Path, n: int, *, members: int = 1, bad_line_at: int | None = None) -> bytes:
    """A gzipped JSON Lines file of ``n`` records; with ``members`` > 1 the bytes are cut into that many
    gzip members at arbitrary offsets (mid-line), as concatenated or block-gzipped files are."""
    lines = [json.dumps(_record(i), ensure_ascii=False) for i in range(n)]
    if bad_line_at is not None:
        lines.insert(bad_line_at, "{not json")
    raw = ("\n".join(lines) + "\n").encode()
    step = -(-len(raw) // members)
    path.write_bytes(b"".join(gzip.compress(raw[k:k + step]) for k in range(0, len(raw), step)))
    return raw


@pytest.mark.parametrize("members", [1, 7])
@pytest.mark.parametrize("size", [150, 900, 10**9])
def test_gzipped_jsonl_line_ranges_read_every_record_once(tmp_path: Path, members: int, size: int):
    path = tmp_path / "berita.jsonl.gz"
    raw = _gz_jsonl(path, 40, members=members)
    partitions, errors = plan_partitions([str(path)], options=OPTS, partition_bytes=size)
    assert not errors
    if size < len(raw):
        parts = [p.parts[0] for p in partitions]
        assert len(parts) > 2 and all(p.line is not None for p in parts)
        assert [p.line for p in parts] == sorted(p.line for p in parts) and parts[-1].lines is None
        assert sum(p.size for p in partitions) == len(raw)  # sized by decompressed bytes
        if members > 1:  # later partitions start at a gzip member near them, not at the file's start
            assert any(p.start > 0 for p in parts)
    else:
        assert len(partitions) == 1 and partitions[0].parts[0].line is None  # read whole
    articles, read_errors = _read_all(partitions)
    assert not read_errors
    assert [a.id for a in articles] == [f"uji-{i}" for i in range(40)]
    again, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=size)
    assert [p.id for p in again] == [p.id for p in partitions]


def test_gzipped_jsonl_errors_name_the_files_line(tmp_path: Path):
    path = tmp_path / "berita.jsonl.gz"
    _gz_jsonl(path, 30, members=3, bad_line_at=23)
    partitions, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=200)
    articles, errors = _read_all(partitions)
    assert len(articles) == 30
    assert [str(e) for e in errors] == [f"{path}:line 24: malformed JSON: Expecting property name enclosed in "
                                        "double quotes (column 2)"]
    assert articles[23].origin == f"{path}:line 25"  # origins too count the file's lines


def test_a_truncated_gzipped_jsonl_is_reported_and_what_precedes_kept(tmp_path: Path):
    path = tmp_path / "berita.jsonl.gz"
    _gz_jsonl(path, 30)
    path.write_bytes(path.read_bytes()[:-200])  # a download cut short
    partitions, errors = plan_partitions([str(path)], options=OPTS, partition_bytes=200)
    assert not errors and len(partitions) > 2
    articles, read_errors = _read_all(partitions)
    whole = list(read_partition(plan_partitions([str(path)], options=OPTS)[0][0], options=OPTS))
    whole_errors = [e for e in whole if isinstance(e, ReadError)]  # read whole: the cut line, then the truncation
    assert [e.where for e in read_errors] == [e.where for e in whole_errors] and len(read_errors) == 2
    assert len(articles) == len(whole) - 2 >= 15
    assert "truncated gzip" in read_errors[-1].problem
    assert "stopped after" in read_errors[-1].problem and "[lines " in read_errors[-1].problem
    assert [a.id for a in articles] == [f"uji-{i}" for i in range(len(articles))]


def test_split_files_end_in_smaller_partitions(tmp_path: Path):
    path = _jsonl(tmp_path / "berita.jsonl", 400)
    size = path.stat().st_size
    partitions, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=size // 10)
    sizes = [p.size for p in partitions]
    assert sum(sizes) == size and sizes[0] == size // 10
    assert sizes[-1] < sizes[0] / 4 and sizes == sorted(sizes, reverse=True)


def _warc_one_stream(path: Path, n: int, *, members: int = 1, bad_page_at: int | None = None) -> bytes:
    """A WARC of ``n`` pages (and a request record before each) gzipped as one stream; with ``members``
    > 1 cut into that many gzip members at arbitrary offsets (mid-record). Returns the WARC bytes."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warta-test"}))
    for i in range(n):
        uri = f"https://kabar-uji.test/{i}"
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        payload = b"<html><body><nav>menu</nav></body></html>" if i == bad_page_at else _page(i)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http))
    raw = buf.getvalue()
    step = -(-len(raw) // members)
    path.write_bytes(b"".join(gzip.compress(raw[k:k + step]) for k in range(0, len(raw), step)))
    return raw


@pytest.mark.parametrize("members", [1, 3])
@pytest.mark.parametrize("size", [500, 3000, 10**9])
def test_a_warc_gzipped_as_one_stream_is_cut_into_record_ranges(tmp_path: Path, members: int, size: int):
    path = tmp_path / "crawl.warc.gz"
    raw = _warc_one_stream(path, 12, members=members)
    partitions, errors = plan_partitions([str(path)], options=OPTS, partition_bytes=size)
    assert not errors
    if size < len(raw):
        parts = [p.parts[0] for p in partitions]
        assert len(parts) > 2 and all(p.line is not None and p.fmt == "warc" for p in parts)
        assert sum(p.size for p in partitions) == len(raw)  # sized by decompressed bytes
        assert parts[0].line == 0 and parts[-1].lines is None and parts[-1].length is None
        for p, q in itertools.pairwise(parts):  # consecutive, each record in exactly one range
            assert q.line == p.line + p.lines
        if members > 1:
            assert any(p.start > 0 for p in parts)  # decompressing starts at a member near the range
        assert "[records 1-" in partitions[0].describe()
    else:
        assert len(partitions) == 1 and partitions[0].parts[0].line is None  # read whole
    articles, read_errors = _read_all(partitions)
    assert not read_errors
    assert [a.url for a in articles] == [f"https://kabar-uji.test/{i}" for i in range(12)]
    again, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=size)
    assert [p.id for p in again] == [p.id for p in partitions]  # a re-run finds its done partitions


def test_record_range_errors_name_the_files_record(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    _warc_one_stream(path, 10, bad_page_at=7)
    whole = [e for e in read_partition(plan_partitions([str(path)], options=OPTS)[0][0], options=OPTS)
             if isinstance(e, ReadError)]
    partitions, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=800)
    assert len(partitions) > 3
    articles, errors = _read_all(partitions)
    assert len(articles) == 9
    assert [(e.where, e.problem) for e in errors] == [(e.where, e.problem) for e in whole]
    assert errors[0].where == "record 17 https://kabar-uji.test/7"  # warcinfo, then a request before each page


def test_a_truncated_one_stream_warc_is_reported_once_and_what_precedes_kept(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    _warc_one_stream(path, 12)
    path.write_bytes(path.read_bytes()[:-300])  # a download cut short
    partitions, errors = plan_partitions([str(path)], options=OPTS, partition_bytes=800)
    assert not errors and len(partitions) > 2
    articles, read_errors = _read_all(partitions)
    whole = [e for e in read_partition(plan_partitions([str(path)], options=OPTS)[0][0], options=OPTS)
             if isinstance(e, ReadError)]
    assert len(read_errors) == 1 and read_errors[0].problem.startswith("truncated gzip")
    assert "[records " in read_errors[0].problem and "stopped after" in read_errors[0].problem
    assert whole[0].problem.startswith("truncated gzip")  # as a whole-file read says, at the same record
    assert read_errors[0].where.startswith("record ") and whole[0].where.startswith(read_errors[0].where)
    assert [a.url for a in articles] == [f"https://kabar-uji.test/{i}" for i in range(len(articles))]
    assert len(articles) >= 9


def test_a_file_changed_since_planning_is_reported(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    _warc_one_stream(path, 12)
    partitions, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=800)
    _warc_one_stream(path, 2)  # rewritten shorter by the time a worker reads it
    _, errors = _read_all(partitions[-2:])
    assert errors and all(e.origin == str(path) for e in errors)


def test_warc_gzipped_per_record_keeps_byte_ranges(tmp_path: Path):
    path = _warc(tmp_path / "crawl.warc.gz", 9, gzip_records=True)
    partitions, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=700)
    assert all(p.parts[0].line is None and p.parts[0].end is not None for p in partitions)


def test_a_large_one_stream_warc_is_cut_into_few_enough_ranges(tmp_path: Path, monkeypatch):
    from warta.io.readers import warc_ranges

    path = tmp_path / "crawl.warc.gz"
    _warc_one_stream(path, 30)
    many, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=400)
    monkeypatch.setattr(warc_ranges, "MAX_RANGES", 2)  # every range passes the bytes before it: few ranges
    few, _ = plan_partitions([str(path)], options=OPTS, partition_bytes=400)
    assert len(few) < len(many) / 2 and few[0].size > 4 * many[0].size
    articles, errors = _read_all(few)
    assert not errors and len(articles) == 30
