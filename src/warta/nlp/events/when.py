"""When an event happened: the time expression of its trigger's clause (:func:`date_of`), read by the event coder
(:mod:`warta.nlp.events.component`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from warta.io.dates import date_interval
from warta.lang.id.event_words import TEMPORAL_SUBORDINATORS
from warta.nlp.events.settings import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


def _after_subordinator(ctx: ArgContext, trig_char: int, time_char: int) -> bool:
    """Whether a temporal conjunction (``setelah``, ``usai``, ``sejak`` …) lies between the trigger and a later time."""
    a, b = bisect_right(ctx.idx, trig_char), bisect_left(ctx.idx, time_char)
    return any(ctx.lower[i] in TEMPORAL_SUBORDINATORS for i in range(a, b))


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


def story_date(times: list[tuple[int, int, dict]], published: str | None, *, body_start: int, lead_end: int
               ) -> str | None:
    """The day the story happened: the first day-precise date of the lead (characters ``[body_start, lead_end)``,
    after the title) within :data:`STORY_DAYS` before publication (``Jakarta - … pada Senin (2/6)``), else None.
    News tells the statements around its main act on that day: an event with no date of its own takes it rather
    than the day the article was published."""
    if not published:
        return None
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return None
    for s, _t, rec in times:
        if s < body_start or rec.get("precision") != "day" or not rec.get("value"):
            continue
        if s >= lead_end:
            break
        try:
            day = date.fromisoformat(rec["value"])
        except ValueError:
            continue
        if 0 <= (pub - day).days <= STORY_DAYS:
            return rec["value"]
    return None


def historical(value: str | None, published: str | None, *, days: int = DEFAULT_SETTINGS.historical_days) -> bool:
    """Whether an event dated ``value`` ended more than ``days`` (a year) before the publication date."""
    _first, last = date_interval(value, None)
    if last is None or not published:
        return False
    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(last)).days > days
    except ValueError:
        return False
