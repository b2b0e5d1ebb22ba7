"""What ``mereka`` (they) stands for: the last party named before it, named or not. ``Ribuan buruh berunjuk rasa
… Mereka menolak …``: the workers, though no name was given; after a named party, that party. Used by the argument
rules (:mod:`warta.nlp.events.args`) and the tree's arguments (:mod:`warta.nlp.events.syntax`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.nlp.events import args as arg_rules

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: sectors of role nouns that name groups of people (``buruh``, ``mahasiswa``, ``tentara``), not an office held by
#: one person or a body (``presiden``, ``pengadilan``)
GROUP_SECTORS = frozenset({"CVL", "LAB", "EDU", "MIL", "COP", "REB", "JRN", "MED", "CRM", "REL"})
#: role nouns of those sectors that name a body, not its people
BODIES = frozenset({"universitas", "media", "kepolisian", "angkatan"})
#: how far back (tokens) an unnamed group is looked for; a named party is looked for as far as
#: :func:`~warta.nlp.events.args.recent_entities` looks
REACH = 60


def they(ctx: ArgContext, before: int) -> list[dict]:
    """The party ``mereka`` at token ``before`` points back to: the nearest before it of a named actor and an
    unnamed group of people (within :data:`REACH` tokens), else the last named actor."""
    for i in range(before - 1, max(0, before - REACH) - 1, -1):
        m = ctx.ent_at[i]
        if m >= 0:
            if arg_rules.is_actor_mention(ctx, ctx.mentions[m]):
                break  # a named party is nearer: recent_entities finds it
            continue
        w = ctx.lower[i]
        if arg_rules.ROLE_NOUNS.get(w) in GROUP_SECTORS and w not in BODIES:
            actor, _stop = arg_rules.role_actor(ctx, i, before)
            if actor is not None:
                return [actor | {"_how": "inferred"}]
    return arg_rules.recent_entities(ctx, before, None, 1)
