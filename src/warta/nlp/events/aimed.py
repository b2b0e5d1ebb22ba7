"""Parties an act's kind implies: the place an attack hits is its target (``serangan udara Israel di Jalur Gaza``
names no one attacked, but the place where a foreign force struck stands for who was; event data code the attacked
place's actor as the target, as GDELT and PETRARCH do); the police or army guarding a protest are not its
protesters. Used by the event coder (:mod:`warta.nlp.events.component`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.event_words import OBSTRUCT_LEMMAS
from warta.lang.id.names import BUILDING_HEADS, POSITION_WORDS
from warta.lang.id.roles import ROLE_WORDS
from warta.nlp.events import args as arg_rules
from warta.nlp.events.addresses import named_person
from warta.nlp.events.forms import verb_form

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


#: words of a seat's name before the body it houses (``Gedung DPR``, ``Markas Komando Brimob``, ``kantor Kejati``)
SEAT_WORDS = BUILDING_HEADS | {"komando", "besar", "pusat"}


def protested_body(ctx: ArgContext, lo: int, hi: int) -> list[dict]:
    """Whom a protest before a seat of power (``di depan Gedung DPR``, ``di depan kantor Kejati``, ``di depan
    Istana``) in its sentence (tokens ``lo``-``hi``) is aimed at: the body the seat's name names, when the text names
    that body elsewhere (``DPR``); before a palace, its country's government. Else no one: a protest merely *at* a
    place (``di Monas``) is against no one the place names (:func:`protested_government`)."""
    for i in range(lo, hi - 2):
        if ctx.lower[i] != "di" or ctx.lower[i + 1] not in POSITION_WORDS:
            continue
        k = i + 2
        while k < hi and ctx.lower[k] in SEAT_WORDS and ctx.ent_at[k] < 0:
            k += 1  # "kantor [Kejati Sumbar]": a seat's word outside the name
        m = ctx.ent_at[k] if k < hi else -1
        if m < 0 or ctx.mentions[m][0] != k:
            continue
        s, t, eid = ctx.mentions[m]
        own = 0  # the seat's words inside the name ("[Gedung] DPR", "[Markas Komando] Brimob")
        while s + own < t - 1 and ctx.lower[s + own] in SEAT_WORDS:
            own += 1
        heads = ctx.lower[i + 2:k] + ctx.lower[s:s + own]
        if not heads:
            continue
        if "istana" in heads:
            return _government(ctx, ctx.ents[eid].get("country"))
        body = ctx.text[ctx.idx[s + own]:ctx.ends[t - 1]].split("/")[0].casefold()  # "Gedung DPR/MPR": the DPR
        for a, b, other in ctx.mentions:
            if other != eid and ctx.ents[other].get("type") == "ORG" and body in (
                    ctx.ents[other]["name"].casefold(), ctx.text[ctx.idx[a]:ctx.ends[b - 1]].casefold()):
                return [arg_rules.entity_actor(ctx, other, a) | {"_how": "implied"}]
        return []
    return []


def _government(ctx: ArgContext, country: str | None) -> list[dict]:
    """The government of ``country``: its entity when the text names the country, else an unnamed one."""
    if not country:
        return []
    for _a, _b, eid in ctx.mentions:
        if ctx.ents[eid].get("kb") == f"cty:{country.lower()}":  # the country itself, not "mahasiswa [Serbia]"
            return [{"name": ctx.ents[eid]["name"], "country": country, "sector": "GOV", "entity": eid,
                     "_how": "implied"}]
    return [{"name": "pemerintah", "country": country, "sector": "GOV", "entity": None, "_how": "implied"}]


def protested_government(ctx: ArgContext, src: list[dict], loc: dict | None) -> list[dict]:
    """Whom a protest naming no one is aimed at: the government of the protesters' country (of the place, when
    their country is unknown), as event data code it (gold articles: most protests without a named target are
    coded against the government, ``demonstran`` → ``Serbia``); none for a government's own protest."""
    if any(a.get("sector") == "GOV" for a in src):
        return []
    homes = {a.get("country") for a in src} - {None, "IGO"}
    home = next(iter(homes)) if len(homes) == 1 else None if homes else (loc or {}).get("country")
    return _government(ctx, home)


#: sectors of civilian crowds (residents, students, workers): when they damage or block, they protest
CROWDS = frozenset({"CVL", "EDU", "LAB"})


