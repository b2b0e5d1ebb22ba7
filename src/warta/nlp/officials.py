"""Officials named by title, country and name (used by :mod:`warta.nlp.mentions`).

Indonesian news names a foreign official by office, country, then name: ``Menteri Komunikasi Venezuela Freddy
Nanez``, ``Juru bicara Kementerian Luar Negeri Qatar Majed al-Ansari``, ``Sekretaris Luar Negeri India Vikram
Misri``. The NER model, trained mostly on Indonesian names, often reads the country and the name as one span
(a "place" ``Venezuela Freddy Nanez``, a "body" ``Kementerian Luar Negeri Qatar Majed al-Ansari``), or types the
name a place. Here:

- :func:`country_then_name` splits such a span after the country (or a known body: ``Komisioner Uni Eropa [Marta
  Kos]``), the rest a person of that country;
- :func:`officials_countries` gives a person named right after ``<title> <country>`` that country (``Kepala
  Intelijen Mesir Hassan Rashad``), and makes a "place" there that no gazetteer knows a person;
- :func:`join_institution_country` joins a KB body and a country after it (``Kementerian Luar Negeri`` + ``AS``).

A country after ``untuk``/``di`` is where the office serves, not whose it is (``Duta Besar RI untuk Kamboja Santo
Darmosumarto``: an Indonesian); such a name is split off but gets no country here.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from warta.lang.id.common_words import COMMON_CAPITALISED
from warta.lang.id.names import INSTITUTION_HEADS, ORG_WORDS, PLACE_HEADS
from warta.nlp.city_mentions import is_city
from warta.nlp.name_spans import is_role_word

if TYPE_CHECKING:  # pragma: no cover
    from warta.nlp.mentions import Cand

#: lower-case particles inside foreign personal names (``Majed al-Ansari``, ``Mohammed bin Salman``)
NAME_PARTICLES = frozenset({"al", "el", "bin", "binti", "ibn", "van", "von", "de", "der", "da", "dos", "di", "la", "le"})
#: words before a country that make it the place an office serves, not the office's own country
SERVES_IN = frozenset({"untuk", "di", "ke", "bagi", "pada"})
#: how many tokens before the country a title may stand (``Menteri Luar Negeri [Qatar]``)
TITLE_REACH = 5


def mention_country(c: Cand, kb_types) -> str | None:
    """The country a mention names: a KB country, a KB body's country (``Uni Eropa``: IGO), or a body joined with a
    country (``Kemlu AS``)."""
    if c.kb and ((c.kb.startswith("cty:") and c.type == "GPE") or c.type == "ORG"):
        return kb_types[c.kb][1] if c.kb in kb_types else None
    if c.type == "ORG" and not c.kb and c.countries:
        return c.countries[0]
    return None


def _titled(doc: Doc, start: int, country_start: int) -> bool:
    """Whether an office's title stands before the country (within a few tokens, or opening the span)."""
    if doc[start].lower_ in INSTITUTION_HEADS:
        return True
    return any(is_role_word(doc[i], after_role=True) for i in range(max(0, start - TITLE_REACH), country_start))


def name_tail(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` read as a personal name: two or more capitalised words (particles and hyphens
    inside), none a title, organisation, place or common word, the whole not a known city."""
    words = [t for t in doc[start:end] if t.is_alpha]
    if end - start < 2 or len(words) < 2 or not doc[start].text[:1].isupper() or not doc[end - 1].text[:1].isupper():
        return False
    for tok in doc[start:end]:
        low = tok.lower_
        if tok.text == "-" or low in NAME_PARTICLES:
            continue
        if not (tok.is_alpha and tok.text[:1].isupper()) or low in COMMON_CAPITALISED or low in ORG_WORDS \
                or low in PLACE_HEADS or is_role_word(tok, after_role=True):
            return False
    return not is_city(doc[start:end].text)


def country_then_name(doc: Doc, start: int, end: int, inside: Iterable[Cand], kb_types) -> tuple[Cand, str | None] | None:
    """For a model span ``[start, end)`` holding the mentions ``inside``: the mention of its country, when the span
    goes on after it with a personal name only and a title stands before, and that name's country (None when the
    country is where the office serves); else None."""
    inner = sorted(inside, key=lambda c: c.start)
    if not inner:
        return None
    last = inner[-1]
    country = mention_country(last, kb_types)
    if country is None or last.end >= end or not name_tail(doc, last.end, end) or not _titled(doc, start, last.start):
        return None
    serves = last.start > 0 and doc[last.start - 1].lower_ in SERVES_IN
    return last, None if serves else country


def officials_countries(doc: Doc, chosen: list[Cand], kb_types) -> None:
    """A person right after ``<title> <country>`` is that country's official (``Kepala Intelijen Mesir Hassan
    Rashad``): the mention takes the country; a "place" there that no gazetteer knows is the person."""
    from warta.nlp.geo import geocode

    ordered = sorted(chosen, key=lambda c: c.start)
    for prev, c in pairwise(ordered):
        if prev.end != c.start or c.kb or c.countries or c.type not in ("PER", "GPE", "LOC"):
            continue
        country = mention_country(prev, kb_types)
        if country is None or (prev.start > 0 and doc[prev.start - 1].lower_ in SERVES_IN) \
                or not _titled(doc, prev.start, prev.start):
            continue
        if c.type != "PER":
            if c.source != "model" or not name_tail(doc, c.start, c.end) or geocode(doc[c.start:c.end].text):
                continue
            c.type = "PER"  # "Menteri Luar Negeri Filipina [Theresa Lazaro]" read as a place
        c.countries = [country]


def join_institution_country(doc: Doc, chosen: list[Cand], kb_types) -> list[Cand]:
    """``Kementerian Luar Negeri`` + ``AS``: a KB body followed by another country's name is that country's
    body (one unlinked mention with the country), not the one the KB knows."""
    from warta.nlp.mentions import Cand

    out: list[Cand] = []
    k = 0
    while k < len(chosen):
        c = chosen[k]
        nxt = chosen[k + 1] if k + 1 < len(chosen) else None
        if c.type == "ORG" and c.kb and doc[c.start].lower_ in INSTITUTION_HEADS and nxt is not None \
                and nxt.start == c.end and nxt.type == "GPE" and nxt.kb and kb_types[nxt.kb][1] \
                and kb_types[nxt.kb][1] != kb_types[c.kb][1] and nxt.end - nxt.start <= 3:
            out.append(Cand(c.start, nxt.end, "ORG", None, "rule:institution+country", countries=[kb_types[nxt.kb][1]]))
            k += 2
            continue
        out.append(c)
        k += 1
    return out
