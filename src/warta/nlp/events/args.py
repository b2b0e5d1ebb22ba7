"""Arguments of an event trigger: actors (source/target), date, location and flags.

Works on token indices of one sentence with a bounded window around the trigger (``window``
tokens, :class:`~warta.nlp.events.settings.EventSettings`), so the cost per trigger is constant however
long the sentence is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from warta.lang.id.clause import NOT_AGENT_PREPS, QUANTIFIERS, ROUTE_PREPS, TOPIC_WORDS
from warta.lang.id.event_words import (
    ADJ_LIKE,
    AUXILIARIES,
    BACK_NOUNS,
    DUAL,
    ELECTION_WORDS,
    EXTRA_NOUNS,
    LAW_WORDS,
    LOCATIVE_PREPS,
    NAME_TITLES,
    SKIP_LEFT,
    SPEAKER_WORDS,
    STOP,
    STOP_RIGHT,
    THIRD_SINGULAR,
)
from warta.lang.id.names import PLACE_HEADS, POSITION_WORDS
from warta.lang.id.roles import GROUP_ADJECTIVES, GROUP_NOUNS, SECTOR_NOUNS
from warta.nlp.city_mentions import is_city
from warta.nlp.entities import story_country
from warta.nlp.events.addresses import addresses, capacity, group_home, located, named_person, origin, residents_at
from warta.nlp.events.clause_names import according, aside, relative_aside
from warta.nlp.events.dateline import dateline_of
from warta.nlp.events.forms import after_yang, describes_thing, joined_verb, verb_form
from warta.nlp.events.headline import headline_clause
from warta.nlp.events.phrases import abbreviation_open, portfolio
from warta.nlp.events.settings import DEFAULT_SETTINGS
from warta.nlp.events.titles import affiliation, seat_of, surname, title_holder
from warta.nlp.events.where import PLACE_TYPES, place_record
from warta.nlp.extensions import link_line_tokens
from warta.nlp.mentions import DOMAIN
from warta.nlp.tokenizer import doc_text

ACTOR_TYPES = frozenset({"PER", "ORG", "GPE", "NORP"})
#: entities whose names hold no act of their own: a trigger word in them is a word of the name ("Perang Dunia II",
#: "Kabupaten Serang", "Jalan Perjuangan", "Badan Koordinasi Penanaman Modal", "Lembaga Penyelidikan Ekonomi";
#: events-id gold has no trigger inside an organisation's name as idner tags them)
NAME_TYPES = PLACE_TYPES | {"EVENT", "ORG"}
#: role nouns for unnamed actors: roles.SECTOR_NOUNS of one word, and EXTRA_NOUNS
ROLE_NOUNS = {**{k: v for k, v in SECTOR_NOUNS.items() if " " not in k}, **EXTRA_NOUNS}


@dataclass
class ArgContext:
    """Per-document lookups the argument finder shares across triggers."""

    doc: Doc
    lower: list[str]
    ent_at: list[int]  # token → index into mentions, -1 if none
    mentions: list[tuple[int, int, str]]  # (start_tok, end_tok, entity id), sorted
    ents: dict[str, dict]
    places: dict[str, dict]
    domestic: str | None
    quotes: list[tuple[int, int, dict]] = field(default_factory=list)  # (start_char, end_char, quote)
    starts: list[int] = field(default_factory=list)
    dateline: dict | None = None  # the place of the article's dateline, for events reported as news
    dateline_span: tuple[int, int] = (0, 0)  # its tokens (``JAKARTA, KOMPAS.com -``): a place, never an actor
    idx: list[int] = field(default_factory=list)  # each token's first character
    ends: list[int] = field(default_factory=list)  # each token's end character (without its whitespace)
    text: str = ""
    window: int = DEFAULT_SETTINGS.window  # tokens searched before a trigger
    right_window: int = DEFAULT_SETTINGS.right_window  # tokens searched after it for its object
    title_end: int = 0  # the character where the article's title line ends (0: the text has no title)
    #: tokens inside the names of events, places and organisations (NAME_TYPES): words of a name, not acts
    in_names: frozenset[int] = frozenset()
    furniture: frozenset[int] = frozenset()  # tokens of link lines ("Baca juga: …"): another article's headline
    addresses: frozenset[int] = frozenset()  # starts of places continuing an address ("di Gedung DPR, [Jakarta]")
    outlets: frozenset[str] = frozenset()  # entities of the dateline's outlet ("KOMPAS"): who reports, never acts
    story_date: str | None = None  # the day the lead names (when.story_date): undated events' day
    lead_places: list[dict] = field(default_factory=list)  # the places the lead names (where.lead_places)

    def tokens(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The tokens overlapping characters ``[start_char, end_char)`` (``Doc.char_span(…, "expand")``
        without building a Span), or None when none does."""
        a = bisect_right(self.idx, start_char) - 1
        if a < 0 or start_char >= self.ends[a]:
            a += 1
        b = bisect_left(self.idx, end_char)
        return (a, b) if a < b else None

    def words(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)``, without the line breaks a span may end on (a title's)."""
        return self.text[self.idx[start]:self.ends[end - 1]].strip()


def make_ctx(doc: Doc, ents: list[dict], places: list[dict], quotes: list[dict], *,
             window: int = DEFAULT_SETTINGS.window, right_window: int = DEFAULT_SETTINGS.right_window) -> ArgContext:
    """The lookups of one document the argument rules share (``window``/``right_window``: see
    :class:`~warta.nlp.events.settings.EventSettings`)."""
    strings = doc.vocab.strings  # from the arrays: cheaper than one Token object per word
    arr = doc.to_array(["LOWER", "IDX", "LENGTH"]).tolist() if len(doc) else []
    lower = [strings[k] for k, _i, _n in arr]
    idx = [i for _k, i, _n in arr]
    probe = ArgContext(doc, lower, [], [], {}, {}, None, idx=idx, ends=[i + n for _k, i, n in arr], text=doc_text(doc))
    ent_at = [-1] * len(doc)
    furniture = link_line_tokens(doc)
    mentions: list[tuple[int, int, str]] = []
    for e in ents:
        if e.get("type") not in ACTOR_TYPES | PLACE_TYPES:
            continue
        for s, t, _src in e.get("mentions", []):
            span = probe.tokens(s, t)
            if span is not None and span[0] not in furniture:
                mentions.append((*span, e["id"]))
    mentions.sort()
    for k, (s, t, _) in enumerate(mentions):
        for i in range(s, t):
            if ent_at[i] < 0:
                ent_at[i] = k
    counts: dict[str, int] = {}
    for e in ents:
        if e.get("country") and e.get("type") in ("GPE", "PER", "ORG"):
            counts[e["country"]] = counts.get(e["country"], 0) + len(e.get("mentions", []))
    domestic = story_country(counts)  # a foreign story's own country: "Pemerintah memberlakukan jam malam" in Kathmandu
    q = sorted((x["start"], x["end"], x) for x in quotes or [])
    by_id, place_by = {e["id"]: e for e in ents}, {p["entity"]: p for p in places or []}
    dateline, dateline_span = dateline_of(doc, mentions, by_id, place_by)
    regions = frozenset(eid for eid, p in place_by.items() if p.get("admin1"))  # places inside a country
    # the dateline's outlet ("MAKASSAR, KOMPAS —"), wherever the text names it: who reports, not who acts
    # (a city there is the dateline's place, whatever body the KB links its name to: "Brussel -" is no EU outlet)
    outlets = frozenset(eid for s, t, eid in mentions if dateline_span[0] <= s < dateline_span[1]
                        and by_id[eid].get("type") not in PLACE_TYPES and not is_city(doc[s:t].text))
    title_end = max(0, probe.text.find("\n")) if doc._.warta_has_title else 0
    in_names = frozenset(i for e in ents if e.get("type") in NAME_TYPES for s, t, _src in e.get("mentions", [])
                         for i in range(*(probe.tokens(s, t) or (0, 0))))
    return ArgContext(doc, lower, ent_at, mentions, by_id, place_by, domestic, q, [m[0] for m in mentions],
               dateline, dateline_span, probe.idx, probe.ends, probe.text, window, right_window, title_end,
               in_names, furniture, addresses(lower, mentions, by_id, regions), outlets)


def entity_actor(ctx: ArgContext, eid: str, start: int) -> dict:
    """Actor for an entity mention starting at token ``start`` (a role noun before it sets the sector)."""
    e = ctx.ents[eid]
    sector = e.get("sector")
    prev = ctx.lower[start - 1] if start > 0 else ""
    if prev in ROLE_NOUNS and e.get("type") in ("GPE", "NORP") and ROLE_NOUNS[prev] != "GOV" \
            and not describes_thing(ctx.lower, start - 1):  # not "fasilitas militer Iran": Iran's facilities
        return {"name": f"{ctx.doc[start - 1].text} {e['name']}", "country": e.get("country"),
                "sector": ROLE_NOUNS[prev], "entity": None, "_how": "role"}
    if not sector:
        sector = "GOV" if e.get("type") in ("GPE", "NORP") else ("IGO" if e.get("country") == "IGO" else "UNK")
    return {"name": e["name"], "country": e.get("country"), "sector": sector, "entity": eid, "_how": "entity"}


def role_actor(ctx: ArgContext, i: int, hi: int) -> tuple[dict, int]:
    """Unnamed actor from the role noun at ``i`` plus a country mention right after (returns actor, end)."""
    noun = ctx.lower[i]
    if describes_thing(ctx.lower, i) or surname(ctx, i):
        return None, i + 1  # "kapal polisi": a police boat, no one acting; "Rizal Hakim": a name, no judge
    if i > 0 and ctx.lower[i - 1] == "sebagai":
        return None, i + 1  # "menahan X sebagai tersangka", "hadir sebagai saksi": what someone is, no one else
    j = i + 1
    reach = 10 if ROLE_NOUNS[noun] == "BUS" else 3
    if j < len(ctx.lower) and ctx.ent_at[j] >= 0 and ctx.ents[ctx.mentions[ctx.ent_at[j]][2]].get("type") == "PER":
        return None, i + 1  # a title before a name: the name is the actor
    while j < hi and (j < i + reach or portfolio(ctx, i, j)) and ctx.ent_at[j] < 0 \
            and (ctx.lower[j] not in STOP_RIGHT | TOPIC_WORDS | {"dan", "di", "ke", "pada", "oleh"} or portfolio(ctx, i, j)) \
            and ctx.lower[j] not in SKIP_LEFT and (ctx.lower[j] in GROUP_ADJECTIVES or not verb_form(ctx.lower[j])):
        j += 1  # the role's own words ("pasukan keamanan Israel"), never a predicate ("hakim juga menilai KPU")
    at, j = j, group_home(ctx, j, hi)  # where the group is ("warga di Gaza"): its country, not its name
    if j < hi and ctx.ent_at[j] >= 0:
        _s, t, eid = ctx.mentions[ctx.ent_at[j]]
        e = ctx.ents[eid]
        if e.get("type") == "PER" and ctx.doc[i].text[:1].isupper():
            return None, i + 1  # "Menteri Ketenagakerjaan Yassierli": a title, its portfolio, then the name
        after = ctx.ent_at[t] if t < len(ctx.lower) else -1
        if after >= 0 and ctx.ents[ctx.mentions[after][2]].get("type") == "PER":
            return None, i + 1  # "Perdana Menteri Australia Anthony Albanese": the name is the actor
        if e.get("type") in ("GPE", "NORP", "ORG") and e.get("country"):
            name = ctx.words(i, t if at == j else at) if j <= i + 3 else ctx.words(i, i + 1).lower()
            return {"name": name, "country": e.get("country"), "sector": ROLE_NOUNS[noun], "entity": None,
                    "_how": "role"}, t
    if noun in ADJ_LIKE:
        return None, i + 1
    country = ctx.domestic if ROLE_NOUNS[noun] in ("COP", "EDU", "CVL", "MIL", "GOV", "LAB", "JUD") else None
    n = 2 if noun == "pengunjuk" and ctx.lower[i + 1:i + 2] == ["rasa"] else 1  # not a word without its "rasa"
    return {"name": ctx.words(i, i + n).lower(), "country": country, "sector": ROLE_NOUNS[noun], "entity": None,
            "_how": "role"}, i + n


def relative_subject(ctx: ArgContext, y: int, lo: int) -> list[dict]:
    """Who the relative clause opened by ``yang`` at token ``y`` is about: the actor named right before it
    (``warga Desa Wadas yang menolak …``) or unnamed people (``para terdakwa yang …``), else none (``…, yang``)."""
    if y <= lo:
        return []
    m = mention_at(ctx, y - 1)
    if m is not None:
        return [entity_actor(ctx, m[2], m[0])] if is_actor_mention(ctx, m) else []
    return _relative_head(ctx, y - 1, lo)


def _relative_head(ctx: ArgContext, i: int, floor: int) -> list[dict]:
    """The unnamed people a relative clause's ``yang`` follows (``para terdakwa yang …``, ``polisi yang …``): the
    subject of its verb, or none when the noun at ``i`` names no people (``kebijakan yang ditolak``)."""
    w = ctx.lower[i]
    if w not in ROLE_NOUNS and i > floor and ctx.lower[i - 1] in ROLE_NOUNS and w.isalpha() and not verb_form(w):
        i -= 1  # the head before its modifier ("pengunjuk rasa yang …", "aparat keamanan yang …")
        w = ctx.lower[i]
    if w in ROLE_NOUNS:
        actor, _ = role_actor(ctx, i, i + 1)
        return [actor] if actor is not None else []
    if w not in GROUP_NOUNS:
        return []
    start = i - 1 if i - 1 >= floor and (ctx.lower[i - 1] in QUANTIFIERS or ctx.lower[i - 1].isdigit()) else i
    return [{"name": ctx.words(start, i + 1), "country": None, "sector": None, "entity": None, "_how": "phrase"}]


def mention_at(ctx: ArgContext, i: int) -> tuple[int, int, str] | None:
    """The mention that token ``i`` belongs to, or None."""
    k = ctx.ent_at[i]
    return ctx.mentions[k] if k >= 0 else None


def is_actor_mention(ctx: ArgContext, m: tuple[int, int, str]) -> bool:
    """Whether a mention can be a party: a person, organisation, country or group, not a web address,
    not a country named as a place (``di Jakarta``, ``di Gedung DPR, Jakarta``), and not the dateline's
    place or outlet (``MAKASSAR, KOMPAS —``: who reports, not who acts)."""
    e = ctx.ents[m[2]]
    if e.get("type") not in ACTOR_TYPES or any(DOMAIN.match(w) for w in ctx.lower[m[0]:m[1]]) \
            or ctx.dateline_span[0] <= m[0] < ctx.dateline_span[1] or m[2] in ctx.outlets or seat_of(ctx, m) is not None:
        return False
    prev = ctx.lower[m[0] - 1] if m[0] > 0 else ""
    if prev in LAW_WORDS or ctx.lower[m[0]] in LAW_WORDS or (prev in ELECTION_WORDS and e.get("type") == "GPE"):
        return False  # "RUU Cipta Kerja", "UU KPK": a law's name; "Pilkada Jawa Timur": the election's region
    if (prev in POSITION_WORDS or (e.get("type") == "GPE" and prev in PLACE_HEADS)) and m[0] > 1:
        if prev in POSITION_WORDS and ctx.lower[m[0] - 2] in LOCATIVE_PREPS:
            return False  # "di depan DPR", "di sekitar Istana": where, whoever it names
        prev = ctx.lower[m[0] - 2]  # "di kawasan X": a place word between
    # (a headline's comma before a clause of its own ends the address: "… di Laut Merah, AS Balas Gempur Yaman")
    address = m[0] in ctx.addresses and not (ctx.idx[m[0]] < ctx.title_end
                                            and headline_clause(ctx, m[0], m[1], 0, len(ctx.lower))[0] == m[0])
    return not address and not (e.get("type") == "GPE" and prev in LOCATIVE_PREPS)


def residents_home(ctx: ArgContext, m: tuple[int, int, str]) -> int | None:
    """Where the noun of residents stands whose known home the place mention ``m`` names (``warga adat [Raja Ampat]``):
    the residents are the party, not their place; else None."""
    e = ctx.ents[m[2]]
    return residents_at(ctx.lower, m[0]) if e.get("type") == "GPE" and e.get("country") else None


def recent_entities(ctx: ArgContext, before: int, etype: str | None, n: int) -> list[dict]:
    """The ``n`` most recent distinct actor entities mentioned before token ``before``."""
    out: list[dict] = []
    seen: set[str] = set()
    k = bisect_left(ctx.starts, before) - 1
    steps = 0
    while k >= 0 and len(out) < n and steps < 200:
        s, _t, eid = ctx.mentions[k]
        e = ctx.ents[eid]
        if eid not in seen and (e.get("type") == etype if etype else e.get("type") in ACTOR_TYPES) \
                and is_actor_mention(ctx, ctx.mentions[k]):  # not a place named as one ("di Gedung DPR, Jakarta")
            seen.add(eid)
            out.append(entity_actor(ctx, eid, s) | {"_how": "inferred"})
        k -= 1
        steps += 1
    return out[::-1]


def _coordinated(ctx: ArgContext, m: tuple[int, int, str], floor: int) -> list[dict]:
    """The mention ``m`` and actors coordinated before it (``X dan Y``, ``X, Y``), in text order."""
    found = [entity_actor(ctx, m[2], m[0])]
    i = m[0] - 1
    while i >= floor:
        while i >= floor and (ctx.lower[i] in NAME_TITLES or (ctx.ent_at[i] >= 0 and ctx.mentions[ctx.ent_at[i]][2] == m[2])):
            i -= 1  # titles and other mentions of the same entity ("pemimpin Korea Utara Kim Jong Un")
        # a list ends with "dan": "A, B dan C"; a comma alone ("Menanggapi serangan Rusia, Zelensky") is no list
        allowed = ("dan", "serta", ",") if len(found) > 1 else ("dan", "serta")
        if i < floor or ctx.lower[i] not in allowed:
            break
        j = i - 1
        if j >= floor and ctx.lower[j] == ")" and (k := abbreviation_open(ctx, j, floor)) is not None:
            j = k - 1  # "Partai X (PX) dan Partai Y (PY)"
        while j >= floor and ctx.lower[j] in NAME_TITLES:
            j -= 1
        m2 = mention_at(ctx, j) if j >= floor else None
        if m2 is None or not is_actor_mention(ctx, m2):
            break
        found.append(entity_actor(ctx, m2[2], m2[0]))
        m, i = m2, m2[0] - 1
    return found[::-1]


def _after_verb(ctx: ArgContext, start: int) -> bool:
    """Whether the token before ``start`` is an active verb (the mention is an earlier verb's object)."""
    w = ctx.lower[start - 1] if start > 0 else ""
    return len(w) > 4 and w.isalpha() and w.startswith(("me", "ber")) and w not in NAME_TITLES


def subject(ctx: ArgContext, trig: int, lo: int) -> list[dict]:
    """Actors before the trigger in its clause (coordinated ones included), for a verb joined to an earlier one
    (``… dan mengecam``) the earlier verb's."""
    if (verb := joined_verb(ctx.lower, trig, lo)) is not None:
        return subject(ctx, verb, lo)
    i = trig - 1
    floor = max(lo, trig - ctx.window)
    adjacent = True
    while i >= floor:
        w = ctx.lower[i]
        m = mention_at(ctx, i)
        if m is not None and (opened := aside(ctx, m, trig)) is not None:
            close = next((k for k in range(m[1], trig) if ctx.lower[k] == ","), trig)
            adjacent = all(w in SKIP_LEFT for w in ctx.lower[close + 1:trig])
            i = opened - 1  # "Partai X, kata Budi, menolak": who reports it is not its subject
            continue
        if m is not None and (opened := relative_aside(ctx, m, trig)) is not None:
            i = opened - 1  # "Presiden X, yang didampingi Y, menyambut …": Y tells about X, X acts
            continue
        if m is not None and located(ctx.lower, m[0]):
            adjacent, i = False, m[0] - 1  # "X berunjuk rasa di depan kantor Y, menuntut …": Y is where, not who
            continue
        if (k := according(ctx, m[0] if m is not None else i, floor)) is not None:
            adjacent, i = False, k - 1  # "Menurut polisi, bentrokan dipicu …": who reports it, not who acts
            continue
        if m is not None and (k := capacity(ctx.lower, m[0], floor)) is not None:
            i = k - 1  # "Indonesia selaku ketua ASEAN menyerukan …": the office Indonesia holds, not who acts
            continue
        if m is not None and m[0] - 1 > floor and ctx.lower[m[0] - 1] in ROUTE_PREPS and mention_at(ctx, m[0] - 2):
            i = m[0] - 2  # "Pemerintah X melalui Kementerian Y mengecam …": X acts through its ministry
            continue
        if m is not None and (r := residents_home(ctx, m)) is not None and (actor := role_actor(ctx, r, trig)[0]):
            return [actor]  # "warga adat Raja Ampat berunjuk rasa": the people act, not their regency
        if m is not None:
            m = seat_of(ctx, m) or m  # "Pengadilan Negeri Medan memutuskan …": the court, not Medan
            if is_actor_mention(ctx, m) and (adjacent or not _after_verb(ctx, m[0])):
                found = _coordinated(ctx, m, floor)
                if not adjacent:  # the subject of an earlier clause ("X mengunjungi …, menandatangani …")
                    found = [a | {"_how": "distant"} if a.get("_how") == "entity" else a for a in found]
                return found
            adjacent = False
            i = m[0] - 1
            continue
        if w == "yang" and adjacent and i > floor and mention_at(ctx, i - 1) is None:
            return _relative_head(ctx, i - 1, floor)  # "para terdakwa yang dibawa …": the noun the clause is about
        if w == ")" and (k := abbreviation_open(ctx, i, floor)) is not None:
            i = k - 1  # "Palang Merah Indonesia (PMI) mengerahkan …": the name's short form, not a break
            continue
        if w in STOP:
            return []
        if w in SPEAKER_WORDS:
            return [{"name": w, "country": None, "sector": None, "entity": None, "_how": "first"}]
        if w in THIRD_SINGULAR:
            return recent_entities(ctx, i, "PER", 1)
        if w == "mereka":
            from warta.nlp.events.anaphora import they  # it reads this module's rules
            return they(ctx, i)
        if w == "pasangan" and i + 1 < len(ctx.lower) and ctx.lower[i + 1] in ("tersebut", "itu", "ini"):
            return recent_entities(ctx, i, "PER", 2)  # "pasangan tersebut": the two people just named
        if w in BACK_NOUNS and i + 1 < len(ctx.lower) and ctx.lower[i + 1] in ("tersebut", "itu"):
            return recent_entities(ctx, i, BACK_NOUNS[w], 1)  # "kelompok itu": the group just named
        if w in ("kedua", "dua", "keduanya"):
            nxt = ctx.lower[i + 1] if i + 1 < len(ctx.lower) else ""
            if w == "keduanya" or nxt in DUAL:
                return recent_entities(ctx, i, DUAL.get(nxt) if w != "keduanya" else "PER", 2)
        if w in ROLE_NOUNS and (j := origin(ctx.lower, i, floor, ROLE_NOUNS)) is not None:
            adjacent, i = False, j - 1  # "mahasiswa dari berbagai universitas": where they come from
            continue
        if w in ROLE_NOUNS and w not in ("pihak",):
            actor, _ = role_actor(ctx, i, trig)
            if actor is not None:
                return [actor]
        if w not in SKIP_LEFT:
            adjacent = False
        i -= 1
    return []


def objects(ctx: ArgContext, start: int, hi: int, skip: set[str] | None = None, *, agent: bool = False) -> list[dict]:
    """Actors after the trigger (first one, plus coordinated ones); ``di X`` places are skipped. With ``agent`` (the
    doer of a passive verb without ``oleh``) a phrase after a preposition is skipped too (``dibawa ke Polda``: where,
    not who), and another verb ends the search (``diduga terlibat jaringan X``; a doer follows its verb directly)."""
    from warta.nlp.events.anaphora import both_sides  # it reads this module's rules
    out: list[dict] = []
    i = start
    end = min(hi, start + ctx.right_window)
    while i < end:
        w = ctx.lower[i]
        if w in STOP_RIGHT:
            break
        if not out and verb_form(w) and ctx.ent_at[i] < 0 and (agent or (
                i > start and not after_yang(ctx.lower, start, i)
                and any(x not in AUXILIARIES for x in ctx.lower[start:i]))):
            # a doer without "oleh" follows its verb ("diduga terlibat jaringan X": X suspects no one), and an object
            # before the next verb ("meminta komunitas internasional memberlakukan embargo terhadap junta") unless a
            # relative clause names it ("menilai apa yang dilakukan X") or the verbs form one predicate ("mengancam
            # akan terus menyerang aparat")
            break
        if (w in ROUTE_PREPS or (agent and w in NOT_AGENT_PREPS)) and not out:
            i += 1
            while i < end and ctx.lower[i] not in STOP_RIGHT and (ctx.ent_at[i] >= 0 or ctx.doc[i].is_title
                                                                    or ctx.lower[i] in ROLE_NOUNS):
                i += 1  # the preposition's object, a name or a role noun
            continue
        m = mention_at(ctx, i)
        if m is not None and named_person(ctx, m, hi=end) is not m:
            i = m[1]  # "Menteri Australia Anthony Albanese": the person, not the country
            continue
        if m is not None:
            if not out and affiliation(ctx, m):
                i = m[1] + 1  # "kepada Direktur Utama PT X, Budi": the person, not the company in his title
                continue
            if not out and (holder := title_holder(ctx, m)) is not None:
                i = holder  # "menahan mantan Kepala Dinas X Sumut berinisial TS": TS
                continue
            if is_actor_mention(ctx, m):
                out.append(entity_actor(ctx, m[2], m[0]))
                i = m[1]
                if i < end and ctx.lower[i] in ("dan", ",", "serta") and i + 1 < end and mention_at(ctx, i + 1):
                    i += 1
                    continue
                return out
            i = m[1]
            continue
        if not out and (both := both_sides(ctx, i)):
            return both  # "mendesak kedua pihak": the two sides named before
        if w in ROLE_NOUNS and not (skip and w in skip) and not out:
            actor, _ = role_actor(ctx, i, end)
            if actor is not None:
                return [actor]
        i += 1
    return out


def speaker_of(ctx: ArgContext, char: int) -> tuple[dict | None, dict | None]:
    """The quote holding char offset ``char`` and its speaker as an actor (or None)."""
    k = bisect_left(ctx.quotes, (char + 1,)) - 1
    while k >= 0 and k >= len(ctx.quotes) - 10_000:
        s, t, q = ctx.quotes[k]
        if s <= char < t:
            eid = q.get("speaker")
            if eid in ctx.ents:
                e = ctx.ents[eid]
                return q, entity_actor(ctx, eid, 0) | {"_how": "speaker"} if e.get("type") in ACTOR_TYPES else None
            return q, None
        if t < char - 5000:
            break
        k -= 1
    return None, None


def location_of(ctx: ArgContext, lo: int, hi: int, trig: int, targets: list[dict], *, visit: bool = False,
                aimed: bool = False, attach: Callable[[int], str] | None = None) -> dict | None:
    """The ``di X``/``dalam X`` place nearest to the trigger within its clause's window; else a target place.

    ``ke X`` is a destination: it is where a visit happens (``visit``); for an act aimed somewhere (``aimed``:
    ``roket ditembakkan ke X``) it is where the act lands, when no ``di X`` says where it happened
    (``menembakkan rudal ke X di Y``: Y); for, say, a statement it is never the place.
    """
    best, dist = None, None
    preps = ("di", "dalam", "ke") if visit or aimed else ("di", "dalam")
    a, b = max(lo, trig - ctx.window), min(hi, trig + ctx.window)
    a, b = headline_clause(ctx, trig, trig + 1, a, b)  # "X Temui Y, Bahas Konflik di Z": Z is the other clause's
    k = bisect_left(ctx.starts, a)
    places = []
    while k < len(ctx.mentions) and ctx.mentions[k][0] < b:
        s, _t, eid = ctx.mentions[k]
        # "di X", or with a generic place word between ("di wilayah X", "di kota X") that the name lacks
        prep = s - 2 if s > 1 and (ctx.lower[s - 1] in PLACE_HEADS or ctx.lower[s - 1] in POSITION_WORDS) else s - 1
        # (an address, not a body's branch: "(AJI) Makassar", "Garda Revolusi Iran" name who, not where)
        branch = ctx.lower[s - 1] == ")" or ctx.ent_at[s - 1] >= 0
        if ctx.ents[eid].get("type") in PLACE_TYPES and ((prep >= 0 and ctx.lower[prep] in preps)
                                                         or (s in ctx.addresses and not branch)):
            places.append((s, eid))
        k += 1
    if len({eid for _s, eid in places}) < 2:
        attach = None  # nothing to choose between: no parse needed
    for s, eid in places:
        where = attach(s) if attach is not None else "unknown"
        if where == "other":
            continue  # another clause's place
        d = abs(s - trig) - (1000 if where == "trigger" else 0)
        if aimed and not visit and ctx.lower[s - 2 if ctx.lower[s - 1] in PLACE_HEADS else s - 1] == "ke":
            d += 500  # where it landed, only when nothing says where it happened
        if dist is None or d < dist:
            best, dist = eid, d
    if best is None:
        for t in targets:
            if t.get("entity") and ctx.ents[t["entity"]].get("type") in PLACE_TYPES and t["entity"] in ctx.places:
                best = t["entity"]
                break
    if best is None:
        return None
    return place_record(ctx, best)
