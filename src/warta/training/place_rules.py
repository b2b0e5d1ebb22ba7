"""Word lists that split idner-news-2k's single ``LOC`` label into ``GPE`` / ``LOC`` / ``FAC``.

idner-news-2k tags every place as ``LOC``. warta wants the OntoNotes-style distinction:

* ``FAC`` – buildings, squares, airports, ports, palaces, roads, hospitals, hotels, offices…
  (:data:`FAC_PREFIXES`, matched case-insensitively on the span's first words, plus the
  all-caps facility abbreviations in :data:`FAC_NAMES` and names ending in "Center"/"Centre").
* ``LOC`` – non-political geography: rivers, mountains, seas, islands, regions, continents
  (:data:`LOC_PREFIXES` on the first words, case-insensitively; :data:`LOC_NAMES` exact, case-sensitive,
  after dropping a trailing lower-case compass word such as "Afrika *barat*").
* ``GPE`` – everything else: countries, provinces, cities, regencies, districts.

Universities and other institutions stay ``ORG``: the rules only ever relabel ``LOC`` spans.
Provinces named like islands are listed in :data:`GPE_NAMES` (``Papua``, ``Bali``…) so they stay
``GPE``; the bare island names (``Jawa``, ``Sumatera``…) are ``LOC``, while provinces such as
"Jawa Timur" (a different, longer span) fall through to ``GPE``.
"""

from __future__ import annotations

from collections.abc import Sequence

#: First words (lower case, joined by single spaces) that make a place span a facility.
FAC_PREFIXES: tuple[str, ...] = (
    "gedung", "istana", "bandara", "bandar udara", "pelabuhan", "stadion", "lapangan", "jalan", "jl", "jl.",
    "masjid", "gereja", "candi", "monas", "monumen", "museum", "rumah sakit", "rs", "rsud", "rspp", "hotel",
    "terminal", "stasiun", "kantor", "wisma", "rutan", "lapas", "kampus", "tugu", "alun-alun", "markas", "mabes",
    "pangkalan", "gelora", "kompleks", "komplek", "pasar", "plaza", "mal", "mall", "galeri", "restoran",
    "rumah makan", "warung", "kediaman", "rumah dinas", "rumah potong hewan", "pendapa", "pendopo", "taman",
    "bundaran", "jembatan", "tol", "spbu", "kedutaan", "gelanggang", "balai", "pusat perbelanjaan",
    "pengadilan", "penjara", "benteng", "menara", "klenteng", "pura", "vihara", "sekolah", "asrama", "bank",
)

#: Whole spans (exact spelling) that are facilities although no prefix says so.
FAC_NAMES: frozenset[str] = frozenset(
    {"SPBU", "RPH", "RSPP", "Monas", "Tiananmen", "Halim Perdanakusumah", "Sepinggan", "Senayan City", "Pantura"}
)

#: Last words that make a span a facility ("Jakarta Convention Center").
FAC_SUFFIXES: tuple[str, ...] = ("center", "centre", "tower", "mall", "plaza", "hall", "arena")

#: First words (lower case) that make a place span non-political geography.
LOC_PREFIXES: tuple[str, ...] = (
    "sungai", "kali", "gunung", "pegunungan", "laut", "pulau", "selat", "teluk", "danau", "samudra", "samudera",
    "semenanjung", "kepulauan", "tanjung", "pantai", "lembah", "hutan", "jazirah", "dataran tinggi", "dataran",
    "gurun", "kutub", "perairan", "gletser", "lumpur", "benua", "wilayah", "kawasan", "cagar alam", "taman nasional",
)

#: Whole spans (exact spelling) that are regions, continents, islands or other geography.
LOC_NAMES: frozenset[str] = frozenset(
    {
        "Asia", "Eropa", "Afrika", "Amerika Latin", "Amerika Utara", "Amerika Selatan", "Amerika Tengah",
        "Timur Tengah", "Asia Tenggara", "Asia Pasifik", "Asia-Pasifik", "Indo-Pasifik", "Asia Timur",
        "Asia Selatan", "Asia Tengah", "Eropa Timur", "Eropa Barat", "Afrika Barat", "Afrika Timur",
        "Afrika Utara", "Afrika Tengah", "Afrika Sub-Sahara", "Balkan", "Kaukasus", "Skandinavia", "Oseania",
        "Pasifik", "Atlantik", "Atlantik Utara", "Arktik", "Antartika", "Barat", "Jawa", "Sumatera", "Sumatra",
        "Kalimantan", "Borneo", "Sulawesi", "Nusantara", "Amazon", "Sahara", "Himalaya", "Bulan", "Mars",
        "Kutub Utara", "Kutub Selatan",
    }
)

#: Whole spans that must stay ``GPE`` although they look like islands or regions (provinces).
GPE_NAMES: frozenset[str] = frozenset({"Papua", "Bali", "Maluku", "Madura", "Lombok", "Bangka Belitung"})

#: Lower-case compass words that may trail a place ("Afrika barat", "Israel utara").
COMPASS: frozenset[str] = frozenset({"utara", "selatan", "barat", "timur", "tengah", "tenggara", "barat daya", "timur laut"})


def _starts_with(words: Sequence[str], prefixes: Sequence[str]) -> bool:
    """Whether the lower-cased ``words`` begin with one of the (possibly multi-word) ``prefixes``."""
    low = [w.lower() for w in words]
    for prefix in prefixes:
        parts = prefix.split(" ")
        if low[: len(parts)] == parts:
            return True
    return False


def place_label(words: Sequence[str]) -> str:
    """``GPE``, ``LOC`` or ``FAC`` for a place span given as its tokens.

    >>> place_label(["Gedung", "DPR"]), place_label(["Laut", "China", "Selatan"]), place_label(["Jakarta"])
    ('FAC', 'LOC', 'GPE')
    """
    words = [w for w in words if w]
    if not words:
        return "GPE"
    text = " ".join(words)
    core = list(words)
    while len(core) > 1 and core[-1] in COMPASS:
        core = core[:-1]
    core_text = " ".join(core)
    if core_text in GPE_NAMES or text in GPE_NAMES:
        return "GPE"
    if text in FAC_NAMES or core_text in FAC_NAMES or _starts_with(words, FAC_PREFIXES):
        return "FAC"
    if len(words) > 1 and words[-1].lower() in FAC_SUFFIXES:
        return "FAC"
    if text in LOC_NAMES or core_text in LOC_NAMES or _starts_with(words, LOC_PREFIXES):
        return "LOC"
    return "GPE"
