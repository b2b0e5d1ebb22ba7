"""When an event happened: the time expression of its trigger's clause (:func:`date_of`), read by the event coder
(:mod:`warta.nlp.events.component`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from warta.io.dates import date_interval
from warta.lang.id.clause import DEMONSTRATIVES
from warta.lang.id.event_words import TEMPORAL_SUBORDINATORS
from warta.nlp.events.forms import verb_form
from warta.nlp.events.settings import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


def _in_relative_clause(ctx: ArgContext, trig_end: int, time_char: int) -> bool:
    """Whether a later time lies in a relative clause of what follows the trigger (``menolak penangguhan penahanan X,
    yang ditahan … pada akhir Agustus``, ``meninjau nota yang diteken kedua negara pada 1974``): a ``yang`` and its
    verb after the trigger's next word, with no comma before the time (one ends the clause: ``menangkap dua pria yang
    diduga mencuri motor, Senin (12/5)`` is the arrest's Monday); not the trigger noun's own (``pertemuan yang
    digelar pada Senin``). Read for a month or a year only: a day in such a clause is often the act's occasion too
    (``menembaki demonstran dalam unjuk rasa yang digelar pada Senin (8/9)``)."""
    a, b = bisect_left(ctx.idx, trig_end), bisect_left(ctx.idx, time_char)  # (a: the word after the trigger)
    yang = next((i for i in range(a + 1, b - 1) if ctx.lower[i] == "yang" and verb_form(ctx.lower[i + 1])), None)
    return yang is not None and "," not in ctx.lower[yang:b]


def _after_subordinator(ctx: ArgContext, trig_char: int, time_char: int) -> bool:
    """Whether a temporal conjunction (``setelah``, ``usai``, ``sejak`` …) lies between the trigger and a later time."""
    a, b = bisect_right(ctx.idx, trig_char), bisect_left(ctx.idx, time_char)
    return any(ctx.lower[i] in TEMPORAL_SUBORDINATORS for i in range(a, b))


#: words before a bare year that make it a time (``pada 2019``, ``sejak 2014``), not a word of a thing's name
YEAR_OPENERS = frozenset("""pada sejak tahun hingga sampai awal akhir pertengahan medio dan atau di dalam selama
    sebelum sesudah setelah usai menjelang jelang era periode mulai""".split())


def _names_year(ctx: ArgContext, s: int, t: int, rec: dict) -> bool:
    """Whether a bare year right after a word is that word's (``kesepahaman [1974]``, ``Pilpres [2024]``)."""
    if rec.get("precision") != "year" or not ctx.text[s:t].strip().isdigit():
        return False
    toks = ctx.tokens(s, t)
    if toks is None or toks[0] == 0:
        return False
    before = ctx.lower[toks[0] - 1]
    return before.isalpha() and before not in YEAR_OPENERS


