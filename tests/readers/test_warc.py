"""The WARC reader: which records are read, per-record failures, limits and non-WARC input."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.model import Article
from warta.readers import iter_articles
from warta.readers.base import ReadError, ReadOptions
from warta.readers.warc import read_warc

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
    assert second.problem == "record truncated: the file ends inside it"
    assert second.where == f"record 3 {URI}"


def test_truncated_gzipped_warc():
    data = build_warc([("response", URI, ARTICLE.encode(), {}), ("response", URI, SECOND.encode(), {})])
    for cut in (len(data) - 30, len(data) - 300):
        first, second = _read(data[:cut])
        assert isinstance(first, Article)
        assert isinstance(second, ReadError)
        assert second.problem == "record truncated: the file ends inside it"
    items = _read(data[: len(data) // 2])
    assert items and all(isinstance(i, Article | ReadError) for i in items)


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
