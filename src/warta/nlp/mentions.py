"""Entity mentions: merge knowledge-base matches with the NER model's spans, and find role phrases.

Precedence (:func:`select_mentions`): a KB match wins over a model span that covers the same
name (titles, honorifics and lower-case words around it do not count) or crosses it; a model
span wins when it is a longer proper name that contains the KB match (``Dewan Keamanan PBB`` is
not ``PBB``), and the KB country inside it becomes its country. Among overlapping KB matches the
longest wins, then names over metonyms and demonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from warta.lang.id.common_words import COMMON_CAPITALISED, DISEASE_NAMES, GROUP_NOUNS, LAW_WORDS, THING_ACRONYMS
from warta.lang.id.names import BUILDING_HEADS, INSTITUTION_HEADS, PLACE_PREPS
from warta.lang.id.roles import HONORIFICS, RANK_ABBREVIATIONS, ROLE_PHRASES, rank_length
from warta.lang.id.weekdays import WEEKDAYS
from warta.nlp.city_mentions import REGIONAL_TITLES, city_runs, is_city, lower_words, place_not_person, title_place_name
from warta.nlp.name_spans import (
    balance_parens,
    clipped_role,
    corps_after_rank,
    dateline_place,
    extend_name_left,
    initials_after_cue,
    join_name_parts,
    outside,
    phrase_is_head_of_state,
    rank_cut,
    same_person,
    sentence_initial,
    skip_portfolio,
    strip_roles,
)
from warta.nlp.officials import country_then_name, join_institution_country, mention_country, officials_countries
from warta.nlp.titled_names import around_place, titled_runs
from warta.nlp.tokenizer import doc_text

#: Longest role phrase in tokens, and the words role phrases start with.
_ROLE_MAX = max(len(p.split()) for p in ROLE_PHRASES)
_ROLE_FIRST = frozenset(p.split()[0] for p in ROLE_PHRASES)
_KIND_RANK = {"name": 0, "alias": 1, "demonym": 2, "metonym": 3}
#: Words never a one-word name: sentence openers, weekdays (``Ahad``), ranks (``AKBP``).
_NEVER_ONE_WORD = COMMON_CAPITALISED | frozenset(WEEKDAYS) | RANK_ABBREVIATIONS


@dataclass(slots=True)
class Cand:
    """A mention candidate over tokens ``[start, end)``."""

    start: int
    end: int
    type: str
    kb: str | None
    source: str  # "kb:<kind>", "model", "rule:acronym", "rule:role", "name:kb-surname", "coref:…"
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
            or tok.is_space or low in COMMON_CAPITALISED)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip leading/trailing weak tokens (titles, honorifics, lower case, punctuation)."""
    while start < end and ((_weak(doc[start]) and not doc[start].like_num) or corps_after_rank(doc, start)):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


#: A news site named by its domain in an Indonesian article is taken to be Indonesian unless the
#: KB knows it (reuters.com, bbc.com are KB aliases).
DOMAIN_COUNTRY = "IDN"
_ROMAN = re.compile(r"^[IVXLC]{2,7}$")
_DASHES = frozenset({"-", "–", "—", "--"})
#: A web address as a token (``kompas.com``, ``antaranews.co.id``): a news site named by its domain
DOMAIN = re.compile(r"^[A-Za-z0-9][\w-]*(\.[A-Za-z0-9-]+)*\.(com|id|co\.id|net|org|tv|news)$", re.IGNORECASE)


@dataclass(slots=True)
class MentionContext:
    """What mention cleaning needs to know about the document."""

    title_end: int = 0  # token index where the title line ends (0: no title)
    title_case: bool = False  # the title capitalises most words (headline style)
    body: str = ""  # the text after the title
    mid_words: set[str] | None = None  # words seen capitalised inside a sentence (computed once)
    dateline: tuple[int, int] | None = None  # tokens of the body's dateline place (``MOSKOW (ANTARA) -``)


def document_context(doc: Doc, *, has_title: bool) -> MentionContext:
    """Title extent and style, and the body text, for :func:`select_mentions`."""
    dateline = dateline_place(doc, has_title=has_title)
    if not has_title:
        return MentionContext(body=doc_text(doc), dateline=dateline)
    end = next((t.i for t in doc if t.is_space and "\n" in t.text), len(doc))
    words = [t for t in doc[:end] if t.is_alpha and len(t) >= 3]
    caps = sum(t.text[:1].isupper() for t in words)
    text = doc_text(doc)
    body_start = doc[end].idx if end < len(doc) else len(text)
    return MentionContext(title_end=end, title_case=len(words) >= 3 and caps / len(words) >= 0.6,
                   body=text[body_start:], dateline=dateline)


