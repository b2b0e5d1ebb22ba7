"""One record per event in a document: ``merge`` joins the records of one act reported in several sentences.

Records of the same type, actors, polarity and compatible dates become one with every evidence sentence; a
record whose target (or source) is unnamed joins the one naming it; a meeting or clash whose other party is
named only by an office (``sang presiden``) joins the record naming more of its parties; a nominal trigger
with a demonstrative (``pertemuan itu``) joins the last record of its type before it; an event in the title joins
the body's first record of its type naming all its named parties; a bare, undated mention of talks naming at most one
party joins the document's first meeting naming two; a detention, verdict, release or pardon of the same named
person(s) told again with another doer, or named again by a bare noun, joins the first record of it. Before
merging, a denial or refusal naming no one is given as target the doer of the last accusation, demand, threat or
protest aimed at it, and a statement reported as coming from someone (``Kritik serupa datang dari X``) the target of
the last statement of its type.
"""

from __future__ import annotations

from warta.lang.id.roles import GROUP_NOUNS, ROLE_WORDS

#: types whose two sides are not ordered (a meeting has participants, not a doer and a patient)
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "ASSAULT"})


def actor_match_key(a: dict) -> tuple:
    """An actor's identity in a document: its entity, else its country and sector (or its words)."""
    return ("e", a["entity"]) if a.get("entity") else ("c", a.get("country"), a.get("sector"),
                                                      None if a.get("country") else a["name"].lower())


def _dates_compatible(a: dict, b: dict) -> bool:
    if not a["_explicit"] or not b["_explicit"]:
        return True
    da, db = a["date"] or "", b["date"] or ""
    return da == db or da.startswith(db) or db.startswith(da)


def _key(ev: dict):
    s = frozenset(actor_match_key(a) for a in ev["source"])
    t = frozenset(actor_match_key(a) for a in ev["target"])
    if ev["type"] in RECIPROCAL and ev["type"] != "ASSAULT":
        return ev["type"], s | t, frozenset()
    return ev["type"], s, t  # an attack and the attacked side's reply are two attacks


def _absorb(into: dict, ev: dict) -> None:
    into["evidence"] += [s for s in ev["evidence"] if s not in into["evidence"]]
    if ev["_explicit"] and not into["_explicit"]:
        for f in ("date", "date_precision", "date_source", "historical", "_explicit"):
            into[f] = ev[f]
    if into["location"] is None and ev["location"] is not None:
        into["location"] = ev["location"]


def _named_parties(ev: dict) -> set[tuple]:
    """The identities of the parties of a record that the text names (entities, not role words)."""
    return {actor_match_key(a) for a in ev["source"] + ev["target"] if a.get("entity")}


def _self_directed(ev: dict) -> bool:
    """``kedua pemimpin memuji kemitraan antara Moskow dan Pyongyang``: both parties on both sides."""
    if ev["type"] not in RECIPROCAL or len(ev["source"]) < 2 or not ev["target"]:
        return False
    src = {a.get("country") for a in ev["source"]}
    # two countries or more on both sides; one country on both is a domestic act ("PDIP dan Golkar mendukung
    # gubernur"), its parties told apart by name, not by country
    return None not in src and len(src) > 1 and src == {a.get("country") for a in ev["target"]}


def _is_office(name: str) -> bool:
    """``presiden``, ``Menteri Luar Negeri``: an office held by one person, not a group."""
    first = (name or "").split(" ", 1)[0].lower()
    return first in ROLE_WORDS and first not in GROUP_NOUNS


def _fuller_record(ev: dict, out: list[dict], absorbed: set[int]) -> dict | None:
    """The record of the same meeting (or clash) naming more of its parties: ``Budi dan Andi bertemu`` then
    ``Andi bertemu sang presiden``: a party named only by an office (``presiden``, ``menteri``; not a group such
    as ``tentara`` or ``keluarga``) beside a named one stands for one the article named for that act."""
    parties = ev["source"] + ev["target"]
    named = _named_parties(ev)
    titles = [a for a in parties if not a.get("entity")]
    if not named or not titles or not all(_is_office(a["name"]) for a in titles):
        return None
    for o in out:
        if o is ev or id(o) in absorbed or o["type"] != ev["type"] or o["negated"] != ev["negated"]:
            continue
        o_named = _named_parties(o)
        if len(o_named) >= 2 and named <= o_named and _dates_compatible(o, ev):
            return o
    return None


