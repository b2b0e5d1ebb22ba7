"""The partitioned Parquet dataset ``warta analyze --dask`` writes and ``warta ingest DIR`` reads.

Layout (hive style, readable by DuckDB, pandas/pyarrow and Spark)::

    DIR/_warta_dataset.json                      the manifest (format, versions, settings)
    DIR/documents/month=2024-10/part-<id>.parquet  one row per document, with the full JSON
    DIR/events/month=…/part-<id>.parquet           one row per event, actors as lists
    DIR/entities/month=…/part-<id>.parquet         one row per entity
    DIR/quotes/month=…/part-<id>.parquet           one row per quote
    DIR/_done/<id>.json                          a finished partition: its inputs and counts

``month`` is the publication month ``YYYY-MM`` (:data:`UNKNOWN_MONTH` without a date); it lives
in the path, not in the files. Each file is written under a hidden temporary name and renamed
when complete, and a partition's done marker is written last, so a partition without one is
unfinished: its files are removed and written again by the next run.

Rows are derived from warta's document JSON (:func:`warta.io.document_json.document_to_dict`); event rows
are :func:`warta.io.export.flat_row` rows, so they have the columns of ``warta export --format parquet``
(store-only columns such as ``cluster_id`` are empty).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

DATASET_FORMAT = "warta.dataset/1"
MANIFEST = "_warta_dataset.json"
DONE_DIR = "_done"
TABLES = ("documents", "events", "entities", "quotes")
UNKNOWN_MONTH = "unknown"


class DatasetError(Exception):
    """A dataset directory that cannot be written or read; the message names the file and the cause."""


def is_dataset(path: str | Path) -> bool:
    """Whether ``path`` is a directory holding a warta dataset (it has the manifest)."""
    return (Path(path) / MANIFEST).is_file()


def month_of(published: str | None) -> str:
    """``2024-10-14`` → ``2024-10``; :data:`UNKNOWN_MONTH` without a (readable) date."""
    if published and len(published) >= 7 and published[4] == "-" and published[:4].isdigit() and published[5:7].isdigit():
        return published[:7]
    return UNKNOWN_MONTH


@cache
def table_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table (without the ``month`` partition column)."""
    import pyarrow as pa

    from warta.io.export import parquet_schema

    strings = pa.list_(pa.field("element", pa.string()))
    if table == "documents":
        return pa.schema([("doc_id", pa.string()), ("url", pa.string()), ("title", pa.string()),
                          ("site", pa.string()), ("published", pa.string()), ("language", pa.string()),
                          ("text_hash", pa.string()), ("n_events", pa.int32()), ("n_entities", pa.int32()),
                          ("n_quotes", pa.int32()), ("partition", pa.string()), ("document", pa.string())])
    if table == "events":
        return parquet_schema()
    if table == "entities":
        return pa.schema([("doc_id", pa.string()), ("entity_id", pa.string()), ("name", pa.string()),
                          ("type", pa.string()), ("country", pa.string()), ("sector", pa.string()),
                          ("kb", pa.string()), ("mentions", pa.int32()), ("surface_forms", strings)])
    if table == "quotes":
        return pa.schema([("doc_id", pa.string()), ("quote_id", pa.string()), ("start", pa.int64()),
                          ("end", pa.int64()), ("text", pa.string()), ("direct", pa.bool_()),
                          ("speaker", pa.string()), ("speaker_name", pa.string()), ("cue", pa.string())])
    raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")