_SENTENCE_BEFORE = re.compile(r"(^|[.!?\n\"]\s*)$")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches


def _in_body(ctx: MentionContext, text: str) -> bool:
    r"""Whether ``text`` occurs in the body other than as the first word of a sentence.

    The whole-word occurrences ``re.finditer(r"(?<!\w)TEXT(?!\w)", body)`` finds, found with ``str.find``
    (a pattern per mention filled the regular-expression cache and was compiled anew each time).
    """
    body = ctx.body
    if not text:  # (never asked) the empty pattern matches between any two non-word characters
        return any(m.start() > 0 and not _SENTENCE_BEFORE.search(body[max(0, m.start() - 2):m.start()])
                   for m in re.finditer(r"(?<!\w)(?!\w)", body))
    size = len(text)
    i = body.find(text)
    while i >= 0:
        end = i + size
        if (i == 0 or not _is_word_char(body[i - 1])) and (end >= len(body) or not _is_word_char(body[end])):
            if i > 0 and not _SENTENCE_BEFORE.search(body[max(0, i - 2):i]):
                return True
            i = body.find(text, end)  # the next match begins after this one, as with finditer
        else:
            i = body.find(text, i + 1)
    return False


def clean_model_span(doc: Doc, span: Span, ctx: MentionContext) -> tuple[int, int, str] | None:
    """The model's span cut to the name: not across a dateline dash, without titles or common
    words at its edges, in a headline only what the body also names; None when nothing is left."""
    start, end, label = span.start, span.end, span.label_
    for i in range(start, end):
        if doc[i].text in _DASHES and doc[i - 1].whitespace_ and i > start:
            end = i  # "JAKARTA - Menteri": the dateline place ends at the dash
            break
    if label in ("PER", "ORG", "GPE", "LOC", "FAC") and not (label == "GPE" and is_city(doc[start:end].text)):
        start, end = trim(doc, start, end)  # (a known place keeps a title word it starts with: "Raja Ampat")
    start, end = balance_parens(doc, start, end)
    while start < end and doc[start].lower_ in COMMON_CAPITALISED:
        start += 1
    while end > start and doc[end - 1].lower_ in COMMON_CAPITALISED:
        end -= 1
    if start >= end:
        return None
    if ctx.title_case and end <= ctx.title_end:
        best = None
        for size in range(end - start, 0, -1):
            for a in range(start, end - size + 1):
                if _in_body(ctx, doc[a:a + size].text):
                    best = (a, a + size)
                    break
            if best:
                break
        if best is None:
            return None
        start, end = best
    if end - start == 1 and (doc[start].lower_ in _NEVER_ONE_WORD or _only_sentence_initial(doc, start, ctx)
                             or _ROMAN.match(doc[start].text)):
        return None  # "Tolong" opening a quote, "Terlihat," opening a sentence, "Ahad", a rank "AKBP", "XVIII"
    if all(t.lower_ in DISEASE_NAMES or t.is_digit or t.text in ("-", "–") for t in doc[start:end]):
        return None  # "Covid-19", "Ebola": a disease, never a person or a body
    if end - start == 1 and doc[start].lower_ in THING_ACRONYMS:
        return None  # "PSBB", "APBN", "KTP": a policy, a budget, a document, never a person or a body
    if start > 0 and doc[start - 1].lower_ in LAW_WORDS and not is_city(doc[start:end].text):
        return None  # "RUU Penyiaran", "Undang-Undang Caesar": a law's name ("UU Otsus Papua" keeps Papua)
    if doc[start:end].text.isupper() and end < len(doc) and doc[end].text in (",", "-", "–", "—", ":") \
            and _line_start(doc, start):
        label = "GPE"  # the place of a dateline: "JAKARTA -", "jpnn.com, JAKARTA -"
    if label == "NORP" and (start == 0 or doc[start - 1].lower_ not in GROUP_NOUNS):
        label = "GPE"  # a nationality is a group only after warga/orang/bangsa…; else the place
    if label == "ORG" and doc[start].lower_ in BUILDING_HEADS and start > 0 and doc[start - 1].lower_ in PLACE_PREPS:
        label = "FAC"  # "di Kantor KPU", "menyambangi Markas Besar …"
    elif label in ("GPE", "LOC", "EVENT") and doc[start].lower_ in INSTITUTION_HEADS:
        label = "ORG"  # "Departemen Keuangan AS" is a body, whatever the model said
    return start, end, label


