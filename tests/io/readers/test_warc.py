"""The WARC reader: which records are read, per-record failures, limits and non-WARC input."""

from __future__ import annotations

import gzip
import io
import zlib
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
from warta.io.readers.warc import read_warc
from warta.model import Article

OPTS = ReadOptions(today=date(2026, 11, 25))
URI = "https://beritakota.example/ekonomi/menkeu-bertemu-gubernur-bi"
WARC_DATE = "2026-11-24T10:00:00Z"


def _page(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
            "<nav><a href='/'>Beranda</a> <a href='/ekonomi'>Ekonomi</a> <a href='/hukum'>Hukum</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Hak cipta Berita Kota</footer></body></html>")


ARTICLE = _page("Menkeu dan Gubernur BI Bahas Stabilitas Rupiah", [
    "JAKARTA, Berita Kota - Menteri Keuangan bertemu Gubernur Bank Indonesia di kantor Kementerian "
    "Keuangan untuk membahas langkah menjaga stabilitas nilai tukar rupiah.",
    "Keduanya sepakat memperkuat koordinasi kebijakan fiskal dan moneter menjelang akhir tahun, "
    "terutama untuk menahan tekanan dari kenaikan suku bunga global.",
    "Pertemuan itu juga dihadiri Ketua Otoritas Jasa Keuangan dan Ketua Dewan Komisioner Lembaga "
    "Penjamin Simpanan.",
])
SECOND = _page("Wali Kota Surabaya Resmikan Rumah Sakit Baru", [
    "SURABAYA, Berita Kota - Wali Kota Surabaya meresmikan rumah sakit umum daerah baru di kawasan "
    "Surabaya Barat yang mampu menampung dua ratus pasien rawat inap.",
    "Menteri Kesehatan yang hadir dalam peresmian memuji kecepatan pembangunan rumah sakit tersebut.",
])
NAV_ONLY = ("<html><head><title>Indeks</title></head><body><nav><ul><li><a href='/a'>Politik</a></li>"
            "<li><a href='/b'>Ekonomi</a></li><li><a href='/c'>Olahraga</a></li></ul></nav>"
            "<div class='menu'><a href='/x'>Indeks Berita</a> <a href='/y'>Terpopuler</a></div></body></html>")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def _response(writer: WARCWriter, uri: str, payload: bytes, *, status: str = "200 OK",
              ctype: str = "text/html; charset=utf-8", extra: list[tuple[str, str]] | None = None) -> None:
    headers = [("Content-Type", ctype), ("Content-Length", str(len(payload))), *(extra or [])]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http,
                                    warc_headers_dict={"WARC-Date": WARC_DATE})
    writer.write_record(rec)


