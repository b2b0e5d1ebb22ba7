"""Persons the NER model misses after their title, or around a city's name (used by :mod:`warta.nlp.mentions`).

Indonesian news introduces a person by office, then name: ``Menteri Dalam Negeri Ramesh Lekhak``, ``Perdana Menteri
Nepal KP Sharma Oli``, ``Juru bicara militer, Mayjen Winai Sukprasert,``. The model, trained mostly on Indonesian
names, often finds nothing in a foreign one. A run of two to four capitalised words right after a title (its
portfolio words and a country mention included), free of other mentions, ending where lower-case text or punctuation
begins, and made of no title, organisation, common or place word, is taken to be the holder's name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from warta.lang.id.clause import DEMONSTRATIVES
from warta.lang.id.common_words import COMMON_CAPITALISED
from warta.lang.id.names import ORG_WORDS, PLACE_HEADS
from warta.lang.id.roles import HONORIFICS, RANK_ABBREVIATIONS
from warta.nlp.city_mentions import is_city
from warta.nlp.name_spans import is_role_word

#: fewest and most words of a name taken after a title
MIN_WORDS, MAX_WORDS = 2, 4
#: titles of offices whose holder's name follows them in the news; not ``Kepala``, ``Duta``, ``Ketua``, ``Bidang``,
#: which as often head a unit's or a programme's name (``Duta Ekonomi Bangsa``)
PERSON_TITLES = frozenset({"presiden", "menteri", "perdana", "juru", "dubes", "kanselir", "sekjen", "jenderal",
                           "panglima", "menlu", "menhan", "mendagri", "senator", "emir", "syekh", "sheikh"})
#: titles that head a unit's name as often as a person's: a holder's name after one only past the body named in it
#: (``Ketua [Komisi I DPR] Utut Adianto``, ``Peneliti [ICW] Wana Alamsyah``)
BODY_TITLES = frozenset({"ketua", "kepala", "anggota", "direktur", "koordinator", "peneliti", "sekretaris",
                         "komisioner", "deputi"})


def _name_word(doc: Doc, i: int, taken: list[bool]) -> bool:
    tok = doc[i]
    low = tok.lower_
    return (not taken[i] and tok.is_alpha and tok.text[:1].isupper() and len(tok.text) > 1
            and not is_role_word(tok, after_role=True) and low not in COMMON_CAPITALISED and low not in ORG_WORDS
            and low not in PLACE_HEADS and low not in HONORIFICS and low not in RANK_ABBREVIATIONS)


def _initials(doc: Doc, i: int, taken: list[bool]) -> bool:
    """A person's initials before a name (``KP`` Sharma Oli, ``JD`` Vance)."""
    text = doc[i].text
    return not taken[i] and 2 <= len(text) <= 3 and text.isalpha() and text.isupper()


def _office_goes_on(doc: Doc, k: int) -> bool:
    """Whether the words before ``k`` were the office's own (a portfolio unknown to the title lists): it runs on
    after ``dan`` (``Menteri Tenaga Kerja dan Transmigrasi``) or is pointed at (``Menteri Tenaga Kerja itu``)."""
    return doc[k].lower_ in DEMONSTRATIVES or (doc[k].lower_ == "dan" and k + 1 < len(doc)
                                               and doc[k + 1].text[:1].isupper())


def titled_runs(doc: Doc, taken: list[bool], *, title_end: int = 0) -> list[tuple[int, int]]:
    """Token spans of names right after a capitalised title that no mention covers (``taken``); none in a
    title-case headline (tokens before ``title_end``), where every word is capitalised."""
    found: list[tuple[int, int]] = []
    n = len(doc)
    i = title_end
    while i < n:
        tok = doc[i]
        body_title = tok.lower_ in BODY_TITLES
        if not (tok.text[:1].isupper() and (tok.lower_ in PERSON_TITLES or tok.lower_ in RANK_ABBREVIATIONS
                                            or body_title)) or taken[i]:
            i += 1
            continue
        j = i + 1
        while j < n and not taken[j] and doc[j].text[:1].isupper() and is_role_word(doc[j], after_role=True):
            j += 1  # the title's own words ("Menteri Dalam Negeri", "Perdana Menteri")
        body = j
        while j < n and taken[j]:
            j += 1  # its country or body ("Perdana Menteri Nepal"), a mention already
        if body_title and j == body:
            i += 1
            continue  # "Ketua Umum …", "Kepala Desa …" with no body named: a unit's name as often as a person's
        k = j
        if k < n and doc[k].lower_ in RANK_ABBREVIATIONS:
            k += 1  # a rank before the name ("Juru bicara militer, Mayjen X")
        start = k
        if k < n and _initials(doc, k, taken):
            k += 1
        while k < n and k - start < MAX_WORDS and _name_word(doc, k, taken):
            k += 1
        ends_clean = k >= n or not (doc[k].text[:1].isupper() or taken[k] or doc[k].text in ("-", "/")
                                    or _office_goes_on(doc, k))
        if k - start >= MIN_WORDS and ends_clean and not is_city(doc[start:k].text):
            found.append((start, k))
        i = max(k, i + 1)
    return found


def around_place(doc: Doc, start: int, end: int, taken: list[bool]) -> tuple[int, int] | None:
    """``Hotman [Paris] Hutapea``: a one-word city the knowledge base reads as its country (a metonym) between
    capitalised name words (no title, body, place or common word, no other mention) is a word of a person's name:
    the name's tokens, or None."""
    if end - start != 1 or doc[start].text.isupper():
        return None
    a = start
    while a > 0 and start - a < 2 and _name_word(doc, a - 1, taken) and not doc[a - 1].text.isupper() \
            and not doc[a - 1].is_sent_start:
        a -= 1
    b = end
    while b < len(doc) and b - end < 2 and _name_word(doc, b, taken) and not doc[b].text.isupper():
        b += 1
    if a == start or b == end or is_city(doc[a:start].text) or is_city(doc[end:b].text):
        return None
    return a, b
