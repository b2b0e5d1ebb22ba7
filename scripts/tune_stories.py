#!/usr/bin/env python
"""Tune story clusters (warta.store.minhash): precision and recall of grouping on real news.

Articles: the bundled samples, the dev articles (``../shared/dev``) and pseudo-articles cut from
``../shared/datasets/pfsa-id-dev`` (Kompas news sentences in order; a new article starts at each
``KOMPAS —`` dateline; the first ``--sentences`` sentences are kept). Nothing is written to the
repository and no text is printed beyond 80-character excerpts.

Positive pairs (same story) are made by perturbing one article twice:

- ``light``: each version drops 20% of the sentences, swaps a few neighbouring sentences,
  rewords 5% of the words (a random word of the corpus) and gets its own dateline and a
  "Baca juga" line;
- ``heavy``: each version keeps a random 50% of the sentences and rewords 15% of the words;
- ``lede``: the first three sentences against the whole article (a feed summary and the story).

Negative pairs are all pairs of different articles (many pfsa articles share a topic: Covid-19,
the economy, politics in 2020, so these include hard negatives).

For each shingle size, LSH (bands x rows) and threshold a pair is grouped when it collides in at
least one band and, as in warta.store.stories, the signatures' estimate is clearly above the
threshold or, near it, the exact Jaccard is at least the threshold (``--exact-margin -1``: the
estimate alone). Printed per setting:
recall per positive kind, false-positive rate and count over the negatives, candidate rate of
negatives (how many signatures an insert loads per other article in its date window), and the
exact Jaccard quantiles. Run: ``.venv/bin/python scripts/tune_stories.py [--all] [--json]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from warta.io.readers import iter_articles
from warta.model import Article
from warta.store import minhash, stories

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+")


def pfsa_articles(path: Path, max_sentences: int) -> list[str]:
    """Pseudo-articles from the PFSA-ID CoNLL-like file (token<TAB>tag, blank line between sentences)."""
    sentences, current = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(line.split("\t")[0])
    if current:
        sentences.append(current)
    starts = [i for i, s in enumerate(sentences) if "KOMPAS" in s[:6]] + [len(sentences)]
    return ["\n".join(" ".join(s) for s in sentences[a:min(b, a + max_sentences)])
            for a, b in itertools.pairwise(starts)]


def corpus(max_sentences: int) -> list[tuple[str, str]]:
    """(name, text) of every article found."""
    paths = [ROOT / "src" / "warta" / "samples"]
    dev = SHARED / "dev"
    if dev.is_dir():
        paths += sorted(p for p in dev.iterdir() if p.suffix in (".txt", ".json") and ".gold" not in p.name)
    found = [(a.origin, a.text) for a in iter_articles([str(p) for p in paths]) if isinstance(a, Article)]
    pfsa = SHARED / "datasets" / "pfsa-id-dev" / "dev-20.txt"
    if pfsa.is_file():
        found += [(f"pfsa/{i}", t) for i, t in enumerate(pfsa_articles(pfsa, max_sentences))]
    return found


def sentences(text: str) -> list[str]:
    """Sentences (roughly) of a text."""
    return [s for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]


def reword(text: str, share: float, vocab: list[str], rng: random.Random) -> str:
    """Replace ``share`` of the words by random corpus words (a crude rewording)."""
    out = [rng.choice(vocab) if w.isalpha() and rng.random() < share else w for w in text.split(" ")]
    return " ".join(out)


def perturb(text: str, kind: str, vocab: list[str], rng: random.Random) -> str:
    """One perturbed version of an article (see the module docstring)."""
    sents = sentences(text)
    if kind == "lede":
        return " ".join(sents[:3])
    if kind == "light":
        kept = [s for s in sents if rng.random() >= 0.2] or sents[:1]
        for _ in range(max(1, len(kept) // 8)):
            i = rng.randrange(max(1, len(kept) - 1))
            kept[i:i + 2] = kept[i:i + 2][::-1]
        site = rng.choice(["KABARSATU.id", "WARTADUA.com", "Jakarta (ANTARA)", "BERITATIGA.co.id"])
        body = reword(" ".join(kept), 0.05, vocab, rng)
        return f"JAKARTA, {site} - {body}\nBaca juga: {rng.choice(vocab).title()} {rng.choice(vocab)} {rng.choice(vocab)}"
    if kind == "heavy":
        kept = [s for s in sents if rng.random() < 0.5] or sents[:2]
        return reword(" ".join(kept), 0.15, vocab, rng)
    raise ValueError(kind)


def collide(a: list[int], b: list[int]) -> bool:
    """Whether two articles share a band key (LSH candidate)."""
    return any(x == y for x, y in zip(a, b, strict=True))


def evaluate(texts: list[str], positives: dict[str, list[tuple[str, str]]], *, size: int, bands: int, rows: int,
             num_perm: int, thresholds: list[float], margin: float | None = None) -> dict[str, Any]:
    """Recall and false positives of one shingle size, LSH shape (on the first ``bands * rows``
    values) and signature length (the estimate) over the thresholds. With ``margin`` a candidate
    whose estimate is at least ``threshold - margin`` is decided by the exact Jaccard instead."""

    def grouped(est: float, exact: float, t: float) -> bool:
        if margin is None:
            return est >= t
        # as warta.store.stories decides: clear estimates alone, the exact Jaccard near the threshold
        return est > 0 and est >= t - margin and (est >= t + stories.CONFIRM_ABOVE or exact >= t)

    shingles = [minhash.shingle_hashes(t, size=size) for t in texts]
    sigs = [minhash.signature(s, num_perm=num_perm) for s in shingles]
    keys = [minhash.band_keys(s[:bands * rows], rows=rows) if s is not None else None for s in sigs]
    neg_est, neg_exact, neg_cand, neg_pairs = [], [], 0, []
    for i, j in itertools.combinations(range(len(texts)), 2):
        if sigs[i] is None or sigs[j] is None:
            continue
        cand = collide(keys[i], keys[j])
        neg_cand += cand
        est = minhash.similarity(sigs[i], sigs[j]) if cand else 0.0
        neg_est.append(est)
        exact = minhash.jaccard(shingles[i], shingles[j])
        neg_exact.append(exact)
        neg_pairs.append((exact, i, j))
    result: dict[str, Any] = {"shingle": size, "bands": bands, "rows": rows, "num_perm": num_perm,
                              "negatives": len(neg_est),
                              "negative_candidate_rate": round(neg_cand / max(1, len(neg_est)), 4),
                              "negative_jaccard_q": [round(float(q), 3) for q in
                                                     np.quantile(neg_exact, [0.5, 0.99, 0.999, 1.0])],
                              "top_negatives": [(round(e, 3), i, j) for e, i, j in sorted(neg_pairs)[-5:]],
                              "by_threshold": {}}
    pos: dict[str, list[tuple[float, float]]] = {}
    for kind, pairs in positives.items():
        rows_ = []
        for a, b in pairs:
            sa, sb = minhash.shingle_hashes(a, size=size), minhash.shingle_hashes(b, size=size)
            ga, gb = minhash.signature(sa, num_perm=num_perm), minhash.signature(sb, num_perm=num_perm)
            if ga is None or gb is None:
                rows_.append((0.0, minhash.jaccard(sa, sb)))
                continue
            cand = collide(minhash.band_keys(ga[:bands * rows], rows=rows),
                           minhash.band_keys(gb[:bands * rows], rows=rows))
            rows_.append((minhash.similarity(ga, gb) if cand else 0.0, minhash.jaccard(sa, sb)))
        pos[kind] = rows_
        result[f"{kind}_jaccard_q"] = [round(float(q), 3) for q in np.quantile([e for _, e in rows_], [0.01, 0.1, 0.5])]
    for t in thresholds:
        fp = sum(grouped(est, exact, t) for est, exact in zip(neg_est, neg_exact, strict=True))
        recall = {kind: round(sum(grouped(est, exact, t) for est, exact in rows_) / len(rows_), 3)
                  for kind, rows_ in pos.items()}
        tp = sum(sum(grouped(est, exact, t) for est, exact in rows_) for rows_ in pos.values())
        result["by_threshold"][t] = {"recall": recall, "fp": fp, "fp_rate": round(fp / max(1, len(neg_est)), 5),
                                     "precision": round(tp / max(1, tp + fp), 4)}
    return result


def main(argv: list[str] | None = None) -> int:
    """Build the pairs and print the table (and the JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=25, help="sentences kept per pfsa pseudo-article")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--exact-margin", type=float, default=stories.CONFIRM_BELOW,
                        help="check candidates from this far below the threshold by the exact Jaccard (-1: never)")
    parser.add_argument("--all", action="store_true", help="also the other shingle sizes and LSH shapes tried")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    articles = corpus(args.sentences)
    names, texts = [n for n, _ in articles], [t for _, t in articles]
    vocab = sorted({w for t in texts for w in t.split() if w.isalpha() and len(w) > 3})
    positives = {kind: [(perturb(t, kind, vocab, rng), t if kind == "lede" else perturb(t, kind, vocab, rng))
                        for t in texts] for kind in ("light", "heavy", "lede")}
    print(f"{len(texts)} articles, {len(texts) * (len(texts) - 1) // 2} negative pairs, "
          f"{sum(map(len, positives.values()))} positive pairs", file=sys.stderr)
    settings = [(minhash.SHINGLE, minhash.BANDS, minhash.ROWS, minhash.NUM_PERM)]  # what warta ships
    if args.all:
        settings += [(1, 32, 2, 128), (1, 32, 3, 128), (2, 48, 1, 128), (2, 32, 2, 128), (3, 32, 1, 128)]
    thresholds = [0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35]
    results = [evaluate(texts, positives, size=s, bands=b, rows=r, num_perm=p, thresholds=thresholds,
                        margin=None if args.exact_margin < 0 else args.exact_margin)
               for s, b, r, p in settings]
    for r in results:
        print(f"\nshingle {r['shingle']}, {r['bands']} bands x {r['rows']} rows, {r['num_perm']} values: "
              f"negative pairs {r['negatives']}, "
              f"candidate rate {r['negative_candidate_rate']}, negative Jaccard q50/q99/q999/max "
              f"{r['negative_jaccard_q']}; positive Jaccard q01/q10/q50 light {r['light_jaccard_q']} "
              f"heavy {r['heavy_jaccard_q']} lede {r['lede_jaccard_q']}")
        print("  top negatives: " + "; ".join(f"{e} {names[i]} ~ {names[j]}" for e, i, j in r["top_negatives"]))
        for t, m in r["by_threshold"].items():
            print(f"  T={t:<5} recall {m['recall']}  false positives {m['fp']} ({m['fp_rate']})  "
                  f"precision {m['precision']}")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
