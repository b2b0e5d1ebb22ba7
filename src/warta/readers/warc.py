"""WARC (and ARC) web archives, plain or gzipped: one article per HTML page captured.

The archive is streamed record by record with warcio. Only ``response`` records with HTTP
status 200 and an HTML content type are read; each payload is bounded by
``options.max_bytes`` (a larger one is reported and skipped). A record that cannot be read
becomes a :class:`ReadError` naming the record and its target URI, and the others are still
read. The WARC-Date is when the page was crawled, not published, so it is not used as a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warta.readers.base import MAX_BYTES_ENV, ReadError, ReadItem, ReadOptions, human_size
from warta.readers.html import article_from_html

#: How a WARC, a gzipped WARC/ARC or an uncompressed ARC file begins.
_MAGIC = (b"\x1f\x8b", b"WARC/", b"warc/", b"filedesc://")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _head(stream: BinaryIO) -> bytes | None:
    """The first bytes of the stream without consuming them, when the stream can peek."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return None
    try:
        return peek(32)[:32]
    except (OSError, ValueError):
        return None


def _html_response(record: Any) -> tuple[bool, str | None]:
    """Whether a record is an HTML page served with status 200, and its declared charset."""
    if record.rec_type != "response" or record.http_headers is None:
        return False, None
    if record.http_headers.get_statuscode() != "200":
        return False, None
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return False, None
    m = _CHARSET.search(ctype)
    return True, m.group(1) if m else None


def _truncated(record: Any) -> bool:
    """Whether the file ended before the record's declared length (checked after its payload is read)."""
    raw = record.raw_stream
    remaining = getattr(raw, "limit", 0)
    try:
        return isinstance(remaining, int) and remaining > 0 and not raw.read(1)
    except Exception:  # a broken gzip member: the record is cut short as well
        return True


def _read_record(record: Any, *, n: int, origin: str, options: ReadOptions, charset: str | None) -> ReadItem:
    # ARC records (read without conversion) name the page in a "uri" header
    uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("uri")
    where = f"record {n} {uri}" if uri else f"record {n}"
    try:
        payload = record.content_stream().read(options.max_bytes + 1)
    except Exception as exc:  # broken chunking or content encoding in one record
        return ReadError(origin, f"cannot read the HTTP payload: {type(exc).__name__}: {' '.join(str(exc).split())}", where=where)
    if len(payload) > options.max_bytes:
        return ReadError(origin, f"page larger than the size limit of {human_size(options.max_bytes)} "
                         f"(raise it with --max-bytes or ${MAX_BYTES_ENV})", where=where)
    if _truncated(record):
        return ReadError(origin, "record truncated: the file ends inside it", where=where)
    try:
        return article_from_html(payload, origin=origin, options=options, url=uri, where=where,
                                 reader="warc", charset=charset)
    except ReadError as exc:
        return exc


def read_warc(stream: BinaryIO, *, origin: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Stream a WARC/ARC file (optionally gzipped): one article per HTML response record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = _head(stream)
    if head is not None and head.strip() and not head.startswith(_MAGIC):
        raise ReadError(origin, f"not a WARC file: it starts with {head[:20]!r}")
    records = 0
    pages = 0
    iterator = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except ArchiveLoadFailed as exc:
            msg = " ".join(str(exc).split())
            if records == 0:
                raise ReadError(origin, f"not a WARC file: {msg}") from None
            yield ReadError(origin, f"corrupt WARC, reading stopped: {msg}", where=f"record {records + 1}")
            return
        except Exception as exc:  # truncated gzip, broken headers: the framing is lost
            problem = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
            if records == 0:
                raise ReadError(origin, f"not a WARC file or corrupt: {problem}") from None
            yield ReadError(origin, f"corrupt WARC, reading stopped: {problem}", where=f"record {records + 1}")
            return
        records += 1
        is_html, charset = _html_response(record)
        if not is_html:
            continue
        pages += 1
        yield _read_record(record, n=records, origin=origin, options=options, charset=charset)
    if records == 0:
        raise ReadError(origin, "WARC file holds no records")
    if pages == 0:
        raise ReadError(origin, "WARC file holds no HTML response records")
