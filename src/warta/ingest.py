"""Ingesting articles into a store: read, skip what is already current, analyse, save in batches.

Each batch is one transaction, so an interrupted ingest (Ctrl-C, ``kill -9``, a full disk)
keeps every completed batch and loses nothing stored before; running the same ingest again
analyses only what is missing or out of date. Articles are identified by URL, else by text
hash: an article ingested again replaces its analysis, never adds a copy. Every run is
recorded in the ``runs`` table with the versions and settings that produced it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.api import DEFAULT_LANGUAGES, analysis_failed, pipe
from warta.distributed.dataset import is_dataset
from warta.io.document_json import document_to_dict
from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
from warta.model import Article
from warta.store.clusters import utc_now
from warta.store.db import StoreError, connect, describe_error
from warta.store.write import find_article, save_documents, text_hash
from warta.versions import analysis_versions

#: articles per save transaction (``warta ingest --batch-size``)
BATCH_SIZE = 500
#: a transaction is committed when its first article has waited this long (``--commit-seconds``)
COMMIT_SECONDS = 5.0
#: articles per analysis batch (the pipeline's, and a worker process's share)
PIPE_BATCH = 32

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. ``stored`` counts articles analysed and written (new or replaced)."""

    run_id: int | None = None
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    failed_analyses: int = 0  # skipped because the analysis failed or ran out of time (also in ``skipped``)
    failures: list[ReadError] = field(default_factory=list)
    status: str = "running"


Progress = Callable[[IngestReport], None]


def count_inputs(paths: Iterable[str]) -> int | None:
    """A cheap estimate of how many articles ``paths`` hold (for a progress bar's ETA): one per
    file, one per line of JSON Lines; None when it cannot be told without reading (feeds,
    WARC, stdin, addresses)."""
    from warta.io.readers import EXTENSIONS, extension_of, walk_files

    total = 0
    for raw in paths:
        if raw == "-" or raw.startswith(("http://", "https://")):
            return None
        path = Path(raw)
        for f in walk_files(path) if path.is_dir() else [path] if path.is_file() else []:
            fmt = EXTENSIONS.get(extension_of(str(f)), "text")
            if fmt in ("feed", "warc", "json"):
                return None
            if fmt == "jsonl":
                total += _count_lines(f)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    """Non-blank lines of ``path``, read in 1 MB blocks (a line of any length costs no more memory)."""
    count, content = 0, False
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            parts = block.split(b"\n")
            for k, part in enumerate(parts):
                content = content or bool(part.strip())
                if k < len(parts) - 1:
                    count, content = count + content, False
    return count + content


def _start_run(conn: sqlite3.Connection, versions: dict[str, Any], settings: dict[str, Any],
               paths: list[str]) -> int:
    conn.execute("BEGIN IMMEDIATE")
    run_id = conn.execute(
        "INSERT INTO runs (started_at, status, warta_version, model, model_version, lexicons, fingerprint, settings, "
        "inputs) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)",
        (utc_now(), versions["warta"], versions.get("model"), versions.get("model_version"),
         json.dumps(versions["lexicons"], sort_keys=True), versions["fingerprint"],
         json.dumps(settings, sort_keys=True, default=str), json.dumps(paths))).lastrowid
    conn.execute("COMMIT")
    return run_id


def _close_dead_runs(conn: sqlite3.Connection) -> None:
    """Runs left ``running`` by a process of this machine that no longer exists (killed, crashed) are
    marked ``interrupted``; runs of live processes and of other machines are left alone."""
    host = socket.gethostname()
    for run_id, raw in conn.execute("SELECT id, settings FROM runs WHERE status = 'running'").fetchall():
        try:
            settings = json.loads(raw)
            pid, run_host = int(settings["pid"]), settings["host"]
        except (ValueError, KeyError, TypeError):
            continue  # a run from before runs recorded their process: nothing to tell it by
        if run_host != host or _alive(pid):
            continue
        conn.execute("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'",
                     (utc_now(), run_id))
        log.warning("run %s (process %s) ended without finishing; marked interrupted", run_id, pid)
    if conn.in_transaction:
        conn.commit()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _finish_run(conn: sqlite3.Connection, report: IngestReport) -> None:
    try:
        conn.execute("UPDATE runs SET finished_at = ?, status = ?, documents = ?, stored = ?, unchanged = ?, "
                     "skipped = ?, failures = ? WHERE id = ?",
                     (utc_now(), report.status, report.read, report.stored, report.unchanged, len(report.skipped),
                      len(report.failures), report.run_id))
    except sqlite3.Error as exc:  # the run row is bookkeeping; the articles are already safe
        log.warning("could not record the end of run %s: %s", report.run_id, exc)


def _to_analyse(conn: sqlite3.Connection, items: Iterable[Article | ReadError], *, fingerprint: str,
                reanalyse: bool, report: IngestReport, progress: Progress | None) -> Iterator[Article]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, ReadError):
            report.failures.append(item)
            if progress:
                progress(report)
            continue
        report.read += 1
        key = item.url or item.text_hash
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        stored = find_article(conn, url=item.url, hash_=item.text_hash)
        if (not reanalyse and stored is not None and stored["text_hash"] == item.text_hash
                and stored["fingerprint"] == fingerprint):
            report.unchanged += 1
            if progress:
                progress(report)
            continue
        yield item


