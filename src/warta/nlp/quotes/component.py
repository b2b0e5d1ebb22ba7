"""Direct and indirect quotes with their speakers (component ``warta_quotes``).

Direct quotes are text between quote marks (“…”, "…", «…», normalised to ``"``), paired by
direction within a paragraph; a quote left open at a paragraph end continues when the next
paragraph opens with a quote mark. Quoted fragments without a speech cue in their sentence
and no sentence of their own are scare quotes and are skipped. Indirect quotes are
``X mengatakan (bahwa) …``, ``Menurut X, …`` and ``…, kata X``. Cue verbs live in
``warta/data/cues.tsv``; speakers are resolved by :mod:`warta.nlp.quotes.speakers`.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc

from warta.lang.id.datelines import match_dateline
from warta.nlp.extensions import SentenceIndex, register_extensions
from warta.nlp.quotes.marks import mark_roles
from warta.nlp.quotes.speakers import SpeakerResolver

log = logging.getLogger(__name__)

#: Longest direct quote kept, in characters; longer ones are skipped with a note (default of the
#: component's ``max_quote_chars``).
MAX_QUOTE_CHARS = 6000
#: Quoted fragments shorter than this (in words) need a cue in their sentence (``min_free_words``).
MIN_FREE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue verb from the data file."""

    form: str
    kind: str  # speech, write, belief, report
    position: str  # before, after, both
    clitic: bool


