"""Score warta on folders of annotated articles (``NN.json`` beside its gold ``NN.gold.json``, the dev format of
``../shared/docs/annotation.md``) with the shared scorer, and print event totals by PLOVER type.

It analyses every article in one run of ``warta analyze --json`` (so the pipeline loads once), writes each
document next to the others under ``--out``, scores the pairs with ``../shared/eval/score.py`` and prints, per
type, the core gold events, how many of them were matched and how many records were predicted: totals only,
so a held-out set can be measured without reading its records (``evaluation/README.md``).

usage: python scripts/eval_articles.py [--scorer ../shared/eval/score.py] [--out DIR] [--json] FOLDER...
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path


def article_files(folders: list[Path]) -> list[Path]:
    """Every article with a gold file beside it, in name order (``NN.json`` with ``NN.gold.json``)."""
    files = []
    for folder in folders:
        if not folder.is_dir():
            raise SystemExit(f"eval_articles: {folder}: not a folder")
        for path in sorted(folder.rglob("*.json")):
            if not path.name.endswith(".gold.json") and path.with_name(path.stem + ".gold.json").is_file():
                files.append(path)
    if not files:
        raise SystemExit("eval_articles: no article with a gold file beside it in " + ", ".join(map(str, folders)))
    return files


def analyse(files: list[Path], out: Path) -> list[tuple[Path, Path]]:
    """Analyse ``files`` into ``out`` (one JSON document each) and return the (gold, prediction) pairs."""
    jsonl = out / "all.jsonl"
    cmd = [sys.executable, "-m", "warta", "analyze", "--json", *map(str, files), "-o", str(jsonl)]
    subprocess.run(cmd, check=True)
    docs = {}
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        docs[doc["id"]] = doc
    pairs = []
    for path in files:
        art_id = json.loads(path.read_text(encoding="utf-8"))["id"]
        if art_id not in docs:
            raise SystemExit(f"eval_articles: {path}: no analysed document for id {art_id!r}")
        pred = out / (art_id.replace("/", "_") + ".json")
        pred.write_text(json.dumps(docs[art_id], ensure_ascii=False), encoding="utf-8")
        pairs.append((path.with_name(path.stem + ".gold.json"), pred))
    return pairs


def type_totals(scorer, pairs: list[tuple[Path, Path]]) -> dict[str, Counter]:
    """Per PLOVER type: core gold events, matched core gold events, predicted records (the scorer's matching)."""
    gold_n, matched, predicted = Counter(), Counter(), Counter()
    for gold_path, pred_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
        table, pents = scorer.gold_forms(gold), scorer.pred_entity_forms(pred)
        gev = gold["events"]
        taken = [False] * len(gev)
        gold_n.update(ge["type"] for ge in gev if ge.get("core", True))
        for pe in sorted(pred.get("events", []), key=lambda e: -e.get("confidence", 0)):
            predicted[pe["type"]] += 1
            hit = next((i for i, ge in enumerate(gev) if not taken[i] and scorer.event_matches(ge, pe, table, pents)),
                       None)
            if hit is not None:
                taken[hit] = True
                matched[pe["type"]] += gev[hit].get("core", True)
    return {"gold": gold_n, "matched": matched, "predicted": predicted}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--scorer", type=Path, default=Path(__file__).resolve().parents[2] / "shared/eval/score.py")
    ap.add_argument("--out", type=Path, help="where the analysed documents go (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="the scorer's JSON instead of its table")
    args = ap.parse_args(argv)
    if not args.scorer.is_file():
        raise SystemExit(f"eval_articles: {args.scorer}: scorer not found (give --scorer)")
    spec = importlib.util.spec_from_file_location("warta_shared_score", args.scorer)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    files = article_files(args.folders)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        pairs = analyse(files, out)
        table = out / "pairs.tsv"
        table.write_text("".join(f"{g}\t{p}\n" for g, p in pairs), encoding="utf-8")
        cmd = [sys.executable, str(args.scorer), *(["--json"] if args.json else []), "--pairs", str(table)]
        subprocess.run(cmd, check=True)
        if not args.json:
            totals = type_totals(scorer, pairs)
            print(f"\n{'type':10} {'gold':>5} {'matched':>8} {'predicted':>10}")
            for typ in sorted(set(totals["gold"]) | set(totals["predicted"])):
                print(f"{typ:10} {totals['gold'][typ]:5} {totals['matched'][typ]:8} {totals['predicted'][typ]:10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
