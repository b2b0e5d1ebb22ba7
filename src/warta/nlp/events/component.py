"""PLOVER event coding (component ``warta_events``).

Triggers come from ``warta/data/triggers.tsv`` (lemma patterns, matched on Indonesian lemmas from
:mod:`warta.lang.id.morphology`); arguments (source/target actors, date, location, flags) from
:mod:`warta.nlp.events.args`. Records telling the same event (same type, same actors,
compatible dates) are merged into one with every evidence sentence.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from warta.lang.id.clause import PURPOSE
from warta.lang.id.event_words import FUTURE, OBLIGATION
from warta.lang.id.morphology import candidates
from warta.lang.id.roles import PATIENT_ONLY
from warta.nlp.events import args as arg_rules
from warta.nlp.events import roles as role_scorer
from warta.nlp.events import syntax as parse_args
from warta.nlp.events.aimed import crowd_protest, implied, not_own_country, proposer
from warta.nlp.events.clause_names import reporting_outlets
from warta.nlp.events.forms import (
    CLAUSE_BREAKS,
    anaphoric,
    naming,
    noun_trigger,
    office_word,
    one_word_noun,
    patient_noun,
    topic,
)
from warta.nlp.events.headline import headline_clause, headline_verb
from warta.nlp.events.kinds import (
    AT_TARGET,
    DIRECTIVES,
    EMBEDDING,
    EMBEDDING_ROWS,
    JOINT_ROWS,
    NEVER,
    PROMISABLE,
    SPEECH_ACTS,
)
from warta.nlp.events.lexicon import (
    BLOCK,
    TYPES,
    Lexicon,
    LexiconError,
    Trigger,
    default_lexicon,
    find_triggers,
    parse_lexicon,
    sentence_triggers,
)
from warta.nlp.events.merge import AT_AN_ACT, RECIPROCAL, actor_match_key, merge, others, people, target_the_doer
from warta.nlp.events.model import EventModel, default_model, features
from warta.nlp.events.nominal import doer_after
from warta.nlp.events.polarity import flags as polarity
from warta.nlp.events.polarity import imperative
from warta.nlp.events.settings import DEFAULT_SETTINGS, EventSettings
from warta.nlp.events.summary import summary_en
from warta.nlp.events.viewed import viewed, voiced_by
from warta.nlp.events.when import event_date, historical, lead_span, story_date
from warta.nlp.events.where import lead_places, news_place
from warta.nlp.extensions import SentenceIndex, register_extensions
from warta.nlp.syntax import Tree, fulfil

log = logging.getLogger(__name__)


def _failed(doc: Doc, what: str, exc: Exception) -> None:
    """A failure inside the event coder: logged with the start of the document it hit (and the
    traceback) and noted in that document's ``notes``, never swallowed."""
    log.error("%s in the document beginning %r", what, doc.text[:60], exc_info=exc)
    doc._.warta_event_notes.append(f"events: {what} ({type(exc).__name__}: {exc})")


@Language.factory("warta_events", assigns=["doc._.warta_events", "doc._.warta_event_notes"],
                  requires=["doc._.warta_entities", "doc._.warta_places", "doc._.warta_quotes", "doc._.warta_times",
                            "doc._.warta_syntax"],
                  default_config={"lexicon": None, "use_model": True, "model": None, "parse_floor": 0.0,
                                  "use_roles": False, "roles": None, "window": DEFAULT_SETTINGS.window,
                                  "right_window": DEFAULT_SETTINGS.right_window,
                                  "weak_strength": DEFAULT_SETTINGS.weak_strength,
                                  "no_target_factor": DEFAULT_SETTINGS.no_target_factor,
                                  "historical_days": DEFAULT_SETTINGS.historical_days,
                                  "role_reach": DEFAULT_SETTINGS.role_reach,
                                  "unnamed_doer_first_only": DEFAULT_SETTINGS.unnamed_doer_first_only,
                                  "untargeted_first_only": DEFAULT_SETTINGS.untargeted_first_only,
                                  "certainty": dict(DEFAULT_SETTINGS.certainty)})