def _line_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a line, possibly after a ``site.com,`` prefix."""
    j = i - 1
    if j >= 1 and doc[j].text == "," and DOMAIN.match(doc[j - 1].text):
        j -= 2
    return j < 0 or (doc[j].is_space and "\n" in doc[j].text)


def _mid_sentence_capitalised(doc: Doc) -> set[str]:
    """The capitalised words of ``doc`` seen somewhere not sentence-initial (one token pass)."""
    words: set[str] = set()
    prev = ""
    for tok in doc:
        text = tok.text
        if text[:1].isupper() and prev and not prev.isspace() and prev not in ('"', "(") and not tok.is_sent_start:
            words.add(text)
        prev = text
    return words


def _only_sentence_initial(doc: Doc, i: int, ctx: MentionContext) -> bool:
    """A capitalised word seen only where any word is capitalised (and not a known name)."""
    if not sentence_initial(doc, i):
        return False
    if ctx.mid_words is None:  # one pass per document, not one per mention
        ctx.mid_words = _mid_sentence_capitalised(doc)
    return doc[i].text not in ctx.mid_words


def _context_countries(kb_spans: list[Span], kb_types) -> dict[str, int]:
    """How often the document names each country through the KB names it reads one way only."""
    readings: dict[tuple[int, int], set[str]] = {}
    for s in kb_spans:
        readings.setdefault((s.start, s.end), set()).add(s.kb_id_)
    counts: dict[str, int] = {}
    for ids in readings.values():
        countries = {kb_types[k][1] for k in ids if k in kb_types}
        if len(countries) == 1 and None not in countries:
            c = countries.pop()
            counts[c] = counts.get(c, 0) + 1
    return counts


def _reading_rank(s: Span, kb_types, context: dict[str, int]) -> tuple[int, bool]:
    """How the document supports one KB reading of a span (``Demokrat``: Indonesia's party or the US one): how often
    it names the reading's country otherwise, and whether the reading is not Indonesian (warta reads Indonesian
    news). Readings are ordered by the first, then by how they were matched (name before alias), then the second."""
    country = kb_types[s.kb_id_][1] if s.kb_id_ in kb_types else None
    return context.get(country, 0), country != "IDN"


def select_mentions(doc: Doc, kb_spans: list[Span], model_spans: list[Span], *, kb_types,
                    ctx: MentionContext | None = None, kb_names: dict[str, frozenset[str]] | None = None
                    ) -> list[Cand]:
    """Non-overlapping mentions in document order, KB and model merged (see module doc). ``kb_names``: each KB
    person's name words, to tell other given names before a surname (``name:kb-surname``, unlinked)."""
    ctx = ctx or MentionContext(body=doc_text(doc))
    context = _context_countries(kb_spans, kb_types)
    best_kind: dict[tuple[int, int, bool], int] = {}  # the readings of one span rank together, as its best does
    for s in kb_spans:
        k = (s.start, s.end, s.kb_id_.startswith("gaz:"))
        best_kind[k] = min(best_kind.get(k, 9), _KIND_RANK.get(s.id_, 9))

    def rank(s: Span) -> tuple:
        gaz = s.kb_id_.startswith("gaz:")
        support, foreign = _reading_rank(s, kb_types, context)
        return (-(s.end - s.start), gaz, best_kind[(s.start, s.end, gaz)], s.start, -support, _KIND_RANK.get(s.id_, 9),
                foreign)

    kb = sorted(kb_spans, key=rank)
    taken = [False] * len(doc)
    kb_cover = [False] * len(doc)  # a person's name is never extended over another KB name
    for s in kb:
        for i in range(s.start, s.end):
            kb_cover[i] = True
    chosen: list[Cand] = []
    for s in kb:
        if any(taken[s.start:s.end]) or (s.end - s.start == 1 and doc[s.start].lower_ in RANK_ABBREVIATIONS
                                         and s.end < len(doc) and doc[s.end].text[:1].isupper()):
            continue  # (a rank before a name, "AKP Yudha", is no party of the same letters: Turkey's AKP)
        if s.id_ == "metonym" and not (ctx.title_case and s.start < ctx.title_end) \
                and (run := around_place(doc, s.start, s.end, kb_cover)) is not None:
            chosen.append(Cand(*run, "PER", None, "name:around-place"))  # "Hotman [Paris] Hutapea": a name
            for i in range(*run):
                taken[i] = True
            continue
        start = s.start
        if s.label_ == "ORG" and start > 0 and doc[start - 1].lower_ in BUILDING_HEADS and doc[start - 1].text[0].isupper():
            # "Gedung Dewan Perwakilan Rakyat", "Kantor KPU": the building, not the body
            head = start - 2 if start > 1 and doc[start - 2].lower_ == "markas" else start - 1
            chosen.append(Cand(head, s.end, "FAC", None, "rule:building",
                               countries=[kb_types[s.kb_id_][1]] if kb_types[s.kb_id_][1] else []))
            start = head
        elif s.kb_id_.startswith("gaz:"):
            chosen.append(Cand(s.start, s.end, s.label_, None, "gazetteer"))
        elif s.label_ == "PER":
            a = extend_name_left(doc, s.start, taken, kb_cover)
            if same_person(doc, a, s.start, (kb_names or {}).get(s.kb_id_)):
                chosen.append(Cand(a, s.end, "PER", s.kb_id_, f"kb:{s.id_}"))
            elif any(m.label_ == "PER" and m.start <= a and m.end >= s.start + 1 for m in model_spans) \
                    and not (ctx.title_case and s.start < ctx.title_end):
                # the model reads one name with other given names (``Ani Yudhoyono``): another person
                chosen.append(Cand(a, s.end, "PER", None, "name:kb-surname"))
            else:  # a title or a headline's verb before the name (``Sekretaris Kabinet``, ``KPU Tetapkan``)
                a = s.start
                chosen.append(Cand(a, s.end, "PER", s.kb_id_, f"kb:{s.id_}"))
            start = a
        else:
            chosen.append(Cand(s.start, s.end, s.label_, s.kb_id_, f"kb:{s.id_}"))
        for i in range(start, s.end):
            taken[i] = True
    for tok in doc:
        if not taken[tok.i] and DOMAIN.match(tok.text):
            chosen.append(Cand(tok.i, tok.i + 1, "ORG", None, "rule:domain", countries=[DOMAIN_COUNTRY]))
            taken[tok.i] = True
    chosen = join_institution_country(doc, sorted(chosen, key=lambda c: c.start), kb_types)
    by_token = {i: c for c in chosen for i in range(c.start, c.end)}
    for m in model_spans:
        cleaned = clean_model_span(doc, m, ctx)
        if cleaned is None:
            continue
        start, end, label = cleaned
        cleaned = strip_roles(doc, start, end, label, lambda i: _kb_name_end(by_token.get(i), i),
                              lambda i: by_token[i].type == "ORG")
        if cleaned is None:
            continue  # "Duta [Besar RI]": nothing but the rest of a role phrase
        start, end, label = cleaned
        if label == "PER" and not (ctx.title_case and end <= ctx.title_end):
            start = extend_name_left(doc, start, taken)
        label = "GPE" if label == "PER" and place_not_person(doc, start, end) else label
        nxt = by_token.get(end)
        if label == "ORG" and nxt and nxt.start == end and nxt.type == "GPE" and nxt.kb and nxt.kb.startswith("cty:") \
                and nxt.end - nxt.start <= 3 and (doc[start].lower_ in INSTITUTION_HEADS
                                                  or not any(by_token.get(i) for i in range(start, end))):
            end = nxt.end  # "Kementerian Luar Negeri" + "AS", "Kepala Staf Gabungan" + "Korea Selatan"
        inside = {id(c): c for i in range(start, end) if (c := by_token.get(i))}
        if not inside:
            if not any(taken[start:end]):
                chosen.append(Cand(start, end, label, None, "model"))
                for i in range(start, end):
                    taken[i] = True
            continue
        crossing = any(c.start < start or c.end > end for c in inside.values())
        free = [doc[i] for i in range(start, end) if i not in by_token]
        if crossing or all(_weak(t) for t in free):
            continue  # the KB match is the name; the model span adds only titles or crosses it
        if (split := country_then_name(doc, start, end, inside.values(), kb_types)) is not None:
            country, whose = split  # "Menteri Komunikasi [Venezuela Freddy Nanez]": the country, then its official
            if any(i not in by_token for i in range(start, country.start)):
                for c in inside.values():  # "[Kementerian Luar Negeri Qatar] Majed al-Ansari": the body, the person
                    chosen.remove(c)
                chosen.append(Cand(start, country.end, "ORG", None, "model", countries=[mention_country(country, kb_types)]))
            chosen.append(Cand(country.end, end, "PER", None, "name:after-country", countries=[whose] if whose else []))
            for i in range(start, end):
                taken[i] = True
            continue
        # a longer proper name containing KB matches: keep it, unlinked, and drop the inner ones
        # (not a building's bare head word: "Istana" alone is Indonesia's presidency, "Istana Ciragan" is in Istanbul)
        countries = [kb_types[c.kb][1] for c in inside.values() if c.kb and kb_types[c.kb][1]
                     and not (c.start == start and c.end - c.start == 1 and doc[start].lower_ in BUILDING_HEADS)]
        for c in inside.values():
            chosen.remove(c)
            for i in range(c.start, c.end):
                by_token.pop(i, None)
        chosen.append(Cand(start, end, label, None, "model", countries=countries))
        for i in range(start, end):
            taken[i] = True
    lower = lower_words(doc)
    chosen += [Cand(a, b, "GPE", None, "rule:city") for a, b in city_runs(doc, taken, lower=lower)]  # "di Medan"
    chosen += [Cand(a, b, "PER", None, "name:after-title")  # "Menteri Dalam Negeri Ramesh Lekhak": the model missed
               for a, b in titled_runs(doc, taken, title_end=ctx.title_end if ctx.title_case else 0)]
    chosen = _split_regional_titles(doc, chosen, lower, headline_end=ctx.title_end if ctx.title_case else 0)
    for c in [c for c in chosen if c.type in ("ORG", "GPE", "LOC") and not c.kb]:
        if (cut := rank_cut(doc, c.start, c.end)) is not None:  # "Polres Bogor AKBP Budi": body, rank, person
            rest = next((p for p in chosen if p.type == "PER" and p.start == c.end), None)  # "… AKBP [Budi] [Hartono]"
            if rest is not None:
                chosen.remove(rest)
            if cut[1] < c.end:
                chosen.append(Cand(cut[1], rest.end if rest else c.end, "PER", None, "name:after-rank"))
            elif rest is not None:
                chosen.append(rest)
            c.end = cut[0]  # a rank alone ("Inspektur Jenderal") leaves an empty span, dropped below
    if initials := initials_after_cue(doc):  # "tersangka berinisial AS": a person, not the United States
        chosen = outside(chosen, initials) + [Cand(a, b, "PER", None, "rule:initials") for a, b in initials]
    chosen = join_name_parts(doc, sorted((c for c in chosen if c.end > c.start), key=lambda c: c.start))
    officials_countries(doc, chosen, kb_types)  # "Kepala Intelijen Mesir Hassan Rashad": Egypt's
    if ctx.dateline:
        _dateline_mention(doc, chosen, ctx.dateline)
    return sorted(chosen, key=lambda c: c.start)


