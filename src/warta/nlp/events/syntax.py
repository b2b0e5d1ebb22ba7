"""Event arguments from the dependency tree (used when the pipeline has a parser).

Indonesian clause structure in Universal Dependencies terms:

* active verb (``Polisi menangkap dua orang``): ``nsubj`` is the source, ``obj`` the target; an
  ``obl`` introduced by ``dengan/kepada/terhadap/atas/ke`` is the target when there is no object
  (``bertemu dengan X``, ``mengecam serangan terhadap X``);
* passive (``di-``/``ter-`` verb; ``Budi ditangkap oleh polisi``): ``nsubj:pass`` is the target,
  the agent (``obl:agent``, an ``oleh`` phrase, or the noun right after the verb) the source;
* a verb without a subject of its own shares its head's when it is an ``xcomp``/``conj``
  (``X berjanji akan membantu``, ``X menangkap A dan menahan B``);
* nominal triggers keep their verb's roles: ``pe-…-an`` nouns name the patient in their ``nmod``
  (``penangkapan Budi oleh polisi``: Budi target, polisi source); other nouns their agent
  (``serangan Israel``, ``kunjungan Presiden``); a nominal that is the object of a light verb
  (``melancarkan serangan``) takes that verb's subject as source;
* an argument noun stands for the actor mention inside its phrase (titles, appositions and
  ``flat:name`` parts), without going into relative clauses; coordinated arguments (``X dan Y``)
  are all actors.
"""

from __future__ import annotations

from bisect import bisect_left

from warta.lang.id.clause import (
    AGENT_CASES,
    DEMONSTRATIVES,
    DIRECTIVE_MARKS,
    PLACE_CASES,
    QUANTIFIERS,
    ROUTE_PREPS,
    SOURCE_CASES,
    TARGET_CASES,
    TOPIC_WORDS,
)
from warta.lang.id.common_words import MEASURE_NOUNS
from warta.lang.id.event_words import SPEAKER_WORDS, THIRD_SINGULAR
from warta.lang.id.harm import CASUALTY_WORDS, CAUSE_CASES, HARMING_VERBS
from warta.lang.id.months import MONTHS
from warta.lang.id.roles import GROUP_ADJECTIVES, GROUP_NOUNS, SECTOR_NOUNS
from warta.lang.id.weekdays import WEEKDAYS
from warta.nlp.events import args as arg_rules
from warta.nlp.events.addresses import capacity, group_country, located, named_person
from warta.nlp.events.anaphora import both_sides, they
from warta.nlp.events.forms import verb_form
from warta.nlp.events.lexicon import surface_keys
from warta.nlp.syntax import Tree

CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "conj", "cc", "csubj",
                         "obl", "obl:tmod", "nmod:tmod", "mark"})
SHARE_SUBJECT = frozenset({"xcomp", "conj", "advcl"})
COMPLEMENT_DEPS = frozenset({"advcl", "ccomp", "xcomp"})
MAX_TOKENS = 40


def tree_of(ctx: arg_rules.ArgContext) -> Tree | None:
    """The Doc's parse (``warta_syntax``), or None when the pipeline has no parser."""
    return ctx.doc._.warta_syntax


def _case(tree: Tree, lower: list[str], i: int) -> str | None:
    return next((lower[c] for c in tree.children(i) if tree.dep[c] in ("case", "mark")), None)


