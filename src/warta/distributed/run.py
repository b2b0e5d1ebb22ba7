"""``warta analyze --dask``: partitions analysed on a Dask cluster into a Parquet dataset.

The client plans partitions (:func:`warta.io.readers.partitions.plan_partitions`), skips those the
output directory already holds finished, and submits one task per partition with ``retries``,
largest first (the small pieces that end each split file go last, so the workers finish
together). A task runs on a worker process: it reads its partition, analyses it with the worker's
pipeline (built once per process by :func:`warta.nlp.load.load_pipeline` and kept; on a remote
cluster each worker starts building it while the client plans) under the client's time budget per
document (passed with the task, so ``--doc-timeout`` reaches remote workers), and writes the
partition's tables itself (:func:`warta.distributed.dataset.write_partition`); only a small summary
goes back to the client. A partition that still fails after its retries is reported with its
inputs; nothing is dropped silently.
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

from warta.distributed.dataset import (
    DATASET_FORMAT,
    TABLES,
    DatasetError,
    done_marker,
    open_manifest,
    prepare_writer,
    write_partition,
)
from warta.io.readers.base import ReadOptions
from warta.io.readers.partitions import DEFAULT_PARTITION_BYTES, PLANNER, Partition, plan_partitions, read_partition

log = logging.getLogger(__name__)

DEFAULT_RETRIES = 2
#: Dask settings of a local cluster: no statistical profiler sampling the analysing thread every 10 ms,
#: and the event loops' monitors woken less often. Measured on 2 busy cores: an idle local:2 cluster took
#: 1.0 CPU-s per 15 s in the client process (scheduler, nannies) with Dask's defaults, 0.17 with these, and
#: a worker used ~15% less CPU for the same deep-stacked Python work without the profiler (3 runs each).
#: No work stealing either (the scheduler balancing queues every 100 ms: the tasks are queued on the
#: scheduler and handed to whichever worker is free, largest first) and no memory monitors (the
#: nannies and workers polling the processes' memory; one task per worker, and the pipeline is shared
#: copy-on-write): the client process's CPU in a 240-article run 0.72 -> 0.61 s (2 runs each, busy cores).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False,
    "distributed.worker.memory.terminate": False,
}
#: Documents whose analysis failed that a partition's summary names (the rest are counted).
MAX_NAMED_FAILURES = 50


@dataclass(slots=True)
class DaskReport:
    """What a cluster run did. ``failed`` lists partitions that failed after their retries, with the
    error; ``read_errors`` inputs (files, lines, records) that could not be read; ``failed_analyses``
    documents whose analysis failed or ran past ``--doc-timeout`` (not in the dataset).
    ``timings``: seconds to start or reach the cluster, and the workers' seconds reading and
    analysing, and writing, summed over the partitions analysed now; ``tasks`` the same per partition."""

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
    failed_analyses: list[str] = field(default_factory=list)
    dashboard: str | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=lambda: {"cluster_s": 0.0, "analyse_s": 0.0, "write_s": 0.0})
    #: per partition analysed now: worker, size, started_at (epoch seconds), seconds, write_seconds, and
    #: the CPU seconds of the task's thread reading and analysing (cpu_seconds) and writing (write_cpu_seconds)
    tasks: list[dict[str, Any]] = field(default_factory=list)


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
            prepare_writer()  # and the Parquet writer's imports
            method = "fork"
        with dask.config.set({**LOCAL_CLUSTER_CONFIG, "distributed.worker.multiprocessing-method": method}), \
                LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def warm_worker(config: str | None) -> str:
    """A task that builds (and warms up) the pipeline and the Parquet writer on the worker that runs it;
    returns the worker."""
    from warta.api import warm_pipeline

    warm_pipeline(config)
    prepare_writer()
    return f"{socket.gethostname()}:{os.getpid()}"


def _warm_workers(client: Any, config: str | None) -> list[Any]:
    """Start building the pipeline on every worker of a remote cluster now (one task each, not awaited),
    so that the build overlaps the client's planning instead of delaying the first partitions."""
    workers = list(client.scheduler_info().get("workers", {}))
    return [client.submit(warm_worker, config, workers=[w], allow_other_workers=False, pure=False,
                          key=f"warta-warm-{i}-{time.time_ns()}") for i, w in enumerate(workers)]


def analyse_partition(partition: Partition, *, out: str, languages: tuple[str, ...], options: ReadOptions,
                      config: str | None, doc_timeout: float | None = None) -> dict[str, Any]:
    """The task a worker runs: read, analyse and write one partition; returns its summary.

    ``doc_timeout``: the time budget per document in seconds (0: none), applied on this worker for
    this task (None: the worker's own ``$WARTA_DOC_TIMEOUT`` or default). Read errors of single
    inputs and documents whose analysis failed are recorded in the summary (the rest of the
    partition is still analysed); any other failure raises, so Dask retries the task.
    """
    from warta import budget
    from warta.api import analysis_failed, pipe
    from warta.io.document_json import document_to_dict
    from warta.io.readers.base import ReadError

    if doc_timeout is not None:
        budget.configure(doc_timeout)
    started, started_at, started_cpu = time.perf_counter(), time.time(), time.thread_time()
    read_errors: list[str] = []
    failures: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    skipped = 0
    failed = 0

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
            if analysis_failed(document):
                failed += 1
                if len(failures) < MAX_NAMED_FAILURES:
                    failures.append(f"{document.article.origin or document.article.doc_id}: {document.skipped}")
            continue
        documents.append(document_to_dict(document))
    analysed, analysed_cpu = time.perf_counter(), time.thread_time()
    if failed > len(failures):
        failures.append(f"partition {partition.id}: {failed - len(failures)} more document(s) whose analysis failed")
    summary = {"partition": partition.to_dict(), "documents": len(documents), "skipped": skipped,
               "duplicates": duplicates, "read_errors": read_errors, "failed_analyses": failures,
               "doc_timeout": budget.doc_timeout(), "worker": f"{socket.gethostname()}:{os.getpid()}",
               "started_at": round(started_at, 3), "seconds": round(analysed - started, 3),
               "cpu_seconds": round(analysed_cpu - started_cpu, 3)}
    summary["rows"] = write_partition(Path(out), partition.id, documents, summary)
    summary["write_seconds"] = round(time.perf_counter() - analysed, 3)
    summary["write_cpu_seconds"] = round(time.thread_time() - analysed_cpu, 3)
    return summary


