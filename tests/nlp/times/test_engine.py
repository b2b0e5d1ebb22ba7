"""Time expressions: finding and resolving them (our own short sentences, never shared texts)."""

from __future__ import annotations

import time
from datetime import date
from itertools import pairwise

import pytest

from warta.nlp.times.engine import TimeMatch, find_times, scan_times


def found(text: str, anchor: date | None) -> dict[str, tuple[str | None, str | None]]:
    """Matched text → (value, precision)."""
    return {m.text: (m.value, m.precision) for m in find_times(text, anchor=anchor)}


def texts(text: str, anchor: date | None = date(2025, 9, 3)) -> list[str]:
    return [m.text for m in find_times(text, anchor=anchor)]


# -- the gold conventions ------------------------------------------------------------------
GOLD = [
    # anchor 2025-09-03, a Wednesday
    (date(2025, 9, 3), "Laporan itu terbit 3 Sep 2025 di Bandung.", "3 Sep 2025", "2025-09-03", "day"),
    (date(2025, 9, 3), "Rapat kabinet berlangsung pada hari Rabu di istana.", "pada hari Rabu", "2025-09-03", "day"),
    (date(2025, 9, 3), "Harga cabai melonjak dari Juni 2024 hingga kini.", "Juni 2024", "2024-06", "month"),
    (date(2025, 9, 3), "Produksi padi turun sejak tahun lalu.", "sejak tahun lalu", "2024", "year"),
    (date(2025, 9, 3), "Kebijakan baru itu berlaku Juli 2024 untuk semua sekolah.", "Juli 2024", "2024-07", "month"),
    (date(2025, 9, 3), "Jembatan itu mulai dibangun pada bulan April.", "pada bulan April", "2025-04", "month"),
    (date(2025, 9, 3), "Pekan lalu, warga menggelar doa bersama.", "Pekan lalu", "2025-W35", "week"),
    (date(2025, 9, 3), "Pasar itu terbakar pada hari Sabtu dini hari.", "pada hari Sabtu dini hari", "2025-08-30",
     "day"),
    # anchor 2025-10-05, a Sunday
    (date(2025, 10, 5), "Polisi menahan dua pemuda, Sabtu (4/10).", "Sabtu (4/10)", "2025-10-04", "day"),
    (date(2025, 10, 5), "Mereka dibebaskan Minggu (5/10) siang.", "Minggu (5/10) siang", "2025-10-05", "day"),
    # anchor 2024-03-20
    (date(2024, 3, 20), "Gubernur meresmikan pasar itu di Medan (20/3).", "(20/3)", "2024-03-20", "day"),
    (date(2024, 3, 20), "Surat itu bertanggal 20 Maret 2024.", "20 Maret 2024", "2024-03-20", "day"),
    # anchor 2012-06-19
    (date(2012, 6, 19), "Semarang, Selasa (19/6/2012). Warga antre bensin.", "Selasa (19/6/2012)", "2012-06-19",
     "day"),
    (date(2012, 6, 19), "Saat ini stok beras masih aman.", "Saat ini", "2012-06-19", "day"),
    (date(2012, 6, 19), "Hujan deras mengguyur kota sore tadi.", "sore tadi", "2012-06-19", "day"),
    # anchor 2019-09-24
    (date(2019, 9, 24), "Ribuan buruh berdemo di Surabaya, Selasa (24/9).", "Selasa (24/9)", "2019-09-24", "day"),
    (date(2019, 9, 24), '"Kami tidak akan mundur," ucap orator di atas mobil komando, Selasa.', "Selasa",
     "2019-09-24", "day"),
    # anchor 2018-06-06
    (date(2018, 6, 6), "Makassar, Rabu 6 Juni 2018. Harga gula stabil.", "Rabu 6 Juni 2018", "2018-06-06", "day"),
    (date(2018, 6, 6), "Pada 9 Juni nanti festival itu dibuka.", "Pada 9 Juni nanti", "2018-06-09", "day"),
    (date(2018, 6, 6), "Target musim 2019-2020 belum tercapai.", "2019-2020", "2019", "year"),
    (date(2018, 6, 6), "Krisis minyak 1973-1974 mengguncang dunia.", "1973-1974", "1973", "year"),
    # anchor 2022-10-13, a Thursday
    (date(2022, 10, 13), "Tim SAR tiba pada Kamis (13/10) pagi.", "pada Kamis (13/10) pagi", "2022-10-13", "day"),
    (date(2022, 10, 13), "Longsor terjadi pada Sabtu lalu.", "pada Sabtu lalu", "2022-10-08", "day"),
    (date(2022, 10, 13), "Korban ditemukan pada Minggu oleh warga.", "pada Minggu", "2022-10-09", "day"),
    (date(2022, 10, 13), "Jalan itu dibuka pada Selasa.", "pada Selasa", "2022-10-11", "day"),
    # anchor 2022-03-31
    (date(2022, 3, 31), "Sidang digelar pada hari Kamis, 31 Maret 2022 di Jakarta.", "pada hari Kamis, 31 Maret 2022",
     "2022-03-31", "day"),
    (date(2022, 3, 31), "Pada 24 Maret 2022 gugatan itu didaftarkan.", "Pada 24 Maret 2022", "2022-03-24", "day"),
]