def _actor_token(ctx: arg_rules.ArgContext, tree: Tree, i: int) -> int | None:
    """The first token of the actor mention that token ``i``'s phrase names (clauses and coordination excluded).

    The mention the head word belongs to; else, under a title, the first person in the phrase (``Anggota
    Komisi I DPR, Budi``: the member, not his institution); else the first mention.
    """
    stack, seen = [i], 0
    found: list[int] = []
    while stack and seen < MAX_TOKENS:
        t = stack.pop()
        seen += 1
        m = ctx.ent_at[t]
        # a name in the phrase's place ("guru honorer di depan kantor Kementerian X") is where they are, not who
        # nor the home of the residents who are the phrase's people ("warga adat Raja Ampat": the people act)
        if m >= 0 and arg_rules.is_actor_mention(ctx, ctx.mentions[m]) \
                and not ctx.dateline_span[0] <= t < ctx.dateline_span[1] \
                and (m == ctx.ent_at[i] or not located(ctx.lower, ctx.mentions[m][0])) \
                and arg_rules.residents_home(ctx, ctx.mentions[m]) is None:
            found.append(ctx.mentions[m][0])
        # not into a clause, nor a route ("bantuan bagi korban melalui AHA Centre": the centre is the channel)
        stack.extend(c for c in tree.children(t) if tree.dep[c] not in CLAUSE_DEPS
                     and _case(tree, ctx.lower, c) not in ROUTE_PREPS)
    # a name past a verb is another clause's, however the parse hangs it ("semua pihak menghormati Konvensi PBB")
    found = [s for s in found if not any(tree.pos[k] == "VERB" for k in range(min(i, s) + 1, max(i, s)))]
    if not found:
        return None
    if ctx.ent_at[i] >= 0 and ctx.mentions[ctx.ent_at[i]][0] in found:
        best = ctx.mentions[ctx.ent_at[i]][0]
    else:  # a title heads the phrase ("Anggota Komisi I DPR, Budi"): the person holding it
        title = ctx.doc[i].text[:1].isupper() or ctx.lower[i] in arg_rules.ROLE_NOUNS
        people = [s for s in found if title and ctx.ents[ctx.mentions[ctx.ent_at[s]][2]].get("type") == "PER"]
        best = min(people or found)
    # "Presiden Amerika Serikat Donald Trump": the person, not the country
    return named_person(ctx, ctx.mentions[ctx.ent_at[best]])[0]


def _named_before(ctx: arg_rules.ArgContext, eid: str, lo: int, start: int) -> bool:
    """Whether the entity ``eid`` is named within ``[lo - MAX_TOKENS, start)``."""
    k = bisect_left(ctx.starts, max(0, lo - MAX_TOKENS))
    while k < len(ctx.mentions) and ctx.mentions[k][0] < start:
        if ctx.mentions[k][2] == eid:
            return True
        k += 1
    return False


def actors_of(ctx: arg_rules.ArgContext, tree: Tree, i: int, hi: int, *, loose: bool = False) -> list[dict]:
    """Actors that the argument token ``i`` names, coordinated ones included.

    ``loose``: ``i`` is a clause argument (subject, object, agent or addressee of a verb), so a proper noun or
    a counted or quantified noun phrase that names no known actor still stands for one, by its words
    (``Komisi itu``'s name unknown to the NER, ``25 orang``, ``semua elemen bangsa``).
    """
    out: list[dict] = []
    for t in (i, *[c for c in tree.children(i) if tree.dep[c] == "conj"][:4]):
        if t >= hi:
            break  # "Israel Gempur Rafah, Indonesia Kecam …": a headline's next clause, not a conjunct
        start = _actor_token(ctx, tree, t)
        w = ctx.lower[t]
        if start is None and (w in arg_rules.ROLE_NOUNS or _person_noun(w)):
            start = _apposed_to(ctx, tree, t)  # "Budi, seorang aktivis, …": the activist is Budi
        if start is not None:
            out.append(arg_rules.entity_actor(ctx, ctx.mentions[ctx.ent_at[start]][2], start))
        elif both := both_sides(ctx, t):
            out += both  # "mendesak kedua pihak": the two sides named before
        elif w in arg_rules.ROLE_NOUNS:
            actor, _ = arg_rules.role_actor(ctx, t, hi)
            if actor is not None:
                if " " not in actor["name"]:  # "tiga petani", "para demonstran": the words of the phrase
                    actor["name"] = _phrase(ctx, tree, t) or actor["name"]
                out.append(actor)
        elif w in SPEAKER_WORDS:
            out.append({"name": w, "country": None, "sector": None, "entity": None, "_how": "first"})
        elif w in THIRD_SINGULAR:
            out += arg_rules.recent_entities(ctx, t, "PER", 1)
        elif w == "mereka":
            out += they(ctx, t)
        elif tree.pos[t] in PHRASE_POS and _person_noun(w) and not _anaphoric(ctx, tree, t):
            phrase = _phrase(ctx, tree, t)
            if phrase:  # an unnamed group ("dua tersangka", "para demonstran"): its words, the country named after it
                out.append({"name": phrase, "country": group_country(ctx, t, hi), "sector": None, "entity": None,
                            "_how": "phrase"})
        elif loose and _named_or_counted(ctx, tree, t) and not ctx.dateline_span[0] <= t < ctx.dateline_span[1] \
                and ctx.ent_at[t] < 0:  # a name known as no party (a place, an address) is none by its words either
            phrase = _phrase(ctx, tree, t)
            if phrase:  # by its words only: the word windows' named actor, when they find one, is preferred
                out.append({"name": phrase, "country": None, "sector": None, "entity": None, "_how": "words"})
    seen: set = set()
    unique = []
    for a in out:
        key = a.get("entity") or a["name"]
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return unique


