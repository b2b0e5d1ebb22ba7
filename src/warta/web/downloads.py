"""Download of the events the dashboard shows: ``GET /api/export?format=…&<the /api/events filters>``
returns a CSV, Parquet, PLOVER JSON Lines or GDELT TSV file as an attachment.

The file is written with :func:`warta.io.export.write_export` into a private temporary directory,
streamed from there and removed when the response has been sent (or the request failed). Exports
are whole: ``limit``/``offset`` are ignored.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from warta.store import EventFilter
from warta.web.deps import event_filter, get_conn

log = logging.getLogger(__name__)
router = APIRouter()

#: format -> (file extension, media type)
DOWNLOADS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8"),
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "plover": ("jsonl", "application/x-ndjson; charset=utf-8"),
    "gdelt-tsv": ("tsv", "text/tab-separated-values; charset=utf-8"),
}


@router.get("/api/export", tags=["api"], summary="Download the filtered events as a file")
def export_events(
    conn: Annotated[sqlite3.Connection, Depends(get_conn)],
    flt: Annotated[EventFilter, Depends(event_filter)],
    format: Annotated[str, Query(description="csv, parquet, plover (JSON Lines) or gdelt-tsv")] = "csv",
    header: Annotated[bool, Query(description="gdelt-tsv: put the column names first")] = False,
) -> FileResponse:
    """The events passing the same filters as ``/api/events`` (all of them, not a page), as a
    ``warta-events-<UTC time>.<ext>`` attachment. A bad ``format`` is a 400 naming the choices."""
    from warta.io.export import ExportError, write_export
    from warta.store.records import iter_event_records

    if format not in DOWNLOADS:
        raise HTTPException(status_code=400, detail=f"format: {format!r} is not one of {', '.join(DOWNLOADS)}")
    ext, media_type = DOWNLOADS[format]
    name = f"warta-events-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.{ext}"
    directory = Path(tempfile.mkdtemp(prefix="warta-export-"))
    try:
        write_export(fmt=format, out=directory / name, documents=list,
                     records=lambda: iter_event_records(conn, flt), header=header)
    except ExportError as exc:
        shutil.rmtree(directory, ignore_errors=True)
        log.error("export download failed: %s", exc)
        raise HTTPException(status_code=500, detail="the export could not be written") from None
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return FileResponse(directory / name, media_type=media_type, filename=name,
                        background=BackgroundTask(shutil.rmtree, directory, ignore_errors=True))