def ingest(paths: list[str], *, db: str | Path, fmt: str = "auto",
           languages: Iterable[str] | str = DEFAULT_LANGUAGES, options: ReadOptions | None = None,
           n_process: int = 1, batch_size: int = BATCH_SIZE, commit_seconds: float = COMMIT_SECONDS,
           config: str | Path | None = None, reanalyse: bool = False,
           progress: Progress | None = None) -> IngestReport:
    """Analyse the articles under ``paths`` into the store ``db`` (created if missing).

    A path that is a dataset written by ``warta analyze --dask`` (:mod:`warta.distributed.dataset`)
    is stored as analysed there, streamed partition file by partition file.

    Articles are saved in transactions of ``batch_size`` (a transaction is committed sooner when its first
    article has waited ``commit_seconds``, so an interrupted ingest loses little analysis): large transactions
    write each index page once for many articles, which is what keeps saving fast in a large store.
    Articles already stored with the same text and the same analysis versions are skipped
    unless ``reanalyse``. ``progress`` is called with the report after every article.
    Raises :class:`StoreError` when the store cannot be opened or written.
    """
    options = options or ReadOptions()
    versions = analysis_versions(config=config)
    conn = connect(db)
    report = IngestReport()
    settings = {"format": fmt, "languages": list(languages) if not isinstance(languages, str) else [languages],
                "n_process": n_process, "batch_size": batch_size, "config": str(config) if config else None,
                "max_bytes": options.max_bytes, "today": options.today, "reanalyse": reanalyse,
                "pid": os.getpid(), "host": socket.gethostname()}
    try:
        _close_dead_runs(conn)
        report.run_id = _start_run(conn, versions, settings, list(paths))
        datasets = [p for p in paths if is_dataset(p)]
        for path in datasets:  # warta analyze --dask output: analysed already, stored as it is
            _ingest_dataset(conn, db, path, batch=_Batch(size=batch_size, seconds=commit_seconds), reanalyse=reanalyse,
                            report=report, progress=progress)
        paths = [p for p in paths if p not in datasets]
        articles = _to_analyse(conn, iter_articles(paths, fmt=fmt, options=options), fingerprint=versions["fingerprint"],
                               reanalyse=reanalyse, report=report, progress=progress)
        batch = _Batch(size=batch_size, seconds=commit_seconds)
        documents = pipe(articles, languages=languages, n_process=n_process,
                         batch_size=min(batch_size, PIPE_BATCH), config=config)
        for document in documents if paths else ():  # a dataset alone needs no pipeline
            if document.skipped:
                report.skipped.append(f"{document.article.origin}: {document.skipped}")
                report.failed_analyses += analysis_failed(document)
            else:
                batch.append(document_to_dict(document))
            if batch.full():
                _save(conn, db, batch, versions, report)
            if progress:
                progress(report)
        _save(conn, db, batch, versions, report)
        report.status = "complete"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    except sqlite3.Error as exc:
        report.status = "failed"
        raise StoreError(describe_error(db, exc)) from exc
    except BaseException:
        report.status = "failed"
        raise
    finally:
        if report.run_id is not None:
            _finish_run(conn, report)
        conn.close()
    if progress:
        progress(report)
    return report


def _ingest_dataset(conn: sqlite3.Connection, db: str | Path, path: str, *, batch: _Batch, reanalyse: bool,
                    report: IngestReport, progress: Progress | None) -> None:
    """Store the documents of a ``warta analyze --dask`` dataset, partition file by partition file,
    under the fingerprint of the analysis that made it; one already stored with the same text and
    fingerprint is skipped (unless ``reanalyse``), so ingesting a dataset twice stores nothing twice."""
    from warta.distributed.dataset import DatasetError, iter_dataset_documents, read_manifest

    seen: set[str] = set()
    made_by: dict[str, Any] = {}
    try:
        made_by["fingerprint"] = read_manifest(path)["fingerprint"]
        for doc in iter_dataset_documents(path):
            report.read += 1
            url, hash_ = (doc.get("source") or {}).get("url"), text_hash(doc["text"])
            if (url or hash_) in seen:
                report.duplicates += 1
                continue
            seen.add(url or hash_)
            stored = find_article(conn, url=url, hash_=hash_)
            if (not reanalyse and stored is not None and stored["text_hash"] == hash_
                    and stored["fingerprint"] == made_by["fingerprint"]):
                report.unchanged += 1
            else:
                batch.append(doc)
                if batch.full():
                    _save(conn, db, batch, made_by, report)
            if progress:
                progress(report)
    except DatasetError as exc:
        report.failures.append(ReadError(path, str(exc)))
    _save(conn, db, batch, made_by, report)


class _Batch(list):
    """Documents waiting to be saved in one transaction: full at ``size`` of them, or when the first has waited
    ``seconds`` (0: no time limit)."""

    def __init__(self, *, size: int, seconds: float) -> None:
        super().__init__()
        self.size, self.seconds, self.since = size, seconds, 0.0

    def append(self, doc: dict[str, Any]) -> None:
        if not self:
            self.since = time.monotonic()
        super().append(doc)

    def full(self) -> bool:
        return len(self) >= self.size or (bool(self) and self.seconds > 0
                                          and time.monotonic() - self.since >= self.seconds)


def _save(conn: sqlite3.Connection, db: str | Path, batch: list[dict[str, Any]], versions: dict[str, Any],
          report: IngestReport) -> None:
    if not batch:
        return
    try:
        save_documents(conn, batch, fingerprint=versions["fingerprint"], run_id=report.run_id)
    except sqlite3.Error as exc:
        raise StoreError(describe_error(db, exc)) from exc
    report.stored += len(batch)
    batch.clear()


def report_dict(report: IngestReport) -> dict[str, Any]:
    """The report as JSON-ready data."""
    data = asdict(report)
    data["failures"] = [str(f) for f in report.failures]
    return data