PHRASE_POS = frozenset({"NOUN", "PROPN", "NUM"})
PHRASE_DEPS = frozenset({"nummod", "det", "amod", "compound", "flat", "flat:name", "nmod", "nmod:poss", "case"})
MAX_PHRASE = 6
#: tokens a noun phrase's words never run across
PHRASE_BREAKS = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "'"})
#: words after a noun phrase's head that begin its predicate (aspect, negation, ``kembali`` "return")
PREDICATE_WORDS = frozenset({"akan", "telah", "sudah", "sedang", "segera", "tidak", "tak", "belum", "juga",
                             "kembali", "harus", "bisa", "dapat", "ingin", "mau", "bakal"})


def _phrase(ctx: arg_rules.ArgContext, tree: Tree, i: int) -> str:
    """The words of the noun phrase headed by token ``i``: its numbers, determiners, modifiers (no clauses)."""
    keep = {i}
    stack = [i]
    times = [(t["start"], t["end"]) for t in ctx.doc._.warta_times or []]
    while stack:
        t = stack.pop()
        for c in tree.children(t):
            if tree.dep[c] == "nmod" and _case(tree, ctx.lower, c) in PLACE_CASES:
                continue  # "dua pencuri di Surabaya": where they were is not part of who they are
            if any(a <= ctx.idx[c] < b for a, b in times):
                continue  # "Bulan ini satu pengadilan …": when, not who
            if tree.dep[c] in PHRASE_DEPS and c not in keep and abs(c - i) <= MAX_PHRASE:
                keep.add(c)
                stack.append(c)
    lo, hi = min(keep), max(keep) + 1
    # never across a comma, a bracket or a quote mark: "saksi mata, dua masjid" names two things
    lo = next((k + 1 for k in range(i - 1, lo - 1, -1) if ctx.lower[k] in PHRASE_BREAKS or ctx.doc[k].is_space), lo)
    hi = next((k for k in range(i + 1, hi) if ctx.lower[k] in PHRASE_BREAKS or ctx.doc[k].is_space  # a title's end
               or ctx.lower[k] in PREDICATE_WORDS or ctx.lower[k] in TOPIC_WORDS  # "saksi [terkait] penyerangan"
               or ctx.lower[k] in ROUTE_PREPS  # "korban [melalui] AHA Centre"
               or (verb_form(ctx.lower[k]) and ctx.lower[k] not in GROUP_ADJECTIVES)), hi)  # "kedua pihak [kembali] ke …"
    while lo < hi and tree.dep[lo] == "case":
        lo += 1
    return ctx.doc[lo:hi].text if hi - lo <= MAX_PHRASE else ctx.doc[i].text