@pytest.mark.parametrize(("anchor", "sentence", "expr", "value", "precision"), GOLD)
def test_gold_conventions(anchor: date, sentence: str, expr: str, value: str, precision: str) -> None:
    got = found(sentence, anchor)
    assert expr in got, got
    assert got[expr] == (value, precision)


def test_sehari_kemudian_counts_from_the_previous_day() -> None:
    text = "Banjir datang pada Minggu. Sehari kemudian air surut. Keesokan harinya warga pulang."
    got = found(text, date(2022, 10, 13))
    assert got["pada Minggu"] == ("2022-10-09", "day")
    assert got["Sehari kemudian"] == ("2022-10-10", "day")
    assert got["Keesokan harinya"] == ("2022-10-11", "day")


# -- more forms ----------------------------------------------------------------------------
MORE = [
    ("Ia tiba kemarin.", "kemarin", "2025-09-02", "day"),
    ("Ia tiba kemarin lusa.", "kemarin lusa", "2025-09-01", "day"),
    ("Ia tiba kemarin sore.", "kemarin sore", "2025-09-02", "day"),
    ("Ia berangkat besok pagi.", "besok pagi", "2025-09-04", "day"),
    ("Ia berangkat lusa.", "lusa", "2025-09-05", "day"),
    ("Hasilnya diumumkan hari ini.", "hari ini", "2025-09-03", "day"),
    ("Gempa terasa tadi malam.", "tadi malam", "2025-09-03", "day"),
    ("Gempa terasa semalam.", "semalam", "2025-09-03", "day"),
    ("Hujan turun dini hari tadi.", "dini hari tadi", "2025-09-03", "day"),
    ("Rapat pekan ini ditunda.", "pekan ini", "2025-W36", "week"),
    ("Rapat minggu lalu ditunda.", "minggu lalu", "2025-W35", "week"),
    ("Rapat digelar pekan depan.", "pekan depan", "2025-W37", "week"),
    ("Rapat digelar pekan mendatang.", "pekan mendatang", "2025-W37", "week"),
    ("Inflasi bulan lalu rendah.", "bulan lalu", "2025-08", "month"),
    ("Inflasi bulan ini rendah.", "bulan ini", "2025-09", "month"),
    ("Gaji naik bulan depan.", "bulan depan", "2025-10", "month"),
    ("Panen tahun ini melimpah.", "tahun ini", "2025", "year"),
    ("Pemilu digelar tahun depan.", "tahun depan", "2026", "year"),
    ("Ia datang dua hari lalu.", "dua hari lalu", "2025-09-01", "day"),
    ("Ia datang tiga hari yang lalu.", "tiga hari yang lalu", "2025-08-31", "day"),
    ("Ia datang 2 hari lalu.", "2 hari lalu", "2025-09-01", "day"),
    ("Ia datang dua belas hari lalu.", "dua belas hari lalu", "2025-08-22", "day"),
    ("Ia pindah dua pekan lalu.", "dua pekan lalu", "2025-W34", "week"),
    ("Ia pindah tiga bulan lalu.", "tiga bulan lalu", "2025-06", "month"),
    ("Ia lulus sepuluh tahun silam.", "sepuluh tahun silam", "2015", "year"),
    ("Ia kembali tiga hari lagi.", "tiga hari lagi", "2025-09-06", "day"),
    ("Ia datang sehari sebelumnya.", "sehari sebelumnya", "2025-09-02", "day"),
    ("Rapat dibuka Rabu lalu.", "Rabu lalu", "2025-08-27", "day"),
    ("Rapat digelar Jumat depan.", "Jumat depan", "2025-09-05", "day"),
    ("Presiden akan bertemu mereka pada hari Jumat.", "pada hari Jumat", "2025-09-05", "day"),
    ("Presiden akan berkunjung pada hari Rabu.", "pada hari Rabu", "2025-09-10", "day"),
    ("Sidang ditunda hingga Senin pekan depan.", "Senin pekan depan", "2025-09-08", "day"),
    ("Warga berkumpul Kamis malam.", "Kamis malam", "2025-08-28", "day"),
    ("Ia lahir pada tahun 2019.", "pada tahun 2019", "2019", "year"),
    ("Proyek itu mangkrak sejak 2019.", "sejak 2019", "2019", "year"),
    ("Kontrak berlaku hingga 2027.", "2027", "2027", "year"),
    ("Proyek rampung akhir 2024.", "akhir 2024", "2024", "year"),
    ("Harga naik awal tahun ini.", "awal tahun ini", "2025", "year"),
    ("Data bulan Juni 2024 dirilis.", "bulan Juni 2024", "2024-06", "month"),
    ("Upacara digelar pada tanggal 17 Agustus.", "pada tanggal 17 Agustus", "2025-08-17", "day"),
    ("Putusan dibacakan 21/10/2023 di pengadilan.", "21/10/2023", "2023-10-21", "day"),
    ("Putusan dibacakan Sabtu (21/10/2023).", "Sabtu (21/10/2023)", "2023-10-21", "day"),
    ("Ia kembali Juni lalu.", "Juni lalu", "2025-06", "month"),
    ("Ia libur pada hari minggu.", "pada hari minggu", "2025-08-31", "day"),
    ("Sekolah libur Senin dan Selasa.", "Senin", "2025-09-01", "day"),
    ("Rapat digelar Kamis, 4 September.", "Kamis, 4 September", "2025-09-04", "day"),
    ("Ia lahir 17 Agustus 1945 di Blitar.", "17 Agustus 1945", "1945-08-17", "day"),
    ("Rabu (3/9/2025) malam hari, pukul 19.00 WIB.", "Rabu (3/9/2025) malam hari", "2025-09-03", "day"),
    ("Ia pensiun hampir dua tahun lalu.", "dua tahun lalu", "2023", "year"),
    ("Pameran dibuka Oktober mendatang.", "Oktober mendatang", "2025-10", "month"),
]


