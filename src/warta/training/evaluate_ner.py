"""Score warta's NER model on idner-news-2k dev, ner-ud's held-out test split and warta's own dev sentences.

Run from the repository root::

    .venv/bin/python -m warta.training.evaluate_ner --data ../shared/datasets/idner-news-2k \
        --ner-ud ../shared/datasets/ner-ud --model src/warta/models/ner-id --json training/output/eval.json

Span-level exact-match precision / recall / F1 (micro and per label) on gold tokenization:

* ``idner_dev``: idner dev with places split into GPE/LOC/FAC (:mod:`warta.training.place_rules`).
  idner does not annotate NORP or EVENT, so predicted NORP/EVENT spans are dropped before scoring;
* ``idner_dev_loc_merged``: the same with GPE/LOC/FAC merged into one ``LOC`` label (idner's own scheme);
* ``idner_dev_countries``: like ``idner_dev`` but with the country names idner leaves untagged added to the
  gold as ``GPE`` by :func:`warta.training.group_rules.country_spans` (ner-ud's convention, also applied to
  the idner training sentences);
* ``idner_dev_strict``: like ``idner_dev`` but predicted NORP/EVENT spans count as false positives;
* ``own_dev``: the 20 % of warta's own sentences not trained on (also used for model selection), all seven labels;
* with ``--ner-ud``: ``ner_ud_test``, ner-ud's held-out test split (:mod:`warta.training.ner_ud`, every 5th
  sentence of each file), all seven labels, tokenized with spaCy's Indonesian tokenizer (the gold spans are
  character offsets; the 0 – 3 that cut a token are widened to whole tokens); ``ner_ud_test_by_treebank``:
  its micro scores per treebank (CSUI, GSD, PUD).

Speed: words per second of ``nlp.pipe`` (tokenizer + ner, one process) over the idner and own dev texts.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from warta.training import ner_ud, shipping
from warta.training.ner_data import conll_docs, read_conll
from warta.training.own_data import load_own, own_docs, split_own

log = logging.getLogger(__name__)

SpanKey = tuple[int, int, int, str]  # doc index, start token, end token, label
Mapper = Callable[[str], str | None]


def _keep(label: str) -> str | None:
    return label


def _drop_norp_event(label: str) -> str | None:
    return None if label in ("NORP", "EVENT") else label


def _merge_places(label: str) -> str | None:
    return None if label in ("NORP", "EVENT") else ("LOC" if label in ("GPE", "FAC") else label)


def span_set(docs: Sequence[Doc], mapper: Mapper = _keep) -> set[SpanKey]:
    """Entity spans of ``docs`` with labels passed through ``mapper`` (``None`` drops a span)."""
    out: set[SpanKey] = set()
    for i, doc in enumerate(docs):
        for ent in doc.ents:
            label = mapper(ent.label_)
            if label:
                out.add((i, ent.start, ent.end, label))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_gold": n_gold, "n_pred": n_pred}


def score_spans(gold: set[SpanKey], pred: set[SpanKey]) -> dict[str, Any]:
    """Micro and per-label exact-match P/R/F1 of predicted against gold spans."""
    labels = sorted({s[3] for s in gold | pred})
    per_label = {}
    for label in labels:
        g = {s for s in gold if s[3] == label}
        p = {s for s in pred if s[3] == label}
        per_label[label] = _prf(len(g & p), len(p), len(g))
    return {"micro": _prf(len(gold & pred), len(pred), len(gold)), "per_label": per_label}


def predict(nlp: Language, gold_docs: Iterable[Doc]) -> list[Doc]:
    """Run the pipeline's components on copies of ``gold_docs``' tokens (gold tokenization)."""
    docs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_docs]
    for _name, proc in nlp.pipeline:
        docs = list(proc.pipe(docs))
    return docs


def words_per_second(nlp: Language, texts: Sequence[str], repeats: int = 3) -> dict[str, float | int]:
    """Best-of-``repeats`` throughput of ``nlp.pipe`` over ``texts`` (tokenizer included)."""
    best = float("inf")
    n_words = 0
    for _ in range(repeats):
        started = time.perf_counter()
        n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
        best = min(best, time.perf_counter() - started)
    return {"words": n_words, "seconds": round(best, 3), "words_per_s": round(n_words / best)}


def evaluate(
    model: str | Path,
    data_dir: str | Path,
    own_dir: str | Path | None = None,
    ner_ud_dir: str | Path | None = None,
) -> dict[str, Any]:
    """All scores and the speed of the model at ``model`` (ner-ud scores only if ``ner_ud_dir`` is given)."""
    import spacy

    nlp = spacy.load(model)
    idner_sentences = read_conll(Path(data_dir) / "dev.txt")
    idner_gold = conll_docs(nlp.vocab, idner_sentences, add_rules=False)
    idner_countries = conll_docs(nlp.vocab, idner_sentences, add_rules=False, countries=True)
    own_gold = own_docs(nlp, split_own(load_own(own_dir))[1])
    idner_pred = predict(nlp, idner_gold)
    own_pred = predict(nlp, own_gold)
    ignored = Counter(e.label_ for d in idner_pred for e in d.ents if e.label_ in ("NORP", "EVENT"))
    results: dict[str, Any] = {
        "idner_dev": score_spans(span_set(idner_gold), span_set(idner_pred, _drop_norp_event)),
        "idner_dev_loc_merged": score_spans(span_set(idner_gold, _merge_places), span_set(idner_pred, _merge_places)),
        "idner_dev_countries": score_spans(span_set(idner_countries), span_set(idner_pred, _drop_norp_event)),
        "idner_dev_strict": score_spans(span_set(idner_gold), span_set(idner_pred)),
        "idner_dev_ignored_predictions": dict(ignored),
        "own_dev": score_spans(span_set(own_gold), span_set(own_pred)),
        "speed": words_per_second(nlp, [d.text for d in idner_gold + own_gold]),
        "n_docs": {"idner_dev": len(idner_gold), "own_dev": len(own_gold)},
    }
    if ner_ud_dir is not None:
        results.update(evaluate_ner_ud(nlp, ner_ud_dir))
        results["n_docs"]["ner_ud_test"] = results.pop("n_ner_ud_test")
    return results


def evaluate_ner_ud(nlp: Language, ner_ud_dir: str | Path) -> dict[str, Any]:
    """Scores on ner-ud's held-out test split: all labels, and micro scores per treebank."""
    sentences = ner_ud.load_split(ner_ud_dir)["test"]
    gold = ner_ud.ud_docs(nlp, sentences, misaligned="expand")
    pred = predict(nlp, gold)
    by_treebank = {}
    for bank in sorted({s.treebank for s in sentences}):
        index = [i for i, s in enumerate(sentences) if s.treebank == bank]
        sub = score_spans(span_set([gold[i] for i in index]), span_set([pred[i] for i in index]))
        by_treebank[bank] = {**sub["micro"], "n_docs": len(index)}
    return {
        "ner_ud_test": score_spans(span_set(gold), span_set(pred)),
        "ner_ud_test_by_treebank": by_treebank,
        "n_ner_ud_test": len(gold),
    }