def _anaphoric(ctx: arg_rules.ArgContext, tree: Tree, i: int) -> bool:
    """Whether the noun ``i`` points back to actors already named (``pasangan tersebut``, ``kelompok itu``)."""
    return any(tree.dep[c] == "det" and ctx.lower[c] in DEMONSTRATIVES for c in tree.children(i))




def _named_or_counted(ctx: arg_rules.ArgContext, tree: Tree, i: int) -> bool:
    """Whether token ``i`` heads a proper name or a counted/quantified noun phrase (not one pointing back)."""
    if tree.pos[i] == "PROPN":  # a day or month is a time, never a party ("pada Selasa", "sejak Maret")
        return ctx.doc[i].text[:1].isupper() and ctx.lower[i] not in WEEKDAYS and ctx.lower[i] not in MONTHS
    if tree.pos[i] != "NOUN" or ctx.lower[i] in MEASURE_NOUNS or _anaphoric(ctx, tree, i):
        return False  # "dua kali" (twice), "tiga hari": counted, but no one
    if ctx.lower[i].endswith("an") and len(ctx.lower[i]) > 5:
        return False  # "seluruh gugatan", "semua tuntutan": acts and things (the people nouns in -an are known)
    return any(tree.dep[c] == "nummod" or (tree.dep[c] == "det" and ctx.lower[c] in QUANTIFIERS)
               for c in tree.children(i))


def _apposed_to(ctx: arg_rules.ArgContext, tree: Tree, i: int) -> int | None:
    """The first token of the named actor that the noun phrase headed by ``i`` describes in apposition
    (``Budi, seorang aktivis``: the phrase follows the name and a comma, or the parser says ``appos``)."""
    first = min([i, *(c for c in tree.children(i) if tree.dep[c] in ("det", "nummod") and c < i)])
    cands = [tree.head[i]] if tree.dep[i] == "appos" else []
    if first >= 2 and ctx.lower[first - 1] == ",":
        cands.append(first - 2)  # the name ends right before the comma
    for k in cands:
        m = ctx.ent_at[k]
        if m >= 0 and arg_rules.is_actor_mention(ctx, ctx.mentions[m]) \
                and arg_rules.according(ctx, ctx.mentions[m][0], 0) is None:  # "Menurut X, perusahaan itu …"
            return ctx.mentions[m][0]
    return None


def _person_noun(word: str) -> bool:
    """Whether ``word`` names people (``pendukungnya`` → ``pendukung``, ``kelompok-kelompok`` → ``kelompok``)."""
    return any(k[1:] in GROUP_NOUNS or k[1:] in SECTOR_NOUNS for k in surface_keys(word))


#: words that open an amount (``Sebanyak 15 orang``, ``Sejumlah warga``) and that the parser may take as the head
QUANTITY_HEADS = frozenset({"sebanyak", "sejumlah", "setidaknya", "sedikitnya", "sekitar", "kurang", "lebih"})


def _counted(ctx: arg_rules.ArgContext, tree: Tree, i: int | None) -> int | None:
    """The noun counted when ``i`` is an amount word heading it (``[Sebanyak] 15 orang ditangkap``), else ``i``."""
    if i is None or ctx.lower[i] not in QUANTITY_HEADS:
        return i
    return next((c for c in tree.children(i) if tree.dep[c] in ("nmod", "compound", "flat") and tree.pos[c] == "NOUN"), i)


def _subject(tree: Tree, i: int) -> int | None:
    """Token ``i``'s subject, or the one it shares with the verb it depends on (two steps at most)."""
    for _ in range(3):
        subjects = [c for c in tree.children(i) if tree.dep[c] in ("nsubj", "nsubj:pass")]
        relative = tree.dep[i] in ("acl", "acl:relcl") and tree.head[i] != i
        if relative and all(tree.pos[c] == "PRON" for c in subjects):
            return tree.head[i]  # "X yang menyerang …", "Presiden X, setelah melakukan pertemuan …": the noun
        if subjects:  # the nearest: "Menanggapi serangan X, Presiden Y meminta …" (a fronted clause misparsed)
            return min(subjects, key=lambda c: (c > i, abs(c - i)))
        if tree.dep[i] not in SHARE_SUBJECT or tree.head[i] == i:
            return None
        i = tree.head[i]
    return None


