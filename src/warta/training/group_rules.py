"""Rules that add ``NORP`` and ``EVENT`` spans to idner-news-2k, which has neither label, and untagged countries.

idner-news-2k leaves "warga Palestina", "umat Islam" or "Pemilu 2014" untagged (``O``). warta's own
hand-annotated sentences tag them ``NORP`` / ``EVENT``; without these rules the model would see the same
pattern as an entity in one corpus and as nothing in the other. The rules only ever tag tokens that are
``O`` in the source, never change an existing span, and are deliberately narrow (high precision):

* ``NORP``: a people noun (:data:`NORP_TRIGGERS`, e.g. "warga", "etnis", "umat") followed by a nationality,
  ethnic or religious name from :data:`NATIONS` or :data:`GROUPS` ("warga *Palestina*", "etnis *Uighur*"),
  and capitalised names in :data:`GROUPS` anywhere ("serangan terhadap *Yahudi*").
* ``EVENT``: an election word (:data:`ELECTION_HEADS`) plus optional qualifier and a year ("Pilpres 2014",
  "Pemilu Legislatif 2014"), or a congress word (:data:`CONGRESS_HEADS`) plus a Roman numeral or "ke-N"
  ("Muktamar VIII", "Munas IX").
* ``GPE`` (:func:`country_spans`, applied after the two above): idner leaves about one country name in six
  untagged where it modifies a title, government, army or abstract noun ("pemerintah *Suriah*", "militer
  *Israel*") or at random ("*Rusia* dan *Jepang* telah …"); ner-ud and warta's annotation brief tag them
  ``GPE``. A country name from :data:`COUNTRIES` on untagged tokens becomes ``GPE`` unless the next word is
  capitalised (part of a longer name) or the previous word makes it a language, company or people
  (:data:`COUNTRY_BLOCKERS`: "bahasa *Inggris*", "Bank *Indonesia*", "pria *Indonesia*").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Span = tuple[int, int, str]

#: Nouns for people after which a nationality / group name means the people ("warga Palestina").
NORP_TRIGGERS: frozenset[str] = frozenset(
    {"warga", "orang", "bangsa", "rakyat", "etnis", "etnik", "suku", "kaum", "umat", "masyarakat", "pengungsi",
     "komunitas", "keturunan", "imigran", "penganut", "muslim", "turis", "wisatawan", "nelayan", "mahasiswa",
     "pelajar", "pemilih", "perempuan", "pekerja", "buruh", "diplomat", "jurnalis", "wartawan", "pengusaha",
     "investor", "sopir", "pemuda", "migran", "pendatang"}
)

#: Country names as used for nationalities after a people noun (may be several words).
NATIONS: frozenset[str] = frozenset(
    {
        "Indonesia", "Malaysia", "Singapura", "Filipina", "Thailand", "Vietnam", "Kamboja", "Laos", "Myanmar",
        "Brunei", "Timor Leste", "Jepang", "China", "Cina", "Tiongkok", "Korea", "Korea Selatan", "Korea Utara",
        "Taiwan", "India", "Pakistan", "Bangladesh", "Afghanistan", "Iran", "Irak", "Suriah", "Lebanon",
        "Libanon", "Yordania", "Israel", "Palestina", "Mesir", "Libya", "Sudan", "Turki", "Arab", "Arab Saudi",
        "Yaman", "Qatar", "Rusia", "Ukraina", "Belarus", "Polandia", "Jerman", "Perancis", "Prancis", "Inggris",
        "Belanda", "Belgia", "Italia", "Spanyol", "Portugal", "Yunani", "Swedia", "Norwegia", "Finlandia",
        "Amerika", "Amerika Serikat", "AS", "Kanada", "Meksiko", "Brasil", "Argentina", "Kuba", "Venezuela",
        "Australia", "Selandia Baru", "Nigeria", "Kenya", "Somalia", "Afrika Selatan", "Ethiopia", "Rwanda",
        "Zimbabwe", "Liberia", "Georgia", "Armenia", "Azerbaijan", "Abkhazia", "Serbia", "Bosnia", "Kosovo",
        "Afganistan", "Hungaria", "Siprus", "Chile", "Niger", "Kuwait", "Swiss", "Tibet", "Hong Kong", "Bahrain",
        "Sri Lanka", "Mali", "Papua", "Aceh", "Bali", "Barat",
    }
)

#: Ethnic, religious and other group names that are ``NORP`` wherever they are capitalised.
GROUPS: frozenset[str] = frozenset(
    {
        "Yahudi", "Muslim", "Kristen", "Katolik", "Protestan", "Hindu", "Buddha", "Konghucu", "Sunni", "Syiah",
        "Uighur", "Uyghur", "Rohingya", "Kurdi", "Tionghoa", "Dayak", "Madura", "Jawa", "Sunda", "Batak",
        "Minang", "Minangkabau", "Bugis", "Betawi", "Asmat", "Baluch", "Pashtun", "Tamil", "Melayu", "Islam",
        "Ahmadiyah", "Druze", "Alawit", "Tutsi", "Hutu", "Minahasa", "Koptik", "Ortodoks", "Aborigin", "Sasak",
        "Baduy", "Kamoro", "Moi", "Toraja", "Ambon", "Nias", "Mentawai", "Sikh", "Yazidi",
    }
)

#: Group names that are ``NORP`` only right after a people noun (ambiguous elsewhere).
TRIGGER_ONLY: frozenset[str] = frozenset(
    {"Jawa", "Sunda", "Madura", "Melayu", "Islam", "Buddha", "Minahasa", "Ambon", "Nias", "Mentawai", "Moi", "Toraja"}
)

#: Country names that are always places (ambiguous names such as "Arab", "Georgia", "Papua" left out).
COUNTRIES: frozenset[str] = NATIONS - {
    "Arab", "Barat", "Papua", "Aceh", "Bali", "Tibet", "Georgia", "Niger", "Amerika", "Korea", "Mali", "Abkhazia",
}
#: Previous words (lower case) after which a country name is left alone: languages, names, people.
COUNTRY_BLOCKERS: frozenset[str] = frozenset(
    {"bahasa", "berbahasa", "bank", "universitas", "timnas", "garuda", "telkom", "tim", "pemain", "atlet", "pria",
     "wanita", "penduduk", "prajurit", "prajurit-prajurit", "turis-turis", "warga", "orang", "rakyat", "bangsa"}
)

ELECTION_HEADS: frozenset[str] = frozenset({"pemilu", "pilpres", "pileg", "pilkada", "pilgub", "pilwalkot"})
ELECTION_QUALIFIERS: frozenset[str] = frozenset({"presiden", "legislatif", "gubernur", "serentak", "raya"})
CONGRESS_HEADS: frozenset[str] = frozenset({"Muktamar", "Munas", "Kongres", "KTT", "Munaslub", "Rakernas"})

_YEAR = re.compile(r"^(19|20)\d\d$")
_ORDINAL = re.compile(r"^(?:[IVXLC]+|ke-?\d+|ke-[IVXLC]+)$")
_MAX_NAME = max(len(n.split()) for n in NATIONS | GROUPS)
_MAX_COUNTRY = max(len(n.split()) for n in COUNTRIES)


def _free(taken: list[bool], start: int, end: int) -> bool:
    return 0 <= start < end <= len(taken) and not any(taken[start:end])


def _name_at(words: Sequence[str], i: int, taken: list[bool]) -> int:
    """Length of the longest nation/group name starting at ``i`` on untagged tokens (0 if none)."""
    for n in range(min(_MAX_NAME, len(words) - i), 0, -1):
        if _free(taken, i, i + n) and " ".join(words[i : i + n]) in NATIONS | GROUPS:
            return n
    return 0


def _taken(words: Sequence[str], spans: Sequence[Span]) -> list[bool]:
    """Which words the existing ``spans`` already cover."""
    taken = [False] * len(words)
    for s, e, _ in spans:
        taken[s:e] = [True] * (e - s)
    return taken


def norp_spans(words: Sequence[str], spans: Sequence[Span]) -> list[Span]:
    """New ``NORP`` spans for ``words`` that do not overlap the existing ``spans``."""
    taken = _taken(words, spans)
    found: list[Span] = []
    for i, word in enumerate(words):
        if taken[i]:
            continue
        n = 0
        if i > 0 and words[i - 1].lower() in NORP_TRIGGERS and not taken[i - 1]:
            n = _name_at(words, i, taken)
        elif word in GROUPS and word not in TRIGGER_ONLY:
            n = 1
        if n:
            found.append((i, i + n, "NORP"))
            taken[i : i + n] = [True] * n
    return found


def event_spans(words: Sequence[str], spans: Sequence[Span]) -> list[Span]:
    """New ``EVENT`` spans (elections with a year, numbered congresses) not overlapping ``spans``."""
    taken = _taken(words, spans)
    found: list[Span] = []
    for i, word in enumerate(words):
        if taken[i]:
            continue
        end = 0
        if word.lower() in ELECTION_HEADS:
            j = i + 1
            while j < len(words) and words[j].lower() in ELECTION_QUALIFIERS and j - i < 3:
                j += 1
            if j < len(words) and _YEAR.match(words[j]):
                end = j + 1
        elif word in CONGRESS_HEADS and i + 1 < len(words) and _ORDINAL.match(words[i + 1]):
            end = i + 2
        if end and _free(taken, i, end):
            found.append((i, end, "EVENT"))
            taken[i:end] = [True] * (end - i)
    return found


def country_spans(words: Sequence[str], spans: Sequence[Span]) -> list[Span]:
    """New ``GPE`` spans for country names (:data:`COUNTRIES`) on words that ``spans`` leave untagged."""
    taken = _taken(words, spans)
    found: list[Span] = []
    i = 0
    while i < len(words):
        n = next((n for n in range(min(_MAX_COUNTRY, len(words) - i), 0, -1)
                  if _free(taken, i, i + n) and " ".join(words[i : i + n]) in COUNTRIES), 0)
        if not n:
            i += 1
            continue
        before = words[i - 1].lower() if i else ""
        after = words[i + n] if i + n < len(words) else ""
        if before not in COUNTRY_BLOCKERS and not after[:1].isupper():
            found.append((i, i + n, "GPE"))
        i += n
    return found


def add_countries(words: Sequence[str], spans: Sequence[Span]) -> list[Span]:
    """``spans`` plus :func:`country_spans`, sorted by start."""
    return sorted([*spans, *country_spans(words, spans)])


def add_norp_event(words: Sequence[str], spans: Sequence[Span]) -> list[Span]:
    """``spans`` plus rule-found ``NORP`` and ``EVENT`` spans, sorted by start."""
    out = list(spans)
    out += event_spans(words, out)
    out += norp_spans(words, out)
    return sorted(out)