@pytest.mark.parametrize(("sentence", "expr", "value", "precision"), MORE)
def test_more_forms(sentence: str, expr: str, value: str, precision: str) -> None:
    got = found(sentence, date(2025, 9, 3))
    assert got.get(expr) == (value, precision), got


@pytest.mark.parametrize(("anchor", "expected"), [(date(2025, 9, 3), "2025-04"), (date(2025, 2, 10), "2024-04")])
def test_month_alone_is_the_latest_on_or_before_the_anchor(anchor: date, expected: str) -> None:
    assert found("Jembatan itu dibuka pada bulan April.", anchor)["pada bulan April"] == (expected, "month")


def test_capitalised_minggu_lalu_is_sunday_mid_sentence_and_week_at_sentence_start() -> None:
    assert found("Ia datang, Minggu lalu, ke kantor.", date(2025, 9, 3))["Minggu lalu"] == ("2025-08-31", "day")
    assert found("Minggu lalu, ia datang.", date(2025, 9, 3))["Minggu lalu"] == ("2025-W35", "week")
    assert found("Ia datang pada Minggu lalu.", date(2025, 9, 3))["pada Minggu lalu"] == ("2025-08-31", "day")


def test_forward_day_month_goes_ahead_and_weekday_picks_a_nearby_year() -> None:
    assert found("Rapat digelar Senin (6/10).", date(2025, 10, 5))["Senin (6/10)"] == ("2025-10-06", "day")
    assert found("Sidang akan digelar pada 9 Oktober.", date(2025, 10, 5))["pada 9 Oktober"] == ("2025-10-09", "day")
    # without a tense word a date a few days ahead is still this year's (it was "most recent" before)
    assert found("Sidang digelar pada 9 Oktober.", date(2025, 10, 5))["pada 9 Oktober"] == ("2025-10-09", "day")
    assert found("Sidang digelar pada 9 Oktober lalu.", date(2025, 10, 5))["pada 9 Oktober lalu"] == ("2024-10-09",
                                                                                                      "day")


