"""The learned role scorer of ``warta_events``: which actor of the sentence is the source, which the target.

The argument rules (:mod:`warta.nlp.events.args`, :mod:`warta.nlp.events.syntax`) propose a source and
a target; this scorer looks at every actor the sentence names — entity mentions, role nouns (``polisi``,
``massa``), the quote's speaker and the rules' own choices — and describes each with sparse binary features:
what the rules made of it, its side of the trigger and distance, the words around it (``oleh X``,
``terhadap X``, ``X mengatakan``), what lies between (a comma, ``yang``, a verb, a quote mark), and, where
the sentence was parsed, its arc to the trigger. Two logistic regressions trained on ``events-id/train``
(``python -m warta.training.train_roles``) give P(source) and P(target); the best actor above its role's
threshold wins, and the rules' choice stands where no actor is good enough. The weights ship as JSON in
``warta/models/events-id/roles.json``; every event records the scorer's probabilities in ``model.roles``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from warta.lang.id.clause import AFTER_ACTOR, BEFORE_ACTOR, DEMONSTRATIVES, QUANTIFIERS, SPEECH
from warta.lang.id.event_words import TEMPORAL_SUBORDINATORS, WHEN_SUBORDINATORS
from warta.lang.id.roles import CLIENT_OF, RANK_ABBREVIATIONS
from warta.nlp.events import args as arg_rules
from warta.nlp.events.addresses import origin, routed
from warta.nlp.events.aimed import governs, is_country
from warta.nlp.events.clause_names import aside, relative_aside
from warta.nlp.events.forms import verb_form
from warta.nlp.events.headline import headline_clause
from warta.nlp.events.model import affix, read_weights_file, sigmoid
from warta.nlp.events.titles import affiliation, titled
from warta.nlp.syntax import Tree

#: farthest a candidate actor may be from the trigger, in tokens (the default of the event coder's ``role_reach``)
REACH = 40
#: prefixes of verbs (``me-``, ``di-``, ``ber-``): a verb between actor and trigger usually opens another clause
VERB_PREFIXES = ("me", "di", "ber")


@dataclass(slots=True)
class RoleCandidate:
    """One actor the sentence names, where (token span; ``-1`` when the rules found it off the sentence)."""

    actor: dict
    start: int
    end: int
    tags: set[str] = field(default_factory=set)
    features: list[str] = field(default_factory=list)


def key(actor: dict) -> str:
    """An actor's identity: its entity, else its words."""
    return actor.get("entity") or (actor.get("name") or "").casefold()


#: prepositions of whom an act is aimed at or addressed to: what follows is never the act's doer
AIMED_PREPS = frozenset({"terhadap", "kepada"})


def _aimed(ctx: arg_rules.ArgContext, s: int, lo: int) -> bool:
    """Whether the actor named at ``s`` follows an aiming preposition, past numbers and quantifiers (``terhadap
    sejumlah petugas``, ``kepada 12 warga``)."""
    j = s - 1
    while j > lo and (ctx.lower[j] in QUANTIFIERS or ctx.lower[j].isdigit()):
        j -= 1
    return j >= lo and ctx.lower[j] in AIMED_PREPS


def _by_after(ctx: arg_rules.ArgContext, s: int, end: int) -> bool:
    """Whether ``oleh`` stands right before ``s``, with words between it and the trigger ending at ``end``."""
    return s - 1 > end and ctx.lower[s - 1] == "oleh"