def crowd_protest(typ: str, mode: str | None, lemma: str, src: list[dict]) -> tuple[str, str | None]:
    """The type and mode of an act by civilians only: damage (``massa merusak pos polisi``) and blocking
    (``mahasiswa memblokade jalan``) are a protest (PLOVER PROTEST modes ``vandalize``, ``obstruct``: own gold
    articles code 7 such acts of civilians as PROTEST, 2 as ASSAULT); anyone else's are what their row says."""
    if not src or any(a.get("sector") not in CROWDS for a in src):
        return typ, mode
    if typ == "ASSAULT" and mode == "destroy":
        return "PROTEST", "vandalize"
    if typ == "COERCE" and lemma in OBSTRUCT_LEMMAS:
        return "PROTEST", "obstruct"
    return typ, mode


def is_country(ctx: ArgContext, actor: dict) -> bool:
    """Whether ``actor`` is a country itself (its knowledge-base entity), not a body or person of it."""
    eid = actor.get("entity")
    return bool(eid) and ctx.ents[eid].get("kb") == f"cty:{(actor.get('country') or '').lower()}"


#: sectors of a state's own bodies: its government (officials, ministries) and its armed forces
STATE_SECTORS = frozenset({"GOV", "MIL"})


def governs(actor: dict) -> str | None:
    """The country whose state ``actor`` is or is part of (an official, a ministry, its armed forces), else None."""
    return actor.get("country") if actor.get("sector") in STATE_SECTORS else None


def not_own_country(ctx: ArgContext, tgt: list[dict], src: list[dict]) -> list[dict]:
    """``tgt`` less the country a source governs: a government's act is not aimed at its own country (``Menlu X
    memperingatkan bahwa <its capital> akan …`` names its own side); its critics' may be (``LSM mengkritik
    Indonesia``)."""
    own = {governs(a) for a in src} - {None}
    return [a for a in tgt if not (a.get("country") in own and is_country(ctx, a))]


def implied(ctx: ArgContext, typ: str, src: list[dict], tgt: list[dict], loc: dict | None,
            where: tuple[int, int, int]) -> tuple[list[dict], list[dict]]:
    """The source and target of an act of type ``typ`` with the parties its kind implies; ``where``: its sentence's
    first and end tokens and its trigger's first."""
    if typ == "PROTEST":
        src, tgt = protesters(src, tgt)
        return src, tgt or protested_body(ctx, where[0], where[1]) or protested_government(ctx, src, loc)
    if typ == "ASSAULT" and not tgt:
        return src, attacked_place(ctx, loc, src, *where)
    return src, tgt


#: acts aimed at what someone put forward: a plan, an offer, a proceeding
AIMED_AT_PROPOSER = frozenset({"REJECT", "SUPPORT", "ACCUSE", "PROTEST"})
#: words between ``yang`` and its passive verb that keep the agent right after the verb (``yang belakangan dilontarkan
#: X``, ``yang sebelumnya diajukan X``)
BEFORE_PASSIVE = frozenset({"belakangan", "sebelumnya", "telah", "sudah", "pernah", "baru", "juga", "sempat"})
#: how many tokens after the trigger the object's relative clause may begin
PROPOSAL_REACH = 14
#: tokens that end the object: its relative clause must come before them
OBJECT_ENDS = frozenset({",", ".", ";", ":", "(", ")", '"', "“", "”", "dan", "serta", "tetapi", "namun", "karena"})


def proposer(ctx: ArgContext, typ: str, end: int, hi: int) -> list[dict]:
    """Who put forward what a rejection, support or criticism is about, when the object's relative clause names them
    (``menolak rencana relokasi yang digagas BP Batam``, ``mendukung proses hukum yang dilakukan KPK``): the act is
    aimed at them, not at the people or places the object names; none when no such clause follows (``end``: the
    trigger's end token, ``hi``: its sentence's)."""
    if typ not in AIMED_AT_PROPOSER:
        return []
    for y in range(end + 1, min(hi, end + PROPOSAL_REACH)):  # (not the trigger's own: "tuduhan yang dibantah X")
        if ctx.lower[y] in OBJECT_ENDS:
            return []
        if ctx.lower[y] != "yang":
            continue
        k = y + 1
        while k < hi and ctx.lower[k] in BEFORE_PASSIVE:
            k += 1
        if k >= hi or not (ctx.lower[k].startswith("di") and verb_form(ctx.lower[k])):
            return []
        k += 1
        if k < hi and ctx.lower[k] == "oleh":
            k += 1
        while k < hi and ctx.lower[k] in ROLE_WORDS and ctx.ent_at[k] < 0:
            k += 1  # the title before a name ("dilontarkan Presiden …")
        m = arg_rules.mention_at(ctx, k) if k < hi else None
        if m is None or not arg_rules.is_actor_mention(ctx, m):
            return []
        m = named_person(ctx, m, hi=hi)  # "Presiden Amerika Serikat Donald Trump": the person, not the country
        return [arg_rules.entity_actor(ctx, m[2], m[0])]
    return []
