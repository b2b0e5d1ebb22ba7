"""Entity mentions: merge knowledge-base matches with the NER model's spans, and find role phrases.

Precedence (:func:`select_mentions`): a KB match wins over a model span that covers the same
name (titles, honorifics and lower-case words around it do not count) or crosses it; a model
span wins when it is a longer proper name that contains the KB match (``Dewan Keamanan PBB`` is
not ``PBB``), and the KB country inside it becomes its country. Among overlapping KB matches the
longest wins, then names over metonyms and demonyms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from warta.lang.id.common_words import COMMON_CAPITALISED, GROUP_NOUNS
from warta.lang.id.roles import HONORIFICS, ROLE_PHRASES

#: Longest role phrase in tokens, and the words role phrases start with.
_ROLE_MAX = max(len(p.split()) for p in ROLE_PHRASES)
_ROLE_FIRST = frozenset(p.split()[0] for p in ROLE_PHRASES)
_KIND_RANK = {"name": 0, "alias": 1, "demonym": 2, "metonym": 3}


@dataclass(slots=True)
class Cand:
    """A mention candidate over tokens ``[start, end)``."""

    start: int
    end: int
    type: str
    kb: str | None
    source: str  # "kb:<kind>", "model", "rule:acronym", "rule:role", "coref:…"
    countries: list[str] = field(default_factory=list)  # KB countries named inside the span

    @property
    def kind(self) -> str | None:
        """The KB alias kind when this came from the KB matcher."""
        return self.source[3:] if self.source.startswith("kb:") else None


@dataclass(slots=True)
class RolePhrase:
    """``Presiden Rusia``, ``Menlu AS``, ``pemimpin Korea Utara``, ``Kepala Negara``: a role,
    the country or organisation it is of, and the person named right after it (if any)."""

    start: int
    end: int
    role: str | None
    sector: str
    country: str | None
    org: str | None
    person: int | None = None  # index into the mention list of an appositive PER name
    holder: Cand | None = None


def _weak(tok) -> bool:
    """A token that does not make a span a different name: lower case, title, punctuation."""
    low = tok.lower_
    return (not tok.text[:1].isupper() or low in HONORIFICS or low in ROLE_PHRASES or tok.is_punct
            or tok.is_space)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip leading/trailing weak tokens (titles, honorifics, lower case, punctuation)."""
    while start < end and _weak(doc[start]) and not doc[start].like_num:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def select_mentions(doc: Doc, kb_spans: list[Span], model_spans: list[Span], *, kb_types) -> list[Cand]:
    """Non-overlapping mentions in document order, KB and model merged (see module doc)."""
    kb = sorted(kb_spans, key=lambda s: (-(s.end - s.start), _KIND_RANK.get(s.id_, 9), s.start))
    taken = [False] * len(doc)
    chosen: list[Cand] = []
    for s in kb:
        if any(taken[s.start:s.end]):
            continue
        chosen.append(Cand(s.start, s.end, s.label_, s.kb_id_, f"kb:{s.id_}"))
        for i in range(s.start, s.end):
            taken[i] = True
    by_token = {i: c for c in chosen for i in range(c.start, c.end)}
    for m in model_spans:
        start, end = (trim(doc, m.start, m.end) if m.label_ in ("PER", "ORG", "GPE", "LOC", "FAC")
                      else (m.start, m.end))
        if start >= end:
            continue
        label = m.label_
        if end - start == 1 and doc[start].lower_ in COMMON_CAPITALISED:
            continue  # "Tolong" opening a quote is not a name
        if label == "NORP" and (start == 0 or doc[start - 1].lower_ not in GROUP_NOUNS):
            label = "GPE"  # a nationality is a group only after warga/orang/bangsa…; else the place
        inside = {id(c): c for i in range(start, end) if (c := by_token.get(i))}
        if not inside:
            chosen.append(Cand(start, end, label, None, "model"))
            for i in range(start, end):
                taken[i] = True
            continue
        crossing = any(c.start < start or c.end > end for c in inside.values())
        free = [doc[i] for i in range(start, end) if i not in by_token]
        if crossing or all(_weak(t) for t in free):
            continue  # the KB match is the name; the model span adds only titles or crosses it
        # a longer proper name containing KB matches: keep it, unlinked, and drop the inner ones
        countries = [kb_types[c.kb][1] for c in inside.values() if kb_types[c.kb][1]]
        for c in inside.values():
            chosen.remove(c)
            for i in range(c.start, c.end):
                by_token.pop(i, None)
        chosen.append(Cand(start, end, label, None, "model", countries=countries))
    return sorted(chosen, key=lambda c: c.start)


def find_roles(doc: Doc, mentions: list[Cand], *, kb_types) -> list[RolePhrase]:
    """Role phrases before a country/organisation mention and/or a person's name."""
    starts = {c.start: i for i, c in enumerate(mentions)}
    covered = {t for c in mentions for t in range(c.start, c.end)}
    roles: list[RolePhrase] = []
    i, n = 0, len(doc)
    while i < n:
        found = None
        if doc[i].lower_ not in _ROLE_FIRST:
            i += 1
            continue
        for size in range(min(_ROLE_MAX, n - i), 0, -1):
            phrase = " ".join(t.lower_ for t in doc[i:i + size])
            if phrase in ROLE_PHRASES and not any(t in covered for t in range(i, i + size)):
                found = (size, ROLE_PHRASES[phrase])
                break
        if not found:
            i += 1
            continue
        size, (role, sector) = found
        j = i + size
        if i > 0 and doc[i - 1].lower_ in ("para", "kedua", "sejumlah", "beberapa", "mantan", "eks", "calon"):
            i = j  # "para pemimpin Rusia": several people, or not the current holder
            continue
        rp = RolePhrase(i, j, role, sector, None, None)
        k = starts.get(j)
        if k is not None and mentions[k].type in ("GPE", "ORG", "NORP") and mentions[k].kb:
            etype, country = kb_types[mentions[k].kb]
            if etype == "GPE" or mentions[k].type == "GPE":
                rp.country = country
            else:
                rp.org, rp.country = mentions[k].kb, country
            rp.end = mentions[k].end
            k = starts.get(rp.end)
        elif k is None and phrase_is_head_of_state(doc, i, j):
            rp.country = "IDN"
        if k is not None and mentions[k].type == "PER":
            rp.person = k
        if rp.country or rp.org or rp.person is not None:
            roles.append(rp)
        i = max(rp.end, i + 1)
    return roles


def phrase_is_head_of_state(doc: Doc, start: int, end: int) -> bool:
    """``Kepala Negara`` written with capitals means Indonesia's president in Indonesian news."""
    return end - start == 2 and doc[start].text == "Kepala" and doc[start + 1].text == "Negara"