def _antecedent(ev: dict, out: list[dict], absorbed: set[int]) -> dict | None:
    """``Pertemuan itu …``, ``serangan tersebut``: a nominal trigger with a demonstrative names the act of its
    type reported last before it, whoever the sentence seems to make its parties (the annotation guide: a
    meeting reported three times is one event)."""
    before = [o for o in out if o is not ev and id(o) not in absorbed and o["type"] == ev["type"]
              and o["negated"] == ev["negated"] and o["trigger"][0] < ev["trigger"][0] and _dates_compatible(o, ev)]
    return max(before, key=lambda o: o["trigger"][0], default=None)


def _lead_record(ev: dict, out: list[dict], absorbed: set[int]) -> dict | None:
    """The body's record of the act a headline announces: a headline restates its story's lead, so an event in the
    title is the first event of the body of its type and polarity whose parties include every party the title names
    (the headline's short wording names fewer, and its date is never its own)."""
    if not ev.get("_title"):
        return None
    named = _named_parties(ev)
    if not named:
        return None
    return next((o for o in out if o is not ev and id(o) not in absorbed and not o.get("_title")
                 and o["type"] == ev["type"] and o["negated"] == ev["negated"] and _dates_compatible(o, ev)
                 and named <= {actor_match_key(a) for a in o["source"] + o["target"]}), None)


def _meeting_record(ev: dict, out: list[dict], absorbed: set[int]) -> dict | None:
    """The article's meeting that a bare mention of talks refers to: ``pembicaraan``, ``perundingan``, ``pertemuan``
    (a noun, not ``bertemu``), without a date of its own and naming at most one party, is the first meeting of the
    document naming two (the annotation guide: a meeting reported three times is one event). Visits are their own
    events (``kunjungan`` to another place), as is a mention with its own date (``pertemuan pada 2019``)."""
    if ev["type"] != "CONSULT" or ev.get("mode") == "visit" or not ev.get("_nominal") or ev["_explicit"]:
        return None
    if len(_named_parties(ev)) > 1:
        return None
    return next((o for o in out if o is not ev and id(o) not in absorbed and o["type"] == "CONSULT"
                 and o["negated"] == ev["negated"] and o.get("mode") != "visit"
                 and len(_named_parties(o)) >= 2), None)


#: acts done to a person once, whoever reports them: one detention, verdict, release or pardon of a person on a day
#: is one event, told by the headline, the lead and a quote with different doers (``Kejagung`` and ``penyidik``)
ACTS_ON_A_PERSON = frozenset({"COERCE", "SANCTION", "RETREAT", "CONCEDE"})


def people(doc) -> frozenset[str]:
    """The entity ids of the persons ``doc`` names."""
    return frozenset(e["id"] for e in (doc._.warta_entities or []) if e.get("type") == "PER")


def _same_act_on_person(ev: dict, out: list[dict], absorbed: set[int], persons: frozenset[str]) -> dict | None:
    """The earlier record of the same act on the same named person(s) on a compatible date: ``Kejagung Tahan
    Nadiem`` and ``Nadiem ditahan penyidik``; every target a named person, and the same persons."""
    targets = {a.get("entity") for a in ev["target"]}
    if ev["type"] not in ACTS_ON_A_PERSON or not targets or not targets <= persons:
        return None
    return next((o for o in out if o is not ev and id(o) not in absorbed and o["type"] == ev["type"]
                 and o["negated"] == ev["negated"] and o["trigger"][0] < ev["trigger"][0]
                 and {a.get("entity") for a in o["target"]} == targets and _dates_compatible(o, ev)), None)


def _act_told_again(ev: dict, out: list[dict], absorbed: set[int], persons: frozenset[str]) -> dict | None:
    """A bare noun of an act on a person (``amnesti``, ``penahanan``) without a date of its own, naming no other
    person as its patient, is the act on a named person reported before it (``pemberian amnesti itu``, ``usulan
    amnesti``, ``menilai pemberian amnesti …``): not a new act by whoever the sentence names."""
    if ev["type"] not in ACTS_ON_A_PERSON or not ev.get("_nominal") or ev["_explicit"]:
        return None
    named = {a.get("entity") for a in ev["target"]} & persons
    return next((o for o in out if o is not ev and id(o) not in absorbed and o["type"] == ev["type"]
                 and o["negated"] == ev["negated"] and o["trigger"][0] < ev["trigger"][0]
                 and (targets := {a.get("entity") for a in o["target"]}) & persons and named <= targets), None)


