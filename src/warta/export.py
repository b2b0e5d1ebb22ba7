"""Writers for ``warta export``: warta documents and events as JSON Lines, PLOVER, GDELT, CSV or Parquet.

The store hands :func:`write_export` two callables that each return a fresh iterator, so every
writer streams: ``documents()`` yields ``warta.document/1`` dicts, ``records()`` yields event records
``{"article": {id, doc_id, url, title, published, site, path}, "event": <event dict as in the
document>, "cluster": {id, num_events, num_articles, num_sources, is_root}}``. Output goes to a
temporary file beside ``out`` and replaces ``out`` only once complete; on any failure the temporary
file is removed and :class:`ExportError` is raised, so a partial file is never presented as complete.

Formats (``rows`` in the report counts what each writes):

``jsonl``
    one document per line, compact JSON, ``ensure_ascii=False``, otherwise unchanged.
``plover``
    JSON Lines, one POLECAT-like record per event: ``id`` (``"<doc_id>#<event id>"``),
    ``event_date`` (as warta resolved it: ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY``),
    ``date_precision``, ``event_type``, ``event_mode``, ``quad_class`` (``"verbal cooperation"``,
    ``"material cooperation"``, ``"verbal conflict"``, ``"material conflict"``), ``cameo_root``
    (two digits or null), ``actors`` and ``recipients`` (lists of ``{name, country, sector, kb}``;
    ``kb`` is null unless the record's actor carries one), ``location`` (``{name, country, lat,
    lon}`` or null), ``text`` (the sentence), ``trigger`` and each ``evidence`` item
    (``{start, end, text}``, offsets into the article text), ``flags`` ``{negated, hypothetical,
    future}``, ``quote``, ``confidence``, ``summary_en``, ``citation`` ``{url, title, site,
    published, doc_id}`` and ``cluster`` ``{id, num_articles, num_sources, is_root}``.
``gdelt-tsv``
    the 61 GDELT 2.0 event columns (:data:`GDELT_COLUMNS`, GDELT's order) with a header row, one
    row per cross-article cluster (records whose ``is_root`` is true). ``GLOBALEVENTID`` is the
    cluster id; Actor1/Actor2 are the first source/target actor: code = ISO3 country + sector
    (``"RUSGOV"``; ``"IGO"`` for international organisations, which GDELT leaves country-less),
    ``Type1Code`` = sector (``UNK`` left empty). Country codes are ISO 3166-1 alpha-3 everywhere,
    also in the ``*Geo_CountryCode`` columns where GDELT uses FIPS 10-4 (warta has no FIPS table).
    Dates: ``SQLDATE``/``FractionDate`` (``YEAR + (MONTH*30+DAY)/365``) only for day precision,
    ``MonthYear``/``Year`` as far as the precision allows (a week counts when it lies in one
    month/year). ``EventCode`` is warta's CAMEO code as given (usually the two-digit root),
    ``EventBaseCode`` its first three digits, ``EventRootCode`` its first two. ``QuadClass`` 1-4
    comes from the PLOVER type's quad (so SANCTION is 4, where CAMEO's root 16 would give 3).
    ``GoldsteinScale`` is the standard CAMEO Goldstein value of the root, written only when the
    code *is* a root (a sub-code such as ``042`` has its own value, which warta does not carry).
    ``NumMentions`` = events in the cluster, ``NumSources``/``NumArticles`` from the cluster.
    ``ActionGeo`` comes from the event location: ``Type`` 4 (world city/point) when it has
    latitude and longitude, 1 (country) when it has only a country; a country named as the place
    is geocoded to its capital by warta and so also comes out as 4 — event locations carry no
    feature class. ``ActionGeo_FeatureID`` is the location's ``geonames_id`` when present.
    ``DATEADDED`` is the article's ``added`` timestamp when the store supplies one. Everything
    else warta does not know (IsRootEvent — GDELT's lead-paragraph flag —, known-group, ethnic
    and religion codes, AvgTone, ADM codes, Actor1Geo/Actor2Geo) is empty. ``SOURCEURL`` is the
    URL, else the file path. Tabs and line breaks inside values become spaces; a value holding a
    double quote is quoted CSV-style (readers with default quoting, e.g. pandas, round-trip it).
``csv``
    one row per event, :data:`CSV_COLUMNS`, UTF-8 with a header, RFC 4180 quoting. Actor lists
    are joined with ``;`` position by position (an unknown country is an empty item); booleans
    are ``true``/``false``; unknown values are empty.
``parquet``
    the CSV columns typed by :data:`PARQUET_SCHEMA`, written in row groups of
    :data:`PARQUET_BATCH_ROWS`. ``date`` stays a string (it may be a week, month or year) and is
    read together with ``date_precision``; ``published`` is a ``YYYY-MM-DD`` string too.
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
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("jsonl", "plover", "gdelt-tsv", "csv", "parquet")

#: PLOVER event type -> quad class (see docs/plover.md).
QUAD_CLASSES: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}
_QUAD_NUMBER = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}

#: Goldstein scale values of the twenty CAMEO root codes (CAMEO codebook / GDELT CAMEO.goldsteinscale).
GOLDSTEIN_ROOT: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0, "10": -5.0,
    "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0,
    "20": -10.0,
}

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The GDELT 2.0 event table's 61 columns, in GDELT's order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

#: Columns of the ``csv`` export (and of ``parquet``, typed by :data:`PARQUET_SCHEMA`).
CSV_COLUMNS: tuple[str, ...] = (
    "article_id", "doc_id", "event_id", "cluster_id", "num_articles", "num_sources", "date", "date_precision",
    "type", "mode", "cameo", "source_names", "source_countries", "source_sectors", "target_names",
    "target_countries", "target_sectors", "location_name", "location_country", "lat", "lon", "negated",
    "hypothetical", "future", "confidence", "trigger", "sentence", "summary_en", "url", "title", "published",
)
_INT_COLUMNS = frozenset({"article_id", "cluster_id", "num_articles", "num_sources"})
_FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence"})
_BOOL_COLUMNS = frozenset({"negated", "hypothetical", "future"})
_LIST_COLUMNS = frozenset(c for c in CSV_COLUMNS if c.startswith(("source_", "target_")))
PARQUET_BATCH_ROWS = 10_000


@cache
def parquet_schema() -> pa.Schema:
    """The Parquet export's schema (also :data:`PARQUET_SCHEMA`): stable names, order and types.

    Counts are int64, ``lat``/``lon``/``confidence`` float64, flags bool, the actor columns
    list<string> and everything else string (``date`` and ``published`` included).
    """
    import pyarrow as pa

    strings = pa.list_(pa.field("element", pa.string()))  # Parquet's standard list item name
    types = {**dict.fromkeys(_INT_COLUMNS, pa.int64()), **dict.fromkeys(_FLOAT_COLUMNS, pa.float64()),
             **dict.fromkeys(_BOOL_COLUMNS, pa.bool_()), **dict.fromkeys(_LIST_COLUMNS, strings)}
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


def _actor(actor: dict[str, Any]) -> dict[str, Any]:
    return {"name": actor.get("name"), "country": actor.get("country"), "sector": actor.get("sector"),
            "kb": actor.get("kb")}


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER-style (POLECAT-like) record of one event record; fields as in the module docstring."""
    art, ev, cl = record.get("article") or {}, record["event"], record.get("cluster") or {}
    cameo = ev.get("cameo")
    loc = ev.get("location")
    return {
        "id": f"{art.get('doc_id')}#{ev.get('id')}",
        "event_date": ev.get("date"),
        "date_precision": ev.get("date_precision"),
        "event_type": ev.get("type"),
        "event_mode": ev.get("mode"),
        "quad_class": QUAD_CLASSES.get(ev.get("type") or ""),
        "cameo_root": cameo[:2] if cameo else None,
        "actors": [_actor(a) for a in ev.get("source") or ()],
        "recipients": [_actor(a) for a in ev.get("target") or ()],
        "location": ({"name": loc.get("name"), "country": loc.get("country"), "lat": loc.get("lat"),
                      "lon": loc.get("lon")} if loc else None),
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
    """One event record as a flat row of :data:`CSV_COLUMNS` (lists stay lists, ``None`` for unknown)."""
    art, ev, cl = record.get("article") or {}, record["event"], record.get("cluster") or {}
    loc = ev.get("location") or {}
    row: dict[str, Any] = {
        "article_id": art.get("id"), "doc_id": art.get("doc_id"), "event_id": ev.get("id"),
        "cluster_id": cl.get("id"), "num_articles": cl.get("num_articles"), "num_sources": cl.get("num_sources"),
        "date": ev.get("date"), "date_precision": ev.get("date_precision"), "type": ev.get("type"),
        "mode": ev.get("mode"), "cameo": ev.get("cameo"),
        "location_name": loc.get("name"), "location_country": loc.get("country"),
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
    return {c: row[c] for c in CSV_COLUMNS}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    return str(value)


def _date_parts(value: str | None, precision: str | None) -> tuple[str, str, str, str]:
    """``(SQLDATE, MonthYear, Year, FractionDate)`` of a warta date, empty beyond its precision."""
    if not value:
        return "", "", "", ""
    try:
        if precision == "week" or "-W" in value:
            year, week = value.split("-W")
            first = date.fromisocalendar(int(year), int(week), 1)
            last = first + timedelta(days=6)
            month = f"{first:%Y%m}" if (first.year, first.month) == (last.year, last.month) else ""
            return "", month, str(first.year) if first.year == last.year else "", ""
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            d = date(*parts)
            fraction = f"{d.year + (d.month * 30 + d.day) / 365:.4f}"
            return f"{d:%Y%m%d}", f"{d:%Y%m}", str(d.year), fraction
        if len(parts) == 2:
            return "", f"{parts[0]:04d}{parts[1]:02d}", f"{parts[0]:04d}", ""
        return "", "", f"{parts[0]:04d}", ""
    except ValueError:
        log.debug("unparseable event date %r", value)
        return "", "", "", ""


def _gdelt_actor(actor: dict[str, Any] | None) -> list[Any]:
    """The ten GDELT actor columns of one actor (all empty for no actor)."""
    if not actor:
        return [""] * len(_ACTOR_FIELDS)
    country = actor.get("country") or ""
    sector = actor.get("sector") or ""
    if sector == "UNK":
        sector = ""
    if country == "IGO":
        code, country, type1 = "IGO", "", "IGO"
    else:
        type1 = sector
        code = country + (sector if sector != country else "")
    return [code, actor.get("name") or "", country, "", "", "", "", type1, "", ""]


def _gdelt_geo(loc: dict[str, Any] | None) -> list[Any]:
    """The eight GDELT geo columns of an event location (all empty when unknown)."""
    if not loc:
        return [""] * len(_GEO_FIELDS)
    lat, lon, country = loc.get("lat"), loc.get("lon"), loc.get("country") or ""
    if lat is not None and lon is not None:
        geo_type = 4
    elif country:
        geo_type, lat, lon = 1, "", ""
    else:
        return [""] * len(_GEO_FIELDS)
    return [geo_type, loc.get("name") or "", country, "", "", lat, lon, loc.get("geonames_id")]


def _date_added(value: Any) -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(str(value)).strftime("%Y%m%d%H%M%S")
    except ValueError:
        return ""


def gdelt_row(record: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 event values (strings, tabs and line breaks made spaces) of a cluster's root record."""
    art, ev, cl = record.get("article") or {}, record["event"], record.get("cluster") or {}
    cameo = ev.get("cameo") or ""
    quad = QUAD_CLASSES.get(ev.get("type") or "")
    sources, targets = ev.get("source") or [None], ev.get("target") or [None]
    values = [
        cl.get("id"), *_date_parts(ev.get("date"), ev.get("date_precision")),
        *_gdelt_actor(sources[0]), *_gdelt_actor(targets[0]),
        "", cameo, cameo[:3], cameo[:2], _QUAD_NUMBER.get(quad or ""), GOLDSTEIN_ROOT.get(cameo),
        cl.get("num_events"), cl.get("num_sources"), cl.get("num_articles"), "",
        *_gdelt_geo(None), *_gdelt_geo(None), *_gdelt_geo(ev.get("location")),
        _date_added(art.get("added")), art.get("url") or art.get("path") or "",
    ]
    return [" ".join(_csv_value(v).split()) if v is not None else "" for v in values]


def _write_jsonl(path: Path, items: Iterable[dict[str, Any]], transform: Callable[[dict], dict] | None) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for item in items:
            obj = transform(item) if transform else item
            fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            n += 1
    return n


def _write_gdelt(path: Path, records: Iterable[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")  # quotes only values holding '"'
        writer.writerow(GDELT_COLUMNS)
        for record in records:
            if (record.get("cluster") or {}).get("is_root"):
                writer.writerow(gdelt_row(record))
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
                 records: Callable[[], Iterable[dict[str, Any]]]) -> ExportReport:
    """Write an export of format ``fmt`` to ``out`` atomically and report what was written.

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
            rows = _write_gdelt(tmp, records())
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
