"""Mention spans cut to the name (used by :mod:`warta.nlp.mentions`).

* :func:`strip_roles`: a person's span never starts with a role, title or portfolio word or an
  organisation's acronym (``Menteri Pemuda dan Olahraga [Andi Mallarangeng]``, ``KPK [Febri
  Diansyah]``); a span made only of such words is no entity (``Duta [Besar RI]``).
* :func:`balance_parens`: ``ASEAN Leaders' Meeting (ALM`` → ``ASEAN Leaders' Meeting``.
* :func:`join_name_parts`: ``Yusuf bin Alawi bin Abdullah`` is one person, not three.
* :func:`dateline_place`: the tokens of the place in the body's dateline (``MOSKOW (ANTARA) -``).
* :func:`same_person`: whether given names before a KB person's surname are that person's.
* :func:`rank_cut`: where an organisation's span runs into a rank and a person's name.
* :func:`extend_name_left`: given names and initials taken in before a person's name.
* :func:`phrase_is_head_of_state`: ``Presiden`` standing alone means Indonesia's president.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from warta.lang.id.common_words import COMMON_CAPITALISED
from warta.lang.id.names import NAME_CONNECTORS, NAME_PREFIXES, OLD_SPELLING, ORG_WORDS, WEAK_CONNECTORS
from warta.lang.id.roles import (
    CORPS,
    HONORIFICS,
    MILITARY_RANKS,
    RANK_ABBREVIATIONS,
    ROLE_PHRASES,
    ROLE_WORDS,
    ROLE_WORDS_AFTER_ROLE,
    rank_length,
)
from warta.nlp.city_mentions import is_city
from warta.nlp.tokenizer import doc_text

_ROLE_STEMS = tuple(sorted(w for w in ROLE_WORDS if len(w) >= 6))


@lru_cache(maxsize=1)
def _clipped_forms() -> dict[str, str]:
    """Each role word's forms clipped by one or two letters (at least five left) -> the word."""
    forms: dict[str, str] = {}
    for word in _ROLE_STEMS:
        for cut in (1, 2):
            if len(word) - cut >= 5:
                forms.setdefault(word[:-cut], word)
    return forms


def skip_portfolio(doc: Doc, j: int, stop: Callable[[int], bool]) -> int:
    """After a role phrase, the end of the capitalised portfolio words that complete it (``Menteri``
    ``Pemuda dan Olahraga``, ``Deputi`` ``Bidang Kemaritiman``), stopping where ``stop(i)`` (a mention)."""
    n = len(doc)
    while j < n and not stop(j):
        tok = doc[j]
        portfolio = tok.text[:1].isupper() and is_role_word(tok, after_role=True)
        joined = tok.lower_ == "dan" and j + 1 < n and doc[j + 1].text[:1].isupper() and is_role_word(doc[j + 1]) \
            and not stop(j + 1)
        if not (portfolio or joined):
            break
        j += 1
    return j


def is_role_word(tok: Token, *, after_role: bool = False) -> bool:
    """A role/title/portfolio word (``after_role``: also the words that are roles only after one)."""
    low = tok.lower_
    if low in ROLE_WORDS_AFTER_ROLE:
        return after_role and low != "dan"
    return low in ROLE_WORDS or low in ROLE_PHRASES


def clipped_role(tok: Token) -> str | None:
    """The role word a clipped one stands for (``Menter`` → ``menteri``), or None."""
    low = tok.lower_
    if len(low) < 5 or not tok.is_alpha or low in ROLE_WORDS:
        return None
    return _clipped_forms().get(low)


def _typo_role(tok: Token) -> bool:
    return clipped_role(tok) is not None


def _acronym(doc: Doc, i: int, end: int) -> bool:
    """An upper-case acronym followed, inside the span, by a word that is not upper case (``KPK Febri``)."""
    tok = doc[i]
    return tok.is_alpha and 3 <= len(tok.text) <= 6 and tok.text.isupper() and \
        any(not doc[k].text.isupper() for k in range(i + 1, end) if doc[k].is_alpha)


