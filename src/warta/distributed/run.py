"""``warta analyze --dask``: partitions analysed on a Dask cluster into a Parquet dataset.

The client plans partitions (:func:`warta.readers.partitions.plan_partitions`), skips those the
output directory already holds finished, and submits one task per partition with ``retries``.
A task runs on a worker process: it reads its partition, analyses it with the worker's pipeline
(built once per process by :func:`warta.pipeline.nlp.load_pipeline` and kept) and writes the
partition's tables (:func:`warta.distributed.dataset.write_partition`). A partition that still fails
after its retries is reported with its inputs; nothing is dropped silently.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.distributed.dataset import DATASET_FORMAT, TABLES, done_marker, open_manifest, write_partition
from warta.readers.base import ReadOptions
from warta.readers.partitions import DEFAULT_PARTITION_BYTES, Partition, plan_partitions, read_partition

log = logging.getLogger(__name__)

DEFAULT_RETRIES = 2


@dataclass(slots=True)
class DaskReport:
    """What a cluster run did. ``failed`` lists partitions that failed after their retries, with the
    error; ``read_errors`` inputs (files, lines, records) that could not be read."""

    out: str = ""
    partitions: int = 0
    skipped_done: int = 0
    finished: int = 0
    documents: int = 0
    skipped: int = 0
    duplicates: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    failed: list[str] = field(default_factory=list)
    read_errors: list[str] = field(default_factory=list)
    dashboard: str | None = None
    seconds: float = 0.0


def parse_address(address: str) -> tuple[str, int | None]:
    """``local`` → ``("local", None)``; ``local:4`` → ``("local", 4)``; anything else is a scheduler
    address (``tcp://host:8786``) returned as is. A bad worker count is a :class:`ValueError`."""
    if address == "local" or address.startswith("local:"):
        _, _, count = address.partition(":")
        if not count:
            return "local", None
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--dask {address!r}: the worker count after 'local:' must be a whole number >= 1")
        return "local", int(count)
    if not address.strip():
        raise ValueError("--dask needs a scheduler address (tcp://host:8786) or local[:N]")
    return address, None


@contextmanager
def dask_client(address: str, *, config: str | Path | None = None, fork: bool = True):
    """A ``distributed.Client``: on a new ``LocalCluster`` (N worker processes, one thread each) for
    ``local[:N]``, else connected to the scheduler at ``address``.

    With ``fork`` (on Linux) the pipeline for ``config`` is built and warmed up here and the local
    worker processes are forked from this one, so they share it instead of each building its own
    (the build is most of a short run's time); a remote cluster's workers build theirs once each."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("--dask needs dask and distributed: pip install 'warta[cluster]'") from exc
    kind, n = parse_address(address)
    if kind == "local":
        import dask

        n = n or os.cpu_count() or 1
        method = dask.config.get("distributed.worker.multiprocessing-method")
        from warta.api import _fork_context, warm_pipeline

        if fork and _fork_context() is not None:
            warm_pipeline(config)  # built once here; every forked worker process shares it
            method = "fork"
        with dask.config.set({"distributed.worker.multiprocessing-method": method}), \
                LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def analyse_partition(partition: Partition, *, out: str, languages: tuple[str, ...], options: ReadOptions,
                      config: str | None) -> dict[str, Any]:
    """The task a worker runs: read, analyse and write one partition; returns its summary.

    Read errors of single inputs are recorded in the summary (the rest of the partition is still
    analysed); any other failure raises, so Dask retries the task.
    """
    from warta.api import pipe
    from warta.readers.base import ReadError
    from warta.serialize import document_to_dict

    started = time.perf_counter()
    read_errors: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    skipped = 0

    def articles():
        nonlocal duplicates
        for item in read_partition(partition, options=options):
            if isinstance(item, ReadError):
                read_errors.append(str(item))
                continue
            if item.text_hash in seen:
                duplicates += 1
                continue
            seen.add(item.text_hash)
            yield item

    documents = []
    for document in pipe(articles(), languages=languages, config=config):
        if document.skipped:
            skipped += 1
            continue
        documents.append(document_to_dict(document))
    summary = {"partition": partition.to_dict(), "documents": len(documents), "skipped": skipped,
               "duplicates": duplicates, "read_errors": read_errors, "worker": f"{socket.gethostname()}:{os.getpid()}",
               "seconds": round(time.perf_counter() - started, 3)}
    summary["rows"] = write_partition(Path(out), partition.id, documents, summary)
    return summary


def run_dask(paths: list[str], *, out: str | Path, address: str, fmt: str = "auto",
             languages: Iterable[str] | str = ("id",), options: ReadOptions | None = None,
             config: str | Path | None = None, partition_bytes: int = DEFAULT_PARTITION_BYTES,
             retries: int = DEFAULT_RETRIES, show_progress: bool = False,
             on_client: Callable[[Any], None] | None = None, fork: bool = True) -> DaskReport:
    """Analyse ``paths`` on the Dask cluster at ``address`` (or ``local[:N]``) into the dataset ``out``.

    Partitions finished by an earlier run into the same ``out`` are skipped. ``on_client`` is called
    with the client once connected (the CLI prints the dashboard link). Raises :class:`ValueError`
    for a bad address and :class:`~warta.distributed.dataset.DatasetError` for an unusable ``out``.
    """
    from warta.versions import analysis_versions

    parse_address(address)
    started = time.perf_counter()
    options = options or ReadOptions()
    langs = (languages,) if isinstance(languages, str) else tuple(languages)
    out = Path(out).expanduser()
    versions = analysis_versions(config=config)
    open_manifest(out, {"format": DATASET_FORMAT, "fingerprint": versions["fingerprint"], "versions": versions,
                        "tables": list(TABLES), "partitioning": "hive: month=YYYY-MM (unknown: no date)",
                        "settings": {"languages": list(langs), "format": fmt, "config": str(config) if config else None,
                                     "max_bytes": options.max_bytes, "today": options.today.isoformat()}})
    partitions, errors = plan_partitions(paths, fmt=fmt, options=options, partition_bytes=partition_bytes)
    report = DaskReport(out=str(out), partitions=len(partitions), read_errors=[str(e) for e in errors])
    todo = [p for p in partitions if not done_marker(out, p.id).is_file()]
    report.skipped_done = len(partitions) - len(todo)
    if todo:
        with dask_client(address, config=config, fork=fork) as client:
            report.dashboard = getattr(client, "dashboard_link", None)
            if on_client:
                on_client(client)
            _submit(client, todo, report=report, out=str(out), languages=langs, options=options,
                    config=str(config) if config else None, retries=retries, show_progress=show_progress)
    report.seconds = time.perf_counter() - started
    return report


def _submit(client: Any, todo: list[Partition], *, report: DaskReport, out: str, languages: tuple[str, ...],
            options: ReadOptions, config: str | None, retries: int, show_progress: bool) -> None:
    from distributed import as_completed

    futures = client.map(analyse_partition, todo, out=out, languages=languages, options=options, config=config,
                         key=[f"warta-partition-{p.id}" for p in todo], retries=retries, pure=False)
    by_key = {f.key: p for f, p in zip(futures, todo, strict=True)}
    if show_progress:
        from distributed import progress

        progress(futures)
    for future in as_completed(futures):
        partition = by_key[future.key]
        if future.status != "finished":
            exc = future.exception()
            message = f"partition {partition.id} ({partition.describe()}): failed after {retries} retr" \
                      f"{'y' if retries == 1 else 'ies'}: {type(exc).__name__}: {exc}"
            log.error("%s", message)
            report.failed.append(message)
            continue
        summary = future.result()
        report.finished += 1
        report.documents += summary["documents"]
        report.skipped += summary["skipped"]
        report.duplicates += summary["duplicates"]
        report.read_errors += summary["read_errors"]
        for table, n in summary["rows"].items():
            report.rows[table] = report.rows.get(table, 0) + n
        future.release()