def make_events(nlp: Language, name: str, lexicon: str | None, use_model: bool, model: str | None,
                parse_floor: float, use_roles: bool, roles: str | None, window: int, right_window: int,
                weak_strength: float, no_target_factor: float, historical_days: int, role_reach: int,
                unnamed_doer_first_only: bool, untargeted_first_only: bool, certainty: dict[str, float]
                ) -> EventCoder:
    """Factory of the event coder.

    ``lexicon``: a triggers.tsv path (default: warta's own). ``use_model``: decide each trigger match with
    the learned model (``model``: a model.json path, default the shipped ``models/events-id``); when false,
    the argument rules alone decide (the v1 behaviour). ``parse_floor``: a candidate whose word-window
    arguments are incomplete is parsed only when the model gives it at least this probability (0: always).
    ``use_roles``: the learned role scorer (``roles``: a roles.json path, default the shipped one) picks each
    event's source and target among the sentence's actors; when false, the argument rules' choice stands.
    The windows, cut-offs and weights are :class:`~warta.nlp.events.settings.EventSettings`.
    """
    settings = EventSettings(window=window, right_window=right_window, weak_strength=weak_strength,
                             no_target_factor=no_target_factor, historical_days=historical_days,
                             role_reach=role_reach, unnamed_doer_first_only=unnamed_doer_first_only,
                             untargeted_first_only=untargeted_first_only, certainty=dict(certainty))
    return EventCoder(default_lexicon(lexicon), default_model(model) if use_model else None,
                      parse_floor=parse_floor, roles=role_scorer.default_roles(roles) if use_roles else None,
                      settings=settings)


def _only_words(actors: list[dict]) -> bool:
    """Whether the tree named these actors only by the words of their phrase (no entity, role or speaker)."""
    return all(a.get("_how") == "words" for a in actors)


def _clean(actors: list[dict]) -> list[dict]:
    return [{k: a.get(k) for k in ("name", "country", "sector", "entity")} for a in actors]


@dataclass(slots=True)
class _State:
    """One Doc between the word-window pass and the parse."""

    doc: Doc
    ctx: arg_rules.ArgContext
    times: list
    spans: list[tuple[int, int]]
    found: list
    per_sentence: list[list[Candidate]]
    tree: Tree | None

    @property
    def unsure(self) -> list[int]:
        """Sentences with a candidate the word windows are unsure of."""
        return [k for k, cands in enumerate(self.per_sentence) if any(c.record["_unsure"] for c in cands)]

    def unsure_spans(self) -> list[tuple[int, int]]:
        """Their token spans."""
        return [self.spans[k] for k in self.unsure]


@dataclass(slots=True)
class Candidate:
    """One trigger match with the event record it would make and its model features."""

    record: dict
    features: list[str]
    start: int
    end: int


