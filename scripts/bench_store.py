#!/usr/bin/env python
"""Benchmark the warta store and web API (issue 6): ingest rate, a large store, API latency.

1. ingest: the bundled samples plus ``../shared/dev`` (when present) and perturbed copies, at
   least ``--ingest-min`` articles analysed with one process: articles/s and words/s into
   SQLite, and pure ``save_documents`` throughput (the same dicts re-saved into fresh stores).
2. store: ``--articles`` documents made from the analysed ones at the document level (stories
   of 1-8 copies on 40 sites, dated within three years, 70% of actor names swapped for actors
   drawn from about 1,200 with Zipf weights, their mentions renamed too; each story worded anew
   outside mentions, times and triggers) saved in batches of
   200: docs/s for the first and the last tenth (at least 1,000; 10,000 of 100,000) and per
   tenth, by wall clock and per CPU-second of the saving process (on a shared machine the
   latter is the one to compare), file size (MB per 1,000 articles), events, clusters, articles
   per cluster.
3. api: ``warta serve`` under ``--clients`` keep-alive clients for ``--duration`` seconds of
   ``GET /api/events`` queries, then half as long on the aggregates and pages: latency
   percentiles and requests/s per query kind, the first request of each kind (caches empty),
   the server's peak RSS, and the event queries and aggregates timed in-process with the read
   cache off (the cost after a write) and filled.

Work happens in a temporary directory; ``--keep DIR`` keeps the stores and the analysed
templates, and ``--parts`` runs some parts on what an earlier run kept, so a large store is built
once and measured many times::

    .venv/bin/python scripts/bench_store.py [--articles 10000] [--clients 20] [--duration 30] [--json]
    .venv/bin/python scripts/bench_store.py --articles 100000 --parts ingest,store --keep /tmp/big
    .venv/bin/python scripts/bench_store.py --parts api --keep /tmp/big --clients 20 --duration 20

Load averages are recorded with the results: timings on a shared machine need them beside.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from warta.ingest import ingest
from warta.io.readers import iter_articles
from warta.model import Article
from warta.nlp.load import load_pipeline
from warta.store import EventFilter, connect
from warta.store.query import query_events
from warta.store.records import iter_documents
from warta.store.write import save_documents
from warta.versions import analysis_versions

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "warta" / "samples"
DEV = ROOT.parent / "shared" / "dev"
TARGET_P95_MS = 200.0
#: GET /api/events queries of phase 1: (kind, query string).
EVENT_QUERIES = [
    ("all", ""), ("type", "type=CONSULT"), ("actor_name", "actor=Putin"), ("actor_iso", "actor=RUS"),
    ("country", "country=IDN"), ("dates", "since=2024-01-01&until=2024-06-30"), ("fts", "q=presiden"),
    ("dedupe", "dedupe=true"), ("offset", "offset=500"), ("actor+dates", "actor=RUS&since=2023-01-01&until=2023-12-31"),
    ("type+dates+dedupe", "type=CONSULT&since=2024-01-01&until=2024-12-31&dedupe=true"),
    ("fts+type+dedupe", "q=presiden&type=REQUEST&dedupe=true"),
    ("country+type+offset", "country=IDN&type=COERCE&offset=100"),
]
#: Other endpoints of phase 2: (kind, path).
PAGE_QUERIES = [
    ("articles?q", "/api/articles?q=presiden"), ("articles?q2", "/api/articles?q=sanksi%20rusia"),
    ("timeline", "/api/timeline"), ("network", "/api/network"), ("map", "/api/map"), ("overview", "/api/overview"),
    ("events.html", "/events"), ("events.html?type", "/events?type=CONSULT&dedupe=true"),
    ("network.html", "/network"), ("timeline.html", "/timeline"),
]
#: Aggregates timed in-process with the read cache off (what the first request after a write costs).
AGGREGATES = ["overview", "timeline", "network", "map"]


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def write_copies(files: list[Path], min_articles: int, path: Path) -> tuple[int, int]:
    """Write perturbed copies (new title, URL and id, so a new text hash) of the articles in
    ``files`` as JSON Lines, enough for ``min_articles`` in all; returns (originals, copies)."""
    articles = [a for a in iter_articles([str(f) for f in files]) if isinstance(a, Article)]
    rounds = max(0, math.ceil(min_articles / len(articles)) - 1)
    with path.open("w", encoding="utf-8") as fh:
        for k in range(1, rounds + 1):
            for j, a in enumerate(articles):
                body = a.text[len(a.title):].lstrip() if a.title and a.text.startswith(a.title) else a.text
                url = a.url and a.url + ("&" if "?" in a.url else "?") + f"salinan={k}"
                record = {"id": f"salinan{k}/{j}", "url": url, "title": f"{a.title or 'Berita'} (salinan {k})",
                          "published": a.published.isoformat() if a.published else a.published_raw,
                          "source": a.source_name, "text": body}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(articles), rounds * len(articles)


def bench_ingest(work: Path, dev: Path | None, min_articles: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Part 1; returns the results and the analysed original documents (templates for part 2)."""
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.name != "README.md")
    if dev and dev.is_dir():  # articles only, not their gold annotations
        files += sorted(p for p in dev.glob("*.*") if p.suffix in (".txt", ".json") and ".gold." not in p.name)
    originals, copies = write_copies(files, min_articles, work / "copies.jsonl")
    start = time.perf_counter()
    load_pipeline()  # cached: the ingest below reuses it
    load_s, start = time.perf_counter() - start, time.perf_counter()
    report = ingest([*map(str, files), str(work / "copies.jsonl")], db=work / "ingest.db", n_process=1)
    ingest_s = time.perf_counter() - start
    conn = connect(work / "ingest.db")
    words = conn.execute("SELECT coalesce(sum(n_words), 0) FROM articles").fetchone()[0]
    docs = list(iter_documents(conn))
    conn.close()
    fingerprint, runs = analysis_versions()["fingerprint"], []
    for k in range(3):  # the same dicts into fresh stores, in ingest's batches of 32; best of 3
        resave, save_s = connect(work / f"resave{k}.db"), 0.0
        for i in range(0, len(docs), 32):
            start = time.perf_counter()
            save_documents(resave, docs[i:i + 32], fingerprint=fingerprint, run_id=None)
            save_s += time.perf_counter() - start
        resave.close()
        runs.append(save_s)
    save_s = min(runs)
    result = {"inputs": [f.name for f in files], "originals": originals, "copies": copies, "stored": report.stored,
              "words": words, "model_load_s": round(load_s, 2), "ingest_s": round(ingest_s, 2),
              "articles_per_s": round(report.stored / ingest_s, 1), "words_per_s": round(words / ingest_s),
              "save_only_s": round(save_s, 3), "save_only_docs_per_s": round(len(docs) / save_s, 1),
              "save_share": round(save_s / ingest_s, 3)}
    return result, [d for d in docs if not str(d["id"]).startswith("salinan")]


