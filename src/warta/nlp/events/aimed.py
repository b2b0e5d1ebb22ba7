"""The place an attack hits as its target: ``serangan udara Israel di Jalur Gaza`` names no one attacked, but the
place where a foreign force struck stands for who was (event data code the attacked place's actor as the target,
as GDELT and PETRARCH do). Used by the event coder (:mod:`warta.nlp.events.component`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.nlp.events import args as arg_rules

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


def attacked_place(ctx: ArgContext, loc: dict | None, src: list[dict], lo: int, hi: int, trig: int) -> list[dict]:
    """The target an attack without one takes from where it happened: the place its sentence states (``loc``, a
    ``di X`` of its clause), when every source is of another, known country (not a force in its own land:
    ``polisi menembakkan gas air mata di Jakarta`` targets no one named). Else no one."""
    if loc is None or not loc.get("entity") or not loc.get("country") or not src:
        return []
    if any(not a.get("country") or a.get("country") == loc["country"] for a in src):
        return []
    starts = [s for s, _e, eid in ctx.mentions if eid == loc["entity"] and lo <= s < hi]
    if not starts:
        return []  # a place of another sentence (the dateline's)
    start = min(starts, key=lambda s: abs(s - trig))
    return [arg_rules.entity_actor(ctx, loc["entity"], start) | {"_how": "place"}]
