from datetime import date

import pytest

from warta.io.dates import PartialDate, date_from_url, infer_published, parse_published, resolve_day_month

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Selasa, 19/06/2012 19:55 WIB", PartialDate(2012, 6, 19)),
    ("14/11/2023, 12:37 WIB", PartialDate(2023, 11, 14)),
    ("2018-04", PartialDate(2018, 4)),
    ("Kamis, 14 Maret 2019 13:58", PartialDate(2019, 3, 14)),
    ("2019-03-14T13:58:00+07:00", PartialDate(2019, 3, 14)),
    ("Wed, 03 Sep 2025 10:00:00 +0700", PartialDate(2025, 9, 3)),
    ("3 Sep 2025", PartialDate(2025, 9, 3)),
    ("Sabtu (21/10/2023)", PartialDate(2023, 10, 21)),
    ("Juni 2024", PartialDate(2024, 6)),
    ("Kamis (13/10)", PartialDate(2022, 10, 13)),
    ("Senin (32/13)", None),
    ("31/02/2023", None),
    ("kemarin sore", None),
    ("", None),
])
def test_parse_published(raw, expected):
    assert parse_published(raw, today=TODAY) == expected


def test_weekday_without_year_is_latest_matching_year_not_after_today():
    # 24 September fell on a Tuesday in 2024 and in 2019; the most recent is chosen
    assert resolve_day_month(24, 9, weekday=1, today=TODAY) == date(2024, 9, 24)
    assert resolve_day_month(24, 9, weekday=1, today=date(2024, 9, 23)) == date(2019, 9, 24)
    assert resolve_day_month(29, 2, weekday=None, today=TODAY) == date(2024, 2, 29)


def test_url_dates():
    assert date_from_url("https://x.id/read/2023/10/21/123/judul") == date(2023, 10, 21)
    assert date_from_url("https://x.id/berita/20231021-judul") == date(2023, 10, 21)
    assert date_from_url("https://x.id/2023/13/45/x") is None
    assert date_from_url(None) is None


@pytest.mark.parametrize(("text", "url", "raw", "expected", "origin"), [
    ("Judul\n\nDiterbitkan pada 3 Sep 2025\nIsi.", None, None, date(2025, 9, 3), "line"),
    ("Judul\n\nIsi.", "https://a.id/2023/10/21/x", None, date(2023, 10, 21), "url"),
    ("Judul\n\nJakarta (ANTARA) - Polisi berjaga, Sabtu (21/10/2023).", None, None, date(2023, 10, 21), "dateline"),
    ("Judul\n\nKYIV (BP) – Ledakan terjadi pada Kamis (13/10) pagi.", None, None, date(2022, 10, 13), "dateline"),
    ("Judul\n\n" + "Isi pertama yang panjang. " * 20 + "\nKeterangan diterima Rabu 6 Juni 2018. Voting 9 Juni nanti.",
     None, None, date(2018, 6, 6), "body"),
    ("Judul\n\nDitetapkan pada tanggal 20 Maret 2024 dan 1 Januari 2020.", None, None, date(2024, 3, 20), "body"),
    ("Judul\n\nPada 6 Juni 2018 mereka bertemu.", None, "2018-06", date(2018, 6, 6), "body"),
    ("Judul\n\nPada 6 Juni 2018 mereka bertemu.", None, "2019-04", None, None),
    ("Judul\n\nTanpa tanggal.", None, "tidak jelas", None, None),
])
def test_infer_published(text, url, raw, expected, origin):
    assert infer_published(raw=raw, url=url, text=text, today=TODAY) == (expected, origin)


def test_future_dates_in_body_are_not_publication_dates():
    text = "Judul\n\nPemungutan suara pada 9 Juni 2030 mendatang."
    assert infer_published(raw=None, url=None, text=text, today=TODAY) == (None, None)


@pytest.mark.parametrize(("raw", "expected"), [
    # a clock time with a foreign offset is moved to Indonesian time (WIB) before the day is taken
    ("2025-09-21T20:30:00Z", PartialDate(2025, 9, 22)),
    ("2025-09-21T20:30:00+00:00", PartialDate(2025, 9, 22)),
    ("Sun, 21 Sep 2025 20:30:00 GMT", PartialDate(2025, 9, 22)),
    ("Sun, 21 Sep 2025 20:30:00 +0000", PartialDate(2025, 9, 22)),
    ("2025-09-21 16:59:00 UTC", PartialDate(2025, 9, 21)),
    ("2025-09-22T01:00:00-05:00", PartialDate(2025, 9, 22)),
    ("2025-12-31T18:00:00Z", PartialDate(2026, 1, 1)),
    # Indonesian offsets and zone names keep their own day
    ("2025-09-21T23:30:00+07:00", PartialDate(2025, 9, 21)),
    ("2025-09-21T23:30:00+09:00", PartialDate(2025, 9, 21)),
    ("Minggu, 21 Sep 2025 23:30 WIB", PartialDate(2025, 9, 21)),
    ("21/09/2025 23:30 WITA", PartialDate(2025, 9, 21)),
    ("21 Sep 2025 23:30 GMT+7", PartialDate(2025, 9, 21)),
    # no offset: the day as written
    ("2025-09-21T20:30:00", PartialDate(2025, 9, 21)),
])
def test_published_times_are_read_in_indonesian_time(raw, expected):
    assert parse_published(raw, today=TODAY) == expected
