"""The HTML reader: trafilatura extraction, metadata, encodings and failures."""

from __future__ import annotations

import io
from datetime import date

import pytest

from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
from warta.io.readers.html import article_from_html, decode_html, read_html
from warta.model import Article

OPTS = ReadOptions(today=date(2026, 11, 25))

TITLE = "Menlu RI dan Menlu Malaysia Bahas Perbatasan Laut"
URL = "https://kabarnusantara.example/internasional/menlu-bahas-perbatasan"

PAGE = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{TITLE} - Kabar Nusantara</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:url" content="{URL}">
<meta property="og:site_name" content="Kabar Nusantara">
<meta property="article:published_time" content="2026-11-20T09:15:00+07:00">
</head>
<body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>
<article>
<h1>{TITLE}</h1>
<p>JAKARTA, Kabar Nusantara - Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri
Malaysia di Gedung Pancasila, Jakarta, pada Kamis pagi untuk membahas penyelesaian batas laut di
Selat Malaka dan Laut Sulawesi.</p>
<p>Dalam pertemuan yang berlangsung selama dua jam itu, kedua menteri sepakat mempercepat
perundingan teknis yang sudah berjalan lebih dari satu dekade. Tim teknis kedua negara dijadwalkan
bertemu kembali di Kuala Lumpur pada bulan depan.</p>
<p>"Kami ingin perbatasan yang jelas agar nelayan kedua negara dapat bekerja dengan tenang," kata
Menteri Luar Negeri Indonesia kepada wartawan seusai pertemuan.</p>
<p>Selain soal perbatasan, kedua menteri juga membicarakan perlindungan pekerja migran Indonesia
di Malaysia serta kerja sama penanganan kabut asap lintas batas.</p>
</article>
<footer><p>&copy; 2026 Kabar Nusantara. Hak cipta dilindungi.</p>
<a href="/tentang">Tentang Kami</a> | <a href="/kontak">Kontak</a> | <a href="/pedoman">Pedoman Media Siber</a></footer>
</body>
</html>
"""

NAV_ONLY = """<!DOCTYPE html>
<html><head><title>Beranda - Kabar Nusantara</title></head>
<body><header><nav><ul><li><a href="/politik">Politik</a></li><li><a href="/ekonomi">Ekonomi</a></li>
<li><a href="/olahraga">Olahraga</a></li></ul></nav></header>
<div class="menu"><a href="/indeks">Indeks Berita</a> <a href="/terpopuler">Terpopuler</a></div>
<footer><a href="/tentang">Tentang Kami</a></footer></body></html>
"""

# a Dili story with a name in Latin-1 and curly quotes that exist only in windows-1252
LEGACY_BODY = (
    "<p>DILI, Kabar Nusantara - Presiden Timor Leste José Ramos-Horta menerima kunjungan Menteri "
    "Koordinator Bidang Politik dan Keamanan Indonesia di Istana Kepresidenan, Rabu siang.</p>"
    "<p>“Hubungan kedua negara sangat baik,” ujar Ramos-Horta setelah pertemuan tertutup yang "
    "membahas keamanan perbatasan darat di Atambua dan perdagangan lintas batas.</p>"
    "<p>Kedua pihak juga sepakat membuka pos lintas batas baru di Motaain pada tahun depan.</p>"
)


def _legacy_page(charset_meta: str) -> bytes:
    html = (f"<!DOCTYPE html><html><head>{charset_meta}<title>Ramos-Horta Terima Menko Polhukam</title>"
            f"</head><body><article><h1>Ramos-Horta Terima Menko Polhukam</h1>{LEGACY_BODY}</article>"
            "</body></html>")
    return html.encode("cp1252")


def _read(data: bytes, options: ReadOptions = OPTS) -> list:
    return list(read_html(io.BytesIO(data), origin="page.html", options=options))


def test_article_page_fields():
    [art] = _read(PAGE.encode("utf-8"))
    assert isinstance(art, Article)
    assert art.title == TITLE
    assert art.text.startswith(TITLE)
    assert "perlindungan pekerja migran" in art.text
    assert "Kuala Lumpur" in art.text
    assert art.url == URL
    assert art.published == date(2026, 11, 20)
    assert art.published_from == "metadata"
    assert art.published_raw == "2026-11-20"
    assert art.source_name == "Kabar Nusantara"
    assert art.reader == "html"
    assert art.origin == "page.html"


def test_boilerplate_is_left_out():
    [art] = _read(PAGE.encode("utf-8"))
    for junk in ("Beranda", "Olahraga", "Hak cipta", "Tentang Kami", "Pedoman Media Siber"):
        assert junk not in art.text


def test_paragraphs_are_separate_lines():
    [art] = _read(PAGE.encode("utf-8"))
    lines = [line for line in art.text.splitlines() if line.strip()]
    assert lines[0] == TITLE
    assert any(line.startswith("Selain soal perbatasan") for line in lines)


def test_page_without_body_is_an_error():
    with pytest.raises(ReadError, match="HTML page has no article body"):
        _read(NAV_ONLY.encode("utf-8"))


def test_empty_page_is_an_error():
    with pytest.raises(ReadError):
        _read(b"   \n")


def test_binary_data_is_an_error():
    with pytest.raises(ReadError, match="binary"):
        _read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))


def test_oversize_page_is_an_error():
    with pytest.raises(ReadError, match="size limit"):
        _read(PAGE.encode("utf-8"), ReadOptions(max_bytes=200, today=date(2026, 11, 25)))


def test_cp1252_page_with_latin1_declaration():
    [art] = _read(_legacy_page('<meta charset="iso-8859-1">'))
    assert "José Ramos-Horta" in art.text
    assert "“Hubungan kedua negara sangat baik,”" in art.text
    assert art.title == "Ramos-Horta Terima Menko Polhukam"


def test_cp1252_page_with_http_equiv_declaration():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    [art] = _read(_legacy_page(meta))
    assert "José Ramos-Horta" in art.text


def test_undeclared_legacy_page_is_still_read():
    [art] = _read(_legacy_page(""))
    assert "Ramos-Horta" in art.text
    assert "Motaain" in art.text


def test_decode_html_prefers_utf8():
    assert decode_html("Jos\u00e9".encode(), origin="x") == "José"
    assert decode_html(b"<meta charset='latin-1'>Jos\xe9", origin="x").endswith("José")
    assert decode_html(b"Jos\xe9 \x93ok\x94", origin="x", charset="iso-8859-1") == "José “ok”"


def test_article_from_html_uses_given_url_and_where():
    page = PAGE.replace(f'<meta property="og:url" content="{URL}">', "")
    art = article_from_html(page, origin="crawl.warc", options=OPTS, url="https://contoh.example/berita/1",
                            where="record 2", reader="warc")
    assert art.url == "https://contoh.example/berita/1"
    assert art.origin == "crawl.warc:record 2"
    assert art.reader == "warc"


def test_article_from_html_page_date_wins_over_given_one():
    art = article_from_html(PAGE, origin="x", options=OPTS, published_raw="2026-11-01")
    assert art.published == date(2026, 11, 20)


def test_article_from_html_given_date_used_when_page_has_none():
    page = PAGE.replace('<meta property="article:published_time" content="2026-11-20T09:15:00+07:00">', "")
    art = article_from_html(page, origin="x", options=OPTS, published_raw="2026-11-18")
    assert art.published == date(2026, 11, 18)


def test_dispatcher_routes_html_extensions(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "lama.htm").write_bytes(_legacy_page('<meta charset="windows-1252">'))
    (tmp_path / "halaman.xml").write_text(PAGE, encoding="utf-8")  # an .xml file that is a page
    (tmp_path / "kosong.html").write_text(NAV_ONLY, encoding="utf-8")
    items = list(iter_articles([str(tmp_path)], options=OPTS))
    arts = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert sorted(a.origin.rsplit("/", 1)[-1] for a in arts) == ["halaman.xml", "lama.htm", "page.html"]
    assert all(a.reader == "html" for a in arts)
    assert len(errors) == 1
    assert errors[0].origin.endswith("kosong.html")
    assert errors[0].problem == "HTML page has no article body"