def _dist(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9-15" if n <= 15 else "16+"


def _head(tree: Tree, s: int, e: int) -> int | None:
    """The token of ``[s, e)`` whose head lies outside it (None if the span was not parsed)."""
    for i in range(s, e):
        if not tree.parsed(i):
            return None
        if not s <= tree.head[i] < e or tree.head[i] == i:
            return i
    return None


def _arc(ctx: arg_rules.ArgContext, tree: Tree | None, th: int | None, s: int, e: int) -> str:
    """How the actor's phrase hangs from the trigger in the parse."""
    if tree is None or th is None or s < 0:
        return "none"
    ah = _head(tree, s, e)
    if ah is None:
        return "none"
    case = next((ctx.lower[c] for c in tree.children(ah) if tree.dep[c] == "case"), "-")
    if tree.head[ah] == th:
        return f"dep={tree.dep[ah]}|{case}"
    if tree.head[th] == ah:
        return f"up={tree.dep[th]}"
    if tree.head[ah] == tree.head[th]:
        return f"sib={tree.dep[ah]}|{tree.dep[th]}"
    if tree.parsed(tree.head[ah]) and tree.head[tree.head[ah]] == th:
        return f"dep2={tree.dep[tree.head[ah]]}|{tree.dep[ah]}"
    return "far"


def _person_next(ctx: arg_rules.ArgContext, e: int) -> bool:
    """Whether a person's name starts at ``e``, after at most two rank words (``Kapolda Metro Jaya [Irjen] X``)."""
    j = e
    while j < min(e + 2, len(ctx.lower)) and ctx.ent_at[j] < 0 and ctx.lower[j] in RANK_ABBREVIATIONS:
        j += 1
    if j >= len(ctx.ent_at) or ctx.ent_at[j] < 0:
        return False
    s, _t, eid = ctx.mentions[ctx.ent_at[j]]
    return s == j and ctx.ents[eid].get("type") == "PER"


def _title_holder_next(ctx: arg_rules.ArgContext, e: int) -> bool:
    """Whether a person is named next (:func:`_person_next`), past up to two places or bodies the title is for
    (``Duta Besar Prancis untuk [Indonesia] Fabien``: Prancis too is the title's)."""
    for _ in range(2):
        if e + 1 >= len(ctx.lower) or ctx.lower[e] != "untuk" or ctx.ent_at[e + 1] < 0:
            break
        s, t, eid = ctx.mentions[ctx.ent_at[e + 1]]
        if s != e + 1 or ctx.ents[eid].get("type") not in ("GPE", "ORG"):
            break
        e = t
    return _person_next(ctx, e)


def _person_after(ctx: arg_rules.ArgContext, i: int) -> bool:
    """Whether a person is named within two tokens after ``i`` (``Ketua DEN Luhut``: the post, not an actor)."""
    for j in range(i, min(i + 2, len(ctx.ent_at))):
        if ctx.ent_at[j] >= 0:
            return ctx.ents[ctx.mentions[ctx.ent_at[j]][2]].get("type") == "PER"
    return False


def _client(lower: list[str], s: int) -> bool:
    """Whether the name at token ``s`` is a lawyer's client (``kuasa hukum [Budi]``, ``pengacara [Budi]``)."""
    if s < 1 or lower[s - 1] not in CLIENT_OF:
        return False
    return lower[s - 1] != "hukum" or (s > 1 and lower[s - 2] in ("kuasa", "penasihat"))


def _time_clause(lower: list[str], i: int) -> bool:
    """Whether the word at ``i`` opens a clause of time (``setelah …``, ``saat …``; not ``saat ini``)."""
    return lower[i] in TEMPORAL_SUBORDINATORS or (lower[i] in WHEN_SUBORDINATORS
                                                  and not DEMONSTRATIVES.intersection(lower[i + 1:i + 2]))


def candidates(ctx: arg_rules.ArgContext, start: int, end: int, lo: int, hi: int, src: list[dict], tgt: list[dict],
               speaker: dict | None, *, reach: int = REACH, says: bool = True, by_not_doer: bool = False
               ) -> list[RoleCandidate]:
    """Every actor of the sentence ``[lo, hi)`` within ``reach`` tokens of the trigger ``[start, end)``, with the
    rules' choices. ``says``: the act can be done by saying it; else who reports it did not do it unless the rules
    say so (``“Penahanan dilakukan …,” kata juru bicara``). ``by_not_doer``: whom ``oleh`` names after the
    trigger did not do it: after an accusation's noun it is the accused (``dugaan kekerasan oleh aparat``); after an
    active verb, the doer of its object or of a clause in it (``X mengecam penggunaan kekerasan oleh aparat``,
    ``mendukung langkah yang diambil oleh Y``), as the active verb's own doer is its subject."""
    found: dict[str, RoleCandidate] = {}
    reporters: set[str] = set()

    def add(actor: dict, s: int, e: int, tag: str) -> RoleCandidate | None:
        k = key(actor)
        if s < 0 and not actor.get("entity") and k not in found:
            # the rules' "22 perusahaan" is the sentence's "perusahaan": one candidate, not two
            k = next((kk for kk, c in found.items() if not c.actor.get("entity") and (" " + k).endswith(" " + kk)), k)
        if not k:
            return None
        have = found.get(k)
        if have is None:
            found[k] = RoleCandidate(actor, s, e, {tag})
            return found[k]
        have.tags.add(tag)
        if tag.startswith("rule") and not any(t.startswith("rule") for t in have.tags - {tag}):
            have.actor = actor  # the rules' own record of it (a role prefix, how it was found)
        if s >= 0 and (have.start < 0 or abs(s - start) < abs(have.start - start)):
            have.start, have.end = s, e  # the mention nearest the trigger
        return have

    a, b = max(lo, start - reach), min(hi, end + reach)
    # a semicolon joins independent clauses, and so does a comma in a headline ("Warga Tolak X, Polisi Tangkap Y"):
    # the other clause's actors are not this act's parties
    a = next((i + 1 for i in range(start - 1, a - 1, -1) if ctx.lower[i] == ";"), a)
    b = next((i for i in range(end, b) if ctx.lower[i] == ";"), b)
    a, b = headline_clause(ctx, start, end, a, b)
    # a clause of time with a subject of its own ("X menuduh Y, sehari setelah serangan rudal menewaskan …"): the
    # main clause's parties are not its act's; one opening with a verb shares the main subject ("… setelah memeriksa")
    # (a fronted one ends at its comma: "Setelah penangkapan itu, polisi memeriksa …" is the main clause's act)
    sub = next((i for i in range(start - 1, a - 1, -1) if _time_clause(ctx.lower, i) or ctx.lower[i] == ","), None)
    if sub is not None and ctx.lower[sub] != "," and not verb_form(ctx.lower[sub + 1]):
        a = sub + 1
    # and one after it ("X mundur, sepekan setelah mahasiswa berunjuk rasa"): its subject is no party of the act
    after = next((i for i in range(end, b - 1) if _time_clause(ctx.lower, i)), None)
    if after is not None and not verb_form(ctx.lower[after + 1]) \
            and any(verb_form(w) for w in ctx.lower[after + 2:min(b, after + 7)]):
        b = after
    first = bisect_left(ctx.starts, a)
    for k, (s, e, eid) in enumerate(ctx.mentions[first:bisect_left(ctx.starts, b)], first):
        outer = ctx.mentions[ctx.ent_at[s]]
        if ctx.dateline_span[0] <= s < ctx.dateline_span[1] or (ctx.ent_at[s] != k and outer[1] >= e):
            continue  # the dateline's place; a name inside another's ("Presiden [Prancis]"): not a party of its own
        kind = ctx.ents[eid].get("type")
        if (kind == "GPE" or (kind == "ORG" and titled(ctx.lower, s))) and _title_holder_next(ctx, e):
            continue  # the country, region or body of the person named next ("Wali Kota [Medan] Bobby", "Ketua [KPK] X")
        if affiliation(ctx, (s, e, eid)):
            continue  # the body in the title of the person named next ("Wakil Ketua [DPRD Riau], Taufan")
        if s > lo and routed(ctx.lower, s, lo):
            continue  # a route or channel ("mengirim bantuan melalui Mesir", "melalui akun X"), never a party
        if arg_rules.according(ctx, s, lo) is not None:
            reporters.add(eid)  # "…, menurut Kepala Staf X": who reports it, not a party
            continue
        if aside(ctx, (s, e, eid), start) is not None or relative_aside(ctx, (s, e, eid), start) is not None:
            continue  # who reports the clause ("Partai X, kata [Budi], menolak …"); "X, yang didampingi [Y], …"
        if arg_rules.residents_home(ctx, (s, e, eid)) is not None:
            continue  # the residents' home ("warga adat [Raja Ampat]"): the role noun is the party
        if arg_rules.is_actor_mention(ctx, (s, e, eid)):
            cand = add(arg_rules.entity_actor(ctx, eid, s), s, e, "mention")
            if cand is not None and is_country(ctx, cand.actor):
                cand.tags.add("country")
            if cand is not None and (_aimed(ctx, s, lo) or (by_not_doer and _by_after(ctx, s, end))):
                cand.tags.add("not_doer")
            if cand is not None and _client(ctx.lower, s):
                cand.tags.add("client")
        elif s > lo and ctx.lower[s - 1] == "dari" and ctx.ents[eid].get("type") == "GPE":
            add(arg_rules.entity_actor(ctx, eid, s), s, e, "origin")  # ``roket dari X``, ``delegasi dari X``
    for i in range(a, b):
        if start <= i < end:
            continue  # a role noun of the trigger itself ("ditetapkan sebagai tersangka") is what is done, not who
        if ctx.lower[i] in arg_rules.ROLE_NOUNS and ctx.ent_at[i] < 0 \
                and origin(ctx.lower, i, lo, arg_rules.ROLE_NOUNS) is None:  # not the people's campus or town
            actor, stop = arg_rules.role_actor(ctx, i, hi)
            if actor is not None:
                cand = add(actor, i, stop, "role")
                if cand is not None and (_aimed(ctx, i, lo) or (by_not_doer and _by_after(ctx, i, end))):
                    cand.tags.add("not_doer")
    for role, actors in (("rule_src", src), ("rule_tgt", tgt)):
        for actor in actors:
            add(actor, -1, -1, role)
    if speaker is not None and speaker.get("entity") not in reporters:
        cand = add(speaker, -1, -1, "speaker")
        if not says and cand is not None and "rule_src" not in cand.tags:
            cand.tags.add("not_doer")
    return list(found.values())


def describe(ctx: arg_rules.ArgContext, cands: list[RoleCandidate], start: int, end: int, lo: int, typ: str,
             passive: bool, direct: bool) -> None:
    """Fill each candidate's features (role-independent: the source and target models weigh them apart)."""
    tree = ctx.doc._.warta_syntax
    tree = tree if tree is not None and tree.parsed(start) else None
    th = _head(tree, start, end) if tree is not None else None
    aff = affix(ctx.lower[start])
    # (a verb whose root ends in "an" is no noun: "menahan", "melawan"; a verb with "-nya" stays "nominal", as the
    # scorer was trained)
    voice = "passive" if passive else "nominal" if aff.startswith("pe-") or aff.endswith("|nya") or (
        aff.startswith(("0|", "ke-|")) and aff.endswith("|an")) else "active"
    left = sorted((c for c in cands if 0 <= c.start < start), key=lambda c: start - c.end)
    right = sorted((c for c in cands if c.start >= end), key=lambda c: c.start - end)
    rank = {id(c): n for side in (left, right) for n, c in enumerate(side, 1)}
    for c in cands:
        rule = "src" if "rule_src" in c.tags else "tgt" if "rule_tgt" in c.tags else "-"
        how = c.actor.get("_how", "")
        kind = (ctx.ents.get(c.actor["entity"], {}).get("type", "?") if c.actor.get("entity")
                else f"role:{c.actor.get('sector')}" if how == "role" else how)
        f = ["bias", f"rule={rule}", f"rule_type={rule}|{typ}", f"rule_how={rule}|{how}", f"kind={kind}",
             f"sector={c.actor.get('sector')}", f"sector_type={c.actor.get('sector')}|{typ}",
             f"rule_voice={rule}|{voice}", f"speaker={'speaker' in c.tags}|{direct}", f"kind_type={kind}|{typ}"]
        if c.start < 0:
            side = "none"
            f += ["side=none", f"side_voice=none|{voice}"]
        else:
            side = "L" if c.start < start else "R" if c.start >= end else "IN"
            gap = start - c.end if side == "L" else c.start - end if side == "R" else 0
            lo_, hi_ = (c.end, start) if side == "L" else (end, c.start)
            between = ctx.lower[lo_:hi_] if side != "IN" else []
            before = ctx.lower[c.start - 1] if c.start > lo else "<s>"
            after = ctx.lower[c.end] if c.end < len(ctx.lower) else "</s>"
            before = before if before in BEFORE_ACTOR or before == "<s>" else affix(before).split("|")[0]
            after = after if after in AFTER_ACTOR else affix(after).split("|")[0]
            r = min(rank.get(id(c), 1), 3)
            f += [f"side={side}", f"side_voice={side}|{voice}", f"side_aff={side}|{aff}", f"side_type={side}|{typ}",
                  f"dist={side}{_dist(gap)}", f"rank={side}{r}", f"rank_voice={side}{r}|{voice}",
                  f"before={before}", f"before_side={before}|{side}", f"before_voice={before}|{voice}",
                  f"after={after}", f"after_side={after}|{side}",
                  f"btw_comma={',' in between}|{side}", f"btw_yang={'yang' in between}|{side}",
                  f"btw_speech={any(w in SPEECH for w in between)}|{side}",
                  f"btw_quote={any(w in ('“', '”', chr(34)) for w in between)}",
                  f"btw_verb={any(len(w) > 5 and w.startswith(VERB_PREFIXES) for w in between)}|{side}",
                  f"sentence_start={c.start == lo}", f"names_person_next={_person_after(ctx, c.end)}"]
        arc = _arc(ctx, tree, th, c.start, c.end)
        f += [f"arc={arc}", f"arc_voice={arc}|{voice}"]
        c.features = f


@dataclass(frozen=True, slots=True)
class RoleModel:
    """Weights of the source and target models over :func:`describe`'s features, with their thresholds."""

    name: str
    version: str
    source: dict[str, float]
    target: dict[str, float]
    threshold_source: float
    threshold_target: float

    def choose(self, cands: list[RoleCandidate], src: list[dict], tgt: list[dict]
               ) -> tuple[list[dict], list[dict], dict[str, Any]]:
        """The source and target actors (:func:`pick_roles`) and the scorer's record of its choice."""
        ps, pt = [], []
        src_w, tgt_w = self.source, self.target
        for c in cands:
            zs = zt = 0.0
            for f in c.features:
                zs += src_w.get(f, 0.0)
                zt += tgt_w.get(f, 0.0)
            ps.append(sigmoid(zs))
            pt.append(sigmoid(zt))
        new_src, new_tgt, p_src, p_tgt = pick_roles(cands, ps, pt, src, tgt,
                                                    (self.threshold_source, self.threshold_target))
        info = {"name": self.name, "version": self.version, "source_p": round(p_src, 3), "target_p": round(p_tgt, 3)}
        return new_src, new_tgt, info


def pick_roles(cands: list[RoleCandidate], ps: list[float], pt: list[float], src: list[dict], tgt: list[dict],
               thresholds: tuple[float, float]) -> tuple[list[dict], list[dict], float, float]:
    """The best candidate of each role over its threshold (the rules' whole list when the best is among them,
    keeping coordinated actors), else the rules' choice; one actor never takes both roles."""
    # whom "terhadap"/"kepada" names is aimed at, never the doer ("… merekomendasikan pemeriksaan terhadap petugas"),
    # nor is who reports an act not done by saying it (candidates' "not_doer")
    order_s = sorted((k for k in range(len(cands)) if "not_doer" not in cands[k].tags), key=lambda k: -ps[k])
    # who reports a clause is not whom its act is done to, unless the rules say so ("X mengatakan penyidik menyita …")
    # nor is a lawyer's client whom the lawyer's act is aimed at ("Kuasa hukum Budi, X, membantah tuduhan penyidik")
    order_t = sorted((k for k in range(len(cands)) if ("speaker" not in cands[k].tags or "rule_tgt" in cands[k].tags)
                      and "client" not in cands[k].tags), key=lambda k: -pt[k])
    bs = order_s[0] if order_s else None
    bt = order_t[0] if order_t else None
    if bs is not None and bs == bt:  # one actor, one role: the likelier one
        if ps[bs] >= pt[bt]:
            bt = order_t[1] if len(order_t) > 1 else None
        else:
            bs = order_s[1] if len(order_s) > 1 else None
    # a government's act is not aimed at its own country ("Menlu X memperingatkan bahwa <capital> akan …": its side)
    own = governs(cands[bs].actor) if bs is not None else None

    def own_country(k: int) -> bool:
        return bool(own) and "country" in cands[k].tags and cands[k].actor.get("country") == own

    if bt is not None and own_country(bt):
        bt = next((k for k in order_t if k != bs and not own_country(k)), None)
    p_src = ps[bs] if bs is not None else 0.0
    p_tgt = pt[bt] if bt is not None else 0.0
    new_src = _pick(cands[bs] if bs is not None else None, p_src, thresholds[0], src, "rule_src")
    new_tgt = _pick(cands[bt] if bt is not None else None, p_tgt, thresholds[1], tgt, "rule_tgt")
    keys = {key(a) for a in new_src}
    return new_src, [a for a in new_tgt if key(a) not in keys], p_src, p_tgt


def _pick(cand: RoleCandidate | None, p: float, threshold: float, rules: list[dict], tag: str) -> list[dict]:
    if cand is None or p < threshold or tag in cand.tags:
        return rules  # nobody good enough, or the rules' own choice (coordinated actors included)
    return [cand.actor]


def read_roles(path: Path | str) -> RoleModel:
    """Read a role model written by ``warta.training.train_roles`` (errors name the file and field)."""
    data = read_weights_file(path, "role model", ("source", "target"), ("threshold_source", "threshold_target"))
    return RoleModel(data["name"], data["version"], data["source"], data["target"], data["threshold_source"],
                     data["threshold_target"])


@cache
def default_roles(path: str | None = None) -> RoleModel:
    """The role model at ``path``, or the one shipped in ``warta/models/events-id/roles.json``; read once."""
    if path:
        return read_roles(path)
    ref = resources.files("warta").joinpath("models", "events-id", "roles.json")
    with resources.as_file(ref) as real:
        return read_roles(real)
