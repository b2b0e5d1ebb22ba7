"""Where an event happened when its own clause names no place (:func:`news_place`), read by the event coder
(:mod:`warta.nlp.events.component`) after :func:`warta.nlp.events.args.location_of`."""

from __future__ import annotations

from bisect import bisect_left
from datetime import timedelta
from typing import TYPE_CHECKING

from warta.io.dates import date_interval
from warta.nlp.events.when import STORY_DAYS, iso_day

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: the country of the newsrooms warta reads: a dateline there (``Jakarta, CNN Indonesia --``) on a report of
#: parties all from abroad names where it was written, not where it happened (a dateline abroad, ``ISTANBUL,
#: KOMPAS.com -``, is where the reporter saw it)
HOME_COUNTRY = "IDN"
#: entity types that are places
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def lead_places(ctx: ArgContext, lead: tuple[int, int]) -> list[dict]:
    """The places the lead (characters ``lead``) names after ``di``/``dalam`` (``… di Gedung Putih, Washington``),
    in order, without the dateline's."""
    first, last = bisect_left(ctx.idx, lead[0]), bisect_left(ctx.idx, lead[1])
    out = []
    for s, _t, eid in ctx.mentions[bisect_left(ctx.starts, first):]:
        if s >= last:
            break
        if (ctx.ents[eid].get("type") in PLACE_TYPES and s > 0 and ctx.lower[s - 1] in ("di", "dalam")
                and not ctx.dateline_span[0] <= s < ctx.dateline_span[1]):
            out.append(place_record(ctx, eid))
    return out


def place_record(ctx: ArgContext, eid: str) -> dict:
    """An event's ``location`` for the place entity ``eid``: its name, country and coordinates."""
    e, p = ctx.ents[eid], ctx.places.get(eid, {})
    return {"entity": eid, "name": e["name"], "country": p.get("country") or e.get("country"),
            "lat": p.get("lat"), "lon": p.get("lon")}


def _of_the_days(value: str | None, published: str | None) -> bool:
    """Whether a stated date reaches into the :data:`~warta.nlp.events.when.STORY_DAYS` before publication."""
    first, last = date_interval(value, None)
    pub = iso_day(published)
    return None not in (first, last, pub) and first <= pub.isoformat() \
        and last >= (pub - timedelta(days=STORY_DAYS)).isoformat()


def news_place(ctx: ArgContext, date_value: str | None, stated: bool, published: str | None,
               actors: list[dict], story: list[dict]) -> dict | None:
    """The place of an event whose clause names none: news of the days (undated, or dated within a week before
    publication) happens where the dateline says; but a home dateline on an act between parties all from abroad
    gives way to the first place the lead (``story``: :func:`lead_places`) names in one of their countries."""
    if ctx.dateline is None or (stated and not _of_the_days(date_value, published)):
        return None
    countries = {a.get("country") for a in actors} - {None, "IGO"}
    if ctx.dateline.get("country") != HOME_COUNTRY or not countries or HOME_COUNTRY in countries:
        return ctx.dateline
    return next((p for p in story if p["country"] in countries), None)
