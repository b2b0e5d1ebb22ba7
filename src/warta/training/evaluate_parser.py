"""Score warta's tagger + parser on the held-out UD Indonesian slice; measure one-thread speed.

Run from the repository root::

    .venv/bin/python -m warta.training.evaluate_parser --data ../shared/datasets/ud-indonesian \
        --model src/warta/models/parser-id --json training/output_parser/eval.json

The held-out slice is :func:`warta.training.train_parser.split_of`'s ``"test"`` split (every 10th sentence
of every file, never trained on). Scores, per treebank and overall:

* gold tokenization (UD's words, multiword tokens merged), each sentence parsed on its own, every token
  counted, punctuation included (CoNLL 2018 style): UPOS accuracy, UD features exact match, UAS, LAS
  (LAS: head and full label, subtypes such as ``nsubj:pass`` included, must match);
* raw text: spaCy's own tokenizer and scorer on the sentence text (tokens aligned to the gold ones;
  the scorer leaves punctuation out of UAS/LAS), the setting of the pipeline.

Speed: words per second of ``nlp.pipe`` (tokenizer included) on one thread, over ~20k words of held-out
text in ~700-word pseudo-articles.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from warta.training import shipping
from warta.training.train_parser import DEFAULT_DATA, DEFAULT_OUT, TREEBANKS, load_split

log = logging.getLogger(__name__)

SPEED_WORDS = 20_000
ARTICLE_WORDS = 700


def predict(nlp: Language, gold_docs: Sequence[Doc]) -> list[Doc]:
    """Run the pipeline's components on copies of ``gold_docs``' tokens (gold tokenization)."""
    docs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_docs]
    for _name, proc in nlp.pipeline:
        docs = list(proc.pipe(docs))
    return docs


def score_tokens(gold_docs: Sequence[Doc], pred_docs: Sequence[Doc]) -> dict[str, float | int]:
    """UPOS, FEATS, UAS and LAS accuracy of ``pred_docs`` on the same tokens as ``gold_docs`` (all tokens)."""
    n = upos = feats = uas = las = 0
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        for g, p in zip(gold, pred, strict=True):
            n += 1
            upos += g.pos_ == p.pos_
            feats += str(g.morph) == str(p.morph)
            if g.head.i == p.head.i:
                uas += 1
                las += g.dep_ == p.dep_
    if not n:
        return {"tokens": 0}
    return {
        "tokens": n,
        "upos": round(upos / n, 4),
        "feats": round(feats / n, 4),
        "uas": round(uas / n, 4),
        "las": round(las / n, 4),
    }


def score_raw(nlp: Language, gold_docs: Sequence[Doc]) -> dict[str, float]:
    """spaCy's scorer on the sentence texts, tokenized by the model's own tokenizer."""
    examples = [Example(nlp.make_doc(g.text), g) for g in gold_docs]
    scores = nlp.evaluate(examples)
    keys = ("token_acc", "pos_acc", "morph_acc", "dep_uas", "dep_las", "sents_f")
    return {k: round(float(scores[k]), 4) for k in keys if scores.get(k) is not None}


def speed_texts(docs: Sequence[Doc], words: int = SPEED_WORDS, article_words: int = ARTICLE_WORDS) -> list[str]:
    """Pseudo-articles of about ``article_words`` words from ``docs``' sentences, cycled up to ``words`` words."""
    if not docs:
        return []
    texts: list[str] = []
    current: list[str] = []
    size = total = 0
    i = 0
    while total < words:
        doc = docs[i % len(docs)]
        current.append(doc.text.strip())
        size += len(doc)
        total += len(doc)
        i += 1
        if size >= article_words:
            texts.append(" ".join(current))
            current, size = [], 0
    if current:
        texts.append(" ".join(current))
    return texts


def words_per_second(nlp: Language, texts: Sequence[str], repeats: int = 3) -> dict[str, float | int]:
    """Best-of-``repeats`` throughput of ``nlp.pipe`` over ``texts`` (tokenizer included), one thread."""
    from threadpoolctl import threadpool_limits

    best = float("inf")
    n_words = 0
    with threadpool_limits(limits=1):
        for _ in range(repeats):
            started = time.perf_counter()
            n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
            best = min(best, time.perf_counter() - started)
    return {
        "words": n_words,
        "texts": len(texts),
        "seconds": round(best, 3),
        "words_per_s": round(n_words / best),
        "texts_per_s": round(len(texts) / best, 1),
    }


def evaluate(model: str | Path, data_dir: str | Path) -> dict[str, Any]:
    """Held-out scores per treebank and overall, and the speed of the model at ``model``."""
    import spacy

    nlp = spacy.load(model)
    test = load_split(data_dir, vocab=nlp.vocab)["test"]
    results: dict[str, Any] = {"gold_tokens": {}, "raw_text": {}}
    all_gold: list[Doc] = []
    all_pred: list[Doc] = []
    for name in TREEBANKS:
        gold = test[name]
        pred = predict(nlp, gold)
        results["gold_tokens"][name] = {"sentences": len(gold), **score_tokens(gold, pred)}
        results["raw_text"][name] = score_raw(nlp, gold)
        all_gold += gold
        all_pred += pred
    results["gold_tokens"]["overall"] = {"sentences": len(all_gold), **score_tokens(all_gold, all_pred)}
    results["raw_text"]["overall"] = score_raw(nlp, all_gold)
    results["speed"] = words_per_second(nlp, speed_texts(all_gold))
    results["size_bytes"] = sum(p.stat().st_size for p in Path(model).rglob("*") if p.is_file())
    return results


def markdown(results: dict[str, Any]) -> str:
    """The score tables of :func:`evaluate` as Markdown."""
    lines = [
        "**held-out, gold tokenization** (all tokens, punctuation included)",
        "",
        "| treebank | sentences | tokens | UPOS | FEATS | UAS | LAS |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in results["gold_tokens"].items():
        lines.append(
            f"| {name} | {s['sentences']} | {s['tokens']} | {s['upos']:.3f} | {s['feats']:.3f} "
            f"| {s['uas']:.3f} | {s['las']:.3f} |"
        )
    lines += [
        "",
        "**held-out, raw text** (spaCy tokenizer and scorer; UAS/LAS without punctuation)",
        "",
        "| treebank | token acc | UPOS | FEATS | UAS | LAS | sents F |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in results["raw_text"].items():
        cells = " | ".join(f"{s.get(k, 0.0):.3f}" for k in ("token_acc", "pos_acc", "morph_acc", "dep_uas", "dep_las"))
        lines.append(f"| {name} | {cells} | {s.get('sents_f', 0.0):.3f} |")
    sp = results["speed"]
    lines += [
        "",
        f"speed (one thread): {sp['words_per_s']} words/s, {sp['texts_per_s']} texts/s "
        f"({sp['words']} words in {sp['texts']} texts, {sp['seconds']} s)",
        f"size: {results['size_bytes'] / 1e6:.1f} MB",
    ]
    return "\n".join(lines)


def cli(argv: list[str] | None = None) -> None:
    """Command-line entry point: print Markdown tables, optionally write JSON."""
    parser = argparse.ArgumentParser(description="Evaluate warta's tagger + parser on the held-out UD slice.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ud-indonesian folder (*.conllu)")
    parser.add_argument("--model", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    shipping.report(evaluate(args.model, args.data), args.json, markdown)


if __name__ == "__main__":
    cli()