def _head_of(tree: Tree, start: int, end: int) -> int:
    """The syntactic head of the trigger span (the token whose head lies outside it)."""
    for i in range(start, end):
        h = tree.head[i]
        if h < start or h >= end or h == i:
            return i
    return start


def _harmed(ctx: arg_rules.ArgContext, tree: Tree, head: int, hi: int) -> list[dict]:
    """Who a nominal attack hit, read off the clause around it: the object of the harming verb it is the subject
    of (``serangan itu menewaskan tiga orang``), or the subject of the casualty word it is the cause of
    (``dua warga tewas dalam serangan``)."""
    for _ in range(2):  # "sejumlah serangan …" parsed with the quantity as the phrase's head
        if tree.dep[head] not in ("compound", "flat") or tree.head[head] == head:
            break
        head = tree.head[head]
    gov = tree.head[head]
    if gov == head:
        return []
    if tree.dep[head] == "nsubj" and ctx.lower[gov] in HARMING_VERBS:
        obj = next((c for c in tree.children(gov) if tree.dep[c] == "obj"), None)
        return actors_of(ctx, tree, obj, hi, loose=True) if obj is not None else []
    if tree.dep[head] in ("obl", "nmod", "advcl") and _case(tree, ctx.lower, head) in CAUSE_CASES \
            and ctx.lower[gov] in CASUALTY_WORDS:
        subj = next((c for c in tree.children(gov) if tree.dep[c] in ("nsubj", "nsubj:pass")), None)
        return actors_of(ctx, tree, subj, hi, loose=True) if subj is not None else []
    return []


