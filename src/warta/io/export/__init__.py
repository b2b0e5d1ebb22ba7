"""Writers for ``warta export``: warta documents and events as JSON Lines, PLOVER, GDELT, CSV or Parquet.

The store hands :func:`write_export` two callables that each return a fresh iterator, so every
writer streams: ``documents()`` yields ``warta.document/1`` dicts, ``records()`` yields event records
as :mod:`warta.store.records` describes them (``{"id", "article", "event", "cluster"}``; the event's
actors carry their KB id as ``kb``). Output goes to a temporary file beside ``out`` and replaces
``out`` only once complete; on any failure the temporary file is removed and :class:`ExportError`
is raised, so a partial file is never presented as complete.

Formats (``rows`` in the report counts what each writes):

``jsonl``
    one document per line, compact JSON, ``ensure_ascii=False``, otherwise unchanged.
``plover``
    JSON Lines, one POLECAT-like record per event: ``id`` (``"<doc_id>#<event id>"``),
    ``event_date`` (as warta resolved it: ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY``),
    ``date_precision``, ``date_start``/``date_end`` (the days that date spans, ISO), ``event_type``,
    ``event_mode``, ``quad_class`` (PLOVER's: ``"verbal cooperation"`` …), ``cameo_root`` (two digits
    or null), ``cameo_code`` and ``goldstein`` (``data/cameo.tsv``), ``actors`` and ``recipients``
    (lists of ``{name, country, sector, kb, kb_name, parent, identifiers}``: ``kb`` is warta's KB id,
    ``identifiers`` every id the KB has for the actor — ``warta``, ``cameo`` (its CAMEO/PLOVER actor
    code), ``iso3166_alpha2``/``iso3166_alpha3`` for countries, ``geonames`` for places), ``location``
    (``{name, country, lat, lon, geonames_id, admin1, kb}`` or null), ``text`` (the sentence),
    ``trigger`` and each ``evidence`` item (``{start, end, text}``, offsets into the article text),
    ``flags`` ``{negated, hypothetical, future}``, ``quote``, ``confidence``, ``summary_en``,
    ``citation`` ``{url, title, site, published, doc_id}`` and ``cluster`` ``{id, num_articles,
    num_sources, is_root}``.
``gdelt-tsv``
    the GDELT 2.0 event table, as :mod:`warta.io.export.gdelt` describes it (no header unless asked).
``csv``
    one row per event, :data:`CSV_COLUMNS`, UTF-8 with a header, RFC 4180 quoting. Actor lists
    are joined with ``;`` position by position (an unknown value is an empty item); booleans
    are ``true``/``false``; ``date_start``/``date_end`` are ISO ``YYYY-MM-DD``; unknown values are empty.
``parquet``
    the CSV columns typed by :data:`PARQUET_SCHEMA`, written in row groups of
    :data:`PARQUET_BATCH_ROWS`: ids and counts int64, ``date_start``/``date_end`` date32 (``date``
    keeps the precise string: a week, month or year), coordinates and scores float64, flags bool,
    actor columns list<string>.
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta.io.export.gdelt import GDELT_COLUMNS, gdelt_row, write_gdelt

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["CSV_COLUMNS", "FORMATS", "GDELT_COLUMNS", "ExportError", "ExportReport", "date_span", "flat_row",
           "gdelt_row", "parquet_schema", "plover_record", "write_export"]

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("jsonl", "plover", "gdelt-tsv", "csv", "parquet")

#: PLOVER event type -> quad class (see docs/plover.md).
QUAD_CLASSES: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}

#: Columns of the ``csv`` export (and of ``parquet``, typed by :data:`PARQUET_SCHEMA`).
CSV_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "doc_id", "event_id", "cluster_id", "num_articles", "num_sources", "date", "date_precision",
    "date_start", "date_end", "type", "mode", "quad_class", "cameo", "cameo_code", "goldstein", "source_names",
    "source_countries", "source_sectors", "source_kb", "target_names", "target_countries", "target_sectors",
    "target_kb", "location_name", "location_country", "location_geonames_id", "location_kb", "lat", "lon",
    "negated", "hypothetical", "future", "confidence", "trigger", "sentence", "summary_en", "url", "title",
    "published",
)
_INT_COLUMNS = frozenset({"id", "article_id", "cluster_id", "num_articles", "num_sources", "location_geonames_id"})
_FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence", "goldstein"})
_BOOL_COLUMNS = frozenset({"negated", "hypothetical", "future"})
_DATE_COLUMNS = frozenset({"date_start", "date_end"})
_LIST_COLUMNS = frozenset(c for c in CSV_COLUMNS if c.startswith(("source_", "target_")))
PARQUET_BATCH_ROWS = 10_000


def date_span(value: str | None, precision: str | None = None) -> tuple[date | None, date | None]:
    """The first and last day a warta date means: ``2024-07-17`` → that day, ``2017-W29`` →
    Monday 2017-07-17 .. Sunday 2017-07-23 (ISO week), ``2024-07`` → the month, ``2024`` → the year,
    and an ISO interval ``A/B`` → the first day of ``A`` .. the last day of ``B``. ``(None, None)``
    for no date or one that cannot be read. The store's date filters use the same days
    (:func:`warta.io.dates.date_interval`)."""
    from warta.io.dates import date_interval

    if not value:
        return None, None
    if "/" in value:
        first, _, last = value.partition("/")
        start, end = date_span(first.strip()), date_span(last.strip())
        if start[0] is None or end[1] is None or end[1] < start[0]:
            return None, None
        return start[0], end[1]
    start, end = date_interval(value, precision)
    if start is None or end is None:
        return None, None
    return date.fromisoformat(start), date.fromisoformat(end)


@cache
def parquet_schema() -> pa.Schema:
    """The Parquet export's schema (also :data:`PARQUET_SCHEMA`): stable names, order and types.

    Ids and counts are int64, ``date_start``/``date_end`` date32, ``lat``/``lon``/``confidence``/
    ``goldstein`` float64, flags bool, the actor columns list<string> and everything else string
    (``date`` keeps warta's precise string, ``published`` the article's as given).
    """
    import pyarrow as pa

    strings = pa.list_(pa.field("element", pa.string()))  # Parquet's standard list item name
    types = {**dict.fromkeys(_INT_COLUMNS, pa.int64()), **dict.fromkeys(_FLOAT_COLUMNS, pa.float64()),
             **dict.fromkeys(_BOOL_COLUMNS, pa.bool_()), **dict.fromkeys(_DATE_COLUMNS, pa.date32()),
             **dict.fromkeys(_LIST_COLUMNS, strings)}
    return pa.schema([pa.field(c, types.get(c, pa.string())) for c in CSV_COLUMNS])


def __getattr__(name: str) -> Any:
    # PARQUET_SCHEMA is built on first use so that importing this module does not import pyarrow
    if name == "PARQUET_SCHEMA":
        return parquet_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ExportError(Exception):
    """An export could not be written; the message names the file and the cause."""


@dataclass
class ExportReport:
    """What an export wrote: its format, file and number of rows (documents, events or clusters)."""

    format: str
    path: Path
    rows: int


def _span(span: dict[str, Any] | None) -> dict[str, Any] | None:
    return {"start": span.get("start"), "end": span.get("end"), "text": span.get("text")} if span else None


def _text(span: dict[str, Any] | None) -> str | None:
    return span.get("text") if span else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def actor_identifiers(actor: dict[str, Any]) -> dict[str, Any]:
    """Every identifier known for an actor: its warta KB id, the KB's CAMEO/PLOVER actor code, ISO
    3166 codes of a country, the GeoNames id of a place (keys absent when unknown)."""
    from warta.io.export.codes import kb_entity

    ids: dict[str, Any] = {}
    kb = actor.get("kb")
    entity = kb_entity(kb)
    if kb:
        ids["warta"] = kb
    if entity is not None:
        if entity.plover:
            ids["cameo"] = entity.plover
        if entity.kind == "cty":
            ids["iso3166_alpha3"] = entity.country
            if entity.iso2:
                ids["iso3166_alpha2"] = entity.iso2
    place = actor.get("place") or {}
    if place.get("geonames_id"):
        ids["geonames"] = place["geonames_id"]
    return ids


def _actor(actor: dict[str, Any]) -> dict[str, Any]:
    from warta.io.export.codes import kb_entity

    entity = kb_entity(actor.get("kb"))
    return {"name": actor.get("name"), "country": actor.get("country"), "sector": actor.get("sector"),
            "kb": actor.get("kb"), "kb_name": entity.name if entity else None,
            "parent": entity.parent if entity else None, "identifiers": actor_identifiers(actor)}


def _cameo(ev: dict[str, Any]) -> tuple[str | None, float | None]:
    from warta.io.export.codes import cameo_code

    code = cameo_code(ev.get("type"), ev.get("mode"), ev.get("cameo"))
    return (code.code, code.goldstein) if code else (None, None)


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER-style (POLECAT-like) record of one event record; fields as in the module docstring."""
    art, ev, cl = record.get("article") or {}, record["event"], record.get("cluster") or {}
    cameo = ev.get("cameo")
    code, goldstein = _cameo(ev)
    start, end = date_span(ev.get("date"), ev.get("date_precision"))
    loc = ev.get("location")
    return {
        "id": f"{art.get('doc_id')}#{ev.get('id')}",
        "event_date": ev.get("date"),
        "date_precision": ev.get("date_precision"),
        "date_start": _iso(start),
        "date_end": _iso(end),
        "event_type": ev.get("type"),
        "event_mode": ev.get("mode"),
        "quad_class": QUAD_CLASSES.get(ev.get("type") or ""),
        "cameo_root": cameo[:2] if cameo else (code[:2] if code else None),
        "cameo_code": code,
        "goldstein": goldstein,
        "actors": [_actor(a) for a in ev.get("source") or ()],
        "recipients": [_actor(a) for a in ev.get("target") or ()],
        "location": ({k: loc.get(k) for k in ("name", "country", "lat", "lon", "geonames_id", "admin1", "kb")}
                     if loc else None),
        "text": _text(ev.get("sentence")),
        "trigger": _span(ev.get("trigger")),
        "evidence": [_span(s) for s in ev.get("evidence") or ()],
        "flags": {k: bool(ev.get(k, False)) for k in ("negated", "hypothetical", "future")},
        "quote": ev.get("quote"),
        "confidence": ev.get("confidence"),
        "summary_en": ev.get("summary_en"),
        "citation": {k: art.get(k) for k in ("url", "title", "site", "published", "doc_id")},
        "cluster": {"id": cl.get("id"), "num_articles": cl.get("num_articles"),
                    "num_sources": cl.get("num_sources"), "is_root": cl.get("is_root")},
    }


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One event record as a flat row of :data:`CSV_COLUMNS` (lists stay lists, dates are
    :class:`~datetime.date`, ``None`` for unknown)."""
    art, ev, cl = record.get("article") or {}, record["event"], record.get("cluster") or {}
    loc = ev.get("location") or {}
    start, end = date_span(ev.get("date"), ev.get("date_precision"))
    code, goldstein = _cameo(ev)
    gid = loc.get("geonames_id")
    row: dict[str, Any] = {
        "id": record.get("id"), "article_id": art.get("id"), "doc_id": art.get("doc_id"), "event_id": ev.get("id"),
        "cluster_id": cl.get("id"), "num_articles": cl.get("num_articles"), "num_sources": cl.get("num_sources"),
        "date": ev.get("date"), "date_precision": ev.get("date_precision"), "date_start": start, "date_end": end,
        "type": ev.get("type"), "mode": ev.get("mode"), "quad_class": QUAD_CLASSES.get(ev.get("type") or ""),
        "cameo": ev.get("cameo"), "cameo_code": code, "goldstein": goldstein,
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "location_geonames_id": int(gid) if gid else None, "location_kb": loc.get("kb"),
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "negated": bool(ev.get("negated", False)), "hypothetical": bool(ev.get("hypothetical", False)),
        "future": bool(ev.get("future", False)), "confidence": ev.get("confidence"),
        "trigger": _text(ev.get("trigger")), "sentence": _text(ev.get("sentence")),
        "summary_en": ev.get("summary_en"), "url": art.get("url"), "title": art.get("title"),
        "published": art.get("published"),
    }
    for side in ("source", "target"):
        actors = ev.get(side) or ()
        row[f"{side}_names"] = [a.get("name") for a in actors]
        row[f"{side}_countries"] = [a.get("country") for a in actors]
        row[f"{side}_sectors"] = [a.get("sector") for a in actors]
        row[f"{side}_kb"] = [a.get("kb") for a in actors]
    return {c: row[c] for c in CSV_COLUMNS}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_jsonl(path: Path, items: Iterable[dict[str, Any]], transform: Callable[[dict], dict] | None) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for item in items:
            obj = transform(item) if transform else item
            fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            n += 1
    return n


def _write_csv(path: Path, records: Iterable[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)  # RFC 4180: minimal quoting, doubled quotes, CRLF
        writer.writerow(CSV_COLUMNS)
        for record in records:
            row = flat_row(record)
            writer.writerow([_csv_value(row[c]) for c in CSV_COLUMNS])
            n += 1
    return n


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(flat_row(record))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_parquet(path: Path, records: Iterable[dict[str, Any]]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("the parquet format needs pyarrow (pip install 'pyarrow>=15')") from exc

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(records, PARQUET_BATCH_ROWS):
            columns = {c: [row[c] for row in batch] for c in CSV_COLUMNS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_export(*, fmt: str, out: Path, documents: Callable[[], Iterable[dict[str, Any]]],
                 records: Callable[[], Iterable[dict[str, Any]]], header: bool = False) -> ExportReport:
    """Write an export of format ``fmt`` to ``out`` atomically and report what was written.

    ``header`` adds the column names as a first row to ``gdelt-tsv`` (GDELT's own files have none;
    csv always has one).

    ``documents`` and ``records`` are called at most once, and only the one the format needs
    (``jsonl`` reads documents, every other format event records). The file is built under a
    temporary name in ``out``'s directory and moved onto ``out`` only when complete.

    Raises:
        ExportError: unknown format, missing output directory, or any failure while writing
            (the temporary file is removed and an existing ``out`` is left untouched).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    out = Path(out)
    directory = out.parent
    if not directory.is_dir():
        raise ExportError(f"cannot write {out}: directory {directory} does not exist")
    if out.is_dir():
        raise ExportError(f"cannot write {out}: it is a directory")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "jsonl":
            rows = _write_jsonl(tmp, documents(), None)
        elif fmt == "plover":
            rows = _write_jsonl(tmp, records(), plover_record)
        elif fmt == "gdelt-tsv":
            rows = write_gdelt(tmp, records(), header=header)
        elif fmt == "csv":
            rows = _write_csv(tmp, records())
        else:
            rows = _write_parquet(tmp, records())
        _fsync(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, ExportError):
            raise
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
        if isinstance(exc, Exception):
            raise ExportError(f"export to {out} failed: {type(exc).__name__}: {exc}") from exc
        raise
    log.info("exported %d %s row(s) to %s", rows, fmt, out)
    return ExportReport(format=fmt, path=out, rows=rows)