def _request(writer: WARCWriter, uri: str) -> None:
    http = StatusAndHeaders("GET /ekonomi/menkeu-bertemu-gubernur-bi HTTP/1.1",
                            [("Host", "beritakota.example"), ("User-Agent", "warta-test")],
                            is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", http_headers=http))


def build_warc(records: list[tuple], *, gzip_records: bool = True) -> bytes:
    """A WARC file from ``(kind, uri, payload, kwargs)`` tuples; kind is request or response."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "warta-test"}))
    for kind, uri, payload, kwargs in records:
        if kind == "request":
            _request(writer, uri)
        else:
            _response(writer, uri, payload, **kwargs)
    return buf.getvalue()


MIXED = [
    ("request", URI, b"", {}),
    ("response", URI, ARTICLE.encode("utf-8"), {}),
    ("response", "https://beritakota.example/img/logo.png", PNG, {"ctype": "image/png"}),
    ("response", "https://beritakota.example/hilang", _page("Halaman Tidak Ditemukan", [
        "Maaf, halaman yang Anda cari tidak ditemukan di server kami. Silakan kembali ke beranda."]).encode(),
     {"status": "404 Not Found"}),
]


def _read(data: bytes, options: ReadOptions = OPTS) -> list:
    return list(read_warc(io.BufferedReader(io.BytesIO(data)), origin="crawl.warc.gz", options=options))


@pytest.mark.parametrize("gzip_records", [True, False])
def test_only_the_html_200_response_is_read(gzip_records):
    [art] = _read(build_warc(MIXED, gzip_records=gzip_records))
    assert isinstance(art, Article)
    assert art.title == "Menkeu dan Gubernur BI Bahas Stabilitas Rupiah"
    assert art.text.startswith(art.title)
    assert "stabilitas nilai tukar rupiah" in art.text
    assert "Beranda" not in art.text
    assert art.url == URI
    assert art.reader == "warc"
    assert art.origin == f"crawl.warc.gz:record 3 {URI}"


def test_crawl_date_is_not_the_publication_date():
    [art] = _read(build_warc(MIXED))
    assert art.published != date(2026, 11, 24)
    assert art.published_raw is None


def test_page_date_and_url_date_are_used():
    dated = _page("Menkeu dan Gubernur BI Bahas Stabilitas Rupiah", ["Isi berita yang cukup panjang untuk dibaca."],
                  head='<meta property="article:published_time" content="2026-11-21T08:00:00+07:00">')
    url_dated = SECOND
    [a, b] = _read(build_warc([
        ("response", URI, dated.encode(), {}),
        ("response", "https://beritakota.example/2026/11/23/rs-baru", url_dated.encode(), {}),
    ]))
    assert a.published == date(2026, 11, 21)
    assert b.published == date(2026, 11, 23)


def test_bad_record_is_reported_and_the_rest_read():
    items = _read(build_warc([
        ("response", "https://beritakota.example/indeks", NAV_ONLY.encode(), {}),
        ("response", URI, ARTICLE.encode(), {}),
    ]))
    assert [type(i).__name__ for i in items] == ["ReadError", "Article"]
    assert items[0].problem == "HTML page has no article body"
    assert items[0].where == "record 2 https://beritakota.example/indeks"


def test_oversize_record_is_skipped_and_others_read():
    big = _page("Laporan Panjang", ["Paragraf panjang tentang anggaran negara. " * 40] * 10).encode()
    small = SECOND.encode()
    limit = len(small) + 100
    assert len(big) > limit
    items = _read(build_warc([
        ("response", "https://beritakota.example/laporan", big, {}),
        ("response", URI, small, {}),
    ]), ReadOptions(max_bytes=limit, today=date(2026, 11, 25)))
    assert [type(i).__name__ for i in items] == ["ReadError", "Article"]
    assert "size limit" in items[0].problem
    assert items[0].where.endswith("https://beritakota.example/laporan")
    assert items[1].title == "Wali Kota Surabaya Resmikan Rumah Sakit Baru"


def test_gzip_content_encoding_and_legacy_charset():
    legacy = _page("Menlu Terima Dubes Prancis", [
        "JAKARTA - Menteri Luar Negeri menerima Duta Besar Prancis Fabien Pénone di Pejambon.",
        "“Kerja sama pertahanan terus berkembang,” kata sang duta besar usai pertemuan.",
    ]).replace("<meta charset='utf-8'>", "").encode("cp1252")
    [a, b] = _read(build_warc([
        ("response", URI, gzip.compress(ARTICLE.encode()), {"extra": [("Content-Encoding", "gzip")]}),
        ("response", "https://beritakota.example/dubes", legacy, {"ctype": "text/html; charset=ISO-8859-1"}),
    ]))
    assert "stabilitas nilai tukar rupiah" in a.text
    assert "Fabien Pénone" in b.text
    assert "“Kerja sama pertahanan terus berkembang,”" in b.text


def test_warc_without_html_is_an_error():
    data = build_warc([("request", URI, b"", {}),
                       ("response", "https://beritakota.example/logo.png", PNG, {"ctype": "image/png"})])
    with pytest.raises(ReadError, match="WARC file holds no HTML response records"):
        _read(data)


def test_not_a_warc_file():
    with pytest.raises(ReadError, match="not a WARC file"):
        _read(b"Menteri Keuangan bertemu Gubernur Bank Indonesia di Jakarta.\n")
    with pytest.raises(ReadError, match="not a WARC file"):
        _read(gzip.compress(b"<html><body>bukan arsip</body></html>"))


def test_empty_warc_file():
    with pytest.raises(ReadError, match="no records"):
        _read(b"")


def test_truncated_warc_keeps_what_was_read():
    data = build_warc([("response", URI, ARTICLE.encode(), {}), ("response", URI, SECOND.encode(), {})],
                      gzip_records=False)
    cut = data[: data.rfind(b"Wali Kota Surabaya") + 10]
    first, second = _read(cut)
    assert isinstance(first, Article)
    assert isinstance(second, ReadError)
    assert second.problem.startswith("record truncated: the file ends inside it; reading stopped, "
                                     "2 record(s) read before it (1 HTML page(s))")
    assert second.where == f"record 3 {URI}"


def _stub_html(monkeypatch):
    """HTML extraction replaced by a cheap stand-in: these tests are about the archive framing."""
    import warta.io.readers.warc as warc_module

    def fake(payload, *, where=None, **kw):
        return Article(text=payload.decode("utf-8", "replace")[:40], origin=f"crawl:{where}")

    monkeypatch.setattr(warc_module, "article_from_html", fake)


def _record_ends(data: bytes, *, gzipped: bool) -> list[int]:
    """Where each record of ``data`` ends (gzip member ends, or the blank lines after a record)."""
    if gzipped:
        ends, pos = [], 0
        while pos < len(data):
            d = zlib.decompressobj(wbits=31)
            d.decompress(data[pos:])
            pos = len(data) - len(d.unused_data)
            ends.append(pos)
        return ends
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.", i)]
    return [s for s in starts[1:]] + [len(data)]


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_cut_at_any_byte_loses_nothing_silently(monkeypatch, gzipped):
    """Cut anywhere, the archive gives every record complete before the cut, and an error naming
    the file and what was kept unless the cut falls where a record ends (a shorter valid file)."""
    _stub_html(monkeypatch)
    pages = [("response", f"{URI}/{i}", _page(f"Judul {i}", [f"Paragraf berita nomor {i}."]).encode(), {})
             for i in range(3)]
    data = build_warc(pages, gzip_records=gzipped)
    ends = _record_ends(data, gzipped=gzipped)
    assert len(ends) == 4  # warcinfo + 3 pages
    step = 1 if gzipped else 3  # every byte of the gzip; every third of the plain file (time)
    for cut in range(1, len(data), step):
        try:
            items = _read(data[:cut])
        except ReadError as exc:  # nothing readable at all: one file-level error
            assert cut < ends[1] and str(exc).startswith("crawl.warc.gz: "), (cut, exc)
            continue
        complete_pages = sum(1 for e in ends[1:] if e <= cut)
        # a cut inside the blank lines after a plain record still leaves the record whole
        if not gzipped:
            complete_pages = sum(1 for e in ends[1:] if e - 4 <= cut)
        arts = [i for i in items if isinstance(i, Article)]
        errors = [i for i in items if isinstance(i, ReadError)]
        # never fewer than the complete records; one more when only a gzip trailer is cut off
        assert len(arts) in (complete_pages, complete_pages + gzipped), (cut, items)
        assert all(a.text.startswith("<!DOCTYPE html>") for a in arts)
        at_boundary = any(e - (0 if gzipped else 4) <= cut <= e for e in ends)
        if at_boundary:
            assert not errors, (cut, errors)
        else:
            assert len(errors) == 1, (cut, items)
            assert errors[0].origin == "crawl.warc.gz"
            assert f"{len(arts) + 1} record(s) read before it ({len(arts)} HTML page(s))" in errors[0].problem, \
                (cut, errors[0])


def test_truncated_gzipped_warc_names_the_cut():
    data = build_warc([("response", URI, ARTICLE.encode(), {}), ("response", URI, SECOND.encode(), {})])
    first, second = _read(data[: len(data) - 30])
    assert isinstance(first, Article)
    assert isinstance(second, ReadError)
    assert second.problem.startswith("truncated gzip: the file ends inside member 3")
    assert second.problem.endswith("reading stopped, 2 record(s) read before it (1 HTML page(s))")


def test_gzip_member_with_a_line_over_the_limit_is_refused_while_streaming():
    """A WARC header line of 8 MB without a newline (in 8 KB of gzip): refused after about the
    size limit is decompressed, with one short error; records before it are kept."""
    good = build_warc([("response", URI, ARTICLE.encode(), {})])
    bomb = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + b"A" * (8 << 20), 9)
    assert len(bomb) < 20_000
    items = _read(good + bomb, ReadOptions(max_bytes=100_000, today=date(2026, 11, 25)))
    assert isinstance(items[0], Article)
    [error] = items[1:]
    assert error.problem.startswith("a line longer than 97.7 KB without a newline in gzip member 3")
    assert "2 record(s) read before it" in error.problem
    assert len(str(error)) < 300


def test_gzip_member_expanding_past_its_cap_is_refused():
    from warta.io.readers.warc import MEMBER_FACTOR

    limit = 10_000
    payload = b"\n" * (MEMBER_FACTOR * limit * 2)  # short lines, one huge record
    data = build_warc([("response", URI, ARTICLE.encode(), {}),
                       ("response", "https://x.example/blob", payload, {"ctype": "application/octet-stream"})])
    items = _read(data, ReadOptions(max_bytes=limit, today=date(2026, 11, 25)))
    [art, error] = items
    assert isinstance(art, Article) and isinstance(error, ReadError)
    assert error.problem.startswith("gzip member 3 expands to more than 625.0 KB")
    assert error.problem.endswith("2 record(s) read before it (1 HTML page(s))")


def test_warc_with_a_plain_header_line_over_the_limit():
    data = build_warc([("response", URI, ARTICLE.encode(), {})], gzip_records=False)
    data += b"WARC/1.0\r\nWARC-Type: response\r\nX: " + b"B" * 400_000
    items = _read(data, ReadOptions(max_bytes=100_000, today=date(2026, 11, 25)))
    assert isinstance(items[0], Article)
    assert items[-1].problem.startswith("a line longer than 97.7 KB without a newline")


def test_gzip_of_text_is_not_read_as_warc(tmp_path: Path):
    (tmp_path / "berita.jsonl.gz").write_bytes(gzip.compress(
        b'{"title": "Satu", "text": "Isi satu."}\n{"title": "Dua", "text": "Isi dua."}\n'))
    (tmp_path / "catatan.gz").write_bytes(gzip.compress(b"Judul Catatan\n\nIsi catatan."))
    (tmp_path / "arsip.gz").write_bytes(build_warc([("response", URI, ARTICLE.encode(), {})]))
    items = list(iter_articles([str(tmp_path / n) for n in ("berita.jsonl.gz", "catatan.gz", "arsip.gz")],
                               options=OPTS))
    assert [(type(i).__name__, i.reader) for i in items] == [("Article", "jsonl"), ("Article", "jsonl"),
                                                             ("Article", "text"), ("Article", "warc")]
    assert [i.title for i in items][:3] == ["Satu", "Dua", "Judul Catatan"]


def test_gzip_bomb_without_newline_is_refused_with_one_short_line(tmp_path: Path):
    """A gzip that expands to 24 MB without a newline, whatever its name: a short error naming the
    file and the limit, after reading about the limit, never the whole stream."""
    import time

    for name in ("bomba.gz", "bomba.jsonl.gz", "bomba.txt.gz", "bomba.warc.gz"):
        path = tmp_path / name
        with gzip.open(path, "wb", compresslevel=1) as fh:
            if name.endswith(".warc.gz"):
                fh.write(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ")
            chunk = b"A" * (1 << 20)
            for _ in range(24):
                fh.write(chunk)
        started = time.perf_counter()
        items = list(iter_articles([str(path)], options=ReadOptions(max_bytes=1 << 20, today=date(2026, 11, 25))))
        elapsed = time.perf_counter() - started
        [error] = items
        assert isinstance(error, ReadError)
        assert str(error).startswith(str(path)), error
        assert "1.0 MB" in str(error) and "--max-bytes" in str(error), error
        assert len(str(error)) < 300 + len(str(path))
        assert elapsed < 2, (name, elapsed)


def test_dispatcher_routes_warc_extensions(tmp_path: Path):
    (tmp_path / "crawl.warc.gz").write_bytes(build_warc(MIXED))
    (tmp_path / "crawl2.warc").write_bytes(build_warc(MIXED, gzip_records=False))
    (tmp_path / "gambar.warc.gz").write_bytes(build_warc([("response", "https://x.example/a.png", PNG,
                                                            {"ctype": "image/png"})]))
    items = list(iter_articles([str(tmp_path)], options=OPTS))
    arts = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert sorted(Path(a.origin.split(":record")[0]).name for a in arts) == ["crawl.warc.gz", "crawl2.warc"]
    assert all(a.reader == "warc" for a in arts)
    assert [e.problem for e in errors] == ["WARC file holds no HTML response records"]


def test_dispatcher_reads_a_warc_from_stdin():
    stdin = io.BufferedReader(io.BytesIO(build_warc(MIXED)))
    [art] = list(iter_articles(["-"], options=OPTS, stdin=stdin))
    assert art.origin == f"-:record 3 {URI}"