def arguments(ctx: arg_rules.ArgContext, start: int, end: int, hi: int, *, passive: bool, nominal: bool,
              directive: bool = False, harm: bool = False, claim: bool = False) -> tuple[list[dict], list[dict]]:
    """Source and target actors of the trigger at tokens ``[start, end)`` read off the tree (may be empty).

    ``directive``: the trigger asks someone to act (``meminta agar X …``, ``mendesak X untuk …``): without an
    object, the subject of its complement clause is the target. ``harm``: the trigger is an attack, so a nominal
    one without a target of its own takes whom its clause says it hit (:func:`_harmed`). ``claim``: the trigger is
    an accusation, so an ``oleh`` phrase after what it alleges names the accused (``dugaan mafia anggaran oleh
    anggota DPR``; events-id/train codes it so), not the accuser.
    """
    tree = tree_of(ctx)
    if tree is None or not tree.parsed(start):
        return [], []
    lower = ctx.lower
    head = _head_of(tree, start, end)
    src: list[dict] = []
    tgt: list[dict] = []
    kids = tree.children(head)
    if nominal and tree.pos[head] in ("NOUN", "PROPN"):
        word = lower[head]
        patient_first = word.startswith("pe") and word.endswith(("an", "annya"))
        # a modifier of the trigger noun carries its phrases along: "tembakan roket dari X"
        kids = [*kids, *(k for c in kids if tree.dep[c] in ("compound", "amod") for k in tree.children(c)
                         if tree.dep[k] in ("nmod", "obl"))]
        for c in kids:
            if tree.pos[c] == "VERB" or verb_form(lower[c]):
                continue  # a clause ("serangan rudal [menghantam] Kharkiv"): what it names did not do the act
            case = _case(tree, lower, c)
            if claim and case in AGENT_CASES and not end <= c <= end + 1:
                tgt = tgt or actors_of(ctx, tree, c, hi)
            elif case in AGENT_CASES or (case in SOURCE_CASES and not patient_first):
                src = src or actors_of(ctx, tree, c, hi)
            elif case in TARGET_CASES:
                tgt = tgt or actors_of(ctx, tree, c, hi)
            elif tree.dep[c] in ("nmod", "nmod:poss", "compound", "appos", "flat", "flat:name") and case is None:
                if patient_first:
                    tgt = tgt or actors_of(ctx, tree, c, hi)
                else:
                    src = src or actors_of(ctx, tree, c, hi)
        if not src and tree.dep[head] == "obj" and tree.head[head] != head:
            verb_subj = _subject(tree, tree.head[head])
            if verb_subj is not None:
                src = actors_of(ctx, tree, verb_subj, hi)  # "Israel melancarkan serangan …"
        if not tgt and harm:
            tgt = _harmed(ctx, tree, head, hi)
        return src, tgt
    subj = _counted(ctx, tree, _subject(tree, head))
    if subj is not None and (named := _actor_token(ctx, tree, subj)) is not None \
            and arg_rules.according(ctx, named, 0) is not None:
        subj = None  # "Menurut Walhi Riau, perusahaan itu merusak …": who reports the act, not who did it
    if subj is not None and (k := capacity(lower, subj + 1, 0)) is not None and k > 0 and ctx.ent_at[k - 1] >= 0:
        subj = ctx.mentions[ctx.ent_at[k - 1]][0]  # "Indonesia selaku ketua ASEAN menyerukan …": Indonesia acts
    if passive or any(tree.dep[c] == "nsubj:pass" for c in kids):
        if subj is not None:
            tgt = actors_of(ctx, tree, subj, hi, loose=True)
            if subj < start:  # a fronted subject's phrase ends before its verb: names after it are the doers
                tgt = [a for a in tgt if not a.get("entity") or _named_before(ctx, a["entity"], subj, start)]
        agent = next((c for c in kids if tree.dep[c] == "obl:agent"
                      or (tree.dep[c] in ("obl", "nmod") and _case(tree, lower, c) == "oleh")), None)
        if agent is None:
            agent = next((c for c in kids if tree.dep[c] in ("obj", "nsubj") and c > head), None)
        if agent is not None:
            src = actors_of(ctx, tree, agent, hi, loose=True)
        return src, tgt
    if subj is not None:
        src = actors_of(ctx, tree, subj, hi, loose=True)
    obj = next((c for c in kids if tree.dep[c] in ("obj", "iobj") and not start <= c < end), None)
    if obj is not None:
        tgt = actors_of(ctx, tree, obj, hi, loose=True)
    if not tgt:
        for c in kids:
            if tree.dep[c] in ("obl", "nmod") and _case(tree, lower, c) in TARGET_CASES:
                tgt = actors_of(ctx, tree, c, hi, loose=True)
                if tgt:
                    break
    if not tgt and directive:
        for c in kids:
            if tree.dep[c] in COMPLEMENT_DEPS and c > head and (_case(tree, lower, c) or "agar") in DIRECTIVE_MARKS:
                subj = next((k for k in tree.children(c) if tree.dep[k] == "nsubj"), None)
                if subj is not None:
                    tgt = actors_of(ctx, tree, subj, hi)
                    break
    return src, tgt


def attachment(ctx: arg_rules.ArgContext, i: int, start: int, end: int) -> str:
    """Where token ``i`` (a time or place) hangs: ``"trigger"`` (under the trigger's head without crossing
    another verb), ``"other"`` (under another verb: another clause's time or place) or ``"unknown"``."""
    tree = tree_of(ctx)
    if tree is None or not tree.parsed(i) or not tree.parsed(start):
        return "unknown"
    head = _head_of(tree, start, end)
    governor = head
    for _ in range(3):  # a nominal trigger's own clause: "melancarkan serangan", "serangan … terjadi"
        if tree.pos[governor] == "VERB" or tree.head[governor] == governor:
            break
        governor = tree.head[governor]
    k = i
    for _ in range(12):
        if k in (head, governor) or start <= k < end:
            return "trigger"
        if k != i and tree.pos[k] == "VERB":
            return "other"
        if tree.head[k] == k:
            return "other" if tree.pos[k] == "VERB" else "unknown"
        k = tree.head[k]
    return "unknown"