def strip_roles(doc: Doc, start: int, end: int, label: str, kb_end: Callable[[int], int | None],
                kb_org: Callable[[int], bool] = lambda i: False) -> tuple[int, int, str] | None:
    """The span without the role phrase it starts with, or None when nothing but role words is left.

    Applies to people, and to organisations right after a role word (the model's ``Bicara [KPK Febri
    Diansyah]``); an organisation left with only a capitalised name after a role and an organisation is
    a person. ``kb_end(i)``: the end of a KB country/organisation name starting at token ``i``, if any;
    ``kb_org(i)``: whether that name is an organisation's (cut from a person even without a role before it:
    ``KPK Febri``, where a country is not: ``Israel Katz``). Unknown acronyms of 3-6 capitals are cut too
    (initials such as ``AM`` are not).
    """
    if label not in ("PER", "ORG") or start >= end:
        return start, end, label
    after_role = start > 0 and (is_role_word(doc[start - 1]) or (
        start > 1 and doc[start - 1].lower_ in ROLE_WORDS_AFTER_ROLE and is_role_word(doc[start - 2])))
    if label == "ORG" and not after_role:
        return start, end, label
    i, stripped, org_dropped = start, False, False
    while i < end:
        tok, low = doc[i], doc[i].lower_
        if label == "ORG" and low in ORG_WORDS:
            break
        if low == "dan":
            if not (stripped and i + 1 < end and is_role_word(doc[i + 1])):
                break
            i += 1
            continue
        if is_role_word(tok, after_role=stripped or after_role) or (i == start and i + 1 < end and _typo_role(tok)
                                                                      and is_role_word(doc[i + 1])):
            i, stripped = i + 1, True
            continue
        k = kb_end(i)
        if k is not None and k < end and (stripped or after_role or (label == "PER" and kb_org(i))):
            i, stripped, org_dropped = k, True, True
            continue
        if _acronym(doc, i, end) and (label == "PER" or stripped or after_role):
            i, stripped, org_dropped = i + 1, True, True
            continue
        break
    if i >= end:
        return None
    if label == "ORG" and (after_role or stripped):
        for k in range(i, end - 1):  # "Ketua Umum [Partai Gerindra Budi Santoso]": the person after the party
            last = kb_end(k)
            if last is not None and last < end and _name_like(doc[last:end], 1):
                return last, end, "PER"
    if label == "ORG" and i > start and org_dropped and _name_like(doc[i:end]):
        label = "PER"  # "Juru Bicara KPK Febri Diansyah": the model took role, body and person as one body
    return i, end, label


def _name_like(words: Any, least: int = 2) -> bool:
    """``least`` or more capitalised words, none an organisation or role word or an acronym: a person's name."""
    return len(words) >= least and all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper()
                                   and t.lower_ not in ORG_WORDS and t.lower_ not in ROLE_WORDS for t in words)


def balance_parens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut a span at an unclosed ``(`` (or after an unopened ``)``), and drop the punctuation left at its edge."""
    depth, cut = 0, None
    for i in range(start, end):
        if doc[i].text == "(":
            if depth == 0:
                cut = i
            depth += 1
        elif doc[i].text == ")":
            if depth == 0:
                start = i + 1  # "ALM) Summit": keep what follows
            else:
                depth -= 1
    if depth > 0 and cut is not None:
        end = cut
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _name_part(tok: Token) -> bool:
    """A word that can be part of a person's name after a connector (``Alawi``, ``al-Sisi``)."""
    low = tok.lower_
    if low.startswith(NAME_PREFIXES) and len(low) > 4:
        return True
    return tok.is_alpha and tok.text[:1].isupper() and low not in COMMON_CAPITALISED and low not in ROLE_WORDS


