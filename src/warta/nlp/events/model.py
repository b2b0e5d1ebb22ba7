"""The learned trigger decision of ``warta_events``: is this lexicon match an event of its type?

Each trigger match becomes a candidate event record (:meth:`warta.nlp.events.component.EventCoder.event`);
:func:`features` describes it with sparse binary features (the lexicon row, the word's affixes and
neighbours, what the argument rules found and why they would reject it, the quote around it, the
syntax of the trigger when the pipeline has a parser). A logistic regression trained on
``events-id/train`` (``python -m warta.training.train_events``) weighs them; the weights ship as
JSON in ``warta/models/events-id/`` and are applied here with a dot product, so running warta needs
no machine-learning library. Every event records ``model`` (name, version, probability) next to
``rule`` (the lexicon row).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from warta.lang.id.event_words import PRO_SUBJECTS, SKIP_LEFT

AFFIXES = (("memper", "memper-"), ("diper", "diper-"), ("mem", "me-"), ("men", "me-"), ("meng", "me-"),
           ("meny", "me-"), ("me", "me-"), ("di", "di-"), ("ter", "ter-"), ("ber", "ber-"), ("pe", "pe-"),
           ("ke", "ke-"))


class EventModelError(ValueError):
    """A missing or malformed event model file (the message names the file and what is wrong)."""


@lru_cache(maxsize=65536)
def affix(word: str) -> str:
    """A coarse affix class of ``word``: ``me-``, ``di-``, ``pe-an``, ``-an`` …"""
    pre = next((name for p, name in AFFIXES if word.startswith(p) and len(word) > len(p) + 2), "")
    suf = next((s for s in ("kan", "an", "i", "nya") if word.endswith(s) and len(word) > len(s) + 2), "")
    return f"{pre or '0'}|{suf or '0'}"


def _tenth(p: float) -> str:
    return "<.2" if p < 0.2 else "<.4" if p < 0.4 else "<.6" if p < 0.6 else "<.8" if p < 0.8 else ">=.8"


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3+"


def features(doc: Doc, lower: list[str], rec: dict[str, Any], start: int, end: int, lo: int, hi: int,
             pattern: str, row_type: str, n_actor_mentions: int) -> list[str]:
    """Binary features of one candidate (a trigger match at tokens ``[start, end)`` of sentence ``[lo, hi)``;
    ``row_type`` is the lexicon row's type, before the rules retype a future or threatened act)."""
    word = lower[start]
    typ = row_type
    why = rec["_why_not"]
    out = [
        "bias", f"type={typ}", f"row={pattern}|{typ}", f"word={word}", f"affix={affix(word)}",
        f"affix_type={affix(word)}|{typ}",
        f"prev={lower[start - 1] if start > lo else '<s>'}", f"next={lower[end] if end < hi else '</s>'}",
        f"prev2={lower[start - 2] if start - 2 >= lo else '<s>'}",
        f"len={min(end - start, 3)}", f"rules_ok={not why}", f"rules_ok_type={not why}|{typ}",
        f"has_source={bool(rec['source'])}|{typ}", f"has_target={bool(rec['target'])}|{typ}",
        f"quote={rec['quote'] is not None}", f"direct={rec['_direct']}", f"passive={rec['_passive']}",
        f"negated={rec['negated']}", f"future={rec['future']}", f"hypothetical={rec['hypothetical']}",
        f"actors_in_sentence={_bucket(n_actor_mentions)}", f"sentence_start={start == lo}",
        f"capitalised={doc[start].text[:1].isupper() and start > lo}",
        f"retyped={rec['type'] if rec['type'] != row_type else '-'}",
    ]
    k = start - 1
    while k > max(lo, start - 4) and lower[k] in SKIP_LEFT:  # "ia telah …", "mereka tidak akan …"
        k -= 1
    if k >= lo and lower[k] in PRO_SUBJECTS:  # a doer named elsewhere, not a missing one
        out += [f"pro_subject|{bool(rec['source'])}", f"pro_subject_type={typ}"]
    nxt = lower[end] if end < hi else "</s>"
    out += [f"next_pair={word}|{nxt}", f"prev_pair={lower[start - 1] if start > lo else '<s>'}|{word}",
            f"next_affix={affix(nxt)}|{typ}", f"next_cap={end < hi and doc[end].text[:1].isupper()}|{typ}"]
    out += [f"why={w}" for w in why] + [f"why_type={w}|{typ}" for w in why]
    out += [f"source_how={h}" for h in rec["_src_how"][:1]] + [f"args={rec['_args']}"]
    out += [f"target_how={h}|{typ}" for h in rec.get("_tgt_how", [])[:1]]
    roles = rec.get("_roles")
    if roles is not None:  # how sure the role scorer is that someone in the sentence acts, and is acted on
        out += [f"role_source_p={_tenth(roles['source_p'])}", f"role_target_p={_tenth(roles['target_p'])}",
                f"role_source_p_type={_tenth(roles['source_p'])}|{typ}"]
    tree = doc._.warta_syntax
    if tree is not None and tree.parsed(start):
        kids = sorted({tree.dep[c] for c in tree.children(start) if tree.dep[c] in KID_DEPS})
        out += [f"pos={tree.pos[start]}", f"pos_type={tree.pos[start]}|{typ}", f"dep={tree.dep[start]}",
                f"dep_type={tree.dep[start]}|{typ}", f"kids={'+'.join(kids) or '-'}"]
    return out


KID_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "iobj", "nmod", "ccomp", "xcomp"})


