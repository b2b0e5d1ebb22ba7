"""Who a nominal trigger names right after it (``serangan Rusia``, ``unjuk rasa ribuan mahasiswa``)."""

from __future__ import annotations

from warta.lang.id.clause import QUANTIFIERS
from warta.nlp.events import args as arg_rules
from warta.nlp.events.forms import HARM_TYPES


def doer_after(ctx: arg_rules.ArgContext, i: int, hi: int, event_type: str) -> int:
    """Where the doer that a nominal trigger ending at token ``i`` names right after it ends, or -1: a name
    (``serangan Rusia``, ``pertemuan Prabowo``), or, for acts other than harm or force, unnamed people, counted or
    not (``demo mahasiswa``, ``unjuk rasa ribuan buruh``, ``tuntutan para pengemudi``). After a noun of harm or force
    unnamed people are as often its victims (``penembakan warga``), so only a name is taken there."""
    if i >= hi:
        return -1
    if ctx.ent_at[i] >= 0:
        return ctx.mentions[ctx.ent_at[i]][1]
    if event_type in HARM_TYPES:
        return -1
    k = i + 1 if ctx.lower[i] in QUANTIFIERS else i
    if k >= hi or ctx.lower[k] not in arg_rules.ROLE_NOUNS:
        return -1
    actor, end = arg_rules.role_actor(ctx, k, hi)
    return end if actor is not None else -1