def prepare_writer() -> None:
    """Import what :func:`write_partition` needs and build the table schemas now (about 2 s the first
    time in a process), so that a process forking workers does it once for all of them."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    import warta.io.export
    import warta.store.records
    import warta.store.write  # noqa: F401

    for table in TABLES:  # an empty file of each table, in memory: pyarrow's lazy imports (pandas) happen now
        pq.write_table(pa.Table.from_pylist([], schema=table_schema(table)), io.BytesIO())


def document_rows(doc: dict[str, Any], *, partition: str) -> dict[str, list[dict[str, Any]]]:
    """The rows one ``warta.document/1`` dict gives each table."""
    from warta.io.export import flat_row
    from warta.store.records import _ArticleContext
    from warta.store.write import text_hash

    source = doc.get("source") or {}
    doc_id = doc.get("id")
    entities = doc.get("entities") or []
    names = {e.get("id"): e.get("name") for e in entities}
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["documents"].append({
        "doc_id": doc_id, "url": source.get("url"), "title": doc.get("title"), "site": source.get("site"),
        "published": doc.get("published"), "language": doc.get("language"), "text_hash": text_hash(doc["text"]),
        "n_events": len(doc.get("events") or ()), "n_entities": len(entities), "n_quotes": len(doc.get("quotes") or ()),
        "partition": partition, "document": json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
    })
    context = _ArticleContext(doc, {})  # actors get their entity's KB id, locations their place
    article = {"id": None, "doc_id": doc_id, "url": source.get("url"), "title": doc.get("title"),
               "published": doc.get("published"), "site": source.get("site")}
    for event in doc.get("events") or ():
        rows["events"].append(flat_row({"id": None, "article": article, "event": context.enrich(0, event), "cluster": {}}))
    for e in entities:
        mentions = e.get("mentions") or []
        rows["entities"].append({
            "doc_id": doc_id, "entity_id": e.get("id"), "name": e.get("name"), "type": e.get("type"),
            "country": e.get("country"), "sector": e.get("sector"), "kb": e.get("kb"), "mentions": len(mentions),
            "surface_forms": list(dict.fromkeys(m.get("text") for m in mentions if m.get("text"))),
        })
    for q in doc.get("quotes") or ():
        rows["quotes"].append({
            "doc_id": doc_id, "quote_id": q.get("id"), "start": q.get("start"), "end": q.get("end"),
            "text": q.get("text"), "direct": q.get("direct"), "speaker": q.get("speaker"),
            "speaker_name": names.get(q.get("speaker")), "cue": q.get("cue"),
        })
    return rows


def _write_atomic(path: Path, table: pa.Table) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def done_marker(out: Path, partition_id: str) -> Path:
    """The file that says partition ``partition_id`` is finished."""
    return Path(out) / DONE_DIR / f"{partition_id}.json"


def partition_files(out: Path, partition_id: str) -> list[Path]:
    """Every data file (and left-over temporary file) of one partition."""
    name = f"part-{partition_id}.parquet"
    found = []
    for table in TABLES:  # looked up by name in each month (not every file of the dataset listed)
        base = Path(out) / table
        if base.is_dir():
            for month in base.iterdir():
                found += [p for p in (month / name, month / f".{name}.tmp") if p.is_file()]
    return found


def write_partition(out: Path, partition_id: str, documents: Iterable[dict[str, Any]],
                    summary: dict[str, Any]) -> dict[str, int]:
    """Write the tables of one partition's documents, then its done marker (with ``summary``).

    Files an earlier, unfinished attempt left are removed first. Returns rows per table.
    """
    import pyarrow as pa

    out = Path(out)
    for stale in partition_files(out, partition_id):
        stale.unlink(missing_ok=True)
    by_month: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for doc in documents:
        month = month_of(doc.get("published"))
        rows = document_rows(doc, partition=partition_id)
        bucket = by_month.setdefault(month, {t: [] for t in TABLES})
        for table in TABLES:
            bucket[table] += rows[table]
    counts = dict.fromkeys(TABLES, 0)
    for month, bucket in sorted(by_month.items()):
        for table in TABLES:
            if not bucket[table]:
                continue
            schema = table_schema(table)
            arrow = pa.Table.from_pylist(bucket[table], schema=schema)
            _write_atomic(out / table / f"month={month}" / f"part-{partition_id}.parquet", arrow)
            counts[table] += arrow.num_rows
    _write_json_atomic(done_marker(out, partition_id), {**summary, "rows": counts, "months": sorted(by_month)})
    return counts


def open_manifest(out: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Create the dataset directory with ``manifest``, or check an existing one was made by the same
    analysis (same ``fingerprint``): partitions of two analyses must not be mixed."""
    out = Path(out)
    path = out / MANIFEST
    if path.is_file():
        existing = read_manifest(out)
        if existing.get("fingerprint") != manifest.get("fingerprint"):
            raise DatasetError(f"{path}: this dataset was made by another analysis (fingerprint "
                               f"{existing.get('fingerprint')}, now {manifest.get('fingerprint')}); "
                               "write to a new directory")
        return existing
    if out.exists() and not out.is_dir():
        raise DatasetError(f"{out}: not a directory")
    if out.is_dir() and any(p.name not in (DONE_DIR, *TABLES) for p in out.iterdir()):
        raise DatasetError(f"{out}: the directory holds other files and no {MANIFEST}; use an empty or new directory")
    _write_json_atomic(path, manifest)
    return manifest


def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of the dataset at ``path``; :class:`DatasetError` naming the file when unreadable."""
    file = Path(path) / MANIFEST
    try:
        data = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{file}: cannot read the dataset manifest: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != DATASET_FORMAT:
        raise DatasetError(f"{file}: field 'format' must be {DATASET_FORMAT!r}")
    if not isinstance(data.get("fingerprint"), str):
        raise DatasetError(f"{file}: field 'fingerprint' is missing")
    return data


def iter_dataset_documents(path: str | Path, *, batch_rows: int = 256) -> Iterator[dict[str, Any]]:
    """The ``warta.document/1`` dicts of a dataset, partition file by partition file, in batches
    of ``batch_rows`` (a dataset of any size is streamed). Only finished partitions are read."""
    import pyarrow.parquet as pq

    root = Path(path)
    read_manifest(root)
    files = sorted((root / "documents").glob("month=*/part-*.parquet"))
    for file in files:
        partition_id = file.stem.removeprefix("part-")
        if not done_marker(root, partition_id).is_file():
            log.warning("%s: partition %s is unfinished (no done marker); not read", root, partition_id)
            continue
        try:
            reader = pq.ParquetFile(file)
            for batch in reader.iter_batches(batch_size=batch_rows, columns=["document"]):
                for raw in batch.column(0).to_pylist():
                    yield json.loads(raw)
        except (OSError, ValueError) as exc:
            raise DatasetError(f"{file}: cannot read: {exc}") from None