#: acts one side does alone (a show of force, a withdrawal or resignation): their records need no target (own gold
#: articles: 17 of 18 core MOBILIZE and 5 of 24 RETREAT have none; events-id/train: 3 of 3 and 10 of 15)
ALONE = frozenset({"MOBILIZE", "RETREAT"})

#: acts aimed at another act (condemning, rejecting, protesting it): ``mengecam serangan itu`` targets its doer
AT_AN_ACT = frozenset({"ACCUSE", "REJECT", "PROTEST"})


def others(actors: list[dict], parties: list[dict]) -> list[dict]:
    """``actors`` less ``parties``: by identity, or an unnamed one by its name ending in a party's (``Pemerintah
    Malaysia``, a role and the country, is the party Malaysia)."""
    keys = {actor_match_key(a) for a in parties}
    names = tuple(" " + a["name"].casefold() for a in parties)
    return [a for a in actors if actor_match_key(a) not in keys
            and not (a.get("entity") is None and names and (" " + a["name"].casefold()).endswith(names))]


def target_the_doer(records: list[dict]) -> None:
    """Give an act aimed at an earlier act (``_object_act``: ``mengutuk serangan tersebut``) that act's doer as its
    target: the source of the last kept event of that type before it, when it has no target or only one of its own
    country (``Aoun mengecam serangan itu dan meminta … menghentikan agresi Israel terhadap Lebanon``)."""
    for k, ev in enumerate(records):
        typ = ev.get("_object_act")
        own = {a.get("country") for a in ev["source"]} - {None}
        if typ is None or (ev["target"] and not all(a.get("country") in own for a in ev["target"])):
            continue  # (a target of the condemner's own country is a word of another clause: "… terhadap Lebanon")
        earlier = next((o for o in reversed(records[:k]) if o["type"] == typ and o["source"]
                        and not o.get("_anaphoric") and o["trigger"][0] < ev["trigger"][0]), None)
        if earlier is not None:
            skeys = {actor_match_key(a) for a in ev["source"]}
            ev["target"] = [dict(a) for a in earlier["source"] if actor_match_key(a) not in skeys] or ev["target"]


#: what a denial or refusal answers: an accusation, a demand, a threat, a protest
ANSWERED = frozenset({"ACCUSE", "REQUEST", "THREATEN", "PROTEST"})
#: what a denial answers when it was done to the denier himself: a search, an arrest, a sanction (``KPK menggeledah
#: rumah X`` then ``X membantah terlibat``); by the person only, never by country
PURSUED = frozenset({"COERCE", "SANCTION"})
#: every act a denial may answer
DENIED = ANSWERED | PURSUED


def target_the_asker(records: list[dict]) -> None:
    """A denial or refusal naming no one (``Teheran membantah``) answers the last accusation, demand or threat
    before it aimed at its doer (by entity, or by country: ``AS menuding Iran …`` then ``Menlu Iran membantah``), or
    the last search, arrest or sanction of its doer (:data:`PURSUED`, by entity): that act's doer is its target. The
    country counts only across countries: in a story of one country every party shares it."""
    for k, ev in enumerate(records):
        if ev["type"] != "REJECT" or ev["target"] or not ev["source"]:
            continue
        keys = {actor_match_key(a) for a in ev["source"]}
        countries = {a.get("country") for a in ev["source"]} - {None}
        before = [o for o in reversed(records[:k]) if o["type"] in DENIED and o["source"]
                  and o["trigger"][0] < ev["trigger"][0]]
        governs = any(a.get("sector") == "GOV" for a in ev["source"])
        earlier = next((o for o in before if any(actor_match_key(a) in keys or (
            governs and a.get("entity") is None and a.get("sector") == "GOV" and a.get("country") in countries)
            for a in o["target"])), None) or next(  # (a protest at "the government": its officials answer)
            (o for o in before if o["type"] in ANSWERED and any(a.get("country") in countries for a in o["target"])
             and not countries & {a.get("country") for a in o["source"]}), None)
        if earlier is not None:
            ev["target"] = [dict(a) for a in others(earlier["source"], ev["source"])]


def target_the_echoed(records: list[dict]) -> None:
    """A statement reported as coming from someone, naming no target (``Kritik serupa datang dari X``), is aimed where
    the last statement of its type before it was: that record's target."""
    for k, ev in enumerate(records):
        if not ev.get("_voiced") or ev["target"]:
            continue
        earlier = next((o for o in reversed(records[:k]) if o["type"] == ev["type"] and o["target"]
                        and o["trigger"][0] < ev["trigger"][0]), None)
        if earlier is not None:
            ev["target"] = [dict(a) for a in others(earlier["target"], ev["source"])]