def _actors(event: dict[str, Any]) -> list[dict[str, Any]]:
    return (event.get("source") or []) + (event.get("target") or [])


#: Invented actors swapped into the copies (a long tail beside the templates' own): persons from
#: these given names and surnames, and local bodies of these regencies.
GIVEN = ("Agus Andi Bambang Budi Dewi Dian Eko Fajar Fitri Gita Hadi Hendra Indah Irfan Joko Kartika Lestari "
         "Maya Nanda Nur Putri Rahmat Rizky Sari Siti Taufik Teguh Umar Wahyu Yani Yusuf Zainal").split()
SURNAMES = ("Wijaya Santoso Saputra Pratama Hidayat Kusuma Nugroho Siregar Nasution Harahap Lubis Simanjuntak "
            "Tanjung Hasibuan Sitompul Wibowo Setiawan Gunawan Purnomo Susanto Halim Rahman Syahputra Ginting "
            "Tarigan Sembiring Manurung Panjaitan Situmorang Pohan").split()
REGENCIES = ("Aceh Besar, Agam, Asahan, Badung, Banyumas, Banyuwangi, Bekasi, Blitar, Bogor, Bone, Boyolali, "
             "Cianjur, Cilacap, Deli Serdang, Demak, Garut, Gowa, Gresik, Indramayu, Jember, Jepara, Karawang, "
             "Kediri, Klaten, Kudus, Kutai Kartanegara, Lamongan, Langkat, Lombok Timur, Magelang, Malang, Maros, "
             "Mojokerto, Ngawi, Pati, Pekalongan, Pemalang, Ponorogo, Probolinggo, Purworejo, Serang, Sidoarjo, "
             "Sleman, Sragen, Subang, Sukabumi, Sumedang, Tangerang, Tasikmalaya, Tuban").split(", ")
#: Share of a copy's actor names swapped (per story), and the Zipf exponent of the actors drawn.
SWAP_SHARE, ZIPF = 0.7, 1.0


