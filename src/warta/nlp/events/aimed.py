"""Parties an act's kind implies: the place an attack hits is its target (``serangan udara Israel di Jalur Gaza``
names no one attacked, but the place where a foreign force struck stands for who was; event data code the attacked
place's actor as the target, as GDELT and PETRARCH do); the police or army guarding a protest are not its
protesters. Used by the event coder (:mod:`warta.nlp.events.component`)."""

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


#: sectors of security forces: they guard, disperse or arrest a protest; they do not stage one
SECURITY = frozenset({"COP", "MIL"})


def protesters(src: list[dict], tgt: list[dict]) -> tuple[list[dict], list[dict]]:
    """A protest's parties without security forces as its protesters (``aksi unjuk rasa petani dijaga ratusan
    polisi``: the farmers protest; police and soldiers in Indonesia may not): those drop from the source, and when
    none is left, the civilians the role scorer made the target are the protesters."""
    kept = [a for a in src if a.get("sector") not in SECURITY]
    if kept or not src:
        return kept, tgt
    civil = [a for a in tgt if a.get("sector") not in SECURITY]
    return civil, [a for a in tgt if a not in civil]


def implied(ctx: ArgContext, typ: str, src: list[dict], tgt: list[dict], loc: dict | None,
            where: tuple[int, int, int]) -> tuple[list[dict], list[dict]]:
    """The source and target of an act of type ``typ`` with the parties its kind implies; ``where``: its sentence's
    first and end tokens and its trigger's first."""
    if typ == "PROTEST":
        return protesters(src, tgt)
    if typ == "ASSAULT" and not tgt:
        return src, attacked_place(ctx, loc, src, *where)
    return src, tgt