@cache
def load_cues() -> dict[str, Cue]:
    """The cue verbs (``warta/data/cues.tsv``), validated once."""
    path = resources.files("warta").joinpath("data/cues.tsv")
    cues: dict[str, Cue] = {}
    rows = [line for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    for lineno, row in enumerate(csv.DictReader(rows, delimiter="\t"), start=2):
        form, kind, position, clitic = row["form"], row["kind"], row["position"], row["clitic"]
        if kind not in ("speech", "write", "belief", "report") or position not in ("before", "after", "both") \
                or clitic not in ("yes", "no"):
            raise ValueError(f"{path}: row {lineno} ({form!r}): bad kind/position/clitic")
        cues[form] = Cue(form, kind, position, clitic == "yes")
    return cues


@Language.factory("warta_quotes", assigns=["doc._.warta_quotes", "doc._.warta_quote_notes"],
                  requires=["token.is_sent_start", "doc._.warta_entities"],
                  default_config={"max_quote_chars": MAX_QUOTE_CHARS, "min_free_words": MIN_FREE_WORDS})
def make_quotes(nlp: Language, name: str, max_quote_chars: int, min_free_words: int) -> QuoteFinder:
    """Factory of the quote finder (``max_quote_chars``: longest direct quote kept; ``min_free_words``:
    shorter quoted fragments need a cue in their sentence)."""
    return QuoteFinder(max_quote_chars=max_quote_chars, min_free_words=min_free_words)


@dataclass(slots=True)
class RawQuote:
    start: int  # token index of the first quoted token
    end: int  # token index after the last quoted token
    direct: bool
    cue: str | None = None
    cue_token: int | None = None
    speaker: str | None = None


@dataclass(slots=True, frozen=True)
class _Counts:
    """Prefix counts over a Doc's tokens (``words[i]``: alphabetic tokens before token ``i``; ``cues``:
    speech cue words), so a count over any token range is one subtraction."""

    words: list[int]
    cues: list[int]

    def between(self, what: str, start: int, end: int) -> int:
        prefix = getattr(self, what)
        return prefix[max(start, end)] - prefix[start]


class QuoteFinder:
    """``Doc → Doc``: ``doc._.warta_quotes`` records with speaker entity ids."""

    def __init__(self, *, max_quote_chars: int = MAX_QUOTE_CHARS, min_free_words: int = MIN_FREE_WORDS) -> None:
        register_extensions()
        self.cues = load_cues()
        self.max_quote_chars = max_quote_chars
        self.min_free_words = min_free_words

    def __call__(self, doc: Doc) -> Doc:
        notes: list[str] = []
        sents = SentenceIndex(doc)
        direct = self._direct(doc, notes, sents)
        indirect = self._indirect(doc, direct, sents)
        quotes = sorted(direct + indirect, key=lambda q: q.start)
        SpeakerResolver(doc, self.cues, sents).resolve(quotes)
        records = []
        for n, q in enumerate(quotes, start=1):
            last = doc[q.end - 1]
            records.append({"id": f"q{n}", "start": doc[q.start].idx, "end": last.idx + len(last), "direct": q.direct,
                            "speaker": q.speaker, "cue": q.cue})
        doc._.warta_quotes = records
        doc._.warta_quote_notes = notes
        return doc

    # -- direct ----------------------------------------------------------------------------
    def _direct(self, doc: Doc, notes: list[str], sents: SentenceIndex) -> list[RawQuote]:
        marks = [t.i for t in doc if t.text == '"']
        quotes: list[RawQuote] = []
        open_at: int | None = None
        para_at: int | None = None  # where the open quote's current paragraph began
        roles = mark_roles(doc)
        for i in marks:
            opening = roles[i]
            if open_at is None:
                if opening:
                    open_at = para_at = i
                continue
            if _paragraph_break(doc, para_at, i):
                if opening and _starts_paragraph(doc, i):
                    para_at = i  # the quote runs on into this paragraph
                    continue
                self._add(doc, quotes, open_at + 1, _paragraph_end(doc, para_at), notes)
                open_at = para_at = i if opening else None
                continue
            if opening:
                # two openings in a row: the first one never closed
                self._add(doc, quotes, open_at + 1, sents.bounds(open_at)[1], notes)
                open_at = para_at = i
                continue
            self._add(doc, quotes, open_at + 1, i, notes)
            open_at = para_at = None
        if open_at is not None:
            notes.append(f"quote mark at character {doc[open_at].idx} never closes; quoted to paragraph end")
            self._add(doc, quotes, open_at + 1, _paragraph_end(doc, para_at), notes)
        if not quotes:
            return quotes
        strings = doc.vocab.strings
        cue_at = [int(self._speech_word(strings[int(k)])) for k in doc.to_array("LOWER")]
        counts = _Counts(words=[0, *accumulate(int(a) for a in doc.to_array("IS_ALPHA"))], cues=[0, *accumulate(cue_at)])
        return [q for q in quotes if self._keep(doc, q, sents, counts)]

    def _add(self, doc: Doc, quotes: list[RawQuote], start: int, end: int, notes: list[str]) -> None:
        while start < end and doc[start].is_space:
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].text == '"'):
            end -= 1
        if end <= start:
            return
        if doc[end - 1].idx + len(doc[end - 1]) - doc[start].idx > self.max_quote_chars:
            notes.append(f"skipped quote at character {doc[start].idx}: longer than {self.max_quote_chars} characters")
            return
        quotes.append(RawQuote(start, end, True))

    def _speech_word(self, low: str) -> bool:
        cue = self.cues.get(low)
        return (cue is not None and cue.kind != "report") or low in ("lapor", "melaporkan")

    def _keep(self, doc: Doc, q: RawQuote, sents: SentenceIndex, counts: _Counts) -> bool:
        """A long enough quote, one that ends like a sentence, or one with a cue in its sentence outside it."""
        if counts.between("words", q.start, q.end) >= self.min_free_words or doc[q.end - 1].text in (".", "!", "?", ","):
            return True
        start, end = sents.bounds(q.start)
        return counts.between("cues", start, end) > counts.between("cues", max(start, q.start), min(end, q.end))

    # -- indirect --------------------------------------------------------------------------
    def _indirect(self, doc: Doc, direct: list[RawQuote], sents: SentenceIndex) -> list[RawQuote]:
        quoted = {t for q in direct for t in range(q.start - 1, q.end + 1)}
        direct_sents = {sents.bounds(q.start)[0] for q in direct}
        title_end = _title_end(doc)
        found: list[RawQuote] = []
        body_first = next((start for start, _end in sents.spans if start >= title_end), -1)
        for start, end in sents.spans:
            if start in direct_sents or start < title_end:
                continue  # headlines paraphrase; their reported speech is told again in the body
            q = self._indirect_in(doc, doc[start:end], quoted, first=start == body_first)
            if q:
                found.append(q)
        return found

    def _indirect_in(self, doc: Doc, sent, quoted: set[int], *, first: bool = False) -> RawQuote | None:
        toks = [t for t in sent if not t.is_space]
        if first and (m := match_dateline(sent.text[:120])):  # "GAZA, KOMPAS.com - …, kata X": not the words
            toks = [t for t in toks if t.idx >= sent.start_char + m.end()]
        if len(toks) < 4:
            return None
        first = toks[0]
        # Menurut X, CLAUSE; Menurutnya, CLAUSE
        if first.lower_ in ("menurut", "menurutnya"):
            comma = next((t.i for t in toks[1:8] if t.text == ","), None)
            if comma is not None and comma + 1 < toks[-1].i:
                return RawQuote(comma + 1, _strip_end(doc, toks[-1].i + 1), False, "menurut", first.i)
            return None
        # CLAUSE, kata X.
        for t in toks[2:]:
            cue = self.cues.get(t.lower_)
            if cue and (cue.position == "after" or cue.form == "kata") and cue.kind != "report" \
                    and doc[t.i - 1].text == "," \
                    and t.i not in quoted and t.i - 1 > toks[0].i:
                return RawQuote(toks[0].i, t.i - 1, False, t.lower_, t.i)
        # X mengatakan (bahwa) CLAUSE
        for t in toks[1:-2]:
            cue = self.cues.get(t.lower_)
            if not cue or cue.position not in ("before", "both") or cue.kind == "report" or t.i in quoted \
                    or t.lower_ in ("menurut", "kata") or not t.lower_.startswith(("me", "ber")):
                continue
            start = t.i + 1
            while start < toks[-1].i and doc[start].lower_ in ("bahwa", ":", ",", "kembali", "lagi", "pula"):
                start += 1
            end = _strip_end(doc, toks[-1].i + 1)
            if end - start >= 2:
                return RawQuote(start, end, False, t.lower_, t.i)
            return None
        return None


def _title_end(doc: Doc) -> int:
    """Token index where the title line ends (0 when the article has no title line)."""
    if not doc._.warta_has_title:
        return 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            return t.i
    return len(doc)


def _strip_end(doc: Doc, end: int) -> int:
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ")":
        end -= 1
    return end


def _paragraph_break(doc: Doc, a: int, b: int) -> bool:
    return any(t.is_space and "\n" in t.text for t in doc[a:b])


def _starts_paragraph(doc: Doc, i: int) -> bool:
    return i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _paragraph_end(doc: Doc, i: int) -> int:
    for t in doc[i:]:
        if t.is_space and "\n" in t.text:
            return t.i
    return len(doc)