def _check_partitioning(existing: dict[str, Any], settings: dict[str, Any], out: Path) -> None:
    """A dataset is resumed only with the partitioning it was started with: other cuts would analyse
    its finished records again into new partitions (every row twice)."""
    old = existing.get("settings") or {}
    for key in ("planner", "partition_bytes"):
        if old.get(key) != settings[key]:
            raise DatasetError(f"{out}: this dataset was partitioned with {key} {old.get(key)!r}, now "
                               f"{settings[key]!r} (--partition-mb, or another warta version); resume it with "
                               "the same --partition-mb and warta version, or write to a new directory")


def run_dask(paths: list[str], *, out: str | Path, address: str, fmt: str = "auto",
             languages: Iterable[str] | str = ("id",), options: ReadOptions | None = None,
             config: str | Path | None = None, partition_bytes: int = DEFAULT_PARTITION_BYTES,
             retries: int = DEFAULT_RETRIES, show_progress: bool = False,
             on_client: Callable[[Any], None] | None = None, fork: bool = True,
             doc_timeout: float | None = None) -> DaskReport:
    """Analyse ``paths`` on the Dask cluster at ``address`` (or ``local[:N]``) into the dataset ``out``.

    Partitions finished by an earlier run into the same ``out`` are skipped. ``on_client`` is called
    with the client once connected (the CLI prints the dashboard link). ``doc_timeout``: the time
    budget per document the workers apply (None: this process's, :func:`warta.budget.doc_timeout`).
    Raises :class:`ValueError` for a bad address and :class:`~warta.distributed.dataset.DatasetError`
    for an unusable ``out``.
    """
    from warta.budget import doc_timeout as current_budget
    from warta.versions import analysis_versions

    kind, _ = parse_address(address)
    started = time.perf_counter()
    options = options or ReadOptions()
    langs = (languages,) if isinstance(languages, str) else tuple(languages)
    out = Path(out).expanduser()
    budget = current_budget() if doc_timeout is None else doc_timeout
    versions = analysis_versions(config=config)
    settings = {"languages": list(langs), "format": fmt, "config": str(config) if config else None,
                "max_bytes": options.max_bytes, "today": options.today.isoformat(),
                "partition_bytes": partition_bytes, "planner": PLANNER}
    existing = open_manifest(out, {"format": DATASET_FORMAT, "fingerprint": versions["fingerprint"],
                                   "versions": versions, "tables": list(TABLES),
                                   "partitioning": "hive: month=YYYY-MM (unknown: no date)", "settings": settings})
    _check_partitioning(existing, settings, out)
    report = DaskReport(out=str(out))

    def plan() -> list[Partition]:
        partitions, errors = plan_partitions(paths, fmt=fmt, options=options, partition_bytes=partition_bytes)
        report.partitions, report.read_errors = len(partitions), [str(e) for e in errors]
        todo = [p for p in partitions if not done_marker(out, p.id).is_file()]
        report.skipped_done = len(partitions) - len(todo)
        return sorted(todo, key=lambda p: -p.size)  # largest first: the short ones fill the end

    todo = plan() if kind == "local" else None  # a local cluster is started only when there is work
    if todo is None or todo:
        with dask_client(address, config=config, fork=fork) as client:
            report.timings["cluster_s"] = round(time.perf_counter() - started, 3)
            report.dashboard = getattr(client, "dashboard_link", None)
            if on_client:
                on_client(client)
            warming = _warm_workers(client, str(config) if config else None) if kind != "local" else []
            if todo is None:
                todo = plan()  # while the remote workers build their pipelines
            if todo:
                _submit(client, todo, report=report, out=str(out), languages=langs, options=options,
                        config=str(config) if config else None, retries=retries, show_progress=show_progress,
                        doc_timeout=budget)
            client.cancel(warming)
    report.seconds = time.perf_counter() - started
    return report


def _submit(client: Any, todo: list[Partition], *, report: DaskReport, out: str, languages: tuple[str, ...],
            options: ReadOptions, config: str | None, retries: int, show_progress: bool,
            doc_timeout: float) -> None:
    from distributed import as_completed

    # one submit each, with falling priorities: the scheduler runs them in this order (largest first)
    futures = [client.submit(analyse_partition, p, out=out, languages=languages, options=options, config=config,
                             doc_timeout=doc_timeout, key=f"warta-partition-{p.id}", retries=retries, pure=False,
                             priority=len(todo) - i) for i, p in enumerate(todo)]
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
        report.failed_analyses += summary.get("failed_analyses", [])
        report.timings["analyse_s"] += summary.get("seconds", 0.0)
        report.timings["write_s"] += summary.get("write_seconds", 0.0)
        report.tasks.append({"worker": summary.get("worker"), "size": partition.size,
                             **{k: summary.get(k) for k in ("started_at", "seconds", "write_seconds", "cpu_seconds",
                                                            "write_cpu_seconds")}})
        for table, n in summary["rows"].items():
            report.rows[table] = report.rows.get(table, 0) + n
        future.release()
