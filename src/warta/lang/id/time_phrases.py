"""Indonesian time phrases as data, read by :mod:`warta.nlp.times.engine`.

Multi-word phrases are written with single spaces; the matcher accepts any short run of
spaces or tabs between their words. Matching is case-insensitive except for weekday names
standing alone (:data:`WEEKDAY_NAMES`), because lower-case ``minggu`` means "week".
"""

from __future__ import annotations

from warta.lang.id.months import MONTHS
from warta.lang.id.weekdays import WEEKDAYS

#: Prepositions kept inside a match (``pada hari Rabu``, ``sejak tahun lalu``).
LEADS: tuple[str, ...] = ("pada", "sejak")
#: Nouns that may stand between a lead and a date (``pada hari Kamis``, ``pada tanggal 3 Mei``).
LEAD_NOUNS: tuple[str, ...] = ("hari", "tanggal")
#: Words that make a bare year a time (``hingga 2024``) but are not kept in the match.
YEAR_TRIGGERS_DROPPED: tuple[str, ...] = ("hingga", "sampai", "periode")
#: Words that make a bare month name a time (``hingga Juni``) but are not kept in the match.
MONTH_TRIGGERS_DROPPED: tuple[str, ...] = ("hingga", "sampai", "mulai")
#: Modifiers kept in the match; they do not change the value (``akhir 2024`` → 2024).
MODIFIERS: tuple[str, ...] = ("awal", "akhir", "pertengahan")

#: Words and phrases that name a day relative to the article's date → offset in days.
#: ``tadi malam`` and ``semalam`` resolve to the article's own day: the time of publication is
#: unknown, and most such reports are filed the same evening.
DAY_WORDS: dict[str, int] = {
    "hari ini": 0, "saat ini": 0,
    "tadi pagi": 0, "pagi tadi": 0, "tadi siang": 0, "siang tadi": 0, "tadi sore": 0, "sore tadi": 0,
    "petang tadi": 0, "tadi petang": 0, "tadi malam": 0, "malam tadi": 0, "semalam": 0,
    "dini hari tadi": 0, "tadi dini hari": 0, "subuh tadi": 0, "tadi subuh": 0,
    "pagi ini": 0, "siang ini": 0, "sore ini": 0, "petang ini": 0, "malam ini": 0,
}
#: Day words that may take a part of the day after them (``kemarin sore``, ``besok pagi``).
DAY_WORDS_WITH_PART: dict[str, int] = {"kemarin lusa": -2, "kemarin": -1, "besok": 1, "esok hari": 1, "lusa": 2}
#: Parts of the day that attach to a day expression (``Kamis (13/10) pagi``); ``hari`` may follow.
PARTS_OF_DAY: tuple[str, ...] = ("dini hari", "pagi", "siang", "sore", "petang", "malam", "subuh")

#: Phrases relative to the previous day in the text (or the article's date) → offset in days.
FROM_PREVIOUS: dict[str, int] = {
    "keesokan harinya": 1, "keesokan hari": 1, "keesokan paginya": 1, "keesokan malamnya": 1,
    "esok harinya": 1, "besoknya": 1, "hari berikutnya": 1, "hari yang sama": 0,
}