# -- not time expressions ------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Harga naik Rp 1.000 per kilogram.",
    "Suaranya mencapai 58,83 persen.",
    "Surat nomor 218/PL.01 sudah terbit.",
    "Rapat dimulai pukul 13.00 WIB.",
    "Acara selesai 19.30 WIB.",
    "Rudal KN-23 diluncurkan dari pangkalan 02.",
    "Ia bersiap menghadapi Pilpres 2024 dan Pemilu 2024.",
    "Tim itu lolos ke Piala Dunia 2022.",
    "Pertemuan G20 membahas Perang Dunia II.",
    "Ia ditahan selama 12 jam.",
    "Ia dirawat selama dua hari.",
    "Izin terbit dalam 14 hari kerja.",
    "Pria berusia 24 tahun itu ditangkap.",
    "Pabrik itu beroperasi dalam 24 tahun.",
    "Berkas diproses paling lama 3 hari.",
    "Bantuan dikirim hingga 2000 orang.",
    "Bantuan untuk 1900-2000 orang.",
    "Panen raya jatuh pada minggu pertama.",
    "Ia membeli 2/3 lahan itu.",
    "Ia berdagang di Pasar Minggu.",
    "Ia mengajar setiap Senin di desa.",
    "April tersenyum kepada ibunya.",
    "Presiden Selasa mengatakan hal itu.",
])
def test_no_false_positives(sentence: str) -> None:
    assert texts(sentence) == []


def test_invalid_dates_are_skipped_with_a_reason() -> None:
    matches, skipped = scan_times("Surat bertanggal (31/2) dan laporan Senin (32/13) hilang.", anchor=date(2025, 9, 3))
    assert matches == []
    assert [(s.text, s.reason) for s in skipped] == [("(31/2)", "invalid date"), ("Senin (32/13)", "invalid date")]


# -- offsets, overlaps, anchors ------------------------------------------------------------
def test_offsets_index_the_text_and_matches_do_not_overlap() -> None:
    text = "Pada hari Kamis, 31 Maret 2022 pukul 10.00, ia datang. Kemarin ia pulang, pekan lalu sakit."
    ms = find_times(text, anchor=date(2022, 3, 31))
    assert [m.text for m in ms] == ["Pada hari Kamis, 31 Maret 2022", "Kemarin", "pekan lalu"]
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in pairwise(ms))
    assert [m.rule for m in ms] == ["date_dmy", "relative_day", "relative_unit"]


def test_without_an_anchor_relative_times_have_no_value() -> None:
    got = found("Pada 3 Sep 2025 ia datang, kemarin ia pergi, (20/3) pada hari Rabu, tahun 2019.", None)
    assert got["Pada 3 Sep 2025"] == ("2025-09-03", "day")
    assert got["kemarin"] == (None, None)
    assert got["(20/3)"] == (None, None)
    assert got["pada hari Rabu"] == (None, None)
    assert got["tahun 2019"] == ("2019", "year")