@dataclass(frozen=True, slots=True)
class EventModel:
    """Logistic-regression weights over :func:`features`, with the decision threshold chosen on train."""

    name: str
    version: str
    weights: dict[str, float]
    threshold: float  # for a candidate the argument rules reject (``_why_not``)
    threshold_no_source: float  # for one without a source actor
    threshold_rules_ok: float  # for one the argument rules accept

    def probability(self, feats: list[str]) -> float:
        """P(the candidate is an event of its type)."""
        return sigmoid(sum(self.weights.get(f, 0.0) for f in feats))


def sigmoid(z: float) -> float:
    """The logistic function, clipped so that ``exp`` never overflows."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_weights_file(path: Path | str, what: str, weights: tuple[str, ...],
                      thresholds: tuple[str, ...]) -> dict[str, Any]:
    """A JSON model file with ``name``, ``version``, the given weight maps and thresholds, checked (errors name
    the file and field); the weights as floats."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise EventModelError(f"{path}: cannot read the {what}: {err}") from err
    fields = [("name", str), ("version", str), *((w, dict) for w in weights), *((t, float) for t in thresholds)]
    for field, kind in fields:
        if not isinstance(data.get(field), kind):
            raise EventModelError(f"{path}: field '{field}' must be a {kind.__name__}")
    for field in weights:
        if not all(isinstance(v, int | float) for v in data[field].values()):
            raise EventModelError(f"{path}: field '{field}' must map feature names to numbers")
        data[field] = {k: float(v) for k, v in data[field].items()}
    return data


def read_model(path: Path | str) -> EventModel:
    """Read a model written by ``warta.training.train_events`` (errors name the file and field)."""
    data = read_weights_file(path, "event model", ("weights",),
                             ("threshold", "threshold_no_source", "threshold_rules_ok"))
    return EventModel(data["name"], data["version"], data["weights"],
                      data["threshold"], data["threshold_no_source"], data["threshold_rules_ok"])


@cache
def default_model(path: str | None = None) -> EventModel:
    """The model at ``path``, or the one shipped in ``warta/models/events-id/model.json``; read once."""
    if path:
        return read_model(path)
    ref = resources.files("warta").joinpath("models", "events-id", "model.json")
    with resources.as_file(ref) as real:
        return read_model(real)