def iso_day(value: str | None) -> date | None:
    """An ISO date's day (``2025-10-04``, or the first ten characters of a longer value), else None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _after(rec: dict, pub: date | None) -> bool:
    """Whether a time begins after the publication day (``pada 2035``, ``Selasa depan``)."""
    first = date_interval(rec.get("value"), rec.get("precision"))[0]
    return pub is not None and first is not None and first > pub.isoformat()


def date_of(ctx: ArgContext, times: list[tuple[int, int, dict]], trig_char: int, sent: tuple[int, int],
            attach: Callable[[int], str] | None = None, *, published: date | None = None,
            trig_end: int | None = None) -> dict | None:
    """The time expression of the trigger's clause, else the one nearest to it in the sentence (or None).

    ``attach(token)`` (from the parse) says whether a token hangs under the trigger (``"trigger"``), under
    another clause's verb (``"other"``: that clause's time, skipped) or is unknown. A time after the
    ``published`` day is a plan or a target (``menaikkan belanja pada 2035``), never when a reported act happened.
    """
    best, dist = None, None
    lo = bisect_left(times, (sent[0],))
    # "periode 2019-2020" names a term, not when something happened
    usable = [(s, t, rec) for s, t, rec in times[lo:lo + 50]
              if s < sent[1] and rec.get("value") is not None and rec.get("rule") != "year_range"
              and not _after(rec, published)]
    if len(usable) < 2:
        attach = None  # nothing to choose between: no parse needed
    for s, t, rec in usable:
        if s > trig_char and _after_subordinator(ctx, trig_char, s):
            continue  # "menyerang … usai jembatan runtuh pada Sabtu": Saturday is when the bridge fell
        if s > trig_char and rec.get("precision") != "day" \
                and _in_relative_clause(ctx, trig_char if trig_end is None else trig_end, s):
            continue  # "meninjau nota yang diteken pada 1974": 1974 is when the memorandum was signed
        if _names_year(ctx, s, t, rec):
            continue  # "nota kesepahaman 1974", "Pilpres 2024": the year of a thing's name, not when this happened
        d = abs(s - trig_char) if s >= trig_char else trig_char - t
        if attach is not None:
            toks = ctx.tokens(s, t)
            where = attach(toks[0]) if toks is not None else "unknown"
            if where == "other":
                continue
            d -= 10_000 if where == "trigger" else 0
        if dist is None or d < dist:
            best, dist = rec, d
    return best


#: how many days before publication a lead's date may lie to be the story's day
STORY_DAYS = 7
#: how far after a quote its cue may name when the words were said (``…,” ujar X di Batam, Minggu.``)
CUE_REACH = 200
#: words that make a time the bound of a span (``sejak Rabu (26/11)``, ``hingga 9 Desember``), not a day something happened
SPAN_BOUNDS = TEMPORAL_SUBORDINATORS | {"hingga", "sampai"}
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def event_date(ctx: ArgContext, times: list[tuple[int, int, dict]], trig_char: int, sent: tuple[int, int],
               quote: dict | None, attach: Callable[[int], str] | None, published: str | None,
               speakers: frozenset[str] = frozenset(), *, trig_end: int | None = None
               ) -> tuple[str | None, str | None, bool]:
    """An event's ``(date, precision, stated)``: the time of its clause (:func:`date_of`; in a direct quote, the
    quote's own day, else the day its cue names: ``“Kami menolak …,” ujar X, Minggu``). Else, inferred: the day the
    cue of the next sentence's quote names when the act's doer (``speakers``) or the speaker of its words says it
    (``X menyatakan …. “…,” kata X, Sabtu (23/8).``), a day told earlier in its paragraph (:func:`paragraph_date`),
    the story's day, or the publication date."""
    pub = iso_day(published)
    direct = quote is not None and quote.get("direct")
    t = date_of(ctx, times, trig_char, (quote["start"], quote["end"]) if quote is not None else sent, attach,
                published=pub, trig_end=trig_end)
    if direct and (t is None or t.get("precision") != "day"):
        t = _cue_day(ctx, times, quote["end"], pub) or t  # (an indirect quote's cue is before it: no day after)
    if t is not None:
        return t["value"], t.get("precision"), True
    who = speakers | ({quote["speaker"]} if quote is not None and quote.get("speaker") else set())
    said = _next_quote_day(ctx, times, sent[1], frozenset(who), pub) if who and not direct else None
    inferred = (said or {}).get("value") or paragraph_date(ctx, times, sent[0], pub) or ctx.story_date or published
    return inferred, ("day" if inferred else None), False


def paragraph_date(ctx: ArgContext, times: list[tuple[int, int, dict]], sent_start: int, pub: date | None,
                   ) -> str | None:
    """The last day stated before ``sent_start`` in its paragraph, within :data:`STORY_DAYS` before publication:
    a report tells what happened on a day in the sentences after the one that names it (``Massa berkumpul Senin
    (15/9). Polisi kemudian menembakkan gas air mata.``). A day that bounds a span (``sejak``, ``hingga``) is not
    one; a new paragraph may turn to another day."""
    if pub is None:
        return None
    lo = max(ctx.text.rfind("\n\n", 0, sent_start), ctx.title_end)
    best = None
    for s, t, rec in times[bisect_left(times, (lo,)):]:
        if s >= sent_start:
            break
        day = iso_day(rec.get("value")) if rec.get("precision") == "day" else None
        if day is None or not 0 <= (pub - day).days <= STORY_DAYS:
            continue
        toks = ctx.tokens(s, t)
        if toks is not None and SPAN_BOUNDS.intersection(ctx.lower[max(0, toks[0] - 3):toks[0] + 1]):
            continue
        best = rec["value"]
    return best


