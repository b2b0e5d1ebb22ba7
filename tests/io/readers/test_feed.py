"""The feed reader: RSS 2.0 and Atom entries, HTML bodies, dates and failures."""

from __future__ import annotations

import io
from datetime import date

import pytest

from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
from warta.io.readers.feed import html_to_text, read_feed
from warta.model import Article

OPTS = ReadOptions(today=date(2026, 11, 25))

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Warta Kepulauan - Nasional</title>
<link>https://wartakepulauan.example/</link>
<description>Berita nasional terkini</description>
<item>
  <title>DPR dan Pemerintah Sepakati RUU Perampasan Aset</title>
  <link>https://wartakepulauan.example/nasional/ruu-perampasan-aset</link>
  <guid isPermaLink="false">wk-88121</guid>
  <pubDate>Thu, 19 Nov 2026 01:30:00 +0700</pubDate>
  <description>Ringkasan singkat tentang RUU.</description>
  <content:encoded><![CDATA[<p>JAKARTA - Komisi III DPR dan pemerintah menyepakati rancangan
  undang-undang perampasan aset untuk dibawa ke rapat paripurna.</p>
  <p>Menteri Hukum mengatakan aturan ini <strong>penting</strong> bagi pemberantasan korupsi.</p>
  <script>alert("iklan")</script>]]></content:encoded>
</item>
<item>
  <title>Gubernur Papua Tengah Temui Kapolri</title>
  <link>https://wartakepulauan.example/daerah/gubernur-temui-kapolri</link>
  <pubDate>Tue, 24 Nov 2026 14:00:00 +0700</pubDate>
  <description>&lt;p&gt;Gubernur Papua Tengah bertemu Kapolri di Mabes Polri untuk membahas
  keamanan di Kabupaten Intan Jaya.&lt;/p&gt;</description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Suara Timur</title>
  <id>urn:uuid:6f1c1c5e-0000-4000-8000-000000000001</id>
  <updated>2026-11-22T08:00:00+09:00</updated>
  <entry>
    <title>Menteri Kelautan Kunjungi Nelayan di Ambon</title>
    <link href="https://suaratimur.example/2026/11/22/menteri-kunjungi-nelayan"/>
    <id>tag:suaratimur.example,2026:berita-501</id>
    <updated>2026-11-22T07:45:00+09:00</updated>
    <content type="html">&lt;p&gt;AMBON - Menteri Kelautan dan Perikanan mengunjungi nelayan
      di Teluk Ambon.&lt;/p&gt;&lt;p&gt;Ia menjanjikan bantuan kapal baru.&lt;/p&gt;</content>
  </entry>
</feed>
"""

EMPTY_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Kosong</title><link>https://kosong.example/</link></channel></rss>
"""


def _read(data: str | bytes, options: ReadOptions = OPTS) -> list:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(read_feed(io.BytesIO(raw), origin="feed.xml", options=options))


def test_rss_items_become_articles():
    first, second = _read(RSS)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "DPR dan Pemerintah Sepakati RUU Perampasan Aset"
    assert first.text.startswith(first.title + "\n\n")
    assert first.url == "https://wartakepulauan.example/nasional/ruu-perampasan-aset"
    assert first.id == "wk-88121"
    assert first.source_name == "Warta Kepulauan - Nasional"
    assert first.reader == "feed"
    assert first.origin == "feed.xml:entry 0"
    assert second.origin == "feed.xml:entry 1"


def test_rss_full_content_wins_over_description_and_is_plain_text():
    first, _ = _read(RSS)
    body = first.text.split("\n\n", 1)[1]
    assert "Ringkasan singkat" not in body
    assert "<" not in body and "alert" not in body
    lines = body.splitlines()
    assert lines[0].startswith("JAKARTA - Komisi III DPR")
    assert "rancangan undang-undang perampasan aset" in lines[0]
    assert lines[1] == "Menteri Hukum mengatakan aturan ini penting bagi pemberantasan korupsi."


def test_rss_description_only_item():
    _, second = _read(RSS)
    assert second.text == ("Gubernur Papua Tengah Temui Kapolri\n\nGubernur Papua Tengah bertemu Kapolri di "
                           "Mabes Polri untuk membahas keamanan di Kabupaten Intan Jaya.")
    assert second.id == second.url  # no guid: the link is the id


def test_rss_dates_keep_the_publishers_day():
    first, second = _read(RSS)
    # 01:30 in Jakarta is still the 18th in UTC; the local day counts
    assert first.published == date(2026, 11, 19)
    assert first.published_from == "metadata"
    assert first.published_raw == "Thu, 19 Nov 2026 01:30:00 +0700"
    assert second.published == date(2026, 11, 24)


def test_atom_entry():
    [art] = _read(ATOM)
    assert art.title == "Menteri Kelautan Kunjungi Nelayan di Ambon"
    assert art.url == "https://suaratimur.example/2026/11/22/menteri-kunjungi-nelayan"
    assert art.id == "tag:suaratimur.example,2026:berita-501"
    assert art.source_name == "Suara Timur"
    assert art.published == date(2026, 11, 22)
    assert art.text.endswith("di Teluk Ambon.\nIa menjanjikan bantuan kapal baru.")


def test_entry_without_title_or_text_is_reported_and_others_read():
    rss = RSS.replace("<item>", "<item><title></title></item><item>", 1)
    items = _read(rss)
    assert [type(i).__name__ for i in items] == ["ReadError", "Article", "Article"]
    assert items[0].where == "entry 0"
    assert "neither title nor text" in items[0].problem


def test_entry_with_only_a_title():
    rss = EMPTY_RSS.replace("</channel>", "<item><title>Berita Singkat: Banjir di Medan</title></item></channel>")
    [art] = _read(rss)
    assert art.text == "Berita Singkat: Banjir di Medan"


def test_feed_without_entries_is_an_error():
    with pytest.raises(ReadError, match="feed has no entries"):
        _read(EMPTY_RSS)


def test_garbage_is_an_error():
    with pytest.raises(ReadError, match="not a readable feed") as info:
        _read("<<<>>> ini bukan XML &&&")
    assert "\n" not in str(info.value)


def test_empty_input_is_an_error():
    with pytest.raises(ReadError, match="empty"):
        _read(b"  \n")


def test_oversize_feed_is_an_error():
    with pytest.raises(ReadError, match="size limit"):
        _read(RSS, ReadOptions(max_bytes=100, today=date(2026, 11, 25)))


def test_html_to_text():
    assert html_to_text("<p>Satu <b>dua</b></p><p>tiga</p>") == "Satu dua\ntiga"
    assert html_to_text("baris&nbsp;satu<br>baris dua") == "baris satu\nbaris dua"
    assert html_to_text("  teks   biasa  ") == "teks biasa"
    assert html_to_text("<ul><li>a</li><li>b</li></ul><style>p{}</style>") == "a\nb"


def test_dispatcher_routes_feed_extensions(tmp_path):
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "timur.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "kabar.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "kosong.xml").write_text(EMPTY_RSS, encoding="utf-8")
    items = list(iter_articles([str(tmp_path)], options=OPTS))
    arts = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(arts) == 5
    assert all(a.reader == "feed" for a in arts)
    assert [e.problem for e in errors] == ["feed has no entries"]