def actor_pool(templates: list[dict[str, Any]], seed: int) -> tuple[list[dict[str, Any]], list[float]]:
    """The actors swapped into copies with their weights: the templates' named actors first (the
    most reported), then invented persons and local bodies, weighted 1/rank^:data:`ZIPF` (a few
    actors in many reports, most in few, as in news) rather than a handful in every copy."""
    named = list({a["name"]: {"name": a["name"], "country": a.get("country"), "sector": a.get("sector"),
                              "kb": {e["id"]: e for e in doc["entities"]}.get(a.get("entity"), {}).get("kb")}
                  for doc in templates for event in doc["events"] for a in _actors(event)
                  if a.get("country")}.values())
    invented = [{"name": f"{g} {s}", "country": "IDN", "sector": None, "kb": None} for g in GIVEN for s in SURNAMES]
    invented += [{"name": f"{body} {r}", "country": "IDN", "sector": sector, "kb": None} for r in REGENCIES
                 for body, sector in (("Pemkab", "GOV"), ("DPRD", "LEG"), ("Polres", "COP"))]
    random.Random(seed).shuffle(invented)
    pool = named + invented
    return pool, [1 / (rank + 1) ** ZIPF for rank in range(len(pool))]


def shifted(value: str | None, precision: str | None, days: int) -> str | None:
    """A day, month or year date moved by ``days`` (a month or year as its first day is), so the
    copies of a template's month- and year-dated events spread over the years like its days."""
    if not value:
        return value
    try:
        if precision == "day":
            return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()
        if precision == "month" and len(value) == 7:
            return (date.fromisoformat(value + "-01") + timedelta(days=days)).isoformat()[:7]
        if precision == "year" and len(value) == 4:
            return str((date(int(value), 1, 1) + timedelta(days=days)).year)
    except ValueError:
        pass
    return value


def rename_mentions(doc: dict[str, Any], renamed: set[str]) -> None:
    """Make the entities ``renamed`` by a swap consistent with their new name, as the analysis would
    have written them: every mention's text becomes the new name (offsets kept, so highlighting
    points at the old words) and the entity's places rows take the name. Left as they were, the
    old mention texts would teach ``surface_forms`` that the old words ("Putin") name the new actor,
    and the actor filters would follow those forms to actors no article calls so."""
    for entity in doc["entities"]:
        if entity["id"] in renamed:
            for mention in entity.get("mentions") or []:
                mention["text"] = entity["name"]
    for place in doc.get("places") or []:
        if place.get("entity") in renamed:
            place["name"] = next(e["name"] for e in doc["entities"] if e["id"] == place["entity"])


#: Share of a story's free words (outside mentions, times and triggers) replaced by other words
#: of the same length: each story gets its own wording, as real stories do (quotes too: their
#: texts in ``quotes`` stay the template's).
REWORD_SHARE = 0.95
_WORD = re.compile(r"[A-Za-z]{3,}")


def reworded(doc: dict[str, Any], vocabulary: dict[int, list[str]], rng: random.Random, *,
             renamed: set[str] = frozenset()) -> None:
    """Give a template copy its story's own wording: :data:`REWORD_SHARE` of the words outside
    entity mentions (but those of the entities ``renamed`` for the story), times and triggers become other words of the same length (offsets stay valid), and the
    sentence texts are cut from the new text. Without it every copy of a template says the same
    words, so the store's stories (near-duplicate texts published within days) grow with the
    store's density of copies instead of holding one story's reports."""
    text = doc["text"]
    kept = bytearray(len(text))
    spans = [(m["start"], m["end"]) for e in doc["entities"] if e["id"] not in renamed for m in e.get("mentions") or []]
    spans += [(x["start"], x["end"]) for x in doc.get("times") or []]
    spans += [(v["trigger"]["start"], v["trigger"]["end"]) for v in doc["events"]]
    for start, end in spans:
        kept[start:end] = b"\1" * (end - start)
    def reword(text: str, kept: bytearray) -> str:
        out = list(text)
        for match in _WORD.finditer(text):
            start, end = match.span()
            if rng.random() >= REWORD_SHARE or any(kept[start:end]) or not (words := vocabulary.get(end - start)):
                continue
            word = rng.choice(words)
            out[start:end] = word.capitalize() if match[0][0].isupper() else word
        return "".join(out)

    if doc.get("title") and text.startswith(doc["title"]):  # the title heads the text: reworded with it
        doc["text"] = reword(text, kept)
        doc["title"] = doc["text"][:len(doc["title"])]
    else:
        doc["text"] = reword(text, kept)
        doc["title"] = doc.get("title") and reword(doc["title"], bytearray(len(doc["title"])))
    for sentence in [*(doc.get("sentences") or []), *(v.get("sentence") or {} for v in doc["events"])]:
        if isinstance(sentence.get("start"), int) and isinstance(sentence.get("end"), int):
            sentence["text"] = doc["text"][sentence["start"]:sentence["end"]]


