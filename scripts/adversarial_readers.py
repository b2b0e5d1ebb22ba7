#!/usr/bin/env python
"""Hostile input files for warta's readers (issue 15): generate them, run warta on each, tabulate.

The corpus is written to a temporary directory, streaming (a gzip bomb is never held in memory):
gzip bombs with and without newlines (as ``.gz``, ``.txt.gz``, ``.jsonl.gz``, ``.warc.gz``), a
WARC member that expands past its cap, a gzipped WARC and a plain one cut at many byte offsets,
JSON nested 100,000 deep (one JSONL line, one JSON file), over-long JSONL lines, integers of
5,000 digits, symbolic-link loops and links out of the directory, a FIFO and a 1 GB sparse file
in a directory walk, UTF-16/Latin-1/cp1252 files, NUL bytes past the first 8 KB, BOMs, mixed and
bare-CR newlines, XML entity expansion ("billion laughs") in a feed, and HTML nested 100,000 deep.

Each input is run in a subprocess with a timeout: ``warta analyze --json --lang any`` (the
default), or with ``--readers-only`` a small harness that only reads (``iter_articles``), which
takes a second instead of loading the pipeline. For every input the table says: the exit status,
whether the problems came back as clean one-line errors, whether Python printed a traceback
(crash), whether it hung (timed out), the peak RSS of the process, how many documents were
expected and came back, and whether documents were lost silently (fewer than expected with no
error naming the input).

Run: ``.venv/bin/python scripts/adversarial_readers.py [--readers-only] [--timeout 120] [--cuts 24]
[--big] [--only NAME] [--keep DIR] [--json]``. ``--big`` adds 1 GB bombs.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARTA = [sys.executable, "-m", "warta"]
READERS_ONLY = r"""
import sys
from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
opts = ReadOptions(follow_symlinks="--follow-symlinks" in sys.argv)
n_docs = n_err = 0
for item in iter_articles([a for a in sys.argv[1:] if not a.startswith("--")], options=opts):
    if isinstance(item, ReadError):
        n_err += 1
        print(f"warta: error: {item}", file=sys.stderr)
    else:
        n_docs += 1
        print("{}")
sys.exit(1 if n_err else 0)
"""
MB = 1 << 20


@dataclass
class Case:
    """One hostile input: its paths, what it is, how many documents it holds that can be read."""

    name: str
    what: str
    paths: list[str]
    expected_docs: int
    expect_error: bool
    args: list[str] = field(default_factory=list)
    secret: str | None = None  # text that must never appear in the output (read through a link)


@dataclass
class Outcome:
    """What running warta on one input did."""

    name: str
    what: str
    exit: int | None
    clean_error: bool
    crash: bool
    hang: bool
    peak_rss_mb: float
    seconds: float
    expected_docs: int
    docs: int
    lost_silently: bool
    leaked: bool
    longest_stderr_line: int
    first_error: str


# --- corpus ---------------------------------------------------------------------------------
PARAGRAPHS = [
    "Menteri Keuangan bertemu Gubernur Bank Indonesia di Jakarta untuk membahas langkah menjaga "
    "stabilitas nilai tukar rupiah menjelang akhir tahun anggaran.",
    "Keduanya sepakat memperkuat koordinasi kebijakan fiskal dan moneter, terutama untuk menahan "
    "tekanan dari kenaikan suku bunga global terhadap pasar keuangan domestik.",
    "Pertemuan itu juga dihadiri pimpinan Otoritas Jasa Keuangan dan Lembaga Penjamin Simpanan yang "
    "memaparkan kondisi perbankan nasional.",
]


def page(i: int) -> bytes:
    """A small news page trafilatura reads as an article; ``i`` makes its text unique."""
    body = "".join(f"<p>{p} Laporan nomor {i}.</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Berita Ekonomi {i}</title></head>"
            f"<body><nav><a href='/'>Beranda</a></nav><article><h1>Berita Ekonomi {i}</h1>{body}</article>"
            "<footer>Hak cipta</footer></body></html>").encode()


def warc_bytes(n_pages: int, *, gzipped: bool) -> bytes:
    """A WARC of a warcinfo record and ``n_pages`` HTML responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "adversarial"}))
    for i in range(n_pages):
        payload = page(i)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://berita.example/{i}", "response",
                                                      payload=io.BytesIO(payload), http_headers=http))
    return buf.getvalue()


