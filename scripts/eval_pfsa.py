"""Quote attribution on PFSA-ID (evaluation only: CC BY-NC-SA, never used for training).

Sentence level, as issue 4 defines it. Detection: a predicted quote (assigned to the sentence it
starts in) is right when it overlaps a gold STATEMENT span of that sentence. Attribution, over
sentences with a STATEMENT and a PERSON span: a quote is right when it also has a speaker with a
mention in that sentence overlapping the PERSON span. Recall = gold statements covered by a right
quote / gold statements.

The file has no document boundaries, so consecutive sentences are analysed in windows
(``--window``) as one text each; tokens are joined with spaces except around punctuation and
quote marks.

usage: python scripts/eval_pfsa.py [--data ../shared/datasets/pfsa-id-dev/dev-20.txt] [--window 12] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

NO_SPACE_BEFORE = set(".,;:!?)]}”’%")
NO_SPACE_AFTER = set("([{“‘")


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        tok, _, tag = line.rpartition("\t")
        cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def spans(tags: list[str], label: str) -> list[tuple[int, int]]:
    out, start = [], None
    for i, tag in enumerate(tags):
        prefix, _, lab = tag.partition("-")
        if lab != label:
            if start is not None:
                out.append((start, i))
                start = None
            continue
        if prefix in ("B", "U") or start is None:
            if start is not None:
                out.append((start, i))
            start = i
        if prefix in ("L", "U"):
            out.append((start, i + 1))
            start = None
    if start is not None:
        out.append((start, len(tags)))
    return out


QUOTES = set('"“”«»')


def detokenize(window):
    """Text of a window of sentences and, per sentence, the char offsets of each token.

    PFSA-ID writes the opening quote of a statement as a separate token tagged ``B-STATEMENT``
    (often as ”); it is put back before the statement, as the article had it."""
    parts, offsets, pos = [], [], 0
    prev_tok, prev_open = None, False
    for _si, sent in enumerate(window):
        sent_offsets = []
        for tok, tag in sent:
            is_quote = tok in QUOTES
            opening = is_quote and tag.startswith(("B-STATEMENT", "U-STATEMENT"))
            space = prev_tok is not None and not prev_open
            if (tok[:1] in NO_SPACE_BEFORE and not opening) or (is_quote and not opening):
                space = False
            if space:
                parts.append(" ")
                pos += 1
            out = "“" if opening else ("”" if is_quote else tok)
            sent_offsets.append((pos, pos + len(out)))
            parts.append(out)
            pos += len(out)
            prev_tok, prev_open = tok, opening or tok[-1:] in NO_SPACE_AFTER
        offsets.append(sent_offsets)
        sep = "" if prev_open else " "  # one paragraph per window: quotes may run over sentences
        parts.append(sep)
        pos += len(sep)
    return "".join(parts), offsets


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets/pfsa-id-dev/dev-20.txt"))
    ap.add_argument("--window", type=int, default=12)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"{args.data}: not found (PFSA-ID lives in ../shared/datasets)", file=sys.stderr)
        return 2
    import warta
    from warta.model import Article

    sents = read_sentences(args.data)
    if args.limit:
        sents = sents[: args.limit]
    tp_pred = n_pred = gold_total = gold_hit = 0  # attribution, in sentences with a PERSON span
    det_pred = det_tp = det_gold = det_hit = 0  # detection only, every sentence
    t0 = time.perf_counter()
    for w in range(0, len(sents), args.window):
        window = sents[w:w + args.window]
        text, offsets = detokenize(window)
        doc = warta.analyze(Article(text=text, title=None), languages="any")
        mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in doc.entities}
        for si, sent in enumerate(window):
            tags = [t for _, t in sent]
            sent_span = (offsets[si][0][0], offsets[si][-1][1])
            statements = [(offsets[si][a][0], offsets[si][b - 1][1]) for a, b in spans(tags, "STATEMENT")]
            persons = [(offsets[si][a][0], offsets[si][b - 1][1]) for a, b in spans(tags, "PERSON")]
            preds = [q for q in doc.quotes if q.start >= sent_span[0] and q.start < sent_span[1]]
            det_gold += len(statements)
            det_pred += len(preds)
            det_covered = set()
            for q in preds:
                hit = [k for k, st in enumerate(statements) if overlaps((q.start, q.end), st)]
                det_tp += bool(hit)
                det_covered.update(hit)
            det_hit += len(det_covered)
            if not (statements and persons):
                continue
            gold_total += len(statements)
            covered = set()
            for q in preds:
                n_pred += 1
                hit = [k for k, st in enumerate(statements) if overlaps((q.start, q.end), st)]
                speaker_here = [m for m in mentions.get(q.speaker, []) if overlaps(m, sent_span)]
                if hit and any(overlaps(m, p) for m in speaker_here for p in persons):
                    tp_pred += 1
                    covered.update(hit)
            gold_hit += len(covered)
    p = tp_pred / n_pred if n_pred else 0.0
    r = gold_hit / gold_total if gold_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    dp = det_tp / det_pred if det_pred else 0.0
    dr = det_hit / det_gold if det_gold else 0.0
    print(json.dumps({"sentences": len(sents),
                      "detection": {"predicted": det_pred, "gold": det_gold, "precision": round(dp, 3),
                                    "recall": round(dr, 3)},
                      "attribution": {"predicted": n_pred, "gold": gold_total, "precision": round(p, 3),
                                      "recall": round(r, 3), "f1": round(f, 3)},
                      "seconds": round(time.perf_counter() - t0, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
