"""When an event happened: the time expression of its trigger's clause (:func:`date_of`), read by the event coder
(:mod:`warta.nlp.events.component`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from warta.io.dates import date_interval
from warta.lang.id.clause import DEMONSTRATIVES
from warta.lang.id.event_words import TEMPORAL_SUBORDINATORS
from warta.nlp.events.settings import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


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


def date_of(ctx: ArgContext, times: list[tuple[int, int, dict]], trig_char: int, sent: tuple[int, int],
            attach: Callable[[int], str] | None = None) -> dict | None:
    """The time expression of the trigger's clause, else the one nearest to it in the sentence (or None).

    ``attach(token)`` (from the parse) says whether a token hangs under the trigger (``"trigger"``), under
    another clause's verb (``"other"``: that clause's time, skipped) or is unknown.
    """
    best, dist = None, None
    lo = bisect_left(times, (sent[0],))
    # "periode 2019-2020" names a term, not when something happened
    usable = [(s, t, rec) for s, t, rec in times[lo:lo + 50]
              if s < sent[1] and rec.get("value") is not None and rec.get("rule") != "year_range"]
    if len(usable) < 2:
        attach = None  # nothing to choose between: no parse needed
    for s, t, rec in usable:
        if s > trig_char and _after_subordinator(ctx, trig_char, s):
            continue  # "menyerang … usai jembatan runtuh pada Sabtu": Saturday is when the bridge fell
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
