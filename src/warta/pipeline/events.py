"""PLOVER event coding (component ``warta_events``).

Triggers come from ``warta/data/triggers.tsv`` (lemma patterns, matched on Indonesian lemmas from
:mod:`warta.lang.id.morphology`); arguments (source/target actors, date, location, flags) from
:mod:`warta.pipeline.event_args`. Records telling the same event (same type, same actors,
compatible dates) are merged into one with every evidence sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from warta.events_summary import summary_en
from warta.lang.id.morphology import candidates
from warta.pipeline import event_args as A
from warta.pipeline.extensions import SentenceIndex, register_extensions

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
BLOCK = "-"  # a lexicon row of this type blocks triggers inside it (``menahan diri``)
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "ASSAULT"})
VOICES = ("active", "any", "reported")
FIELDS = ("lemma_pattern", "type", "mode", "cameo", "strength", "voice", "note")
MAX_GAP = 3  # tokens a ``*`` may skip
MAX_TRIGGERS_PER_SENTENCE = 12
MAX_TOKEN_CHARS = 40
class LexiconError(ValueError):
    """A malformed trigger lexicon row (the message names file, line and field)."""


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: tuple[str, ...]  # lemmas, "*" = gap
    type: str
    mode: str | None
    cameo: str | None
    strength: float
    voice: str
    line: int


def _fail(path, line: int, field: str, msg: str):
    raise LexiconError(f"{path}:{line}: field '{field}': {msg}")


def parse_lexicon(lines, path: str | Path = "triggers.tsv") -> list[Trigger]:
    """Parse and validate lexicon lines (``#`` comments and the header line are skipped)."""
    out: list[Trigger] = []
    header_seen = False
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cols) != FIELDS:
                _fail(path, n, "header", f"expected {' / '.join(FIELDS)}, got {cols}")
            header_seen = True
            continue
        if len(cols) != len(FIELDS):
            _fail(path, n, "columns", f"expected {len(FIELDS)} tab-separated fields, got {len(cols)}")
        pat, typ, mode, cameo, strength, voice, _note = (c.strip() for c in cols)
        toks = tuple(pat.split())
        if not toks or toks[0] == "*" or toks[-1] == "*" or any(t != t.lower() for t in toks):
            _fail(path, n, "lemma_pattern", f"{pat!r} must be lower-case lemmas, '*' only between lemmas")
        if typ not in TYPES and typ != BLOCK:
            _fail(path, n, "type", f"{typ!r} is not a PLOVER type")
        if cameo and not (len(cameo) == 2 and cameo.isdigit() and 1 <= int(cameo) <= 20):
            _fail(path, n, "cameo", f"{cameo!r} is not a 2-digit CAMEO root 01-20")
        try:
            s = float(strength)
        except ValueError:
            s = -1.0
        if not 0 < s <= 1:
            _fail(path, n, "strength", f"{strength!r} is not a number in (0, 1]")
        if voice not in VOICES:
            _fail(path, n, "voice", f"{voice!r} is not one of {VOICES}")
        out.append(Trigger(toks, typ, mode or None, cameo or None, s, voice, n))
    if not header_seen:
        _fail(path, 1, "header", "missing header line")
    return out