#: a first "sentence" shorter than this is a dateline cut short by the splitter (``ST.`` of ``ST. PETERSBURG``)
MIN_LEAD_CHARS = 40
#: how many tokens into a sentence a demonstrative makes it retell the lead's act (``Putusan tersebut dibacakan …``)
RETELL_REACH = 6


def story_date(ctx: ArgContext, times: list[tuple[int, int, dict]], published: str | None,
               sentences: list[tuple[int, int]]) -> str | None:
    """The day the story happened (``sentences``: the text's first sentences' characters): the first day-precise date
    of its lead (:func:`lead_span`), else of one of the next two sentences that retells the lead's act (``Putusan
    tersebut dibacakan … Rabu (11/6)``; not a date after ``setelah``/``sejak``, which goes back in time), within
    :data:`STORY_DAYS` before publication. News tells the statements around its main act on that day: an event with
    no date of its own takes it rather than the day the article was published."""
    if not published:
        return None
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return None
    lead = lead_span(ctx.text, sentences, ctx.title_end)
    after = [(a, b) for a, b in sentences if a >= lead[1]][:2]
    for k, (start, end) in enumerate([lead, *after]):
        first = bisect_left(ctx.idx, start)
        if k and not any(w in DEMONSTRATIVES for w in ctx.lower[first:first + RETELL_REACH]):
            continue  # a sentence after the lead that is about something else
        for s, _t, rec in times[bisect_left(times, (start,)):]:
            if s >= end:
                break
            if rec.get("precision") != "day" or not rec.get("value") or (k and _after_subordinator(ctx, start, s)):
                continue
            try:
                day = date.fromisoformat(rec["value"])
            except ValueError:
                continue
            if 0 <= (pub - day).days <= STORY_DAYS:
                return rec["value"]
    return None


def lead_span(text: str, sentences: list[tuple[int, int]], title_end: int) -> tuple[int, int]:
    """The characters of a text's lead: its first sentence after the title, with the next one when the first is a
    dateline cut short (``ST.`` of ``ST. PETERSBURG``); ``(0, 0)`` when there is none."""
    body = [(a, b) for a, b in sentences if a >= title_end][:2]
    if not body:
        return 0, 0
    start, end = body[0]
    if end - start < MIN_LEAD_CHARS and len(body) > 1 and text.find("\n", end, body[1][0]) < 0:
        end = body[1][1]
    return start, end


def historical(value: str | None, published: str | None, *, days: int = DEFAULT_SETTINGS.historical_days) -> bool:
    """Whether an event dated ``value`` ended more than ``days`` (a year) before the publication date."""
    _first, last = date_interval(value, None)
    if last is None or not published:
        return False
    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(last)).days > days
    except ValueError:
        return False


def _cue_day(ctx: ArgContext, times: list[tuple[int, int, dict]], quote_end: int, pub: date | None) -> dict | None:
    """The day the cue after a direct quote ending at ``quote_end`` names (``…,” ujar X di Batam, Minggu.``)."""
    m = _SENTENCE_END.search(ctx.text, quote_end)
    cue_end = min(m.end() if m else len(ctx.text), quote_end + CUE_REACH)
    said = date_of(ctx, times, quote_end, (quote_end, cue_end), published=pub)
    return said if said is not None and said.get("precision") == "day" else None


#: how many characters may part a sentence from the quote that follows it (``.`` and a paragraph break)
NEXT_QUOTE_GAP = 5


def _next_quote_day(ctx: ArgContext, times: list[tuple[int, int, dict]], sent_end: int, speakers: frozenset[str],
                    pub: date | None) -> dict | None:
    """The cue day of the direct quote that follows the sentence ending at ``sent_end``, when one of ``speakers``
    says it: a report gives a party's words, then quotes them with the day they were said."""
    k = bisect_left(ctx.quotes, (sent_end,))
    if k == len(ctx.quotes):
        return None
    s, e, q = ctx.quotes[k]
    if s - sent_end > NEXT_QUOTE_GAP or not q.get("direct") or q.get("speaker") not in speakers:
        return None
    return _cue_day(ctx, times, e, pub)
