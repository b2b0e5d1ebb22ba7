#!/usr/bin/env python
"""Measure story and event clusters (issue 13, item 4): grouping and store-writing rate.

1. grouping: the bundled samples and the dev articles (``../shared/dev``), and with
   ``--fixtures`` also the six invented reports of tests/store/test_stories.py (two of one protest,
   two of one election result, a flood, another protest), analysed once and saved into a fresh
   store: how many articles share a story, how many share an event cluster, and which.
2. rate: ``--articles`` documents generated from the analysed ones by scripts/bench_store.py's
   generator (stories of 1-8 copies on 40 sites over three years, actors swapped), each story's
   text perturbed (a random 60% of the sentences, 15% of the words replaced) and each copy lightly
   (10% of the sentences dropped), saved in batches of 200 with ``save_documents`` only (no NLP):
   documents per second for the first and the last 1000, and how the generator's stories came out.

The script runs with whatever ``warta`` is importable, so the same command measures an older
checkout (``PYTHONPATH=/path/to/old/src``); stores without story tables report none.
Run: ``.venv/bin/python scripts/bench_stories.py [--from-db STORE] [--fixtures] [--docs CACHE.jsonl]
[--articles 5000] [--json]`` (the cache holds analysed texts of ../shared: keep it outside the repository).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warta.store import connect
from warta.store.write import save_documents

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "warta" / "samples"
DEV = ROOT.parent / "shared" / "dev"
SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+")
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[stories] {message}", file=sys.stderr, flush=True)


def analysed_documents(work: Path, from_db: Path | None, fixtures: bool, cache: Path | None) -> list[dict[str, Any]]:
    """The documents of ``cache`` when it exists, else of ``from_db``, else of the samples and dev
    articles ingested into ``work`` (written to ``cache`` when given)."""
    if cache and cache.is_file():
        return [json.loads(line) for line in cache.read_text("utf-8").splitlines()]
    from warta.store.records import iter_documents

    if from_db is None:
        from warta.ingest import ingest

        paths = [str(SAMPLES)]
        if DEV.is_dir():
            paths += sorted(str(p) for p in DEV.iterdir() if p.suffix in (".txt", ".json") and ".gold" not in p.name)
        from_db = work / "ingest.db"
        ingest(paths, db=from_db, n_process=1)
    conn = connect(from_db, readonly=True)
    docs = list(iter_documents(conn))
    conn.close()
    if fixtures:
        from tests.store.test_stories import ARTICLES
        from warta.api import DEFAULT_LANGUAGES, pipe
        from warta.io.document_json import document_to_dict
        from warta.io.readers.base import ReadOptions
        from warta.io.readers.jsonl import article_from_object

        arts = [article_from_object({**o, "id": f"fixture/{name}"}, origin="fixture", options=ReadOptions(),
                                    reader="json") for name, o in ARTICLES.items()]
        docs += [document_to_dict(d) for d in pipe(arts, languages=DEFAULT_LANGUAGES)]
    if cache:
        cache.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return docs


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def grouping(conn: sqlite3.Connection) -> dict[str, Any]:
    """Articles sharing stories and event clusters in a store."""
    names = {r[0]: r[1] for r in conn.execute("SELECT id, doc_id FROM articles")}
    out: dict[str, Any] = {"articles": len(names)}
    if _has(conn, "story_articles"):
        stories: dict[int, list[str]] = defaultdict(list)
        for sid, aid in conn.execute("SELECT story_id, article_id FROM story_articles ORDER BY article_id"):
            stories[sid].append(names[aid])
        shared = [sorted(v) for v in stories.values() if len(v) > 1]
        out.update(stories=len(stories), stories_with_2_plus=len(shared),
                   articles_sharing_a_story=sum(map(len, shared)), story_groups=shared)
    clusters: dict[int, set[str]] = defaultdict(set)
    types: dict[int, str] = {}
    for cid, aid, type_ in conn.execute("SELECT cluster_id, article_id, type FROM events WHERE cluster_id IS NOT NULL"):
        clusters[cid].add(names[aid])
        types[cid] = type_
    spanning = {cid: sorted(v) for cid, v in clusters.items() if len(v) > 1}
    out.update(event_clusters=len(clusters), event_clusters_with_2_plus_articles=len(spanning),
               articles_sharing_an_event_cluster=len(set().union(*spanning.values())) if spanning else 0,
               event_groups=[f"{types[c]}: {' | '.join(v)}" for c, v in spanning.items()],
               events=conn.execute("SELECT count(*) FROM events").fetchone()[0],
               undated_events=conn.execute("SELECT count(*) FROM events WHERE date_start IS NULL").fetchone()[0])
    return out


def _perturb(text: str, keep: float, reword: float, vocab: list[str], rng: random.Random) -> str:
    sentences = [s for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]
    kept = [s for s in sentences if rng.random() < keep] or sentences[:2]
    words = " ".join(kept).split(" ")
    return " ".join(rng.choice(vocab) if w.isalpha() and rng.random() < reword else w for w in words)


def _shift(doc: dict[str, Any], days: int) -> None:
    """Move a generated document and its day-precise dates by ``days``."""
    doc["published"] = (date.fromisoformat(doc["published"]) + timedelta(days=days)).isoformat()
    for event in doc["events"]:
        if event.get("date_precision") == "day" and event.get("date"):
            event["date"] = (date.fromisoformat(event["date"][:10]) + timedelta(days=days)).isoformat()
    for tm in doc["times"]:
        if tm.get("precision") == "day" and tm.get("value") and len(tm["value"]) == 10:
            tm["value"] = (date.fromisoformat(tm["value"]) + timedelta(days=days)).isoformat()


def rate(templates: list[dict[str, Any]], n: int, db: Path, seed: int, per_day: float | None) -> dict[str, Any]:
    """Part 2: save ``n`` generated, perturbed documents in batches of 200. With ``per_day`` the
    stories are re-dated in the order they are saved, ``per_day`` articles a day (a store that
    grows over time at a constant density), else they keep the generator's dates (random over
    three years: the density grows with the store)."""
    from bench_store import generate

    rng = random.Random(seed)
    vocab = sorted({w for t in templates for w in t["text"].split() if w.isalpha() and len(w) > 3})
    story_text: dict[int, str] = {}
    story_shift: dict[int, int] = {}
    docs, story_of = [], {}
    for story, doc in generate(templates, n, seed):
        if story not in story_text:
            story_text[story] = _perturb(doc["text"], 0.6, 0.15, vocab, rng)
            target = date(2020, 1, 1) + timedelta(days=int(len(docs) / per_day)) if per_day else None
            story_shift[story] = (target - date.fromisoformat(doc["published"])).days if target else 0
        doc["text"] = _perturb(story_text[story], 0.9, 0.0, vocab, rng) + f"\n#{doc['id']}"
        _shift(doc, story_shift[story])
        docs.append(doc)
        story_of[doc["id"]] = story
    conn = connect(db)
    times, cpu = [], []
    for i in range(0, n, 200):
        start, start_cpu = time.perf_counter(), time.process_time()
        save_documents(conn, docs[i:i + 200], fingerprint="bench", run_id=None)
        times.append((len(docs[i:i + 200]), time.perf_counter() - start))
        cpu.append((len(docs[i:i + 200]), time.process_time() - start_cpu))
        if (i + 200) % 1000 == 0:
            log(f"rate: {i + 200} documents saved")
    first, last = times[:5], times[-5:]
    result: dict[str, Any] = {
        "articles": n, "per_day": per_day, "generated_stories": len(set(story_of.values())),
        "docs_per_s": round(n / sum(t for _, t in times), 1),
        "docs_per_s_first_1000": round(sum(k for k, _ in first) / sum(t for _, t in first), 1),
        "docs_per_s_last_1000": round(sum(k for k, _ in last) / sum(t for _, t in last), 1),
        # per second of this process's CPU time: less disturbed by other work on the machine
        "docs_per_cpu_s_first_1000": round(sum(k for k, _ in cpu[:5]) / sum(t for _, t in cpu[:5]), 1),
        "docs_per_cpu_s_last_1000": round(sum(k for k, _ in cpu[-5:]) / sum(t for _, t in cpu[-5:]), 1),
        "event_clusters": conn.execute("SELECT count(*) FROM clusters").fetchone()[0],
        "event_clusters_with_2_plus_articles": conn.execute(
            "SELECT count(*) FROM clusters WHERE num_articles > 1").fetchone()[0]}
    if _has(conn, "story_articles"):
        found: dict[int, set[int]] = defaultdict(set)
        members: dict[int, set[int]] = defaultdict(set)
        for sid, doc_id in conn.execute("SELECT s.story_id, a.doc_id FROM story_articles s JOIN articles a "
                                        "ON a.id = s.article_id"):
            found[sid].add(story_of[doc_id])
            members[story_of[doc_id]].add(sid)
        sizes = Counter(story_of.values())
        multi = [g for g, k in sizes.items() if k > 1]
        result.update(
            stories=len(found),
            generated_stories_with_2_plus=len(multi),
            generated_stories_kept_whole=sum(len(members[g]) == 1 for g in multi),
            stories_mixing_generated_stories=sum(len(v) > 1 for v in found.values()),
            largest_story=conn.execute("SELECT max(num_articles) FROM stories").fetchone()[0],
            story_bands_rows=conn.execute("SELECT count(*) FROM story_bands").fetchone()[0])
    conn.close()
    return result


def main(argv: list[str] | None = None) -> int:
    """Run both parts and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from-db", type=Path, help="take the analysed documents from this store")
    parser.add_argument("--fixtures", action="store_true", help="add the invented reports of the tests")
    parser.add_argument("--docs", type=Path, help="JSON Lines cache of the analysed documents (read when it exists, "
                        "else written): the same documents for runs of two checkouts")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-day", type=float, help="re-date the generated stories in order, this many articles a day")
    parser.add_argument("--keep", type=Path, help="keep the stores (group.db, rate.db) in this directory")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="warta-stories-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for old in [p for name in ("group", "rate") for p in work.glob(f"{name}.db*")]:
            old.unlink()
        docs = analysed_documents(work, args.from_db, args.fixtures, args.docs)
        conn = connect(work / "group.db")
        save_documents(conn, docs, fingerprint="bench", run_id=None)
        result = {"grouping": grouping(conn)}
        conn.close()
        if args.articles:
            templates = [d for d in docs if not str(d["id"]).startswith("fixture/")]
            result["rate"] = rate(templates, args.articles, work / "rate.db", args.seed, args.per_day)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for part, values in result.items():
            print(f"== {part} ==")
            for key, value in values.items():
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