class Lexicon:
    def __init__(self, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        self.vocab = frozenset(t for tr in triggers for t in tr.pattern if t != "*")
        self.by_first: dict[str, list[Trigger]] = {}
        for tr in triggers:
            self.by_first.setdefault(tr.pattern[0], []).append(tr)
        for lst in self.by_first.values():
            lst.sort(key=lambda tr: (-len(tr.pattern), -tr.strength))

    def lemma(self, word: str) -> str:
        if len(word) > MAX_TOKEN_CHARS:
            return word
        for c in candidates(word):
            if c in self.vocab:
                return c
        return word


@cache
def default_lexicon(path: str | None = None) -> Lexicon:
    if path:
        with open(path, encoding="utf-8") as fh:
            return Lexicon(parse_lexicon(fh, path))
    ref = resources.files("warta.data").joinpath("triggers.tsv")
    with ref.open(encoding="utf-8") as fh:
        return Lexicon(parse_lexicon(fh, str(ref)))


@Language.factory("warta_events", assigns=["doc._.warta_events"], requires=["doc._.warta_entities"],
                  default_config={"lexicon": None})
def make_events(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    """Factory of the event coder (``lexicon``: a triggers.tsv path; default: warta's own)."""
    return EventCoder(default_lexicon(lexicon))


def _match_at(lemmas: list[str], i: int, hi: int, tr: Trigger) -> int | None:
    """End token of ``tr`` matched from token ``i`` (exclusive), or None."""
    j = i
    gap = 0
    for p in tr.pattern:
        if p == "*":
            gap = MAX_GAP
            continue
        k = j
        while k < hi and k <= j + gap and lemmas[k] != p:
            k += 1
        if k >= hi or k > j + gap or lemmas[k] != p:
            return None
        j, gap = k + 1, 0
    return j


def find_triggers(lex: Lexicon, lemmas: list[str], lo: int, hi: int) -> list[tuple[int, int, Trigger]]:
    """Non-overlapping trigger matches in tokens ``[lo, hi)``, longest first at each start."""
    out: list[tuple[int, int, Trigger]] = []
    i = lo
    while i < hi and len(out) < MAX_TRIGGERS_PER_SENTENCE:
        best = None
        for tr in lex.by_first.get(lemmas[i], ()):
            end = _match_at(lemmas, i, hi, tr)
            if end is not None:
                best = (i, end, tr)
                break
        if best is None:
            i += 1
            continue
        if best[2].type != BLOCK:
            out.append(best)
        i = best[1]
    return out


def actor_key(a: dict) -> tuple:
    return ("e", a["entity"]) if a.get("entity") else ("c", a.get("country"), a.get("sector"),
                                                      None if a.get("country") else a["name"].lower())


def _clean(actors: list[dict]) -> list[dict]:
    return [{k: a.get(k) for k in ("name", "country", "sector", "entity")} for a in actors]


PURPOSE = frozenset({"untuk", "guna", "agar", "supaya"})
EMBEDDING = frozenset({"REQUEST", "THREATEN"})
CERTAINTY = {"entity": 1.0, "speaker": 0.9, "distant": 0.8, "role": 0.8, "inferred": 0.7, "first": 0.6}


class EventCoder:
    """``Doc → Doc``: ``doc._.warta_events``."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        try:
            doc._.warta_events = self.code(doc)
        except Exception:  # never lose a document to the event coder
            import logging

            logging.getLogger(__name__).exception("event coding failed")
            doc._.warta_events = []
        return doc

    def code(self, doc: Doc) -> list[dict]:
        if not len(doc):
            return []
        ents = doc._.warta_entities or []
        ctx = A.make_ctx(doc, ents, doc._.warta_places or [], doc._.warta_quotes or [])
        lemmas = [self.lex.lemma(w) if w.isalpha() else w for w in ctx.lower]
        times = sorted((t["start"], t["end"], t) for t in (doc._.warta_times or []))
        sents = SentenceIndex(doc)
        raw: list[dict] = []
        for lo, hi in sents.spans:
            prev: list[tuple[Trigger, int]] = []
            for start, end, tr in find_triggers(self.lex, lemmas, lo, hi):
                ev = self.event(doc, ctx, tr, start, end, lo, hi, times, prev)
                prev.append((tr, end))
                if ev is not None:
                    raw.append(ev)
        events = merge(raw)
        for n, ev in enumerate(events, 1):
            ev["id"] = f"v{n}"
            ev["summary_en"] = summary_en(ev)
        return events

    def event(self, doc, ctx, tr: Trigger, start: int, end: int, lo: int, hi: int, times, prev) -> dict | None:
        word = ctx.lower[start]
        if start > lo and ctx.lower[start - 1] in PURPOSE:
            return None  # "untuk mendukung …": a purpose, not an event
        if any(p.type in EMBEDDING and 0 < start - p_end <= 8 for p, p_end in prev):
            return None  # the content of a request or threat, not an event
        passive = (word.startswith("di") and word[2:] in candidates(word) and tr.voice != "reported"
                   and not word.startswith("dis"))
        if passive and tr.voice == "active":
            return None
        first = doc[start].idx
        quote, speaker = A.speaker_of(ctx, first)
        direct = quote is not None and quote.get("direct")
        inside = set(tr.pattern)
        nominal = word.endswith(("an", "nya")) or word == tr.pattern[0]
        src: list[dict] = []
        tgt: list[dict] = []
        if end < hi and ctx.lower[end] == "antara" and tr.type in RECIPROCAL:
            both = A.objects(ctx, end + 1, hi)
            src, tgt = both[:1], both[1:]
        elif nominal and not passive and end < hi and ctx.ent_at[end] >= 0 and ctx.lower[start - 1:start] != ["dan"]:
            src = A.objects(ctx, end, min(hi, end + 6))  # "serangan Rusia", "demo mahasiswa"
            if src:
                tgt = A.objects(ctx, ctx.mentions[ctx.ent_at[end]][1], hi, skip=inside)
        if not src:
            src = A.subject(ctx, start, lo)
            if not src and len(tr.pattern) > 1:
                src = A.objects(ctx, start + 1, end, skip=inside)  # "Rudal Rusia hantam …"
                tgt = A.objects(ctx, end, hi, skip=inside)
            elif passive:
                k = end + 1 if end < hi and ctx.lower[end] == "oleh" else end
                src, tgt = A.objects(ctx, k, min(hi, k + 6)), src
            else:
                tgt = A.objects(ctx, start + 1, hi, skip=inside)
        if tr.voice == "reported":  # the claimant accuses the clause subject
            claimant = speaker if direct else None
            if claimant is None:
                b = next((i for i in range(start - 1, max(lo, start - A.WINDOW) - 1, -1) if ctx.lower[i] == "bahwa"),
                         None)
                claimant_l = A.subject(ctx, b, lo) if b is not None else []
                claimant = claimant_l[-1] if claimant_l else None
            if claimant is None or not src:
                return None
            src, tgt = [claimant], src
        if src and src[0]["_how"] == "first":  # "saya/kami …" in a quote: the speaker acts
            src = [speaker] if speaker else []
        if not src or not any(a.get("country") or a.get("entity") for a in src):
            return None
        if tr.type in RECIPROCAL and len(src) > 1 and not tgt:
            src, tgt = src[:1], src[1:]
        skeys = {actor_key(a) for a in src}
        tgt = [a for a in tgt if actor_key(a) not in skeys]
        if not tgt and direct and tr.type in ("AGREE", "SUPPORT", "REQUEST", "CONSULT"):
            tgt = [a for a in A.objects(ctx, doc.char_span(quote["start"], quote["end"], alignment_mode="expand").start,
                                        start) if actor_key(a) not in skeys][:1]
        for a in tgt:
            if a["country"] is None and a["entity"] is None:
                a["country"] = src[0].get("country")
        if tr.strength < 0.6 and not tgt:
            return None
        flags = A.flags(ctx, start, lo)
        if flags.pop("conditional"):
            return None  # "kalau Presiden dengan mantan presiden bertemu": a condition, not an event
        typ, mode = tr.type, tr.mode
        if typ in ("SANCTION", "COERCE", "ASSAULT") and flags["future"] and quote is not None:
            typ, mode = "THREATEN", {"SANCTION": "restrict", "COERCE": "arrest"}.get(typ, "violence")
        sent = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        trig = (first, doc[end - 1].idx + len(doc[end - 1].text))
        # inside a quote, only times the speaker names count ("…," kata X, Minggu (5/10) dates the words)
        t = A.date_of(ctx, times, first, (quote["start"], quote["end"]) if quote is not None else sent)
        date, prec, explicit = (t["value"], t.get("precision"), True) if t else (doc._.warta_date, "day", False)
        if date is None:
            prec = None
        loc = A.location_of(ctx, lo, hi, start, tgt)
        if loc is None and not explicit:
            loc = ctx.dateline  # news of the day happens where the dateline says
        cert = sum(CERTAINTY.get(a["_how"], 0.7) for a in src) / len(src)
        conf = tr.strength * cert * (1.0 if tgt else 0.85)
        return {"id": "", "type": typ, "mode": mode, "cameo": "13" if typ == "THREATEN" else tr.cameo,
                "source": _clean(src), "target": _clean(tgt), "date": date, "date_precision": prec,
                "location": loc, "negated": flags["negated"], "hypothetical": flags["hypothetical"],
                "future": flags["future"], "quote": quote["id"] if quote is not None else None,
                "trigger": list(trig), "sentence": list(sent), "evidence": [list(sent)],
                "confidence": round(max(0.01, min(1.0, conf)), 3), "summary_en": "",
                "rule": f"triggers.tsv:{tr.line}:{' '.join(tr.pattern)}", "_explicit": explicit,
                "_base": conf}


def _dates_compatible(a: dict, b: dict) -> bool:
    if not a["_explicit"] or not b["_explicit"]:
        return True
    da, db = a["date"] or "", b["date"] or ""
    return da == db or da.startswith(db) or db.startswith(da)


def _key(ev: dict):
    s = frozenset(actor_key(a) for a in ev["source"])
    t = frozenset(actor_key(a) for a in ev["target"])
    if ev["type"] in RECIPROCAL:
        return ev["type"], s | t, frozenset()
    return ev["type"], s, t


def _absorb(into: dict, ev: dict) -> None:
    into["evidence"] += [s for s in ev["evidence"] if s not in into["evidence"]]
    if ev["_explicit"] and not into["_explicit"]:
        for f in ("date", "date_precision", "_explicit"):
            into[f] = ev[f]
    if into["location"] is None and ev["location"] is not None:
        into["location"] = ev["location"]


def _self_directed(ev: dict) -> bool:
    """``kedua pemimpin memuji kemitraan antara Moskow dan Pyongyang``: both parties on both sides."""
    if ev["type"] not in RECIPROCAL or len(ev["source"]) < 2 or not ev["target"]:
        return False
    src = {a.get("country") for a in ev["source"]}
    return None not in src and src == {a.get("country") for a in ev["target"]}


def merge(raw: list[dict]) -> list[dict]:
    """One record per event: same type, same actor sets, compatible dates, same polarity."""
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
        _absorb(into, ev)
        if len(ev["target"]) > len(into["target"]) and ev["_base"] >= into["_base"] * 0.9:
            into["target"] = ev["target"]
        into["_base"] = max(into["_base"], ev["_base"])
    kept: list[dict] = []
    for ev in out:  # a record without a target joins one of the same type whose actors include its source
        src = {actor_key(a) for a in ev["source"]}
        into = None
        if ev["target"] and all(a.get("entity") is None for a in ev["target"]):
            # an unnamed target ("tersangka ditahan") is the named one of the same act ("KPK menahan Lukman")
            into = next((o for o in out if o is not ev and o["type"] == ev["type"] and o["negated"] == ev["negated"]
                         and {actor_key(a) for a in o["source"]} == src and o["date"] == ev["date"]
                         and any(a.get("entity") for a in o["target"])
                         and {a.get("country") for a in o["target"]} >= {a.get("country") for a in ev["target"]}),
                        None)
        if into is None and not ev["target"]:
            into = next((o for o in out if o is not ev and o["target"] and o["type"] == ev["type"]
                         and o["negated"] == ev["negated"] and _dates_compatible(o, ev)
                         and src <= {actor_key(a) for a in o["source"] + (o["target"] if ev["type"] in RECIPROCAL
                                                                          else [])}), None)
        if into is None:
            kept.append(ev)
            continue
        _absorb(into, ev)
        into["_base"] = max(into["_base"], ev["_base"])
    out = kept
    for ev in out:
        ev["evidence"].sort()
        bonus = min(0.15, 0.05 * (len(ev["evidence"]) - 1))
        ev["confidence"] = round(max(0.01, min(1.0, ev["_base"] + bonus)), 3)
        del ev["_explicit"], ev["_base"]
    return out


def events_at(doc: Doc, char: int) -> list[dict]:
    """Events whose evidence covers char offset ``char`` (a convenience for renderers)."""
    out = []
    for ev in doc._.warta_events or []:
        spans = ev["evidence"]
        k = bisect_right([s for s, _ in spans], char) - 1
        if k >= 0 and spans[k][0] <= char < spans[k][1]:
            out.append(ev)
    return out


__all__ = [
    "EventCoder",
    "Lexicon",
    "LexiconError",
    "Trigger",
    "default_lexicon",
    "events_at",
    "find_triggers",
    "merge",
    "parse_lexicon",
]