def test_matches_are_time_match_records() -> None:
    m = find_times("Ia datang kemarin.", anchor=date(2025, 9, 3))[0]
    assert m == TimeMatch(10, 17, "kemarin", "2025-09-02", "day", "relative_day")


def test_weeks_are_iso_weeks_across_a_year_end() -> None:
    assert found("Ia pulang pekan lalu.", date(2021, 1, 6))["pekan lalu"] == ("2020-W53", "week")


def test_a_large_text_completes() -> None:
    sentence = ("Polisi menangkap dua tersangka di Jakarta, Selasa (24/9). Harga naik Rp 1.000 atau 58,83 persen "
                "pekan lalu, kata Budi. Rapat pukul 13.00 WIB dihadiri 200 orang sejak 2019.\n")
    text = sentence * (1_000_000 // len(sentence) + 1)
    started = time.perf_counter()
    ms = find_times(text, anchor=date(2019, 9, 24))
    assert len(ms) == 3 * (1_000_000 // len(sentence) + 1)
    assert time.perf_counter() - started < 60  # a sanity bound, not a benchmark


def test_pathological_inputs_complete() -> None:
    anchor = date(2025, 9, 3)
    tail = " Gempa terjadi pada 3 September 2025."
    for junk in ("pada" + " " * 200_000 + "2019", "1/" * 100_000, "(" * 100_000 + "1/1"):
        assert find_times(junk, anchor=anchor) == []
        # the scanner neither gives up on what follows the junk nor loses its offsets
        (found,) = find_times(junk + tail, anchor=anchor)
        assert (found.value, found.start) == ("2025-09-03", len(junk) + tail.index("pada 3 September"))
    weekdays = find_times("Senin " * 50_000, anchor=anchor)
    assert [(t.start, t.value) for t in weekdays] == [(0, "2025-09-01")]


# -- issue 12: times that hold on unseen news (our own sentences, fixed anchors) -----------
# 2025-09-22 is a Monday, 2025-09-28 a Sunday, 2025-09-29 a Monday, 2025-11-06 a Thursday,
# 2024-11-06 a Wednesday, 2024-12-30 a Monday, 2024-09-29 a Sunday.
UNSEEN = [
    # weekday + day/month: the nearest year, the weekday deciding only between nearby years
    (date(2025, 1, 2), "Longsor menimbun jalan desa itu, Senin (30/12).", "Senin (30/12)", "2024-12-30"),
    (date(2025, 11, 7), "Pencuri kabel itu tertangkap Rabu (6/11) malam.", "Rabu (6/11) malam", "2025-11-06"),
    (date(2025, 11, 7), "Pencuri kabel itu tertangkap Rabu(6/11).", "Rabu(6/11)", "2025-11-06"),
    (date(2024, 11, 7), "Pencuri kabel itu tertangkap Rabu (6/11) malam.", "Rabu (6/11) malam", "2024-11-06"),
    (date(2025, 9, 30), "Pasar ikan itu terbakar pada Minggu (29/9).", "pada Minggu (29/9)", "2025-09-29"),
    (date(2025, 9, 30), "Pasar ikan itu terbakar, Minggu(29/9).", "Minggu(29/9)", "2025-09-29"),
    (date(2025, 9, 30), "Pasar ikan itu terbakar, Minggu (29/9/2025).", "Minggu (29/9/2025)", "2025-09-29"),
    (date(2025, 9, 30), "Pasar ikan itu terbakar, Minggu(28/9/2025).", "Minggu(28/9/2025)", "2025-09-28"),
    (date(2025, 9, 24), "Mahasiswa berunjuk rasa di depan kampus, Senin (22/9).", "Senin (22/9)", "2025-09-22"),
    (date(2025, 9, 21), "Rapat dengar pendapat digelar Senin (22/9).", "Senin (22/9)", "2025-09-22"),
    (date(2025, 6, 20), "Sidang kasus itu digelar Senin (1/12).", "Senin (1/12)", "2025-12-01"),
    (date(2025, 3, 1), "Gudang itu disegel Senin (23/9).", "Senin (23/9)", "2024-09-23"),
    (date(2025, 9, 30), "Pasar ikan itu terbakar pada Minggu (28-9).", "pada Minggu (28-9)", "2025-09-28"),
    # a weekday alone: latest on or before the anchor (published on a Monday, on a Sunday)
    (date(2025, 9, 22), "Pada Selasa, warga memperbaiki tanggul.", "Pada Selasa", "2025-09-16"),
    (date(2025, 9, 22), "Tanggul jebol pada Senin pagi.", "pada Senin pagi", "2025-09-22"),
    (date(2025, 9, 28), "Warga memperbaiki tanggul pada Selasa.", "pada Selasa", "2025-09-23"),
    (date(2025, 9, 28), "Tanggul jebol pada Minggu.", "pada Minggu", "2025-09-28"),
    (date(2025, 9, 28), "Tanggul jebol pada Senin.", "pada Senin", "2025-09-22"),
    (date(2025, 9, 24), "Kedua menteri bertemu Selasa di gedung parlemen.", "Selasa", "2025-09-23"),
    # ... unless it is coming
    (date(2025, 9, 22), "Pemungutan suara ulang digelar Selasa depan.", "Selasa depan", "2025-09-23"),
    (date(2025, 9, 23), "Pemungutan suara ulang digelar Selasa mendatang.", "Selasa mendatang", "2025-09-30"),
    (date(2025, 9, 28), "Bupati akan meninjau tanggul itu pada Senin.", "pada Senin", "2025-09-29"),
    # a forward word that is no tense marker, or one followed by a past marker
    (date(2025, 9, 24), "Akan tetapi banjir kembali datang pada Senin.", "pada Senin", "2025-09-22"),
    (date(2025, 9, 24), "Bakal calon bupati itu mendaftar pada Senin.", "pada Senin", "2025-09-22"),
    (date(2025, 9, 24), "Tim akan mengecek tanggul yang sudah jebol pada Senin.", "pada Senin", "2025-09-22"),
    # day and month without a year: the article's year unless clearly ahead
    (date(2025, 6, 20), "Gempa kecil terasa di pesisir itu 14 Juni.", "14 Juni", "2025-06-14"),
    (date(2025, 1, 10), "Gempa kecil terasa di pesisir itu 14 Desember.", "14 Desember", "2024-12-14"),
    (date(2025, 6, 10), "Festival layang-layang digelar 14 Juni di pantai.", "14 Juni", "2025-06-14"),
    (date(2025, 12, 28), "Tarif tol naik mulai 3 Januari.", "3 Januari", "2026-01-03"),
    (date(2025, 3, 1), "Stadion itu diresmikan pada 20 Oktober.", "pada 20 Oktober", "2024-10-20"),
    (date(2025, 6, 20), "Gempa kecil terasa pada 14 Juni lalu.", "pada 14 Juni lalu", "2025-06-14"),
    (date(2025, 6, 10), "Gempa kecil terasa pada 14 Juni lalu.", "pada 14 Juni lalu", "2024-06-14"),
    (date(2025, 6, 20), "Gempa kecil terasa pada 14 Juni tahun lalu.", "pada 14 Juni tahun lalu", "2024-06-14"),
    (date(2025, 6, 20), "Pasar itu dibuka pada 1 Juli.", "pada 1 Juli", "2025-07-01"),
    (date(2025, 9, 3), "Gedung itu sudah diresmikan pada 20 Oktober.", "pada 20 Oktober", "2024-10-20"),
    (date(2025, 9, 3), "Gedung itu akan diresmikan pada 20 Agustus.", "pada 20 Agustus", "2026-08-20"),
    (date(2025, 9, 3), "Gedung yang sudah dibangun itu akan diresmikan pada 20 Oktober.", "pada 20 Oktober",
     "2025-10-20"),
    # full dates keep their day
    (date(2025, 9, 3), "Nota kesepahaman itu diteken 8 Juli 2024 di Surabaya.", "8 Juli 2024", "2024-07-08"),
    (date(2025, 9, 3), "Nota kesepahaman itu diteken 8 Juli tahun 2024.", "8 Juli tahun 2024", "2024-07-08"),
    (date(2025, 9, 3), "Nota kesepahaman itu diteken tanggal 8 bulan Juli tahun 2024.",
     "tanggal 8 bulan Juli tahun 2024", "2024-07-08"),
    (date(2025, 9, 3), "Nota kesepahaman itu diteken Juli 8, 2024.", "Juli 8, 2024", "2024-07-08"),
    (date(2025, 9, 3), "Pameran berlangsung 8-10 Juli 2024 di Semarang.", "8-10 Juli 2024", "2024-07-08"),
    (date(2025, 9, 3), "Pameran berlangsung 8 - 10 Juli 2024 di Semarang.", "8 - 10 Juli 2024", "2024-07-08"),
    (date(2025, 9, 3), "Pameran berlangsung pada 8 hingga 10 Juli 2024.", "pada 8 hingga 10 Juli 2024", "2024-07-08"),
    (date(2025, 9, 3), "Pameran berlangsung pada 8 dan 9 Juli 2024.", "pada 8 dan 9 Juli 2024", "2024-07-08"),
    (date(2025, 9, 3), "Pameran berlangsung 30 Juni sampai 2 Juli 2024.", "30 Juni sampai 2 Juli 2024", "2024-06-30"),
    (date(2025, 9, 3), "Pameran berlangsung 30 Desember 2023 - 2 Januari 2024.", "30 Desember 2023", "2023-12-30"),
    (date(2025, 9, 3), "Pameran berlangsung 29 Desember - 2 Januari 2024.", "29 Desember - 2 Januari 2024",
     "2023-12-29"),
    (date(2025, 9, 3), "Pameran berlangsung 28-29 Agustus di Semarang.", "28-29 Agustus", "2025-08-28"),
    (date(2025, 9, 30), "Warga mengungsi Sabtu-Minggu (27-28/9).", "Sabtu-Minggu (27-28/9)", "2025-09-27"),
    # relative days count from the publication date
    (date(2025, 9, 22), "Tanggul itu jebol kemarin.", "kemarin", "2025-09-21"),
    (date(2025, 1, 1), "Kembang api dinyalakan kemarin malam.", "kemarin malam", "2024-12-31"),
    (date(2025, 3, 1), "Tanggul itu jebol kemarin lusa.", "kemarin lusa", "2025-02-27"),
    (date(2024, 12, 31), "Tanggul itu diperbaiki besok.", "besok", "2025-01-01"),
    (date(2025, 9, 22), "Tanggul itu diperbaiki hari ini.", "hari ini", "2025-09-22"),
]


@pytest.mark.parametrize(("anchor", "sentence", "expr", "value"), UNSEEN)
def test_unseen_news_forms(anchor: date, sentence: str, expr: str, value: str) -> None:
    got = found(sentence, anchor)
    assert got.get(expr, (None,))[0] == value, got


@pytest.mark.parametrize("sentence", [
    "Gugatan itu merujuk Perda Nomor 6 tahun 2010 tentang pajak.",
    "Aturan itu tertuang dalam UU No. 7 Tahun 2017.",
    "Sengketa Pemilihan Umum Tahun 2024 masih diperiksa.",
    "Ia berkhotbah usai salat Jumat di masjid itu.",
    "Koran itu terbit dalam edisi Minggu.",
    "Harga naik dalam dua Minggu terakhir.",
    "Warga antusias mengikuti program Jumat Berkah.",
    "Anak-anak itu belajar di sekolah Minggu.",
])
def test_names_and_counts_are_not_times(sentence: str) -> None:
    assert texts(sentence) == []


def test_two_full_dates_joined_by_dan_are_two_dates() -> None:
    got = found("Kupon dibayar pada 15 Januari dan 15 Juli.", date(2025, 9, 3))
    assert got == {"pada 15 Januari": ("2025-01-15", "day"), "15 Juli": ("2025-07-15", "day")}


def test_a_year_after_a_title_word_is_still_a_time_with_a_lead() -> None:
    assert found("Proyek itu mangkrak sejak Tahun 2019.", date(2025, 9, 3))["sejak Tahun 2019"] == ("2019", "year")