def _split_regional_titles(doc: Doc, chosen: list[Cand], lower: list[str], *, headline_end: int = 0) -> list[Cand]:
    """``Bupati Klaten Sri Mulyani``: the region after a regional title is a place and the rest the person,
    whatever the model or a name match made of the run. In a title-case headline (tokens before
    ``headline_end``) only the region is taken (``Tahan Wali Kota Medan Terkait Suap``: no person)."""
    for i in range(1, len(doc)):
        found = title_place_name(doc, i, headline=i < headline_end) if lower[i - 1] in REGIONAL_TITLES else None
        if found is None:
            continue
        spans = [found[0], *([found[1]] if found[1] and i >= headline_end else [])]
        lo, hi = spans[0][0], spans[-1][1]
        labels = dict(zip(spans, ("GPE", "PER"), strict=False))
        kept = [c for c in chosen if c.end <= lo or c.start >= hi
                or ((c.start, c.end) in labels and (c.kb or c.type == labels[c.start, c.end]))]
        have = {(c.start, c.end) for c in kept}
        for (a, b), label in labels.items():
            if (a, b) not in have:  # missing, or typed otherwise by the model ("Bupati [Sidoarjo]" as a person)
                kept.append(Cand(a, b, label, None, "rule:title-place" if label == "GPE" else "name:title"))
        chosen = kept
    return chosen


