"""Where, not who: names inside a place phrase. A name after a locative preposition (``di KPU``, ``di depan kantor
KPU``) says where something happens, and a place after a comma continues its address (``di Gedung DPR, Senayan,
Jakarta``); such names are no parties of the act (:mod:`warta.nlp.events.args`, :mod:`warta.nlp.events.syntax`).
An office after ``selaku`` (``Indonesia selaku ketua ASEAN``) is the capacity of the name before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.clause import CHANNEL_WORDS, QUANTIFIERS, ROUTE_PREPS
from warta.lang.id.event_words import LOCATIVE_PREPS
from warta.lang.id.names import ADDRESS_HEADS, PLACE_HEADS
from warta.lang.id.roles import GROUP_ADJECTIVES, RANK_TOKENS, RESIDENTS
from warta.lang.id.weekdays import WEEKDAYS

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: words that introduce the office someone acts in (``Indonesia selaku ketua ASEAN``)
CAPACITY_WORDS = frozenset({"selaku"})


def addresses(lower: list[str], mentions: list[tuple[int, int, str]], by_id: dict[str, dict],
              regions: frozenset[str] = frozenset()) -> frozenset[int]:
    """Starts of the mentions that continue an address after a comma: a country or city (``di Gedung DPR,
    Jakarta``, ``di Masjid Sunda Kelapa, Menteng, Jakarta Pusat``; on events-id/train 70 such mentions, none a
    party), or any other name between the place and another place or the weekday (``di Gedung DPR, Senayan,
    Jakarta, Kamis``: the KB knows ``Senayan`` as a name of the parliament, here it is its district); places
    joined to a place (``warga di Iran dan Israel``) are places too. A list without a place word before it (``AS,
    Jerman dan Inggris``) is not an address. A region after a body's bracketed short form is the body's branch
    (``LBH (…) Yogyakarta``), no party of its own. A region (``regions``: entity ids of places inside a country)
    after a comma continues the home of the people or the unit named before it (``warga Kampung X, Kabupaten Y,
    …``, ``Desa X, Kecamatan Y``): the people act, their province does not."""
    kind_at = {s: by_id[eid].get("type") for s, _t, eid in mentions}
    place_ends: set[int] = set()
    after_prep: set[int] = set()  # ends of places a preposition introduces: "di Iran dan Israel"
    org_ends: dict[int, str | None] = {}  # where organisations' names end: their countries
    out: set[int] = set()
    home_ends: set[int] = set()  # ends of the places people are named from ("warga [Desa X]")
    for s, t, eid in mentions:
        kind = by_id[eid].get("type")
        place = kind in ("FAC", "LOC") or (kind == "GPE" and s > 0 and lower[s - 1] in LOCATIVE_PREPS)
        if not place and located(lower, s):
            place_ends.add(t)  # "di depan kantor KPU, Jakarta Pusat": KPU may be a party, Jakarta Pusat is its address
        elif kind == "GPE" and (lower[s] in PLACE_HEADS or (s > 0 and lower[s - 1] in RESIDENTS)):
            home_ends.add(t)  # "warga Desa X": where they live; a region after it continues the address
        if kind == "GPE" and eid in regions and s >= 2 and lower[s - 1] == "," \
                and (s - 1 in home_ends or _unit_before(lower, s - 1)):
            out.add(s)
            home_ends.add(t)
            continue
        joined = s >= 2 and ((lower[s - 1] == "," and s - 1 in place_ends)
                             or (lower[s - 1] in ("dan", "serta") and (s - 1 in after_prep or (
                                 lower[s - 2] == "," and s - 2 in after_prep))))  # "di A, B, dan C"
        if not place and joined and (kind == "GPE" or (t + 1 < len(lower) and lower[t] == "," == lower[s - 1] and (
                kind_at.get(t + 1) == "GPE" or lower[t + 1] in WEEKDAYS))):
            place = True
            out.add(s)
        if place:
            place_ends.add(t)
            if located(lower, s) or s in out:
                after_prep.add(t)
        elif kind == "GPE" and _branch(lower, s, org_ends, by_id[eid].get("country")):
            out.add(s)  # "Aliansi Jurnalis Independen (AJI) Makassar", "Walhi Kalbar": the body's branch, not the city
        if kind == "ORG":
            org_ends[t] = by_id[eid].get("country")
    return frozenset(out)


def _unit_before(lower: list[str], comma: int) -> bool:
    """Whether a unit's name the NER missed ends at ``comma`` (``Desa Sukamaju,``, ``Kecamatan X Y,``)."""
    for j in range(comma - 2, max(0, comma - 4) - 1, -1):
        if lower[j] in PLACE_HEADS:
            return all(w.isalpha() for w in lower[j + 1:comma])
    return False


def _branch(lower: list[str], s: int, org_ends: dict[int, str | None], country: str | None) -> bool:
    """Whether the place at ``s`` names an organisation's branch: right after its short form in brackets (``LBH
    (…) Yogyakarta``, ``Satuan Polisi Pamong Praja (Satpol PP) DKI Jakarta``), or right after the name of a body of
    the place's own country (``Walhi Kalbar``; not ``Uni Eropa Indonesia``)."""
    if s in org_ends:
        return country is not None and org_ends[s] == country
    if s < 3 or lower[s - 1] != ")":
        return False
    opened = next((k for k in range(s - 2, max(0, s - 5) - 1, -1) if lower[k] == "("), None)
    return opened is not None and (opened in org_ends or s - 1 in org_ends)