#: Calendar units.
UNITS: dict[str, str] = {"hari": "day", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year"}
#: ``se-`` forms: one unit.
SE_UNITS: dict[str, str] = {"sehari": "day", "sepekan": "week", "seminggu": "week", "sebulan": "month",
                            "setahun": "year"}

#: After ``pekan``/``minggu``/``bulan``/``tahun``: (reference, offset). The reference is the
#: article's date (``anchor``) or the previous time in the text (``previous``).
UNIT_RELATIVE: dict[str, tuple[str, int]] = {
    "lalu": ("anchor", -1), "yang lalu": ("anchor", -1), "kemarin": ("anchor", -1), "silam": ("anchor", -1),
    "ini": ("anchor", 0),
    "depan": ("anchor", 1), "mendatang": ("anchor", 1), "yang akan datang": ("anchor", 1),
    "sebelumnya": ("previous", -1), "berikutnya": ("previous", 1), "selanjutnya": ("previous", 1),
}
#: After ``N hari``/``N pekan``/…: (reference, sign).
N_DIRECTIONS: dict[str, tuple[str, int]] = {
    "lalu": ("anchor", -1), "yang lalu": ("anchor", -1), "silam": ("anchor", -1), "yang silam": ("anchor", -1),
    "lagi": ("anchor", 1), "mendatang": ("anchor", 1), "yang akan datang": ("anchor", 1),
    "sebelumnya": ("previous", -1), "kemudian": ("previous", 1), "berikutnya": ("previous", 1),
    "setelahnya": ("previous", 1), "sesudahnya": ("previous", 1),
}
#: A count after these words is a duration, not a point in time (``selama dua hari``).
DURATION_BEFORE: frozenset[str] = frozenset({"selama", "dalam", "sepanjang"})

_UNITS_1_9 = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def _number_words() -> dict[str, int]:
    words = {w: n for n, w in enumerate(_UNITS_1_9, start=1)}
    words.update({"sepuluh": 10, "sebelas": 11, "seratus": 100})
    for n, w in enumerate(_UNITS_1_9[1:], start=2):
        words[f"{w} belas"] = 10 + n
        words[f"{w} puluh"] = 10 * n
        for k, u in enumerate(_UNITS_1_9, start=1):
            words[f"{w} puluh {u}"] = 10 * n + k
    return words


#: Indonesian number words, 1–99 and 100.
NUMBERS: dict[str, int] = _number_words()

#: Weekday names as they stand alone in running text (capitalised; matched case-sensitively).
WEEKDAY_NAMES: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu", "Ahad")
assert all(w.lower() in WEEKDAYS for w in WEEKDAY_NAMES)
#: After a weekday: ``past`` (latest strictly before the anchor), ``future`` (first strictly
#: after), or a week offset (the weekday of the anchor's ISO week, shifted by that many weeks).
WEEKDAY_RELATIVE: dict[str, str | int] = {
    "lalu": "past", "yang lalu": "past", "kemarin": "past",
    "depan": "future", "mendatang": "future", "nanti": "future", "yang akan datang": "future",
    "ini": 0, "pekan ini": 0, "minggu ini": 0,
    "pekan lalu": -1, "minggu lalu": -1, "pekan kemarin": -1, "minggu kemarin": -1,
    "pekan depan": 1, "minggu depan": 1,
}
#: Words after which a bare weekday is a time (``Sabtu dan Minggu``, ``hingga Jumat``).
WEEKDAY_AFTER_WORDS: frozenset[str] = frozenset({"dan", "atau", "hingga", "sampai", "mulai"})
#: Words after which a weekday is a recurrence, not a date (``setiap Senin``).
WEEKDAY_BLOCK_BEFORE: frozenset[str] = frozenset({"setiap", "tiap", "saban", "tiap-tiap"})
#: Words after which a capitalised weekday names something else: ``malam Minggu`` (Saturday night),
#: ``salat Jumat`` (the prayer), ``edisi Minggu`` (an edition), ``dua Minggu`` (weeks, miscapitalised).
WEEKDAY_NOT_A_DAY_BEFORE: frozenset[str] = frozenset({
    "malam", "salat", "shalat", "sholat", "solat", "edisi", "sekolah", "beberapa", "per", "hitungan",
    *_UNITS_1_9, "sepuluh", "sebelas", "belas", "puluh",
})

#: Full month names (no abbreviations, no English ``may``) for months standing alone.
MONTH_FULL: tuple[str, ...] = tuple(m for m in MONTHS if (len(m) >= 4 and m not in {"sept", "agst"}) or m == "mei")
#: After a month standing alone: ``past`` (strictly before the anchor's month), ``future``
#: (strictly after), ``this`` (the anchor's year).
MONTH_RELATIVE: dict[str, str] = {
    "lalu": "past", "yang lalu": "past", "kemarin": "past", "silam": "past",
    "depan": "future", "mendatang": "future", "nanti": "future", "yang akan datang": "future",
    "ini": "this",
}

#: After a day and month without a year: the date lies ahead (``9 Juni nanti``).
FORWARD_AFTER: tuple[str, ...] = ("nanti", "mendatang", "depan", "yang akan datang")
#: After a day and month without a year: the date lies behind (``14 Juni lalu``).
PAST_AFTER: tuple[str, ...] = ("lalu", "yang lalu", "silam", "yang silam", "kemarin")
#: After ``14 Juni tahun``: the year relative to the article's (``14 Juni tahun lalu``).
YEAR_AFTER_DATE: dict[str, int] = {w: n for w, (base, n) in UNIT_RELATIVE.items() if base == "anchor"}
#: Earlier in the same clause: a yearless date or bare weekday lies ahead (``akan bertemu pada Jumat``),
#: unless a :data:`PAST_BEFORE` word comes after it (``akan memeriksa tanggul yang sudah jebol pada Senin``).
FORWARD_BEFORE: tuple[str, ...] = ("akan", "bakal", "dijadwalkan", "direncanakan", "rencananya", "hendak")
#: A :data:`FORWARD_BEFORE` word followed by one of these is no tense marker (``akan tetapi``: but;
#: ``bakal calon``: a prospective candidate).
FORWARD_NOT_BEFORE: dict[str, tuple[str, ...]] = {
    "akan": ("tetapi",),
    "bakal": ("calon", "pasangan", "caleg", "capres", "cawapres", "cagub", "cawagub", "cabup", "cawabup",
              "cawalkot"),
}
#: Words of completed action: the latest tense marker before a time decides whether it lies ahead.
PAST_BEFORE: tuple[str, ...] = ("telah", "sudah", "sempat", "pernah")

#: Between the days of a range (``8 hingga 10 Juli``); dashes are also accepted. A range's value
#: is its first day, as a year range's is its first year.
RANGE_CONNECTORS: tuple[str, ...] = ("hingga", "sampai", "sampai dengan", "s.d.", "s.d", "s/d", "dan")
#: Connectors that join two dates into a list, not a range, when both name their month
#: (``8 dan 9 Juli`` is one span; ``15 Januari dan 15 Juli`` two dates).
LIST_CONNECTORS: frozenset[str] = frozenset({"dan"})
#: Before ``Nomor 6 tahun 2010``: a regulation's number, so the year is part of its name.
CITATION_NUMBER_WORDS: frozenset[str] = frozenset({"nomor", "nomer", "no", "no."})

#: A bare number after a year trigger followed by one of these is a count (``hingga 2000 orang``).
COUNT_NOUNS: tuple[str, ...] = (
    "orang", "jiwa", "unit", "rumah", "ton", "kg", "kilogram", "km", "kilometer", "meter", "m", "hektare",
    "hektar", "ha", "liter", "peserta", "warga", "ekor", "buah", "kasus", "personel", "prajurit", "pasukan",
    "lembar", "kali", "siswa", "mahasiswa", "pasien", "kursi", "suara", "pemilih", "desa", "kendaraan", "mobil",
    "motor", "persen", "jam", "menit", "detik", "hari", "pekan", "minggu", "bulan", "tahun", "keluarga", "kepala",
    "titik", "paket", "dosis", "batang", "butir", "karyawan", "pekerja", "anggota", "km2", "rupiah", "dolar",
)