def generate(templates: list[dict[str, Any]], n: int, seed: int, *,
             chronological: bool = False) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``n`` (story, document) pairs: stories of 1-8 copies of a template on one date in
    2023-2025 (day-, month- and year-precision event dates shifted alike) with most actor names swapped, per story,
    for actors drawn from :func:`actor_pool`, each copy on its own site with a new id, URL, title
    and appended text. Stories come in random date order, or with ``chronological`` day by day (as an archive
    crawled in date order is ingested): the same number of articles per day either way."""
    rng = random.Random(seed)
    pool, weights = actor_pool(templates, seed)
    sources = [json.dumps(t, ensure_ascii=False) for t in templates]
    vocabulary: dict[int, list[str]] = defaultdict(list)
    for word in sorted({w.lower() for t in templates for w in _WORD.findall(t["text"])}):
        vocabulary[len(word)].append(word)
    first_day, i, story = date(2023, 1, 1), 0, 0
    while i < n:
        t = rng.randrange(len(templates))
        base = date.fromisoformat(templates[t]["published"] or "2024-06-01")
        day = i * 3 * 365 // n if chronological else rng.randrange(3 * 365)
        shift = (first_day + timedelta(days=day) - base).days
        names = {a["name"] for e in templates[t]["events"] for a in _actors(e)}
        swap = {name: rng.choices(pool, weights)[0] for name in sorted(names) if rng.random() < SWAP_SHARE}
        copies = min(n - i, rng.choices([1, 2, 3, 4, 5, 6, 8], weights=[35, 20, 15, 10, 8, 7, 5])[0])
        wording = random.Random(rng.random())  # one wording per story
        story_doc = json.loads(sources[t])
        reworded(story_doc, vocabulary, wording, renamed={a["entity"] for e in story_doc["events"] for a in _actors(e)
                                                          if a["name"] in swap and a.get("entity")})
        story_source = json.dumps(story_doc, ensure_ascii=False)
        for site in rng.sample(range(40), copies):
            doc = json.loads(story_source)
            doc["id"] = f"bench:{i:05d}"
            doc["source"] = {"url": f"https://sumber{site}.example/berita/{i}", "site": f"Sumber {site}"}
            doc["title"] = f"{doc.get('title') or 'Berita'} #{i}"
            doc["published"] = (base + timedelta(days=shift + rng.randint(0, 1))).isoformat()
            doc["text"] += f"\n#{i}"  # appended: every offset stays valid
            entities, renamed = {e["id"]: e for e in doc["entities"]}, set()
            for event in doc["events"]:
                event["date"] = shifted(event.get("date"), event.get("date_precision"), shift)
                for actor in _actors(event):
                    if new := swap.get(actor["name"]):
                        if actor.get("entity") in entities:
                            entities[actor["entity"]].update(new)
                            renamed.add(actor["entity"])
                        actor.update({k: new[k] for k in ("name", "country", "sector")})
            rename_mentions(doc, renamed)
            for tm in doc["times"]:
                if tm.get("precision") == "day" and tm.get("value") and len(tm["value"]) == 10:
                    tm["value"] = (date.fromisoformat(tm["value"]) + timedelta(days=shift)).isoformat()
            yield story, doc
            i += 1
        story += 1


def bench_store(templates: list[dict[str, Any]], n: int, db: Path, seed: int, *, resume: bool = False,
                chronological: bool = False) -> dict[str, Any]:
    """Part 2: save ``n`` generated documents in batches of 200 and describe the store. With
    ``resume`` the documents already in ``db`` (an interrupted run's, same seed) are skipped and
    the rates are those of the documents saved now (``resumed_from`` says from where)."""
    conn = connect(db)
    stream, story_of, times, cpu_times, total = generate(templates, n, seed, chronological=chronological), {}, [], [], 0
    done = conn.execute("SELECT count(*) FROM articles WHERE doc_id LIKE 'bench:%'").fetchone()[0] if resume else 0
    for _ in range(done):
        story, doc = next(stream)
        story_of[doc["id"]] = story
    total = done
    wall = time.perf_counter()
    while total < n:
        batch = [next(stream) for _ in range(min(200, n - total))]
        story_of.update((doc["id"], s) for s, doc in batch)
        start, cpu = time.perf_counter(), time.process_time()
        save_documents(conn, [doc for _, doc in batch], fingerprint="bench", run_id=None)
        times.append((len(batch), time.perf_counter() - start))
        cpu_times.append((len(batch), time.process_time() - cpu))
        total += len(batch)
        if total % 2000 == 0:  # the rate of the last 2,000 (an interrupted run still says something)
            k, w, c = sum(k for k, _ in times[-10:]), sum(t for _, t in times[-10:]), sum(t for _, t in cpu_times[-10:])
            log(f"store: {total} documents saved; last {k}: {k / w:.1f} docs/s, {k / c:.1f} per CPU-s "
                f"(load {_loadavg()})")
    wall = time.perf_counter() - wall
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("articles", "events", "event_actors", "clusters", "entities")}
    dist = Counter()
    for k, c in conn.execute("SELECT num_articles, count(*) FROM clusters GROUP BY num_articles"):
        dist["1" if k <= 1 else str(k) if k <= 4 else "5-9" if k < 10 else "10-99" if k < 100 else "100+"] += c
    groups: dict[tuple[int, str], set[int]] = defaultdict(set)
    stories_in: dict[int, set[int]] = defaultdict(set)
    for doc_id, vid, cluster, n_src in conn.execute(
            "SELECT a.doc_id, e.vid, e.cluster_id, (SELECT count(*) FROM event_actors x WHERE x.event_id = e.id "
            "AND x.role = 'source') FROM events e JOIN articles a ON a.id = e.article_id"):
        stories_in[cluster].add(story_of[doc_id])
        if n_src:
            groups[story_of[doc_id], vid].add(cluster)
    sizes = Counter(story_of.values())
    shared = [g for (s, _), g in groups.items() if sizes[s] > 1]
    biggest = conn.execute("SELECT max(num_articles), max(num_events) FROM clusters").fetchone()
    try:  # where the space goes (tables with their indexes; needs SQLite's dbstat)
        by_table = Counter({r[0]: r[1] for r in conn.execute(
            "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d LEFT JOIN sqlite_master m "
            "ON m.name = d.name GROUP BY 1")})
        space = {name: round(b / 1e6, 1) for name, b in by_table.most_common(8)}
    except sqlite3.Error:
        space = {}
    conn.close()
    window = _window(n)
    first, last = times[:max(1, window // 200)], times[-max(1, window // 200):]
    cpu_first, cpu_last = cpu_times[:max(1, window // 200)], cpu_times[-max(1, window // 200):]
    return {"articles": n, "order": "chronological" if chronological else "random", "resumed_from": done, "batch": 200, "save_s": round(sum(t for _, t in times), 2), "wall_s": round(wall, 2),
            "docs_per_s": round((n - done) / sum(t for _, t in times), 1), "window": window,
            "docs_per_s_first": round(sum(k for k, _ in first) / sum(t for _, t in first), 1),
            "docs_per_s_last": round(sum(k for k, _ in last) / sum(t for _, t in last), 1),
            "docs_per_s_by_tenth": [round(sum(k for k, _ in part) / sum(t for _, t in part), 1)
                                    for part in _tenths(times)],
            # per second of this process's CPU: what the store costs, whatever else the machine runs
            "docs_per_cpu_s_first": round(sum(k for k, _ in cpu_first) / sum(t for _, t in cpu_first), 1),
            "docs_per_cpu_s_last": round(sum(k for k, _ in cpu_last) / sum(t for _, t in cpu_last), 1),
            "docs_per_cpu_s_by_tenth": [round(sum(k for k, _ in part) / sum(t for _, t in part), 1)
                                        for part in _tenths(cpu_times)],
            "db_bytes": size, "db_mb_per_1000": round(size / 1e6 / (n / 1000), 2), "mb_by_table": space, **count,
            "stories": len(sizes), "story_sizes": dict(sorted(Counter(sizes.values()).items())),
            "num_articles_per_cluster": {k: dist[k] for k in ("1", "2", "3", "4", "5-9", "10-99", "100+") if dist[k]},
            "largest_cluster": {"articles": biggest[0], "events": biggest[1]},
            "story_events_in_one_cluster": f"{sum(len(g) == 1 for g in shared)}/{len(shared)}",
            "clusters_spanning_stories": sum(len(s) > 1 for s in stories_in.values())}


def _window(n: int) -> int:
    """Articles at the start and at the end of the store whose saving rate is compared: a tenth of
    the store (10,000 of 100,000), at least 1,000."""
    return min(n, max(1000, n // 10))


def _tenths(times: list[tuple[int, float]]) -> list[list[tuple[int, float]]]:
    """The batches in ten consecutive parts (fewer for a small store)."""
    size = max(1, math.ceil(len(times) / 10))
    return [times[i:i + size] for i in range(0, len(times), size)]


def get(conn: http.client.HTTPConnection, path: str) -> int:
    """GET ``path`` on a keep-alive connection and read the whole body; returns the status."""
    conn.request("GET", path, headers={"Accept": "application/json, text/html"})
    (resp := conn.getresponse()).read()
    return resp.status


def start_server(db: Path, logfile: Path) -> tuple[subprocess.Popen, int]:
    """``warta serve`` (uvicorn, one process) on a free port, once ``/healthz`` answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with logfile.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT, env={**os.environ, "WARTA_LOG_LEVEL": "warning"})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"warta serve exited ({proc.returncode}): {logfile.read_text()[-2000:]}")
        try:
            if get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/healthz") == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("warta serve did not answer /healthz within 90 s")


