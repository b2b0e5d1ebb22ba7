"""Does analysis scale on one machine? Seed-sized articles/s for one process, ``--n-process 2``,
Dask ``local:2`` and the spaCy-tokenizer-only ceiling, on the same 800+ distinct articles.

The corpus is built by perturbing the bundled samples (and ``../shared/dev`` when present):
sentences of one or two source articles shuffled, capitalised two-word names swapped for invented
ones, cut at about 580 words (the seed article's size), each article distinct (own id, url, text).
Each mode runs in a fresh process. Rates are given twice: for the analysis alone (the pipeline
already built, as in a long run) and end to end (with building the pipeline, as a short run sees
it). The machine's load average is printed beside every mode: on a shared machine numbers are noisy.
On Linux with autogroup scheduling (``/proc/sys/kernel/sched_autogroup_enabled``), ``nice 19`` on the
other sessions' jobs does not give this benchmark the cores: ``--autogroup-nice -19`` does (root).

    .venv/bin/python scripts/bench_scale.py [--articles 840] [--modes tokenizer,one,n2,dask2] [--repeat 2]
                                            [--partition-kb 512] [--json]

With ``--repeat`` the modes run in turn, round after round (interleaved, so each round's ratios
compare runs of the same minutes), and the ratios reported are the medians of each round's. For
Dask ``local:2`` the time is also broken down: starting the cluster, the workers' analysis and
Parquet writing, and the worker-seconds left idle (the tail, scheduling gaps). CPU seconds
of the process and of its worker processes are recorded for every mode, and the ratios include
``2 x CPU(one) / CPU(mode)``: what two idle cores would give at best, a figure that the other load
on a shared machine does not move as much as it moves wall-clock rates.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED_WORDS = 580
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_NAME = re.compile(r"\b[A-Z][a-z]{2,} [A-Z][a-z]{2,}\b")
INVENTED_NAMES = ("Ratna Kusumawati", "Bima Prasetya", "Dewi Anggraini", "Hendra Wijaya", "Lestari Handayani",
                  "Yusuf Maulana", "Citra Permatasari", "Agus Salimin", "Nadia Rahmawati", "Rudi Hartanto",
                  "Intan Puspitasari", "Fajar Nugroho", "Wulan Sari", "Teguh Santoso", "Maya Kartika")


def _base_articles() -> list[tuple[str, str, str | None]]:
    """(title, body, published) of the bundled samples and ../shared/dev texts."""
    from warta.api import RunReport, read_unique
    from warta.bench import default_corpus_paths

    base = []
    for a in read_unique(default_corpus_paths(), report=RunReport()):
        body = a.text[len(a.title):].strip() if a.title and a.text.startswith(a.title) else a.text
        base.append((a.title or body.split("\n", 1)[0][:80], body, a.published.isoformat() if a.published else None))
    return base


def build_corpus(n: int, *, seed: int = 7) -> list[dict]:
    """``n`` distinct seed-sized JSON Lines records made by perturbing the base articles."""
    rng = random.Random(seed)
    base = _base_articles()
    split = [[s for s in _SENTENCE.split(body.replace("\n", " ")) if s.strip()] for _, body, _ in base]
    records = []
    for i in range(n):
        k = rng.randrange(len(base))
        title, _, published = base[k]
        sentences = list(split[k])
        rng.shuffle(sentences)
        while sum(len(_WORD.findall(s)) for s in sentences) < SEED_WORDS:
            extra = list(split[rng.randrange(len(base))])
            rng.shuffle(extra)
            sentences += extra
        text, words = [], 0
        for s in sentences:
            if words >= SEED_WORDS:
                break
            text.append(s)
            words += len(_WORD.findall(s))
        names: dict[str, str] = {}

        def swap(m: re.Match, names: dict[str, str] = names) -> str:
            if m.group() not in names:
                names[m.group()] = rng.choice(INVENTED_NAMES) if rng.random() < 0.5 else m.group()
            return names[m.group()]

        body = _NAME.sub(swap, " ".join(text))
        records.append({"id": f"bench-{i}", "url": f"https://bench.test/{i}", "title": f"{title} ({i})",
                        "published": published, "source": "Bench", "text": body})
    return records


def _load() -> str:
    return open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"


def _worker(mode: str, corpus: Path, *, partition_bytes: int = 512 * 1024) -> dict:
    """Run one mode in this process; seconds for building the pipeline and for the analysis."""
    from warta.api import RunReport, pipe, read_unique

    articles = list(read_unique([str(corpus)], report=RunReport()))
    if mode == "tokenizer":
        import spacy

        tok = spacy.blank("id").tokenizer
        cpu = _cpu()
        t0 = time.perf_counter()
        for a in articles:
            tok(a.text)
        return {"build_s": 0.0, "analyse_s": time.perf_counter() - t0, "documents": len(articles),
                "parent_cpu_s": _cpu()[0] - cpu[0], "workers_cpu_s": 0.0}
    from warta.api import warm_pipeline
    from warta.io.document_json import document_to_json

    t0 = time.perf_counter()
    warm_pipeline()
    build = time.perf_counter() - t0
    cpu = _cpu()
    t1 = time.perf_counter()
    extra = {}
    if mode in ("one", "n2"):
        docs = sum(1 for d in pipe(articles, n_process=1 if mode == "one" else 2) if document_to_json(d))
    elif mode == "dask2":
        from warta.distributed import run_dask

        with tempfile.TemporaryDirectory() as tmp:
            report = run_dask([str(corpus)], out=Path(tmp) / "ds", address="local:2", partition_bytes=partition_bytes)
            docs = report.documents
        extra["dask"] = _dask_breakdown(report, time.perf_counter() - t1)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    analyse = time.perf_counter() - t1
    parent, children = (after - before for after, before in zip(_cpu(), cpu, strict=True))
    return {"build_s": build, "analyse_s": analyse, "documents": docs, "parent_cpu_s": parent,
            "workers_cpu_s": children, **extra}


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished child processes."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _dask_breakdown(report, elapsed: float) -> dict:
    """Where a Dask run's seconds went: starting the cluster, the workers' reading and analysing, and
    writing, and the worker-seconds left idle (workers x (run - cluster start) - busy): the tail, the
    scheduling gaps and the client's work around the tasks."""
    tasks = getattr(report, "tasks", [])  # (absent in older warta: then only the totals)
    timings = getattr(report, "timings", {})
    busy = sum(t["seconds"] + t["write_seconds"] for t in tasks)
    workers = len({t["worker"] for t in tasks})
    return {"partitions": report.partitions, "cluster_s": timings.get("cluster_s", 0.0),
            "analyse_s": timings.get("analyse_s", 0.0), "write_s": timings.get("write_s", 0.0),
            "analyse_cpu_s": sum(t.get("cpu_seconds") or 0.0 for t in tasks),
            "write_cpu_s": sum(t.get("write_cpu_seconds") or 0.0 for t in tasks),
            "idle_s": workers * (elapsed - timings.get("cluster_s", 0.0)) - busy if tasks else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=840)
    parser.add_argument("--modes", default="tokenizer,one,n2,dask2")
    parser.add_argument("--partition-kb", type=int, default=512,
                        help="Dask partition size (default 512 KB: about 14 partitions, 7 per worker, of 840 articles)")
    parser.add_argument("--repeat", type=int, default=1, help="run the modes this many times, interleaved")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--autogroup-nice", type=int, default=None,
                        help="set this session's autogroup nice first (Linux): with autogroup scheduling, other "
                             "sessions' 'nice 19' jobs still take an equal share; -19 gives this run their priority")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker[0], Path(args.worker[1]), partition_bytes=args.partition_kb * 1024)))
        return
    if args.autogroup_nice is not None:
        Path("/proc/self/autogroup").write_text(str(args.autogroup_nice))  # the session's (modes inherit it)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        records = build_corpus(args.articles)
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        words = sum(len(_WORD.findall(r["title"] + " " + r["text"])) for r in records)
        results = {"articles": len(records), "words": words, "seed_sized": words / SEED_WORDS, "cpus": os.cpu_count(),
                   "modes": {}}
        rounds: list[dict[str, dict]] = []
        for round_no in range(args.repeat):
            rounds.append({})
            for mode in args.modes.split(","):
                before = _load()
                out = subprocess.run([sys.executable, __file__, "--partition-kb", str(args.partition_kb), "--worker",
                                      mode, str(corpus)], check=True, capture_output=True, text=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                seed = results["seed_sized"]
                r.update(round=round_no, load_before=before, load_after=_load(), seed_per_s=seed / r["analyse_s"],
                         seed_per_s_end_to_end=seed / (r["build_s"] + r["analyse_s"]))
                rounds[-1][mode] = r
                if not args.json:
                    _print_mode(mode, r)
                else:  # progress on stderr, so a run cut short still leaves its numbers
                    print(json.dumps({"mode": mode, **r}), file=sys.stderr, flush=True)
    results["rounds"] = rounds
    results["modes"] = {m: _median_run([rd[m] for rd in rounds]) for m in rounds[0]}
    if "one" in rounds[0]:  # ratios paired within a round (the same minutes of load), then the median
        results["ratios"] = {m: {k: statistics.median(rd[m][key] / rd["one"][key] for rd in rounds)
                                 for k, key in (("analysis", "seed_per_s"), ("end_to_end", "seed_per_s_end_to_end"))}
                             for m in rounds[0]}
        for m in rounds[0]:  # what 2 idle cores would give if the work packed perfectly: robust to other load
            results["ratios"][m]["cpu_bound"] = 1.0 if m in ("one", "tokenizer") else statistics.median(
                min(2.0, 2 * _cpu_total(rd["one"]) / _cpu_total(rd[m])) for rd in rounds)
    if args.json:
        print(json.dumps(results, indent=2))
    elif "ratios" in results:
        for m, r in results["ratios"].items():
            print(f"ratio {m:10s} vs one process: analysis {r['analysis']:.2f}x, end to end {r['end_to_end']:.2f}x, "
                  f"CPU-bound on 2 idle cores at most {r['cpu_bound']:.2f}x  (median of {len(rounds)} round(s))")
        print(f"corpus: {results['articles']} articles, {results['seed_sized']:.0f} seed-sized, {results['cpus']} CPUs")


def _cpu_total(r: dict) -> float:
    return r["parent_cpu_s"] + r["workers_cpu_s"]


def _median_run(runs: list[dict]) -> dict:
    """The run with the median analysis rate."""
    return sorted(runs, key=lambda r: r["seed_per_s"])[len(runs) // 2]


def _print_mode(mode: str, r: dict) -> None:
    print(f"{mode:10s} {r['documents']:5d} docs  build {r['build_s']:6.1f} s  analyse {r['analyse_s']:7.1f} s  "
          f"{r['seed_per_s']:7.2f} seed-sized/s  (end to end {r['seed_per_s_end_to_end']:6.2f}/s)  "
          f"load {r['load_before']} -> {r['load_after']}", flush=True)
    print(f"{'':10s} CPU during the analysis: this process {r['parent_cpu_s']:.1f} s, worker processes "
          f"{r['workers_cpu_s']:.1f} s", flush=True)
    if "dask" in r:
        d = r["dask"]
        print(f"{'':10s} dask: {d['partitions']} partitions, cluster start {d['cluster_s']:.1f} s, workers analysing "
              f"{d['analyse_s']:.1f} s + writing {d['write_s']:.1f} s (CPU {d.get('analyse_cpu_s', 0):.1f} + "
              f"{d.get('write_cpu_s', 0):.1f} s), idle {d['idle_s']:.1f} worker-s", flush=True)


if __name__ == "__main__":
    main()