def markdown(results: dict[str, Any]) -> str:
    """The score tables of :func:`evaluate` as Markdown."""
    lines = []
    names = ("idner_dev", "idner_dev_loc_merged", "idner_dev_countries", "idner_dev_strict", "own_dev", "ner_ud_test")
    for name in names:
        if name not in results:
            continue
        res = results[name]
        lines += [f"**{name}**", "", "| label | P | R | F1 | gold | pred |", "|---|---|---|---|---|---|"]
        rows = [("micro", res["micro"]), *res["per_label"].items()]
        for label, s in rows:
            lines.append(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['n_gold']} | {s['n_pred']} |")
        lines.append("")
    if "ner_ud_test_by_treebank" in results:
        lines += ["**ner_ud_test by treebank (micro)**", "", "| treebank | P | R | F1 | gold | sentences |",
                  "|---|---|---|---|---|---|"]
        for bank, s in results["ner_ud_test_by_treebank"].items():
            lines.append(f"| {bank} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['n_gold']} | {s['n_docs']} |")
        lines.append("")
    sp = results["speed"]
    lines.append(f"speed: {sp['words_per_s']} words/s ({sp['words']} words in {sp['seconds']} s)")
    return "\n".join(lines)


def cli(argv: list[str] | None = None) -> None:
    """Command-line entry point: print Markdown tables, optionally write JSON."""
    parser = argparse.ArgumentParser(description="Evaluate warta's NER model.")
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/idner-news-2k"))
    parser.add_argument("--ner-ud", type=Path, default=None, help="also score ner-ud's held-out test split")
    parser.add_argument("--model", type=Path, default=Path("src/warta/models/ner-id"))
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    shipping.report(evaluate(args.model, args.data, ner_ud_dir=args.ner_ud), args.json, markdown)


if __name__ == "__main__":
    cli()