class EventCoder:
    """``Doc → Doc``: ``doc._.warta_events``."""

    def __init__(self, lexicon: Lexicon, model: EventModel | None = None, *, parse_floor: float = 0.0,
                 roles: role_scorer.RoleModel | None = None, collect_roles: bool = False,
                 settings: EventSettings = DEFAULT_SETTINGS) -> None:
        self.lex = lexicon
        self.settings = settings
        self.model = model
        self.parse_floor = parse_floor
        self.roles = roles
        self.collect_roles = collect_roles  # keep every candidate actor on the record (training)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return self._code_batch([doc])[0]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        """Code a stream of Docs; the sentences each batch needs parsed are parsed together."""
        for batch in minibatch(stream, size=batch_size):
            yield from self._code_batch(list(batch))

    def _code_batch(self, docs: list[Doc]) -> list[Doc]:
        register_extensions()
        states: list[_State | None] = []
        for doc in docs:
            doc._.warta_event_notes = []
            try:
                states.append(self._first_pass(doc))
            except Exception as exc:  # never lose a document to the event coder: logged and noted in it
                _failed(doc, "event coding failed; no events coded", exc)
                states.append(None)
        try:
            fulfil([(st.tree, st.unsure_spans()) for st in states if st is not None and st.tree is not None])
        except Exception as exc:  # the word windows stand
            for doc, st in zip(docs, states, strict=True):
                if st is not None and st.tree is not None:
                    _failed(doc, "parsing for event arguments failed; word-window arguments kept", exc)
        for doc, st in zip(docs, states, strict=True):
            try:
                doc._.warta_events = self.decide(self._second_pass(st), people=people(doc)) if st is not None else []
            except Exception as exc:  # never lose a document to the event coder: logged and noted in it
                _failed(doc, "event coding failed; no events coded", exc)
                doc._.warta_events = []
            if doc._.warta_syntax is not None:
                doc._.warta_syntax.release()
        return docs

    def candidates(self, doc: Doc) -> list[Candidate]:
        """Every trigger match of ``doc`` as a candidate event (the pipeline's other layers must be set).

        Word windows first; then the sentences where they are unsure (a nominal or passive trigger that
        found no one acting) are parsed and coded again from the tree.
        """
        st = self._first_pass(doc)
        if st.tree is not None:
            fulfil([(st.tree, st.unsure_spans())])
        return self._second_pass(st)

    def _first_pass(self, doc: Doc) -> _State:
        ents = doc._.warta_entities or []
        ctx = arg_rules.make_ctx(doc, ents, doc._.warta_places or [], doc._.warta_quotes or [],
                                 window=self.settings.window, right_window=self.settings.right_window)
        times = sorted((t["start"], t["end"], t) for t in (doc._.warta_times or []))
        spans = SentenceIndex(doc).spans if len(doc) else []
        opening = [(ctx.idx[a], ctx.ends[b - 1]) for a, b in spans[:6]]
        ctx.story_date = story_date(ctx, times, doc._.warta_date, opening)
        ctx.lead_places = lead_places(ctx, lead_span(ctx.text, opening, ctx.title_end))
        found = sentence_triggers(doc, self.lex, spans, last=True, lower=ctx.lower) if len(doc) else []
        # "Baca juga: X Bertemu Y" is another article's headline, not this report's event
        found = [[] if lo in ctx.furniture else matches for (lo, _hi), matches in zip(spans, found, strict=True)]
        per_sentence = [self._sentence(doc, ctx, lo, hi, matches, times)
                        for (lo, hi), matches in zip(spans, found, strict=True)]
        tree = doc._.warta_syntax
        return _State(doc, ctx, times, spans, found, per_sentence, tree if tree is not None and tree.can_parse() else None)

    def _second_pass(self, st: _State) -> list[Candidate]:
        if st.tree is not None:
            for k in st.unsure:
                if st.tree.parsed(st.spans[k][0]):
                    st.per_sentence[k] = self._sentence(st.doc, st.ctx, *st.spans[k], st.found[k], st.times)
        return [c for cands in st.per_sentence for c in cands]

    def _sentence(self, doc: Doc, ctx: arg_rules.ArgContext, lo: int, hi: int, matches: list, times: list) -> list[Candidate]:
        """The candidates of one sentence."""
        out: list[Candidate] = []
        prev: list[tuple[Trigger, int, int]] = []
        actors = sum(1 for s, _t, eid in ctx.mentions[bisect_left(ctx.starts, lo):bisect_left(ctx.starts, hi)]
                     if ctx.ents[eid].get("type") in arg_rules.ACTOR_TYPES)
        for start, end, tr in matches:
            if start in ctx.in_names or office_word(ctx.doc, start, lo, ctx.idx[start] < ctx.title_end):
                continue  # "Perang Dunia II", "Kabupaten Serang", "Direktur Penyidikan": a word of a name or title
            ev = self.event(doc, ctx, tr, start, end, lo, hi, times, prev)
            ev["_in_context"] = lo > 0  # a sentence after the text's first
            prev.append((tr, start, end))
            if tr.type in AT_AN_ACT:
                # "mengecam serangan itu": the act condemned is one reported before; its doer is the target
                ev["_object_act"] = next((t2.type for s2, e2, t2 in matches if end <= s2 <= end + 2
                                          and anaphoric(ctx.lower, s2, e2)), None)
            feats = features(doc, ctx.lower, ev, start, end, lo, hi, tr.text, tr.type, actors)
            if FUTURE.intersection(ctx.lower[start:end]):
                # a row holding its modal ("akan bantu"): announced, not done (the model reads the words before it)
                ev["future"] = True
            if ev["_unsure"] and self.model is not None and self.parse_floor > 0:
                # not worth a parse when even the best arguments could not make it an event
                ev["_unsure"] = self.model.probability(feats) >= self.parse_floor
            out.append(Candidate(ev, feats, start, end))
        return out

    def keep(self, cand: Candidate) -> bool:
        """Whether a candidate is an event: the model's probability over its threshold, else the rules."""
        ev = cand.record
        if self.model is None:
            return not ev["_why_not"]
        p = self.model.probability(cand.features)
        ev["model"] = {"name": self.model.name, "version": self.model.version, "p": round(p, 3)}
        if ev["_roles"] is not None:
            ev["model"]["roles"] = ev["_roles"]
        if NEVER.intersection(ev["_why_not"]):
            return False  # "kalau X bertemu Y …", "Tarik pasukan!": no event stated, whatever the words around it
        if not ev["source"]:
            return p >= self.model.threshold_no_source
        if not ev["_why_not"]:
            return p >= self.model.threshold_rules_ok
        return p >= self.model.threshold

    def code(self, doc: Doc) -> list[dict]:
        """The events of ``doc``, merged and numbered."""
        return self.decide(self.candidates(doc), people=people(doc))

    def decide(self, candidates: list[Candidate], *, people: frozenset[str] = frozenset()) -> list[dict]:
        """The candidates that are events, merged and numbered (``people``: the ids of the persons named)."""
        raw = [c.record for c in candidates if self.keep(c)]
        target_the_doer(raw)
        events = merge(raw, unnamed_first_only=self.settings.unnamed_doer_first_only,
                       untargeted_first_only=self.settings.untargeted_first_only, people=people)
        for n, ev in enumerate(events, 1):
            ev["id"] = f"v{n}"
            ev["summary_en"] = summary_en(ev)
        return events

    def event(self, doc, ctx, tr: Trigger, start: int, end: int, lo: int, hi: int, times, prev) -> dict:
        """The event record a trigger match makes; ``_why_not`` lists the rules that reject it."""
        why: list[str] = []
        word = ctx.lower[start]
        if start > lo and ctx.lower[start - 1] in PURPOSE:
            why.append("purpose")  # "untuk mendukung …": a purpose, not an event
        if any(w in OBLIGATION for w in ctx.lower[max(lo, start - 3):start]):
            why.append("obligation")  # "polisi seharusnya menahan X": what ought to be done, not what was
        if topic(ctx.lower, start, lo):
            why.append("topic")  # "membahas gencatan senjata dan pembebasan sandera": what is discussed
        embedding = [(p_start, p_end) for p, p_start, p_end in prev
                     if (p.type in EMBEDDING or p.pattern[0] in EMBEDDING_ROWS) and 0 <= start - p_end <= 8]
        if embedding:
            why.append("embedded")  # the content of a request or threat, not an event
            if tr.type not in EMBEDDING and any(not ctx.lower[a].endswith("an")
                                                and not CLAUSE_BREAKS.intersection(ctx.lower[b:start])
                                                for a, b in embedding):
                # "meminta X mengirim …", "mengancam menjatuhkan …": asked for, in one clause (a request after a
                # request is another request: "mengajak sekaligus mendorong")
                why.append("requested")
        # (a stem of the lexicon's own in "dis", "diskusi", is no passive; a form "=disandera" is)
        passive = (word.startswith(("di", "ter")) and word.removeprefix("di").removeprefix("ter") in candidates(word)
                   and tr.voice != "reported" and not tr.pattern[0].startswith("dis"))
        first = ctx.idx[start]
        quote, speaker = arg_rules.speaker_of(ctx, first)
        direct = quote is not None and quote.get("direct")
        inside = set(tr.pattern)
        nominal = (noun_trigger(word, tr.pattern[0].lstrip("="), surface=tr.pattern[0].startswith("="))
                   and not (word == tr.pattern[0].lstrip("=") and headline_verb(ctx, start, lo)))
        active = not passive and not nominal and word.startswith(("me", "ber"))
        if nominal and (named := naming(ctx.lower, start, lo, tr.type)):
            why.append(named)  # "perjanjian ekstradisi", "tersangka dugaan korupsi": a thing's name, no act
        src: list[dict] = []
        # a headline act's parties are in its own clause ("Israel Gempur Rafah, Indonesia Kecam …")
        lo_c, hi_c = headline_clause(ctx, start, end, lo, hi)
        if direct:  # a quoted act's parties and place are in the quote ("…,” ujar X kepada wartawan di Moskow)
            span = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
            lo_c, hi_c = max(lo_c, span.start), min(hi_c, span.end)
        tgt: list[dict] = []
        if end < hi_c and ctx.lower[end] == "antara" and tr.type in RECIPROCAL:
            both = arg_rules.objects(ctx, end + 1, hi_c)
            src, tgt = both[:1], both[1:]
        elif (nominal and not passive and (doer_end := doer_after(ctx, end, hi_c, tr.type)) > 0
              and ctx.lower[start - 1:start] != ["dan"] and not patient_noun(word, tr.type, tr.mode)):
            src = arg_rules.objects(ctx, end, min(hi_c, end + 6))  # "serangan Rusia", "demo mahasiswa"
            if src:
                tgt = arg_rules.objects(ctx, doer_end, hi_c, skip=inside)
        if not src:
            src = arg_rules.subject(ctx, start, lo_c)
            if not src and len(tr.pattern) > 1 and not passive:
                src = arg_rules.objects(ctx, start + 1, end, skip=inside)  # "Rudal Rusia hantam …"
                tgt = arg_rules.objects(ctx, end, hi_c, skip=inside)
            elif passive:
                k = end + 1 if end < hi_c and ctx.lower[end] == "oleh" else end
                src, tgt = arg_rules.objects(ctx, k, min(hi_c, k + 6), agent=k == end), src
            else:
                tgt = arg_rules.objects(ctx, start + 1, hi_c, skip=inside)
        how = "linear"
        unsure = not src or not tgt  # the parse where word windows miss an argument
        # the parser's arcs, where they name someone, over the word windows' guesses; in a headline, whose verbs lack
        # their prefixes and whose every word is capitalised (the treebank has none), only where the windows found none
        if doc._.warta_syntax is not None and doc._.warta_syntax.parsed(start):
            tree_src, tree_tgt = parse_args.arguments(ctx, start, end, hi_c, passive=passive, nominal=nominal,
                                                      directive=tr.type in DIRECTIVES, harm=tr.type == "ASSAULT",
                                                      claim=tr.type == "ACCUSE")
            if first < ctx.title_end:
                tree_src, tree_tgt = ([] if src else tree_src), ([] if tgt else tree_tgt)
            if any(a["_how"] == "words" for a in tree_src):  # "Unjuk rasa menolak …": an act named before, no one
                acts = tuple(ctx.doc[p_s:p_end].text.lower() for _p, p_s, p_end in prev)
                tree_src = [a for a in tree_src if not (a["_how"] == "words" and (  # nor the act's own words
                    a["name"].lower().startswith(acts) or any(x.startswith(a["name"].lower()) for x in acts)
                    or a["name"].split()[0].lower() in ctx.lower[start:end]))]
            if tree_src and not (src and _only_words(tree_src)):
                src, how = tree_src, "tree"
            if tree_tgt and not (tgt and _only_words(tree_tgt)):
                tgt, how = tree_tgt, "tree"
        claimed = None  # the claimant of a reported wrongdoing: the act's source whatever the role scorer thinks
        if tr.voice == "reported":  # the claimant accuses the clause subject
            claimant = speaker if direct else None
            if claimant is None:
                b = next((i for i in range(start - 1, max(lo, start - ctx.window) - 1, -1) if ctx.lower[i] == "bahwa"),
                         None)
                claimant_l = arg_rules.subject(ctx, b, lo) if b is not None else []
                claimant = claimant_l[-1] if claimant_l else None
            if claimant is None or not src:
                why.append("no_claimant")
            else:
                src, tgt = [claimant], src
                claimed = claimant
        if src and src[0]["_how"] == "first":  # "saya/kami …" in a quote: the speaker acts
            src = [speaker] if speaker else []
            claimed = speaker
        if not src and speaker is not None and tr.type in SPEECH_ACTS:
            src = [speaker]  # "“Kami menolak …,” kata X" / "X mengatakan menuntut …": saying it is the act
        # "warga yang menolak rencana itu": a relative clause's subject is the noun before "yang", whoever else the
        # sentence names
        relative = arg_rules.relative_subject(ctx, start - 1, lo) \
            if start > lo and not passive and ctx.lower[start - 1] == "yang" else None
        role_cands: list[role_scorer.RoleCandidate] = []
        roles_info = None
        if self.roles is not None or self.collect_roles:
            role_cands = role_scorer.candidates(ctx, start, end, lo, hi_c if direct else hi, src, tgt, speaker,
                                                reach=self.settings.role_reach,
                                                says=tr.type in SPEECH_ACTS and tr.mode != "investigate",
                                                by_not_doer=(nominal and tr.type == "ACCUSE") or active)
            role_scorer.describe(ctx, role_cands, start, end, lo, tr.type, passive, bool(direct))
            if self.roles is not None:
                src, tgt, roles_info = self.roles.choose(role_cands, src, tgt)
                kept = [claimed] if claimed is not None else relative or None  # the scorer weighs who is named in the
                if kept is not None:  # clause; the claim is the speaker's, the relative clause the noun's
                    keys = {actor_match_key(a) for a in kept}
                    src, tgt = kept, [a for a in tgt if actor_match_key(a) not in keys]
        src, tgt = viewed(ctx, prev, tr, start, end, lo, hi, src, tgt, nominal=nominal)
        # "Kantor berita X melaporkan … ditahan": X reports, it did not act (the sentence is read only for an outlet)
        outlets = reporting_outlets(ctx, lo, hi) if any(a.get("sector") == "JRN" for a in src) else set()
        src = [a for a in src if (a.get("entity") or not PATIENT_ONLY.intersection(a["name"].lower().split()))
               and a.get("entity") not in outlets]
        if not src:
            why.append("no_source")
        elif not any(a.get("country") or a.get("entity") for a in src):
            why.append("unplaced_source")
        # "X dan Y bertemu": one meets the other, unless they act together ("X dan Y mendukung …")
        if (tr.type in RECIPROCAL or "gencatan" in tr.pattern) and tr.pattern[0] not in JOINT_ROWS and len(src) > 1 \
                and not tgt and not passive:  # (a ceasefire two agree to is between them: events-id/train)
            src, tgt = src[:1], src[1:]
        skeys = {actor_match_key(a) for a in src}
        tgt = not_own_country(ctx, others(proposer(ctx, tr.type, end, hi) or tgt, src), src)  # nor its own country
        if not tgt and direct and tr.type in ("AGREE", "SUPPORT", "REQUEST", "CONSULT"):
            tgt = [a for a in arg_rules.objects(ctx, doc.char_span(quote["start"], quote["end"], alignment_mode="expand").start,
                                        start) if actor_match_key(a) not in skeys][:1]
        for a in tgt:
            if a["country"] is None and a["entity"] is None:
                a["country"] = src[0].get("country") if src else None
        if tr.strength < self.settings.weak_strength and not tgt:
            why.append("weak_without_target")
        flags = polarity(ctx, start, lo)
        if flags.pop("conditional"):
            why.append("conditional")  # "kalau Presiden dengan mantan presiden bertemu": a condition
        if direct and imperative(ctx, tr.pattern[0], start, lo, quote):
            why.append("imperative")  # "“Bebaskan para tahanan!” teriak massa": a demand, not the act
        typ, mode = tr.type, tr.mode
        if typ in ("SANCTION", "COERCE", "ASSAULT") and flags["future"] and quote is not None:
            typ, mode = "THREATEN", {"SANCTION": "restrict", "COERCE": "arrest"}.get(typ, "violence")
        elif typ in PROMISABLE and flags["future"] and not flags["negated"]:
            typ, mode = "AGREE", None  # "akan bertemu", "bakal membantu": a promise or plan (PLOVER AGREE)
        typ, mode = crowd_protest(typ, mode, tr.pattern[0], src)  # "massa merusak …": a riot, not an attack
        sent = (ctx.idx[lo], ctx.ends[hi - 1])
        trig = (first, ctx.ends[end - 1])
        # inside a quote, only times the speaker names count ("…," kata X, Minggu (5/10) dates the words)
        attach = None if doc._.warta_syntax is None else (lambda i: parse_args.attachment(ctx, i, start, end))
        date, prec, explicit = event_date(ctx, times, first, sent, quote, attach, doc._.warta_date,
                                          frozenset(a["entity"] for a in src if a.get("entity")), trig_end=trig[1])
        loc = arg_rules.location_of(ctx, lo, hi_c if direct else hi, start, tgt if typ in AT_TARGET or tr.mode == "visit" else [], visit=tr.mode == "visit", aimed=typ == "ASSAULT", attach=attach)
        src, tgt = implied(ctx, typ, src, tgt, loc, (lo, hi, start))  # the place attacked; protesters no police
        if loc is None:  # news of the days happens where the dateline says
            loc = news_place(ctx, date, explicit, doc._.warta_date, src + tgt, ctx.lead_places)
        cert = sum(self.settings.certainty.get(a["_how"], 0.7) for a in src) / len(src) if src else 0.5
        conf = tr.strength * cert * (1.0 if tgt else self.settings.no_target_factor)
        cameo = {"THREATEN": "13", "AGREE": "03", "PROTEST": "14"}.get(typ, tr.cameo) if typ != tr.type else tr.cameo
        return {"id": "", "type": typ, "mode": mode, "cameo": cameo,
                "source": _clean(src), "target": _clean(tgt), "date": date, "date_precision": prec,
                "location": loc, "negated": flags["negated"], "hypothetical": flags["hypothetical"],
                "future": flags["future"], "quote": quote["id"] if quote is not None else None,
                "trigger": list(trig), "sentence": list(sent), "evidence": [list(sent)],
                "confidence": round(max(0.01, min(1.0, conf)), 3), "summary_en": "",
                "rule": f"triggers.tsv:{tr.line}:{tr.text}", "model": None,
                "date_source": ("stated" if explicit else "inferred") if date else None,
                "historical": historical(date, doc._.warta_date, days=self.settings.historical_days),
                "_explicit": explicit, "_base": conf, "_why_not": why, "_anaphoric": anaphoric(ctx.lower, start, end),
                "_nominal": one_word_noun(ctx.lower, start, end),
                "_voiced": nominal and voiced_by(ctx.lower, end, hi) is not None,
                "_title": first < ctx.title_end,
                "_src_how": [a["_how"] for a in src], "_tgt_how": [a.get("_how", "") for a in tgt], "_args": how, "_passive": passive, "_direct": bool(direct),
                "_unsure": unsure, "_roles": roles_info, "_role_cands": role_cands if self.collect_roles else None}


__all__ = [
    "BLOCK",
    "TYPES",
    "EventCoder",
    "Lexicon",
    "LexiconError",
    "Trigger",
    "default_lexicon",
    "find_triggers",
    "merge",
    "parse_lexicon",
]