def record_ends(data: bytes, *, gzipped: bool) -> list[int]:
    """Offsets where each record of a WARC ends (gzip member ends; next ``WARC/1.`` for plain)."""
    import zlib

    if gzipped:
        ends, pos = [], 0
        while pos < len(data):
            d = zlib.decompressobj(wbits=31)
            d.decompress(data[pos:])
            pos = len(data) - len(d.unused_data)
            ends.append(pos)
        return ends
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.", i)]
    return [*starts[1:], len(data)]


def gzip_stream(path: Path, *, prefix: bytes, unit: bytes, total: int, members: int = 1) -> None:
    """Write ``prefix`` then ``unit`` repeated to ``total`` bytes, gzipped, without holding it."""
    per_member = total // members
    with open(path, "wb") as raw:
        for m in range(members):
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as fh:
                if m == 0:
                    fh.write(prefix)
                chunk = unit * max(1, MB // len(unit))
                written = 0
                while written < per_member:
                    fh.write(chunk)
                    written += len(chunk)


def jsonl_line(i: int) -> bytes:
    return json.dumps({"id": f"doc-{i}", "title": f"Berita {i}",
                       "text": f"{PARAGRAPHS[0]} Laporan nomor {i}."}).encode() + b"\n"


def build_corpus(base: Path, *, cuts: int, big: bool) -> list[Case]:
    """Write every hostile input under ``base``; the cases to run."""
    cases: list[Case] = []

    def add(name: str, what: str, expected: int, error: bool, *, paths: list[Path] | None = None,
            args: list[str] | None = None, secret: str | None = None) -> None:
        cases.append(Case(name, what, [str(p) for p in (paths or [base / name])], expected, error,
                          args or [], secret))

    sizes = [("300MB", 300 * MB)] + ([("1GB", 1024 * MB)] if big else [])
    for label, size in sizes:
        for suffix in (".gz", ".txt.gz", ".jsonl.gz"):
            name = f"bomb-{label}-noline{suffix}"
            gzip_stream(base / name, prefix=b"", unit=b"A", total=size)
            add(name, f"gzip of {label} without a newline", 0, True)
        name = f"bomb-{label}-header.warc.gz"
        gzip_stream(base / name, prefix=b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ",
                    unit=b"A", total=size)
        add(name, f"WARC header line of {label} (gzip)", 0, True)
    name = "bomb-300MB-lines.jsonl.gz"
    gzip_stream(base / name, prefix=jsonl_line(0), unit=b"{}\n", total=300 * MB)
    add(name, "gzip of 300MB of empty JSONL objects after one article", 1, True)
    name = "bomb-member.warc.gz"
    good = warc_bytes(2, gzipped=True)
    (base / name).write_bytes(good)
    with open(base / name, "ab") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as fh:
        size = 1024 * MB if big else 400 * MB
        fh.write(f"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: application/octet-stream\r\n"
                 f"Content-Length: {size}\r\n\r\n".encode())
        chunk = b"\0" * MB
        for _ in range(size // MB):
            fh.write(chunk)
    add(name, "2 pages then a gzip member of 400MB of zeros", 2, True)
    name = "headers-bomb.warc.gz"
    with open(base / name, "wb") as raw:
        raw.write(good)
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as fh:
            fh.write(b"WARC/1.0\r\nWARC-Type: response\r\n")
            line = b"X-Pad: a\r\n" * 100_000
            for _ in range(300 * MB // len(line)):
                fh.write(line)
    add(name, "2 pages then a WARC header of 30M short lines (300MB)", 2, True)

    for gzipped in (True, False):
        data = warc_bytes(3, gzipped=gzipped)
        ends = record_ends(data, gzipped=gzipped)
        step = max(1, len(data) // cuts)
        for k, cut in enumerate(range(step // 2 + 1, len(data), step)):
            name = f"cut-{k:02d}{'.warc.gz' if gzipped else '.warc'}"
            (base / name).write_bytes(data[:cut])
            complete = sum(1 for e in ends[1:] if e <= cut)
            add(name, f"{'gzipped' if gzipped else 'plain'} WARC of 3 pages cut at byte {cut}/{len(data)}",
                complete, True)

    lines = jsonl_line(1) + b"[" * 100_000 + b"\n" + jsonl_line(2)
    (base / "deep.jsonl").write_bytes(lines)
    add("deep.jsonl", "JSONL line nested 100,000 deep between two good lines", 2, True)
    (base / "deep.json").write_bytes(b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    add("deep.json", "JSON file nested 100,000 deep", 0, True)
    with open(base / "longline.jsonl", "wb") as fh:
        fh.write(jsonl_line(3))
        fh.write(b'{"text": "' + b"kata " * (2 * MB) + b'"}\n')
        fh.write(jsonl_line(4))
    add("longline.jsonl", "10MB JSONL line between two good lines", 2, True)
    (base / "bigint.jsonl").write_bytes(jsonl_line(5) + b'{"id": ' + b"9" * 5000 + b"}\n" + jsonl_line(6))
    add("bigint.jsonl", "JSONL line with a 5,000-digit integer", 2, True)
    with open(base / "noline.txt", "wb") as fh:
        for _ in range(30):
            fh.write(b"x" * MB)
    add("noline.txt", "30MB text without a newline", 0, True)
    sparse = base / "sparse" / "nol.txt"
    sparse.parent.mkdir()
    with open(sparse, "wb") as fh:
        fh.truncate(1024 * MB)
    (base / "sparse" / "baik.txt").write_text("Judul Baik\n\n" + PARAGRAPHS[1], encoding="utf-8")
    os.mkfifo(base / "sparse" / "pipa.txt")
    add("sparse", "directory: 1GB sparse file of NULs, a FIFO, one good text", 1, True)

    outside = base / "outside"
    outside.mkdir()
    (outside / "rahasia.txt").write_text("Rahasia Luar\n\nKATA-RAHASIA-LUAR tidak boleh dibaca.", encoding="utf-8")
    tree = base / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "dalam.txt").write_text("Judul Dalam\n\n" + PARAGRAPHS[2], encoding="utf-8")
    os.symlink(outside / "rahasia.txt", tree / "tautan.txt")
    os.symlink(outside, tree / "sub" / "keluar")
    os.symlink("..", tree / "sub" / "putar")
    os.symlink(tree / "sub" / "a", tree / "sub" / "b")
    os.symlink(tree / "sub" / "b", tree / "sub" / "a")
    os.symlink("/etc/passwd", tree / "passwd.txt")
    add("tree", "directory: links out (file, dir, /etc/passwd), loops (.., a<->b)", 1, False,
        paths=[tree], secret="KATA-RAHASIA-LUAR")
    add("tree+follow", "same directory with --follow-symlinks (reads the links, /etc/passwd too)", 3, False,
        paths=[tree], args=["--follow-symlinks"])

    text = "Judul Kodean\n\n" + PARAGRAPHS[0]
    (base / "utf16.txt").write_bytes(text.encode("utf-16"))
    add("utf16.txt", "UTF-16 text with BOM", 0, True)
    (base / "latin1.txt").write_bytes(("Judul Café\n\n" + PARAGRAPHS[0]).encode("latin-1"))
    add("latin1.txt", "Latin-1 text", 0, True)
    (base / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("Judul BOM\n\n" + PARAGRAPHS[1]).encode())
    add("bom.txt", "UTF-8 text with BOM", 1, False)
    (base / "newlines.txt").write_bytes(("Judul Baris\r\n\r\n" + PARAGRAPHS[0] + "\r" + PARAGRAPHS[1] + "\n"
                                         + PARAGRAPHS[2] + "\r\n\u2028\u0085").encode())
    add("newlines.txt", "CRLF, bare CR, LF, U+2028 and NEL newlines", 1, False)
    (base / "nul-late.txt").write_bytes(("Judul NUL\n\n" + PARAGRAPHS[0] * 80).encode() + b"\x00\x01\x02 akhir")
    add("nul-late.txt", "NUL and control bytes after the first 8KB", 1, False)
    (base / "cp1252.html").write_bytes(page(7).replace(b"<meta charset='utf-8'>", b"")
                                       .replace(b"Beranda", "Berand\u00e4 \u201ckutip\u201d".encode("cp1252")))
    add("cp1252.html", "cp1252 HTML without a declaration", 1, False)
    (base / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + jsonl_line(8) + b"\r\n" + jsonl_line(9))
    add("bom.jsonl", "JSONL with BOM and CRLF", 2, False)
    laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "hahahahahahahaha">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
              + ']><rss version="2.0"><channel><title>Tawa</title><item><title>Berita Tawa</title>'
              "<description>&j;</description></item></channel></rss>")
    (base / "laughs.xml").write_text(laughs, encoding="utf-8")
    add("laughs.xml", "RSS with a billion-laughs entity", 1, False)
    (base / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 100_000 + PARAGRAPHS[0].encode()
                                     + b"</div>" * 100_000 + b"</body></html>")
    add("deep.html", "HTML nested 100,000 divs deep", 1, False)
    (base / "empty.warc.gz").write_bytes(b"")
    add("empty.warc.gz", "empty .warc.gz", 0, True)
    (base / "double.gz").write_bytes(gzip.compress(gzip.compress(jsonl_line(10))))
    add("double.gz", "gzip of a gzip of JSONL", 0, True)
    (base / "garbage-tail.jsonl.gz").write_bytes(gzip.compress(jsonl_line(11)) + b"sampah di akhir")
    add("garbage-tail.jsonl.gz", "gzipped JSONL with garbage after the member", 1, True)
    (base / "published.jsonl").write_bytes(
        json.dumps({"title": "Tanggal Aneh", "text": PARAGRAPHS[0], "published": "9999-12-31"}).encode() + b"\n"
        + json.dumps({"title": "Tanggal Kuno", "text": PARAGRAPHS[1], "published": "0001-01-01"}).encode() + b"\n")
    add("published.jsonl", "published 9999-12-31 and 0001-01-01", 2, False, secret='"published": "9999')
    return cases


# --- running ----------------------------------------------------------------------------------
def run_one(cmd: list[str], *, timeout: float, max_stdout: int = 64 * MB) -> dict:
    """Run ``cmd`` in its own process group: exit (None when killed at ``timeout``), output (stdout capped at
    ``max_stdout`` bytes, stderr at 4 MB), peak RSS (``wait4``) and time."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
        hang = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                hang = True
                os.killpg(proc.pid, 9)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return {"exit": None if hang else os.waitstatus_to_exitcode(status), "stdout": out.read(max_stdout),
                "stderr": err.read(4 * MB).decode("utf-8", "replace"), "hang": hang,
                "rss_mb": round(usage.ru_maxrss / 1024, 1), "seconds": round(seconds, 1)}


def run_case(case: Case, *, readers_only: bool, timeout: float) -> Outcome:
    """Run one case in a subprocess; its exit, output, peak RSS (``wait4``) and time."""
    if readers_only:
        cmd = [sys.executable, "-c", READERS_ONLY, *case.paths, *case.args]
    else:
        cmd = [*WARTA, "analyze", "--json", "--lang", "any", *case.args, *case.paths]
    run = run_one(cmd, timeout=timeout)
    stdout, stderr, hang = run["stdout"], run["stderr"], run["hang"]
    docs = sum(1 for line in stdout.splitlines() if line.strip())
    errors = [line for line in stderr.splitlines() if line.startswith("warta: error:")]
    crash = "Traceback (most recent call last)" in stderr
    clean = bool(errors) and not crash and all(len(line) < 1000 for line in errors)
    lost = (not hang) and docs < case.expected_docs and not errors
    leaked = bool(case.secret) and case.secret.encode() in stdout
    return Outcome(
        name=case.name, what=case.what, exit=run["exit"], clean_error=clean, crash=crash,
        hang=hang, peak_rss_mb=run["rss_mb"], seconds=run["seconds"],
        expected_docs=case.expected_docs, docs=docs, lost_silently=lost, leaked=leaked,
        longest_stderr_line=max((len(line) for line in stderr.splitlines()), default=0),
        first_error=(errors[0][len("warta: error: "):] if errors else "")[:160],
    )


def markdown(outcomes: list[Outcome], *, mode: str) -> str:
    """The results as a markdown table, with totals."""
    yes = {True: "yes", False: "-"}
    rows = [f"Mode: {mode}", "",
            "| input | what | exit | clean error | crash | hang | peak RSS MB | s | docs (expected) | lost silently |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for o in outcomes:
        lost = "**LOST**" if o.lost_silently else ("**LEAK**" if o.leaked else "-")
        rows.append(f"| {o.name} | {o.what} | {o.exit if o.exit is not None else 'killed'} | "
                    f"{yes[o.clean_error]} | {yes[o.crash]} | {yes[o.hang]} | {o.peak_rss_mb} | {o.seconds} | "
                    f"{o.docs} ({o.expected_docs}) | {lost} |")
    if not outcomes:
        return "\n".join(rows)
    worst = max(outcomes, key=lambda o: o.peak_rss_mb)
    slowest = max(outcomes, key=lambda o: o.seconds)
    rows += ["", f"inputs {len(outcomes)}; clean errors {sum(o.clean_error for o in outcomes)}; "
             f"crashes {sum(o.crash for o in outcomes)}; hangs {sum(o.hang for o in outcomes)}; "
             f"lost silently {sum(o.lost_silently for o in outcomes)}; leaks {sum(o.leaked for o in outcomes)}; "
             f"peak RSS {worst.peak_rss_mb} MB ({worst.name}); slowest {slowest.seconds} s ({slowest.name}); "
             f"longest stderr line {max(o.longest_stderr_line for o in outcomes)} chars"]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run every case, print the table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--readers-only", action="store_true", help="Only read (no pipeline): fast.")
    ap.add_argument("--timeout", type=float, default=120.0, help="Seconds before a run counts as a hang.")
    ap.add_argument("--cuts", type=int, default=24, help="Cut points per truncated WARC (gzipped and plain).")
    ap.add_argument("--big", action="store_true", help="Add 1 GB bombs.")
    ap.add_argument("--only", action="append", default=[], help="Run only cases whose name contains this.")
    ap.add_argument("--keep", type=Path, help="Write the corpus here and keep it.")
    ap.add_argument("--json", action="store_true", help="Print JSON instead of a markdown table.")
    args = ap.parse_args(argv)

    base = args.keep or Path(tempfile.mkdtemp(prefix="warta-adversarial-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        cases = build_corpus(base, cuts=args.cuts, big=args.big)
        print(f"corpus: {len(cases)} inputs in {base} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
        if args.only:
            cases = [c for c in cases if any(s in c.name for s in args.only)]
        outcomes = []
        for case in cases:
            outcome = run_case(case, readers_only=args.readers_only, timeout=args.timeout)
            print(f"{case.name}: exit {outcome.exit} docs {outcome.docs}/{case.expected_docs} "
                  f"rss {outcome.peak_rss_mb} MB {outcome.seconds} s {outcome.first_error[:100]}", file=sys.stderr)
            outcomes.append(outcome)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    mode = "readers only (iter_articles)" if args.readers_only else "warta analyze --json --lang any"
    if args.json:
        print(json.dumps([asdict(o) for o in outcomes], indent=1))
    else:
        print(markdown(outcomes, mode=mode))
    return 1 if any(o.crash or o.hang or o.lost_silently or o.leaked for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