def merge(raw: list[dict], *, unnamed_first_only: bool = False, untargeted_first_only: bool = False,
          people: frozenset[str] = frozenset()) -> list[dict]:
    """One record per event: same type, same actor sets, compatible dates, same polarity; an act on a person once
    (``people``: the ids of the persons named).

    ``unnamed_first_only``: a record without a source that joins no other is dropped unless it is in the text's
    first sentence (``_in_context`` false): the text before it could have named the doer and did not
    (:class:`~warta.nlp.events.settings.EventSettings`). ``untargeted_first_only``: the same for a record without a
    target, unless its act is one done alone (:data:`ALONE`)."""
    target_the_asker(raw)
    target_the_echoed(raw)
    raw = [ev for ev in raw if not _self_directed(ev)]
    out: list[dict] = []
    index: dict[tuple, list[dict]] = {}
    for ev in raw:
        key = (*_key(ev), ev["negated"])
        into = next((o for o in index.get(key, []) if _dates_compatible(o, ev)), None)
        if into is None:
            index.setdefault(key, []).append(ev)
            out.append(ev)
            continue
        if into.get("_title") and not ev.get("_title"):
            # who acted on whom as the body's full sentence says, not the headline's short wording ("Golkar Resmi
            # Usung X" parsed with X acting); the record, its place and date stay the headline's
            into["source"], into["target"] = ev["source"], ev["target"]
        _absorb(into, ev)
        if len(ev["target"]) > len(into["target"]) and ev["_base"] >= into["_base"] * 0.9:
            into["target"] = ev["target"]
        into["_base"] = max(into["_base"], ev["_base"])
    kept: list[dict] = []
    absorbed: set[int] = set()
    for ev in out:  # a record without a target joins one of the same type whose actors include its source
        src = {actor_match_key(a) for a in ev["source"]}
        into = _antecedent(ev, out, absorbed) if ev.get("_anaphoric") else _lead_record(ev, out, absorbed)
        if into is None and ev["target"] and all(a.get("entity") is None for a in ev["target"]):
            # an unnamed target ("tersangka ditahan") is the named one of the same act ("KPK menahan Lukman")
            into = next((o for o in out if o is not ev and o["type"] == ev["type"] and o["negated"] == ev["negated"]
                         and {actor_match_key(a) for a in o["source"]} == src and o["date"] == ev["date"]
                         and any(a.get("entity") for a in o["target"])
                         and {a.get("country") for a in o["target"]} >= {a.get("country") for a in ev["target"]}),
                        None)
        if into is None and not ev["target"]:
            into = next((o for o in out if o is not ev and o["target"] and (o["source"] or not ev["source"])
                         and o["type"] == ev["type"] and o["negated"] == ev["negated"] and _dates_compatible(o, ev)
                         and src <= {actor_match_key(a) for a in o["source"] + (o["target"] if ev["type"] in RECIPROCAL
                                                                          else [])}), None)
        if into is None and not ev["source"]:
            # "Pertemuan itu …": an act whose doer the sentence does not name is the named one of the same type
            tgt = {actor_match_key(a) for a in ev["target"]}
            into = next((o for o in out if o is not ev and o["source"] and o["type"] == ev["type"]
                         and o["negated"] == ev["negated"] and o.get("future") == ev.get("future")
                         and _dates_compatible(o, ev)
                         and tgt <= {actor_match_key(a) for a in o["source"] + o["target"]}), None)
        if into is None and ev["type"] in RECIPROCAL:
            into = _fuller_record(ev, out, absorbed)
        if into is None:
            into = _meeting_record(ev, out, absorbed)
        if into is None:
            into = _same_act_on_person(ev, out, absorbed, people) or _act_told_again(ev, out, absorbed, people)
        if into is None:
            partial = (unnamed_first_only and not ev["source"]) or (untargeted_first_only and not ev["target"]
                                                                     and ev["type"] not in ALONE)
            if not (partial and ev.get("_in_context")):
                kept.append(ev)
            continue
        _absorb(into, ev)
        absorbed.add(id(ev))
        into["_base"] = max(into["_base"], ev["_base"])
    out = kept
    for ev in out:
        ev["evidence"].sort()
        bonus = min(0.15, 0.05 * (len(ev["evidence"]) - 1))
        ev["confidence"] = round(max(0.01, min(1.0, ev["_base"] + bonus)), 3)
        for k in [k for k in ev if k.startswith("_")]:
            del ev[k]
    return out
