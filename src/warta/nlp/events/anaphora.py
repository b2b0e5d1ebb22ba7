"""What ``mereka`` (they) stands for: the last party named before it, named or not. ``Ribuan buruh berunjuk rasa
… Mereka menolak …``: the workers, though no name was given; after a named party, that party. And what ``kedua
pihak`` after a verb stands for: the two parties named before its sentence. Used by the argument rules
(:mod:`warta.nlp.events.args`) and the tree's arguments (:mod:`warta.nlp.events.syntax`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.event_words import DUAL, STOP
from warta.nlp.events import args as arg_rules
from warta.nlp.events.forms import verb_form
from warta.nlp.events.titles import titled

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: sectors of role nouns that name groups of people (``buruh``, ``mahasiswa``, ``tentara``), not an office held by
#: one person or a body (``presiden``, ``pengadilan``)
GROUP_SECTORS = frozenset({"CVL", "LAB", "EDU", "MIL", "COP", "REB", "JRN", "MED", "CRM", "REL"})
#: role nouns of those sectors that name a body, not its people
BODIES = frozenset({"universitas", "media", "kepolisian", "angkatan"})
#: words that end the clause a possessive ``mereka`` stands in
CLAUSE_ENDS = STOP | {",", "dan", "serta"}
#: how far back (tokens) an unnamed group is looked for; a named party is looked for as far as
#: :func:`~warta.nlp.events.args.recent_entities` looks
REACH = 60


def they(ctx: ArgContext, before: int) -> list[dict]:
    """The party ``mereka`` at token ``before`` points back to: the nearest before it of a named actor and an
    unnamed group of people (within :data:`REACH` tokens), else the last named actor.

    A possessive ``mereka`` (after a noun: ``tuntutan mereka``) in a verb's object never means that verb's subject
    (``Kementerian tidak menanggapi tuntutan mereka``: the ministry ignores others' demands), so the subject of its
    own clause is passed over."""
    limit = before
    bound = before > 0 and ctx.lower[before - 1].isalpha() and not verb_form(ctx.lower[before - 1])
    verb_seen = False
    for i in range(before - 1, max(0, before - REACH) - 1, -1):
        m = ctx.ent_at[i]
        if m >= 0 and i >= limit:
            continue  # inside the subject passed over
        if m >= 0:
            if arg_rules.is_actor_mention(ctx, ctx.mentions[m]) and not _no_people(ctx, ctx.mentions[m]):
                if bound and verb_seen:  # the clause's own subject
                    bound, limit = False, ctx.mentions[m][0]
                    continue
                break  # a named party is nearer: recent_entities finds it
            continue
        w = ctx.lower[i]
        if w in CLAUSE_ENDS:
            bound = False
        verb_seen = verb_seen or verb_form(w)
        if arg_rules.ROLE_NOUNS.get(w) in GROUP_SECTORS and w not in BODIES:
            actor, _stop = arg_rules.role_actor(ctx, i, before)
            if actor is not None:
                return [actor | {"_how": "inferred"}]
    return [a for a in arg_rules.recent_entities(ctx, limit, None, 3) if not _region(ctx, a.get("entity"))][-1:]


def _region(ctx: ArgContext, eid: str | None) -> bool:
    """Whether the entity ``eid`` is a region inside a country (``Aceh``, ``Jawa Tengah``): ``mereka`` names people,
    groups and at most countries, never a province."""
    return eid is not None and ctx.ents.get(eid, {}).get("type") == "GPE" and bool(ctx.places.get(eid, {}).get("admin1"))


def _no_people(ctx: ArgContext, m: tuple[int, int, str]) -> bool:
    """Whether the mention ``m`` cannot be what ``mereka`` means: a region (:func:`_region`) or a place in someone's
    title (``kantor Gubernur [Aceh]``)."""
    return ctx.ents.get(m[2], {}).get("type") == "GPE" and (_region(ctx, m[2]) or titled(ctx.lower, m[0]))


#: prepositions of an act's other party (``menyerukan gencatan senjata kepada kedua pihak``, ``berunding dengan …``)
PARTY_PREPS = frozenset({"kepada", "dengan", "terhadap", "bagi", "oleh"})


def both_sides(ctx: ArgContext, i: int) -> list[dict]:
    """The parties ``kedua pihak``, ``kedua belah pihak`` or ``kedua negara`` (head noun at token ``i``) right after a
    verb or a preposition of a party (:data:`PARTY_PREPS`) stands for as whom the act is aimed at: the two named last
    before its sentence (``Qatar mendesak kedua pihak menahan diri`` after a report on two warring sides: the two
    sides, not the speaker's), or none when fewer are named."""
    w = ctx.lower[i]
    j = i - 2 if i > 1 and ctx.lower[i - 1] == "belah" else i - 1
    if w not in DUAL or j < 1 or ctx.lower[j] != "kedua" \
            or not (verb_form(ctx.lower[j - 1]) or ctx.lower[j - 1] in PARTY_PREPS):
        return []  # only the object right after its verb or preposition: "kedua pemimpin memuji …" names its two
    found = arg_rules.recent_entities(ctx, ctx.doc[i].sent.start, DUAL[w], 2)
    return found if len(found) == 2 else []