def located(lower: list[str], s: int) -> bool:
    """Whether the name at ``s`` follows a locative preposition, directly or through building words (``di KPU``,
    ``di depan kantor KPU``)."""
    j = s - 1
    while j >= max(0, s - 3) and lower[j] in ADDRESS_HEADS:
        j -= 1
    return j >= 0 and lower[j] in LOCATIVE_PREPS


def capacity(lower: list[str], s: int, floor: int) -> int | None:
    """The ``selaku`` before the name at ``s`` (within three words: ``selaku ketua ASEAN``) that makes it the office
    of the name before it, else None."""
    for j in range(s - 1, max(floor, s - 4) - 1, -1):
        if lower[j] in CAPACITY_WORDS:
            return j
    return None


def origin(lower: list[str], i: int, floor: int, people: frozenset[str] | dict) -> int | None:
    """Where ``dari`` stands when the noun at ``i`` is where the people named before it come from (``mahasiswa dari
    berbagai universitas``, past quantifiers), else None: the people act, their campus does not."""
    j = i - 1
    while j > floor and lower[j] in QUANTIFIERS:
        j -= 1
    return j if j > floor and lower[j] == "dari" and lower[j - 1] in people else None


#: words between a noun of residents and their place (``warga adat Raja Ampat``, ``warga sipil Gaza``)
RESIDENT_MODIFIERS = frozenset({"adat", "asli", "sipil", "setempat", "keturunan", "negara"})


def residents_at(lower: list[str], s: int) -> int | None:
    """Where the noun of residents stands whose place is the name at ``s`` (``warga Bekasi``, ``warga adat Raja
    Ampat``), else None."""
    if s > 0 and lower[s - 1] in RESIDENTS:
        return s - 1
    return s - 2 if s > 1 and lower[s - 1] in RESIDENT_MODIFIERS and lower[s - 2] in RESIDENTS else None


def group_country(ctx: ArgContext, i: int, hi: int) -> str | None:
    """The country of the unnamed group whose noun is token ``i``, from the country or place named right after it
    (``pihak berwenang Serbia``, ``semua pihak di Kamerun``, ``pihak yang bertikai di Myanmar``), else None."""
    j = i + 1
    while j < hi and (ctx.lower[j] in GROUP_ADJECTIVES or (ctx.lower[j] == "yang" and j + 1 < hi
                                                            and ctx.lower[j + 1] in GROUP_ADJECTIVES)):
        j += 1
    j = group_home(ctx, j, hi)
    k = ctx.ent_at[j] if j < hi else -1
    if k < 0 or ctx.mentions[k][0] != j:
        return None
    e = ctx.ents[ctx.mentions[k][2]]
    return e.get("country") if e.get("type") in ("GPE", "NORP") else None


def group_home(ctx: ArgContext, j: int, hi: int) -> int:
    """``j + 1`` when token ``j`` is the ``di`` of a place named right after it (``warga [di] Gaza``), else ``j``."""
    k = ctx.ent_at[j + 1] if j + 1 < hi and ctx.lower[j] == "di" else -1
    return j + 1 if k >= 0 and ctx.mentions[k][0] == j + 1 and ctx.ents[ctx.mentions[k][2]].get("type") == "GPE" else j


def routed(lower: list[str], s: int, floor: int) -> bool:
    """Whether the name at token ``s`` is a route or channel: right after ``melalui``/``lewat``/``via``, or after one
    and the words of a channel (``melalui juru bicaranya X``, ``melalui platform Truth Social``): not a party."""
    k = s - 1
    while k > floor and lower[k] in CHANNEL_WORDS:
        k -= 1
    return k >= floor and lower[k] in ROUTE_PREPS


#: how many rank words may stand between a title's body and its holder's name
RANK_REACH = 4


def named_person(ctx: ArgContext, m: tuple[int, int, str], *, hi: int | None = None) -> tuple[int, int, str]:
    """The person named right after the mention ``m`` (before token ``hi``) when ``m`` is not a person: the holder
    of the title that names a country or body (``Presiden Amerika Serikat Donald Trump``: Trump, not the country;
    ``Kapolres Bogor AKBP Rudi``: Rudi, past his rank); else ``m`` itself."""
    end, stop = m[1], len(ctx.ent_at) if hi is None else hi
    while end < min(stop, m[1] + RANK_REACH) and ctx.ent_at[end] < 0 and ctx.lower[end] in RANK_TOKENS:
        end += 1  # the holder's rank ("Kapolda Jawa Tengah Irjen Budi": Budi)
    if end >= stop or ctx.ent_at[end] < 0:
        return m
    nxt = ctx.mentions[ctx.ent_at[end]]
    return nxt if ctx.ents[m[2]].get("type") != "PER" and ctx.ents[nxt[2]].get("type") == "PER" else m
