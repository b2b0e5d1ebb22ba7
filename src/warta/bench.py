"""``warta bench``: throughput and memory per stage and end to end.

Each stage runs in a fresh process (so its peak RSS is its own) over the same corpus: the bundled
samples plus ``../shared/dev`` when present, or the paths given. A spaCy-tokenizer-only pass over
the same texts is the practical ceiling the pipeline is compared with.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
#: Words in the seed article (\w+ tokens); throughput targets are stated in seed-sized articles.
SEED_WORDS = 580

STAGES = ("read", "langid", "spacy tokenizer only (ceiling)", "normalize", "tokenize (normalising)",
          "<components>", "end to end (read + analyze + JSON)")


def bundled_samples() -> Path:
    """The directory of bundled sample articles."""
    return Path(str(resources.files("warta").joinpath("samples")))


def default_corpus_paths() -> list[str]:
    """Bundled samples, plus ``../shared/dev`` (next to the repo or the working directory)."""
    paths = [str(bundled_samples())]
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        dev = (base / ".." / "shared" / "dev").resolve()
        if dev.is_dir():
            paths += sorted(str(p) for p in dev.iterdir() if p.suffix in (".txt", ".json") and ".gold" not in p.name)
            break
    return paths


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _load(paths: list[str]):
    from warta.api import RunReport, read_unique

    return list(read_unique(paths, report=RunReport()))


def _timed(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up (lazy loads, caches)
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def _stage_worker(stage: str, paths: list[str], repeat: int) -> dict[str, Any]:
    """Run one stage in this (fresh) process; return seconds per pass and peak RSS."""
    articles = _load(paths)
    texts = [a.text for a in articles]
    if stage == "read":
        secs = _timed(lambda: _load(paths), repeat)
    elif stage == "langid":
        from warta.nlp.langid import detect_language

        secs = _timed(lambda: [detect_language(t) for t in texts], repeat)
    elif stage == "spacy tokenizer only (ceiling)":
        import spacy

        tok = spacy.blank("id").tokenizer
        secs = _timed(lambda: [tok(t) for t in texts], repeat)
    elif stage == "normalize":
        from warta.nlp.normalize import normalize

        secs = _timed(lambda: [normalize(t) for t in texts], repeat)
    elif stage == "tokenize (normalising)":
        from warta.nlp.load import load_pipeline

        nlp = load_pipeline()
        secs = _timed(lambda: [nlp.make_doc(t) for t in texts], repeat)
    elif stage.startswith("component "):
        from warta.nlp.load import load_pipeline

        nlp = load_pipeline()
        name = stage.split(" ", 1)[1]
        before = [p for n, p in nlp.pipeline[: nlp.pipe_names.index(name)]]
        proc = nlp.get_pipe(name)

        def prepared():
            docs = [nlp.make_doc(t) for t in texts]
            for p in before:
                docs = [p(d) for d in docs]
            return docs

        for d in prepared():  # warm-up: lazy indexes (KB matcher, geocoder) load on the first call
            proc(d)
        total = 0.0
        for _ in range(repeat + 1):
            docs = prepared()
            t0 = time.perf_counter()
            for d in docs:
                proc(d)
            total += time.perf_counter() - t0
        secs = total / (repeat + 1)
    elif stage.startswith("end to end"):
        from warta.api import RunReport, analyze_paths
        from warta.io.document_json import document_to_json

        secs = _timed(lambda: [document_to_json(d) for d in analyze_paths(paths, report=RunReport())], repeat)
    else:  # pragma: no cover - guarded by stage_names()
        raise ValueError(f"unknown stage {stage!r}")
    return {"seconds": secs, "peak_rss_mb": _rss_mb()}


def stage_names() -> list[str]:
    """All stages, with one entry per pipeline component in configured order."""
    from warta.nlp.load import load_pipeline

    names = []
    for s in STAGES:
        if s == "<components>":
            names += [f"component {n}" for n in load_pipeline().pipe_names]
        else:
            names.append(s)
    return names


def run_bench(*, paths: list[str] | None = None, repeat: int = 5) -> dict[str, Any]:
    """Benchmark every stage over the corpus; returns a JSON-ready dict."""
    paths = paths or default_corpus_paths()
    articles = _load(paths)
    if not articles:
        raise ValueError("the benchmark corpus is empty: no readable articles in " + ", ".join(paths))
    n_docs = len(articles)
    n_words = sum(len(_WORD.findall(a.text)) for a in articles)
    sources: dict[str, int] = {}
    for a in articles:
        key = "bundled samples" if str(bundled_samples()) in (a.origin or "") else "../shared/dev"
        sources[key] = sources.get(key, 0) + 1
    ctx = multiprocessing.get_context("spawn")
    rows = []
    for stage in stage_names():
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            res = pool.submit(_stage_worker, stage, paths, repeat).result()
        secs = max(res["seconds"], 1e-9)
        rows.append({"stage": stage, "docs_per_s": n_docs / secs, "words_per_s": n_words / secs,
                     "ms_per_doc": 1000 * secs / n_docs, "peak_rss_mb": res["peak_rss_mb"]})
        log.info("bench %s: %.1f docs/s", stage, n_docs / secs)
    e2e = rows[-1]["words_per_s"]
    return {"corpus": {"documents": n_docs, "words": n_words, "sources": sources}, "repeat": repeat,
            "stages": rows, "seed_sized_articles_per_s": e2e / SEED_WORDS}
