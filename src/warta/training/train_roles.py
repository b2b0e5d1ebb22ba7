"""Train the event role scorer (``src/warta/models/events-id/roles.json``) on ``events-id/train``.

Run from the repository root (needs the ``train`` extra: scikit-learn), before retraining the trigger model
(``train_events``), whose features describe the actors this scorer picks::

    .venv/bin/python -m warta.training.train_roles --data ../shared/datasets/events-id --out src/warta/models/events-id

Every train sentence goes through warta's pipeline without its event stage; for every lexicon match whose
trigger is a gold event of the same type, each actor of the sentence (:func:`warta.nlp.events.roles.candidates`)
is labelled source when its words meet a gold source's (names or the entity's mentions, as events-id's scorer
compares them) and target likewise. Two L2 logistic regressions (source, target) are fitted; their
regularisation by 5-fold cross-validated log loss (folds grouped by sentence), then the two thresholds by the
number of core events whose roles come out right, counted as the scorer counts them. ``dev.jsonl`` is never
read here.
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from warta.nlp.events.component import EventCoder
from warta.nlp.events.lexicon import default_lexicon
from warta.nlp.events.roles import RoleCandidate, pick_roles
from warta.training.train_events import RECIPROCAL, _gold_spans, _words, read_gold, roles_match, weights_of

log = logging.getLogger(__name__)

NAME = "events-id-roles-lr"
VERSION = "0.3.0"
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 19))


@dataclass(slots=True)
class Trial:
    """One trigger match that is a gold event: its actors, their labels, the rules' choice and the gold."""

    sentence: int
    core: bool
    cands: list[RoleCandidate]
    is_src: list[int]
    is_tgt: list[int]
    src: list[dict]
    tgt: list[dict]
    gold: dict[str, Any]
    mentions: dict[str, list[str]]


def _meets(actor: dict, golds: list[dict], mentions: dict[str, list[str]]) -> bool:
    forms = [_words(actor.get("name"))] + [_words(m) for m in mentions.get(actor.get("entity"), [])]
    return any(_words(g["text"]) & f for g in golds for f in forms if f)


def trials(rows: list[dict[str, Any]], *, config: str | None = None) -> list[Trial]:
    """The role trials of every train sentence."""
    from warta.nlp.load import build_pipeline, limit_blas_threads

    limit_blas_threads()
    nlp = build_pipeline(config, overrides={"components.warta_events.use_model": False,
                                            "components.warta_events.use_roles": False})
    coder = EventCoder(default_lexicon(), None, collect_roles=True)
    out: list[Trial] = []
    for k, doc in enumerate(nlp.pipe([r["text"] for r in rows], disable=["warta_events"], batch_size=64)):
        gold = _gold_spans(rows[k])
        mentions = {e["id"]: [doc.text[m[0]:m[1]] for m in e.get("mentions", [])]
                    for e in doc._.warta_entities or []}
        for cand in coder.candidates(doc):
            rec = cand.record
            a, b = rec["trigger"]
            hit = next((g for g in gold if g[2] == rec["type"] and g[0] < b and a < g[1]), None)
            if hit is None:
                continue
            ev = hit[4]
            cands = rec["_role_cands"] or []
            srcs, tgts = ev["source"], ev["target"]  # ordered even where events-id's scorer is not: users are
            out.append(Trial(k, hit[3], cands, [int(_meets(c.actor, srcs, mentions)) for c in cands],
                             [int(_meets(c.actor, tgts, mentions)) for c in cands], rec["source"], rec["target"],
                             ev, mentions))
    return out


def _right(t: Trial, src: list[dict], tgt: list[dict]) -> bool:
    return roles_match(t.gold, {"source": src, "target": tgt}, t.mentions)


def _fit(rows: list[list[str]], labels: list[int], c: float) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in rows])
    return vec, LogisticRegression(C=c, max_iter=3000).fit(x, labels)


def out_of_fold(ts: list[Trial], role: str, c: float, folds: int = 5) -> list[list[float]]:
    """Out-of-fold P(role) of every candidate of every trial (folds grouped by sentence)."""
    probs: list[list[float]] = [[0.0] * len(t.cands) for t in ts]
    for f in range(folds):
        train = [t for t in ts if t.sentence % folds != f]
        feats = [c.features for t in train for c in t.cands]
        labels = [y for t in train for y in (t.is_src if role == "source" else t.is_tgt)]
        vec, clf = _fit(feats, labels, c)
        for n, t in enumerate(ts):
            if t.sentence % folds == f and t.cands:
                probs[n] = [float(p) for p in clf.predict_proba(vec.transform([dict.fromkeys(c.features, 1)
                                                                               for c in t.cands]))[:, 1]]
    return probs