def _connector(tok: Token) -> bool:
    return tok.text.islower() and tok.lower_ in NAME_CONNECTORS


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen written inside a word (``Teng-hui``) that the tokenizer split off,
    followed by a word."""
    return doc[i].text == "-" and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
        and i + 1 < len(doc) and doc[i + 1].is_alpha


def join_name_parts(doc: Doc, chosen: list[Any]) -> list[Any]:
    """Join a person's name parts written with connectors (``bin``, ``binti``, ``van``, ``von der``,
    ``al-``) or a hyphen (``Teng-hui``) into the person's mention; other mentions taken in are dropped. ``chosen``: mention
    candidates (``start``, ``end``, ``type``, ``kb``), changed in place; returns those kept."""
    at = {i: c for c in chosen for i in range(c.start, c.end)}
    dropped: set[int] = set()
    n = len(doc)
    for c in chosen:
        if c.type != "PER" or id(c) in dropped:
            continue
        start, end = c.start, c.end
        while end < n:
            if doc[end].lower_.startswith(NAME_PREFIXES) and at.get(end) is None and _name_part(doc[end]):
                end += 1  # "Abdel Fattah al-Sisi"
                continue
            if _glued_hyphen(doc, end) and at.get(end + 1) is None:
                end += 2  # "Lee Teng-hui", "Linda Thomas-Greenfield" (not "Jokowi-JK": JK is a mention)
                continue
            if end + 1 >= n or not _connector(doc[end]):
                break
            k = end + 1
            if k + 1 < n and _connector(doc[k]):
                k += 1  # "von der Leyen"
            if not _name_part(doc[k]):
                break
            other = at.get(k)
            if other is not None:
                if other.type != "PER" or other.start != k or (doc[end].lower_ == "di" and is_city(doc[k:other.end].text)):
                    break  # ("Sushila Karki di Accra": the city the model took for a name is where she is)
                dropped.add(id(other))
                end = other.end
            elif doc[end].lower_ in WEAK_CONNECTORS:
                break
            else:
                end = k + 1
                while end < n and at.get(end) is None and _name_part(doc[end]) and doc[end - 1].whitespace_:
                    end += 1
        while start >= 2 and _connector(doc[start - 1]) and doc[start - 1].lower_ not in WEAK_CONNECTORS:
            other = at.get(start - 2)
            if other is not None and other.type == "PER" and other.end == start - 1:
                dropped.add(id(other))
                start = other.start
            elif other is None and _name_part(doc[start - 2]):
                start -= 2
                while start > 0 and at.get(start - 1) is None and _name_part(doc[start - 1]) and \
                        not is_role_word(doc[start - 1]) and not doc[start - 1].is_sent_start and \
                        not doc[start - 1].text.isupper():
                    start -= 1
            else:
                break
        if (start, end) != (c.start, c.end):
            c.start, c.end, c.kb = start, end, None
            for i in range(start, end):
                at[i] = c
    return [c for c in chosen if id(c) not in dropped]


def dateline_place(doc: Doc, *, has_title: bool) -> tuple[int, int] | None:
    """Tokens of the place in the dateline that opens the body (``JAKARTA``, ``MOSKOW``; the place after
    an outlet's domain in ``jpnn.com, JAKARTA -``), or None."""
    from warta.lang.id.datelines import match_dateline

    body = 0
    if has_title:
        body = next((t.i + 1 for t in doc if t.is_space and "\n" in t.text), len(doc))
    while body < len(doc) and doc[body].is_space:
        body += 1
    if body >= len(doc):
        return None
    start_char = doc[body].idx
    m = match_dateline(doc_text(doc)[start_char:start_char + 120])
    if m is None:
        return None
    group = "place"
    if "." in m["place"]:
        if not m["agency"] or "." in m["agency"]:
            return None
        group = "agency"
    a, b = m.span(group)
    text = m[group]
    b -= len(text) - len(text.rstrip())
    span = doc.char_span(start_char + a, start_char + b, alignment_mode="expand")
    if span is None or not span.text[:1].isupper():
        return None
    return span.start, span.end


def new_spelling(word: str) -> str:
    """A lower-case name word in today's spelling (``soesilo`` → ``susilo``)."""
    for old, new in OLD_SPELLING:
        word = word.replace(old, new)
    return word


def same_person(doc: Doc, start: int, end: int, words: frozenset[str] | None) -> bool:
    """Whether the given names ``doc[start:end]`` taken in before a KB person's name are that person's: each
    is an initial or a word of one of the entry's names, in either spelling (``Janet L.`` before Yellen,
    ``Soesilo`` before Bambang Yudhoyono). ``Herman`` before a former president's surname names someone else."""
    if start == end or words is None:
        return True
    spelled = {new_spelling(w) for w in words}
    return all((len(t.text) == 2 and t.text[1] == ".") or t.lower_ in words or new_spelling(t.lower_) in spelled
               for t in doc[start:end])


def rank_cut(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Where an organisation or place span runs into a rank (``Kepolisian Resor Bogor [AKBP Budi Hartono]``,
    ``… Metro Jaya [Inspektur Jenderal]``): the rank's token and where the name after it starts (``end``
    when the span holds none), or None. A span that is only a rank starts with one: ``(start, end)``."""
    for j in range(start, end):
        if rank_length([t.lower_ for t in doc[j:j + 3]]):
            k = j + 1
            while k < end and (is_role_word(doc[k], after_role=True) or doc[k].lower_ in RANK_ABBREVIATIONS):
                k += 1
            return j, k
    return None


def corps_after_rank(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is an armed-forces corps written after a rank (``Letkol [Inf] Budi``): no given name."""
    return doc[i].lower_ in CORPS and i > 0 and (doc[i - 1].lower_ in RANK_ABBREVIATIONS
                                                  or doc[i - 1].lower_ in MILITARY_RANKS)


def extend_name_left(doc: Doc, start: int, taken: list[bool], blocked: list[bool] | None = None) -> int:
    """Take in given names and initials before a person's name (``Janet L.`` Yellen, ``Rusli`` Zainal),
    never over a token already taken (or ``blocked``: another KB name)."""
    while start > 0 and not taken[start - 1] and not (blocked and blocked[start - 1]):
        tok = doc[start - 1]
        initial = len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."
        if not (initial or (tok.is_alpha and tok.text[0].isupper() and not tok.is_upper)) or is_role_word(tok) \
                or (tok.lower_ in ROLE_WORDS_AFTER_ROLE and start > 1 and is_role_word(doc[start - 2])) \
                or tok.lower_ in HONORIFICS or tok.lower_ in COMMON_CAPITALISED or sentence_initial(doc, tok.i) \
                or tok.whitespace_ == "" or corps_after_rank(doc, start - 1) \
                or (start > 1 and is_role_word(doc[start - 2]) and is_city(tok.text)):
            break  # (nor the region of the title before it: "Bupati [Pati] Sudewo")
        start -= 1
    return start


def sentence_initial(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a sentence, a quote, a bracket or a line (where any word is capitalised)."""
    return bool(doc[i].is_sent_start) or (i > 0 and doc[i - 1].text in ('"', "(")) or (
        i > 0 and doc[i - 1].is_space)


def phrase_is_head_of_state(doc: Doc, start: int, end: int) -> bool:
    """``Kepala Negara``, or ``Presiden``/``Wakil Presiden`` standing alone with a capital (``kata
    Presiden dalam rapat``), means Indonesia's (vice-)president in Indonesian news."""
    words = [t.text for t in doc[start:end]]
    if words in (["Kepala", "Negara"], ["Presiden"], ["Wakil", "Presiden"], ["Wapres"]):
        nxt = doc[end] if end < len(doc) else None
        return nxt is None or not nxt.text[:1].isupper() or nxt.text in ("RI", "Republik")
    return False


#: words after which a person is named by initials (``tersangka berinisial AS``, ``pria berinisial RS dan AH``)
INITIALS_CUES = frozenset({"berinisial", "inisial"})
_INITIALS = re.compile(r"^(?:[A-Z]{1,4}|(?:[A-Z]\.){1,4})$")


def initials_after_cue(doc: Doc) -> list[tuple[int, int]]:
    """The token spans of initials named after ``berinisial``/``inisial``, coordinated ones included (``berinisial
    RS dan AH``): people named by their initials, never an acronym of a country or a body (``AS``, ``PKS``)."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.lower_ not in INITIALS_CUES:
            continue
        j = tok.i + 1
        while j < len(doc) and _INITIALS.match(doc[j].text):
            out.append((j, j + 1))
            if j + 2 < len(doc) and doc[j + 1].lower_ in ("dan", ",") and _INITIALS.match(doc[j + 2].text):
                j += 2
                continue
            break
    return out


def outside(items: list[Any], spans: list[tuple[int, int]]) -> list[Any]:
    """The ``items`` (anything with token ``start`` and ``end``) that overlap none of the token ``spans``."""
    cut = {i for a, b in spans for i in range(a, b)}
    return [c for c in items if cut.isdisjoint(range(c.start, c.end))]