def summarise(samples: list[tuple[float, int]], elapsed: float) -> dict[str, Any]:
    """Latency percentiles (ms, nearest rank) and throughput of (seconds, status) samples."""
    ms = sorted(s * 1000 for s, _ in samples) or [math.nan]
    pct = {f"p{p}": round(ms[max(0, math.ceil(p / 100 * len(ms)) - 1)], 1) for p in (50, 95, 99)}
    return {"n": len(samples), "errors": sum(st != 200 for _, st in samples), "rps": round(len(samples) / elapsed, 1),
            **pct, "max": round(ms[-1], 1)}


def load(port: int, paths: list[tuple[str, str]], clients: int, duration: float) -> dict[str, Any]:
    """``clients`` threads, each on its own keep-alive connection, cycling through ``paths``
    (staggered) until ``duration`` has passed; the summary overall and per kind."""
    results: list[tuple[str, float, int]] = []
    deadline = time.perf_counter() + duration

    def client(w: int) -> None:
        conn, i = http.client.HTTPConnection("127.0.0.1", port, timeout=120), w
        while time.perf_counter() < deadline:
            kind, path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            try:
                status = get(conn, path)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn, status = http.client.HTTPConnection("127.0.0.1", port, timeout=120), 0
            results.append((kind, time.perf_counter() - start, status))
        conn.close()

    threads = [threading.Thread(target=client, args=(w,)) for w in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return {"elapsed_s": round(elapsed, 1), "overall": summarise([(s, st) for _, s, st in results], elapsed),
            "by_kind": {kind: summarise([(s, st) for k, s, st in results if k == kind], elapsed) for kind, _ in paths}}


@contextmanager
def read_cache_off() -> Iterator[None]:
    """Every read computed (``WARTA_READ_CACHE=0``), as on the first request after a write."""
    old = os.environ.get("WARTA_READ_CACHE")
    os.environ["WARTA_READ_CACHE"] = "0"
    try:
        yield
    finally:
        if old is None:
            del os.environ["WARTA_READ_CACHE"]
        else:
            os.environ["WARTA_READ_CACHE"] = old


def profile_events(db: Path, repeat: int = 3) -> dict[str, Any]:
    """The phase-1 event queries run in-process: ``ms`` the median of ``repeat`` with the read
    cache off (every count computed), ``warm_ms`` with it on and filled; with the query plans of
    the statements :func:`query_events` runs (caught with their values by a trace callback)."""
    conn, out = connect(db, readonly=True), {}
    for kind, qs in EVENT_QUERIES:
        args: dict[str, Any] = dict(parse_qsl(qs))
        args.update(dedupe=args.get("dedupe") == "true", offset=int(args.get("offset", 0)))
        runs, warm, statements = [], [], []
        with read_cache_off():
            for _ in range(repeat):
                start = time.perf_counter()
                _, total = query_events(conn, EventFilter(**args))
                runs.append((time.perf_counter() - start) * 1000)
        for _ in range(repeat + 1):
            start = time.perf_counter()
            query_events(conn, EventFilter(**args))
            warm.append((time.perf_counter() - start) * 1000)
        conn.set_trace_callback(statements.append)
        query_events(conn, EventFilter(**args))
        conn.set_trace_callback(None)
        plans = [[r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
                 for sql in statements if "events e" in sql and not sql.startswith("--")]  # not FTS5's own
        out[kind] = {"ms": round(sorted(runs)[repeat // 2], 1), "warm_ms": round(sorted(warm[1:])[repeat // 2], 1),
                     "total": total, "plans": plans}
    conn.close()
    return out


def profile_aggregates(db: Path, repeat: int = 3) -> dict[str, Any]:
    """The dashboard's aggregates (no filter) in-process: median ms with the read cache off (the
    cost after a write) and with it filled."""
    from warta.store.aggregates import map_data, network, overview, timeline

    calls = {"overview": lambda c: overview(c), "timeline": lambda c: timeline(c, EventFilter()),
             "network": lambda c: network(c, EventFilter()), "map": lambda c: map_data(c, EventFilter())}
    conn, out = connect(db, readonly=True), {}
    for kind in AGGREGATES:
        cold, warm = [], []
        with read_cache_off():
            for _ in range(repeat):
                start = time.perf_counter()
                calls[kind](conn)
                cold.append((time.perf_counter() - start) * 1000)
        for _ in range(repeat + 1):
            start = time.perf_counter()
            calls[kind](conn)
            warm.append((time.perf_counter() - start) * 1000)
        out[kind] = {"ms": round(sorted(cold)[repeat // 2], 1), "warm_ms": round(sorted(warm[1:])[repeat // 2], 2)}
    conn.close()
    return out


def bench_api(db: Path, work: Path, clients: int, duration: float) -> dict[str, Any]:
    """Part 3: the server under load, then the same event queries in-process."""
    connect(db).close()  # migrated once (a store kept by an older bench), as `warta ingest` would
    start, (proc, port) = time.perf_counter(), start_server(db, work / "serve.log")
    result: dict[str, Any] = {"clients": clients, "startup_s": round(time.perf_counter() - start, 1)}
    try:
        warm, first = http.client.HTTPConnection("127.0.0.1", port, timeout=120), {}
        # one pass so the caches are warm, as on a running server; its times are the cold ones (the
        # first request after the server started or the store changed), one client alone
        for kind, path in [*((k, f"/api/events?{q}") for k, q in EVENT_QUERIES), *PAGE_QUERIES]:
            start = time.perf_counter()
            get(warm, path)
            first[kind] = round((time.perf_counter() - start) * 1000, 1)
        result["first_request_ms"] = first
        log(f"api: {clients} clients on /api/events for {duration:.0f} s")
        result["events"] = load(port, [(k, f"/api/events?{q}") for k, q in EVENT_QUERIES], clients, duration)
        log(f"api: {clients} clients on other pages for {duration / 2:.0f} s")
        result["pages"] = load(port, PAGE_QUERIES, clients, duration / 2)
        status = Path(f"/proc/{proc.pid}/status").read_text().splitlines()  # VmHWM: peak resident set size
        result["server_memory_mb"] = {line.split(":")[0]: round(int(line.split()[1]) / 1024, 1)
                                      for line in status if line.startswith(("VmHWM", "VmRSS"))}
    finally:
        proc.terminate()
        proc.wait(30)
    result["events_in_process"] = profile_events(db)
    result["aggregates_in_process"] = profile_aggregates(db)
    result["p95_target_met"] = result["events"]["overall"]["p95"] < TARGET_P95_MS
    return result


def print_table(r: dict[str, Any], out: Any) -> None:
    """The results as a readable table (the parts that ran)."""
    w = lambda text="": print(text, file=out)  # noqa: E731
    if i := r.get("ingest"):
        w(f"== ingest ({i['originals']} originals + {i['copies']} perturbed copies, 1 process) ==")
        w(f"  stored {i['stored']} articles, {i['words']} words in {i['ingest_s']} s (model load "
          f"{i['model_load_s']} s before): {i['articles_per_s']} articles/s, {i['words_per_s']} words/s")
        w(f"  save_documents alone: {i['save_only_docs_per_s']} docs/s ({i['save_only_s']} s, "
          f"{i['save_share']:.1%} of ingest time; analysis dominates)")
    if s := r.get("store"):
        w(f"== store ({s['articles']} generated documents, batches of {s['batch']}"
          f"{', resumed after ' + str(s['resumed_from']) if s.get('resumed_from') else ''}) ==")
        w(f"  save {s['save_s']} s: {s['docs_per_s']} docs/s (first {s['window']}: {s['docs_per_s_first']}, "
          f"last {s['window']}: {s['docs_per_s_last']}; by tenth {s['docs_per_s_by_tenth']})")
        w(f"  per CPU-second of the saving process: first {s['window']}: {s['docs_per_cpu_s_first']}, last "
          f"{s['window']}: {s['docs_per_cpu_s_last']}; by tenth {s['docs_per_cpu_s_by_tenth']}")
        w(f"  file {s['db_bytes'] / 1e6:.1f} MB ({s['db_mb_per_1000']} MB per 1000 articles); events {s['events']}, "
          f"actors {s['event_actors']}, clusters {s['clusters']}")
        w(f"  MB by table (with indexes): {s['mb_by_table']}")
        w(f"  articles per cluster: {s['num_articles_per_cluster']}; largest {s['largest_cluster']}")
        w(f"  {s['stories']} stories {s['story_sizes']}; story events in one cluster "
          f"{s['story_events_in_one_cluster']}; clusters spanning stories {s['clusters_spanning_stories']}")
    if not (a := r.get("api")):
        return
    w(f"== api ({a['clients']} clients, server up in {a['startup_s']} s, memory {a['server_memory_mb']} MB) ==")
    w(f"  {'kind':<22}{'n':>6}{'err':>5}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}{'first':>9}"
      f"{'cold':>9}{'warm':>8}")
    in_process = {**a["events_in_process"], **a.get("aggregates_in_process", {})}
    for phase in ("events", "pages"):
        for kind, m in [("ALL " + phase, a[phase]["overall"]), *a[phase]["by_kind"].items()]:
            proc = in_process.get(kind, {})
            w(f"  {kind:<22}{m['n']:>6}{m['errors']:>5}{m['rps']:>8}{m['p50']:>8}{m['p95']:>8}{m['p99']:>8}"
              f"{m['max']:>8}{a.get('first_request_ms', {}).get(kind, ''):>9}{proc.get('ms', ''):>9}"
              f"{proc.get('warm_ms', ''):>8}")
    w(f"  /api/events p95 {a['events']['overall']['p95']} ms: target < {TARGET_P95_MS:.0f} ms "
      f"{'met' if a['p95_target_met'] else 'MISSED'} (latencies in ms; first = the first request of its kind, "
      "one client, caches empty; cold/warm = in-process median with the read cache off/filled)")


PARTS = ("ingest", "store", "api")


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for and print the table and the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="documents in the generated store")
    parser.add_argument("--clients", type=int, default=20, help="concurrent API clients")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of /api/events load (half on pages)")
    parser.add_argument("--ingest-min", type=int, default=60, help="articles to analyse in the ingest part, at least")
    parser.add_argument("--dev", type=Path, default=DEV, help="dev articles to add to the samples (when present)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--chronological", action="store_true",
                        help="'store': save the stories in date order (an archive ingested as it was crawled) instead of "
                             "in random date order")
    parser.add_argument("--keep", type=Path, help="keep the stores (ingest.db, store.db) and the analysed templates "
                                                  "(templates.jsonl) in this directory")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="comma-separated parts to run (default all); 'store' without 'ingest' reuses "
                             "--keep's templates.jsonl, 'api' without 'store' measures --keep's store.db")
    parser.add_argument("--resume", action="store_true", help="'store': continue --keep's store.db (an interrupted "
                                                               "run with the same --seed) instead of starting anew")
    parser.add_argument("--json", action="store_true", help="print only the JSON result on stdout")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    if unknown := set(parts) - set(PARTS):
        parser.error(f"--parts: unknown {sorted(unknown)} (choose from {', '.join(PARTS)})")
    if set(parts) != set(PARTS) and not args.keep:
        parser.error("--parts without every part needs --keep DIR (where an earlier run kept its files)")
    result: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                              "loadavg_start": _loadavg()}
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if "ingest" in parts:
            for old in [p for name in ("ingest", "resave") for p in work.glob(f"{name}*.db*")]:
                old.unlink()
            log("ingest: analysing the samples, the dev articles and their copies")
            result["ingest"], templates = bench_ingest(work, args.dev, args.ingest_min)
            (work / "copies.jsonl").unlink()  # perturbed copies of the dev texts are not kept
            if args.keep:
                with (work / "templates.jsonl").open("w", encoding="utf-8") as fh:
                    fh.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in templates)
        elif "store" in parts:
            with (work / "templates.jsonl").open(encoding="utf-8") as fh:
                templates = [json.loads(line) for line in fh]
        if "store" in parts:
            for old in work.glob("store.db*") if not args.resume else []:
                old.unlink()
            log(f"store: generating and saving {args.articles} documents from {len(templates)} templates")
            result["store"] = bench_store(templates, args.articles, work / "store.db", args.seed, resume=args.resume,
                                          chronological=args.chronological)
        if "api" in parts:
            result["loadavg_api"] = _loadavg()
            result["api"] = bench_api(work / "store.db", work, args.clients, args.duration)
        result["loadavg_end"], result["total_s"] = _loadavg(), round(time.perf_counter() - started, 1)
    print_table(result, sys.stderr if args.json else sys.stdout)
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _loadavg() -> str | None:
    """The 1, 5 and 15 minute load averages (timings on a shared machine need them beside)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