def _dateline_mention(doc: Doc, chosen: list[Cand], span: tuple[int, int]) -> None:
    """The dateline's place is a place mention: typed so when a mention covers it, added when none does."""
    from warta.nlp.geo import geocode

    a, b = span
    over = [c for c in chosen if c.start < b and c.end > a]
    if not over:
        text = doc[a:b].text
        if text.isupper() or geocode(text) is not None:  # "SURABAYA -", "Washington:", never "Presiden Jokowi:"
            chosen.append(Cand(a, b, "GPE", None, "rule:dateline"))
    elif len(over) == 1 and (over[0].start, over[0].end) == (a, b) and not over[0].kb and over[0].type != "GPE":
        over[0].type = "GPE"


def find_roles(doc: Doc, mentions: list[Cand], *, kb_types) -> list[RolePhrase]:
    """Role phrases before a country/organisation mention and/or a person's name."""
    starts = {c.start: i for i, c in enumerate(mentions)}
    covered = {t for c in mentions for t in range(c.start, c.end)}
    roles: list[RolePhrase] = []
    i, n = 0, len(doc)
    while i < n:
        found = None
        first = doc[i].lower_ if doc[i].lower_ in _ROLE_FIRST else clipped_role(doc[i])  # "Menter Luar Negeri"
        if first is None:
            i += 1
            continue
        for size in range(min(_ROLE_MAX, n - i), 0, -1):
            phrase = " ".join([first] + [t.lower_ for t in doc[i + 1:i + size]])
            if phrase in ROLE_PHRASES and not any(t in covered for t in range(i, i + size)):
                found = (size, ROLE_PHRASES[phrase])
                break
        if not found:
            i += 1
            continue
        size, (role, sector) = found
        j = i + size
        if i > 0 and doc[i - 1].lower_ in ("para", "kedua", "sejumlah", "beberapa", "mantan", "eks", "calon", "seorang"):
            i = j  # "para pemimpin Rusia": several people, or not the current holder
            continue
        j = skip_portfolio(doc, j, lambda t: t in covered)  # "Menteri Pemuda dan Olahraga"
        rp = RolePhrase(i, j, role, sector, None, None)
        k = starts.get(j)
        # a place the KB does not know still carries the title to the name after it ("Bupati [Garut] Rahmat")
        unknown_place = k is not None and mentions[k].type == "GPE" and not mentions[k].kb and not mentions[k].countries
        if k is not None and mentions[k].type in ("GPE", "ORG", "NORP") and (mentions[k].kb or mentions[k].countries
                                                                             or unknown_place):
            if not mentions[k].kb:  # "Juru Bicara Kementerian Pertahanan Tiongkok"
                rp.country = mentions[k].countries[0] if mentions[k].countries else None
            elif (etype_country := kb_types[mentions[k].kb])[0] == "GPE" or mentions[k].type == "GPE":
                rp.country = etype_country[1]
            else:
                rp.org, rp.country = mentions[k].kb, etype_country[1]
                if len(etype_country) > 2 and etype_country[2] and rp.role in (None, "chair"):
                    rp.sector = etype_country[2]  # "Ketua Umum Partai Gerindra": the party's sector
            rp.end = mentions[k].end
            if rp.end + 1 < n and doc[rp.end].lower_ == "untuk" and (p := starts.get(rp.end + 1)) is not None \
                    and mentions[p].type == "GPE":
                rp.end = mentions[p].end  # "Duta Besar RI untuk Jepang"
            # "Kapolres Garut AKBP Rudi": the rank is the person's
            k = starts.get(rp.end + rank_length([t.lower_ for t in doc[rp.end:rp.end + 3]]))
            if k is None and not unknown_place and rp.end + 1 < n and doc[rp.end].text == "," \
                    and (p := starts.get(rp.end + 1)) is not None and mentions[p].type == "PER":
                k = p  # "Juru Bicara Kementerian Pertahanan Tiongkok, Ren Guoqiang,"
        elif k is None and phrase_is_head_of_state(doc, i, j) and (i == 0 or doc[i - 1].lower_ != "mantan"):
            rp.country = "IDN"
        if k is not None and mentions[k].type == "PER":
            rp.person = k
        if rp.country or rp.org or rp.person is not None:
            roles.append(rp)
        i = max(rp.end, i + 1)
    return roles


def _kb_name_end(c: Cand | None, i: int) -> int | None:
    """The end of the KB country, body or demonym mention ``c`` when it starts at token ``i``."""
    return c.end if c is not None and c.start == i and c.type in ("GPE", "ORG", "NORP") else None
