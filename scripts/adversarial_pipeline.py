#!/usr/bin/env python
"""Hostile texts for warta's pipeline, store and server (issue 15): generate them, run them through
``warta analyze``, ``warta ingest`` and ``warta serve``, tabulate.

The corpus (written to a temporary directory): a sentence followed by floods of quote marks,
``"kata`` cues, apostrophes, commas, parentheses and emoji; texts of dates, weekday parentheses
and URL-like tokens; one token of a million characters; mixed scripts with zero-width and
direction marks; control characters; a 1.2 M-character article (analysed in segments); a text
just over the size limit (refused in one line); a folder of 40 good articles and one 1.2 M-character
one; and a flood run with a tiny ``--doc-timeout`` so the time budget has to stop it.

Every ``analyze`` case runs in its own process with a timeout; the table gives its exit status,
whether problems came back as one-line messages (errors, or skipped documents with their reason),
crashes (a Python traceback), hangs (killed at the timeout), peak RSS, time and whether documents
went missing without a word. Then ``ingest`` of the folder (all 41 stored?) and the server: each
text POSTed to ``/api/articles`` while another client times ``GET /api/overview`` (is the
server still answering?), with the server's peak RSS at the end.

Run: ``.venv/bin/python scripts/adversarial_pipeline.py [--timeout 600] [--only NAME] [--skip-server]
[--big] [--json]``; ``--big`` adds a 4.9 MB article (just under the default limit).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from adversarial_readers import MB, PARAGRAPHS, ROOT, WARTA, Case, Outcome, run_one

BASE = ("Menteri Luar Negeri Sari Wulandari bertemu Duta Besar Jepang di Jakarta, Senin (12/2/2024). "
        "\"Kami siap memperkuat kerja sama,\" kata Sari kepada wartawan.\n")
ARTICLE = "\n\n".join(PARAGRAPHS) + "\n\n"


def texts(big: bool) -> dict[str, tuple[str, str]]:
    """name -> (what, text) for the single-text cases."""
    rng = random.Random(15)
    odd = ["Привет", "مرحبا", "北京", "ไทย", "\u200b", "\u200f", "\u202e", "\ufeff", "😀", "🇮🇩", "e\u0301", "ﬁ"]
    mixed = "".join(rng.choice([*odd, "kata", " ", '"', "Presiden", ". ", "\n"]) for _ in range(60_000))
    control = "".join(rng.choice(["\x00", "\x01", "\x02", "\x03", "\x1b", "\x7f", " ", "a"]) for _ in range(50_000))
    long_article = (f"Berita panjang\n\n{BASE}" + ARTICLE * (1_200_000 // len(ARTICLE) + 1))[:1_200_000]
    cases = {
        "baseline": ("one ordinary article (the process's start-up time)", f"Berita\n\n{BASE}{ARTICLE}"),
        "flood-quotes-8k": ('sentence + 8,000 "', BASE + '"' * 8_000),
        "flood-kata-4k": ('sentence + 4,000 "kata', BASE + '"kata ' * 4_000),
        "flood-quotes-100k": ('sentence + 100,000 "', BASE + '"' * 100_000),
        "flood-apostrophes-100k": ("sentence + 100,000 '", BASE + "'" * 100_000),
        "flood-commas-100k": ("sentence + 100,000 ,", BASE + "," * 100_000),
        "flood-parens-100k": ("sentence + 50,000 ( and 50,000 )", BASE + "(" * 50_000 + ")" * 50_000),
        "flood-emoji-100k": ("sentence + 100,000 emoji", BASE + "\U0001F600" * 100_000),
        "dates-50k": ("12/3/2024 x 50,000", BASE + "12/3/2024 " * 50_000),
        "weekday-parens-50k": ("(Senin) x 50,000", BASE + "(Senin) " * 50_000),
        "urls-30k": ("URL-like tokens x 30,000", BASE + "https://x.test/a/b?c=d&e=f " * 30_000),
        "long-token-1m": ("one token of 1,000,000 letters", BASE + "a" * 1_000_000),
        "mixed-scripts-60k": ("mixed scripts, zero-width and direction marks", BASE + mixed),
        "control-chars-50k": ("control characters", BASE + control),
        "long-article-1.2m": ("a 1.2M-character article (segments)", long_article),
    }
    if big:
        cases["near-limit-4.9mb"] = ("a 4.9 MB article", (ARTICLE * (4_900_000 // len(ARTICLE)))[:4_900_000])
    return cases


def build(base: Path, *, big: bool) -> tuple[list[Case], dict[str, Path]]:
    cases, files = [], {}
    for name, (what, text) in texts(big).items():
        path = base / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        files[name] = path
        cases.append(Case(name, what, [str(path)], 1, False))
    over = base / "over-limit-5.4mb.txt"
    over.write_text("Judul\n\n" + "a " * 2_700_000, encoding="utf-8")  # the limit is 5 MiB (5,242,880 bytes)
    cases.append(Case("over-limit-5.4mb", "a text over the 5 MiB limit", [str(over)], 0, True))
    folder = base / "folder-41"
    folder.mkdir()
    for i in range(40):
        (folder / f"good-{i:02d}.txt").write_text(f"Berita {i}\n\n{BASE}Laporan nomor {i}. {ARTICLE}", encoding="utf-8")
    shutil.copy(files["long-article-1.2m"], folder / "long.txt")
    cases.append(Case("folder-41", "40 good articles and one of 1.2M characters", [str(folder)], 41, False))
    cases.append(Case("budget-flood", "100,000 \" with --doc-timeout 0.5", [str(files["flood-quotes-100k"])], 1,
                      True, ["--doc-timeout", "0.5"]))
    return cases, files


def run_analyze(case: Case, *, timeout: float) -> Outcome:
    """``warta analyze --json --lang any`` on one case; a skipped document reported with its reason counts."""
    run = run_one([*WARTA, "analyze", "--json", "--lang", "any", *case.args, *case.paths], timeout=timeout,
                  max_stdout=256 * MB)
    docs = sum(1 for line in run["stdout"].splitlines() if line.strip())
    messages = [ln for ln in run["stderr"].splitlines() if ln.startswith("warta: ")]
    said = [ln for ln in messages if "error:" in ln or "skipped:" in ln]
    crash = "Traceback (most recent call last)" in run["stderr"]
    clean = bool(said) and not crash and all(len(ln) < 1000 for ln in said)
    return Outcome(name=case.name, what=case.what, exit=run["exit"], clean_error=clean, crash=crash, hang=run["hang"],
                   peak_rss_mb=run["rss_mb"], seconds=run["seconds"], expected_docs=case.expected_docs, docs=docs,
                   lost_silently=not run["hang"] and docs + len(said) < case.expected_docs, leaked=False,
                   longest_stderr_line=max((len(ln) for ln in run["stderr"].splitlines()), default=0),
                   first_error=(said[0] if said else "")[:160])


def run_ingest(folder: Path, db: Path, *, timeout: float) -> dict:
    """``warta ingest`` of the folder of 41: how many were stored, exit, time, peak RSS."""
    run = run_one([*WARTA, "ingest", "--db", str(db), "--lang", "any", "--json", str(folder)], timeout=timeout)
    stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] if db.exists() else 0
    return {"exit": run["exit"], "stored": stored, "expected": 41, "seconds": run["seconds"], "rss_mb": run["rss_mb"],
            "traceback": "Traceback" in run["stderr"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_server(files: dict[str, Path], db: Path, *, timeout: float) -> dict:
    """POST every text while timing GET /api/overview; the server's peak RSS at the end."""
    port, token = _free_port(), "adversarial"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([*WARTA, "serve", "--db", str(db), "--port", str(port), "--allow-ingest",
                             "--token", token], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    results, gets = {}, []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            begin = time.monotonic()
            try:
                urllib.request.urlopen(f"{url}/api/overview", timeout=timeout).read()
                gets.append(time.monotonic() - begin)
            except OSError:
                gets.append(float("inf"))
            time.sleep(0.2)

    poller = threading.Thread(target=reader, daemon=True)
    poller.start()
    for name, path in files.items():
        body = json.dumps({"text": path.read_text(encoding="utf-8"), "id": name}).encode()
        request = urllib.request.Request(f"{url}/api/articles", data=body, method="POST",
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
        begin = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError:
            status = None
        results[name] = {"status": status, "seconds": round(time.monotonic() - begin, 1)}
        print(f"POST {name}: {status} {results[name]['seconds']} s", file=sys.stderr)
    stop.set()
    poller.join(timeout=timeout)
    proc.send_signal(signal.SIGINT)
    _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    finite = sorted(g for g in gets if g != float("inf"))
    return {"posts": results, "gets": len(gets), "get_failures": len(gets) - len(finite),
            "get_p50_s": round(finite[len(finite) // 2], 3) if finite else None,
            "get_max_s": round(finite[-1], 3) if finite else None,
            "server_peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "traceback": "Traceback" in stderr}


def markdown(rows: list[Outcome], ingest: dict | None, server: dict | None) -> str:
    """The results as a markdown table, with totals, the ingest line and the server line."""
    yes = {True: "yes", False: "-"}
    out = ["| input | what | exit | reported in one line | crash | hang | peak RSS MB | s | docs (expected) | lost silently |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for o in rows:
        out.append(f"| {o.name} | {o.what} | {o.exit if o.exit is not None else 'killed'} | {yes[o.clean_error]} | "
                   f"{yes[o.crash]} | {yes[o.hang]} | {o.peak_rss_mb} | {o.seconds} | {o.docs} ({o.expected_docs}) | "
                   f"{'**LOST**' if o.lost_silently else '-'} |")
    if rows:
        worst_rss = max(rows, key=lambda o: o.peak_rss_mb)
        slowest = max(rows, key=lambda o: o.seconds)
        out += ["", f"analyze: inputs {len(rows)}; reported {sum(o.clean_error for o in rows)}; "
                f"crashes {sum(o.crash for o in rows)}; hangs {sum(o.hang for o in rows)}; "
                f"lost silently {sum(o.lost_silently for o in rows)}; "
                f"peak RSS {worst_rss.peak_rss_mb} MB ({worst_rss.name}); slowest {slowest.seconds} s ({slowest.name})"]
    if ingest:
        out.append(f"ingest folder-41: exit {ingest['exit']}, stored {ingest['stored']} of {ingest['expected']}, "
                   f"{ingest['seconds']} s, traceback: {yes[ingest['traceback']]}")
    if server:
        statuses = {name: r["status"] for name, r in server["posts"].items()}
        out.append(f"server: POST statuses {statuses}; GET /api/overview during the POSTs: {server['gets']} requests, "
                   f"{server['get_failures']} failed, p50 {server['get_p50_s']} s, max {server['get_max_s']} s; "
                   f"server peak RSS {server['server_peak_rss_mb']} MB; traceback: {yes[server['traceback']]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run it through analyze, ingest and the server, print the table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--timeout", type=float, default=600.0, help="Seconds before a run counts as a hang.")
    ap.add_argument("--only", action="append", default=[], help="Run only analyze cases whose name contains this.")
    ap.add_argument("--skip-server", action="store_true", help="Leave out ingest and the server.")
    ap.add_argument("--big", action="store_true", help="Add a 4.9 MB article.")
    ap.add_argument("--json", action="store_true", help="Print JSON instead of a markdown table.")
    args = ap.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="warta-adversarial-pipeline-"))
    try:
        cases, files = build(base, big=args.big)
        if args.only:
            cases = [c for c in cases if any(s in c.name for s in args.only)]
        rows = []
        for case in cases:
            outcome = run_analyze(case, timeout=args.timeout)
            print(f"{case.name}: exit {outcome.exit} docs {outcome.docs}/{case.expected_docs} rss {outcome.peak_rss_mb} MB "
                  f"{outcome.seconds} s {outcome.first_error[:100]}", file=sys.stderr)
            rows.append(outcome)
        ingest = server = None
        if not args.skip_server:
            ingest = run_ingest(base / "folder-41", base / "ingest.db", timeout=args.timeout)
            print(f"ingest: {ingest}", file=sys.stderr)
            posted = {k: v for k, v in files.items() if not args.only or any(s in k for s in args.only)}
            server = run_server(posted, base / "ingest.db", timeout=args.timeout)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    if args.json:
        print(json.dumps({"analyze": [asdict(o) for o in rows], "ingest": ingest,
                          "server": server}, indent=1))
    else:
        print(markdown(rows, ingest, server))
    bad = any(o.crash or o.hang or o.lost_silently for o in rows)
    bad = bad or bool(ingest and (ingest["stored"] != ingest["expected"] or ingest["traceback"]))
    bad = bad or bool(server and (server["traceback"] or any(p["status"] is None or p["status"] >= 500
                                                             for p in server["posts"].values())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