def _argument_counts(t: Trial, src: list[dict], tgt: list[dict]) -> tuple[int, int, int]:
    """Argument true positives, false positives and misses of one event, counted as events-id's scorer does."""
    tp = fp = fn = 0
    pairs = [(t.gold["source"] + t.gold["target"], src + tgt)] if t.gold["type"] in RECIPROCAL else \
        [(t.gold["source"], src), (t.gold["target"], tgt)]
    for golds, preds in pairs:
        for g in golds:
            found = any(_meets(p, [g], t.mentions) for p in preds)
            tp, fn = tp + found, fn + (not found)
        fp += sum(1 for p in preds if not _meets(p, golds, t.mentions))
    return tp, fp, fn


def right_count(ts: list[Trial], ps: list[list[float]], pt: list[list[float]], th: tuple[float, float]
                ) -> tuple[int, float]:
    """Core events whose roles come out right with thresholds ``th``, and the argument F1 over them."""
    n = tp = fp = fn = 0
    for t, a, b in zip(ts, ps, pt, strict=True):
        if t.core:
            src, tgt, _ps, _pt = pick_roles(t.cands, a, b, t.src, t.tgt, th)
            n += _right(t, src, tgt)
            x, y, z = _argument_counts(t, src, tgt)
            tp, fp, fn = tp + x, fp + y, fn + z
    return n, 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fit(ts: list[Trial]) -> dict[str, Any]:
    """Regularisation and thresholds by cross-validation, then both models on all of train."""
    from sklearn.metrics import log_loss

    chosen: dict[str, tuple[float, list[list[float]]]] = {}
    for role in ("source", "target"):
        best = None
        for c in C_GRID:
            probs = out_of_fold(ts, role, c)
            labels = [y for t in ts for y in (t.is_src if role == "source" else t.is_tgt)]
            loss = log_loss(labels, [p for row in probs for p in row])
            log.info("%s C=%s: cross-validated log loss %.4f", role, c, loss)
            if best is None or loss < best[0]:
                best = (loss, c, probs)
        assert best is not None
        chosen[role] = (best[1], best[2])
    ps, pt = chosen["source"][1], chosen["target"][1]
    rules = sum(_right(t, t.src, t.tgt) for t in ts if t.core)
    grid = {th: right_count(ts, ps, pt, th) for th in product(THRESHOLDS, THRESHOLDS)}
    # the most events right, then the fewest wrong actors: among thresholds within two events of the best,
    # the best argument F1 (a wrong target added to a right event costs nothing in event F1, but misleads users)
    most = max(n for n, _f in grid.values())
    th, (right, arg_f1) = max(((k, v) for k, v in grid.items() if v[0] >= most - 2), key=lambda kv: (kv[1][1], kv[0]))
    log.info("core events with roles right: rules %d, scorer %d of %d, argument F1 %.3f (thresholds %s)", rules,
             right, sum(t.core for t in ts), arg_f1, th)
    out: dict[str, Any] = {"name": NAME, "version": VERSION, "threshold_source": th[0], "threshold_target": th[1]}
    for role in ("source", "target"):
        feats = [c.features for t in ts for c in t.cands]
        labels = [y for t in ts for y in (t.is_src if role == "source" else t.is_tgt)]
        vec, clf = _fit(feats, labels, chosen[role][0])
        out[role] = weights_of(vec, clf)
    out["training"] = {"data": "events-id/train.jsonl (1,464 sentences of idner-news-2k train, MIT)",
                       "trials": len(ts), "core_trials": sum(t.core for t in ts),
                       "candidates": sum(len(t.cands) for t in ts),
                       "C_source": chosen["source"][0], "C_target": chosen["target"][0],
                       "cv_core_roles_right": right, "cv_argument_f1": round(arg_f1, 3),
                       "rules_core_roles_right": rules,
                       "rules_argument_f1": round(right_count(ts, ps, pt, (1.01, 1.01))[1], 3)}
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/events-id"))
    parser.add_argument("--out", type=Path, default=Path("src/warta/models/events-id"))
    parser.add_argument("--config", default=None, help="pipeline config (default: warta's)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ts = trials(read_gold(args.data / "train.jsonl"), config=args.config)
    log.info("%d trials, %d candidate actors", len(ts), sum(len(t.cands) for t in ts))
    model = fit(ts)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "roles.json").write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out / "roles.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
