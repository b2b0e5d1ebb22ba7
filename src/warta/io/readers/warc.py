"""WARC (and ARC) web archives, plain or gzipped: one article per HTML page captured.

The archive is streamed record by record with warcio. Only ``response`` records with HTTP
status 200 and an HTML content type are read; each payload is bounded by
``options.max_bytes`` (a larger one is reported and skipped). A record that cannot be read
becomes a :class:`ReadError` naming the record and its target URI, and the others are still
read. The WARC-Date is when the page was crawled, not published, so it is not used as a date.

Memory stays bounded on hostile archives: a gzipped archive is decompressed here as a stream
(:mod:`warta.io.readers.gz`) with a cap on what one member may expand to (:data:`MEMBER_FACTOR`
times the size limit) and, like a plain archive, on the length of a line (the size limit), since
warcio reads header lines whole; a page on one line longer than the limit would be refused anyway.
A header block (WARC or HTTP) may have at most :data:`MAX_HEADER_LINES` lines and the size limit
in bytes, since warcio keeps every header line it parses. A file that ends inside a record or
a gzip member, or breaks a cap, ends reading with a :class:`ReadError` that says how many
records were read before it: nothing is lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warta.io.readers.base import MAX_BYTES_ENV, ReadError, ReadItem, ReadOptions, human_size
from warta.io.readers.gz import BrokenStream, LineCappedStream, gunzip_head, is_gzip, open_gunzip, stream_error
from warta.io.readers.html import article_from_html

#: A gzip member may expand to this many times the size limit (one record per member).
MEMBER_FACTOR = 64
#: Most lines one WARC or HTTP header block may have (servers allow about 100 fields).
MAX_HEADER_LINES = 1000

#: How a WARC, a gzipped WARC/ARC or an uncompressed ARC file begins.
_MAGIC = (b"\x1f\x8b", b"WARC/", b"warc/", b"filedesc://")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _head(stream: BinaryIO, size: int = 32) -> bytes | None:
    """The first bytes of the stream without consuming them, when the stream can peek."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return None
    try:
        return peek(size)[:size]
    except (OSError, ValueError):
        return None


def bounded_stream(stream: BinaryIO, *, origin: str, options: ReadOptions) -> BinaryIO:
    """``stream`` decompressed when gzipped, with the caps on members and lines (see above)."""
    import io

    head = _head(stream, 4096)
    line_cap = options.max_bytes
    if head is not None and is_gzip(head):
        inner = gunzip_head(head, size=32)
        if inner.strip() and not inner.startswith(_MAGIC):
            raise ReadError(origin, f"not a WARC file: decompressed, it starts with {inner[:20]!r}")
        return open_gunzip(stream, origin=origin, member_cap=MEMBER_FACTOR * options.max_bytes, line_cap=line_cap)
    return io.BufferedReader(LineCappedStream(stream, origin=origin, line_cap=line_cap))


class _HeaderBudget:
    """The stream a header parser reads, counting its lines and bytes against the caps."""

    def __init__(self, stream: Any, *, origin: str, max_bytes: int) -> None:
        self._stream = stream
        self._origin = origin
        self._lines_left = MAX_HEADER_LINES
        self._bytes_left = max_bytes

    def readline(self, *args: Any) -> bytes:
        line = self._stream.readline(*args)
        self._lines_left -= 1
        self._bytes_left -= len(line)
        if self._lines_left < 0 or self._bytes_left < 0:
            raise BrokenStream(self._origin, f"a header block longer than {MAX_HEADER_LINES} lines or the "
                               "size limit: the archive is corrupt")
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _cap_header_parsers(archive: Any, *, origin: str, max_bytes: int) -> None:
    """Make every header parser of warcio's ``archive`` read through a :class:`_HeaderBudget`."""
    loader = archive.loader
    for attr in ("warc_parser", "http_parser", "http_req_parser", "arc_parser"):
        parser = getattr(loader, attr, None)
        if parser is None:
            continue

        def parse(stream: Any, *args: Any, _parse: Any = parser.parse, **kwargs: Any) -> Any:
            return _parse(_HeaderBudget(stream, origin=origin, max_bytes=max_bytes), *args, **kwargs)

        parser.parse = parse


def _linear_readline(self: Any, length: int | None = None) -> bytes:
    """warcio's ``BufferedReader.readline`` with the pieces joined once instead of appended one
    by one (quadratic on a long line: seconds for a 5 MB header line)."""
    if length == 0:
        return b""
    self._fillbuff()
    if self.empty():
        return b""
    parts = [self.buff.readline(length)]
    while not parts[-1].endswith(b"\n"):
        if length:
            length -= len(parts[-1])
            if length <= 0:
                break
        self._fillbuff()
        if self.empty():
            break
        parts.append(self.buff.readline(length))
    return b"".join(parts)


def _linear_lines(archive: Any) -> None:
    """Give warcio's reader :func:`_linear_readline` when it is the reader that function expects."""
    import types

    reader = getattr(archive, "reader", None)
    if reader is not None and all(hasattr(reader, a) for a in ("_fillbuff", "empty", "buff")):
        reader.readline = types.MethodType(_linear_readline, reader)


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


def _incomplete(record: Any) -> bool:
    """Whether the file ended before the record's declared length: what is left of the record is
    read through (in chunks, as warcio would) and the bytes still owed are counted."""
    raw = record.raw_stream
    if not isinstance(getattr(raw, "limit", None), int):
        return False
    while raw.limit > 0:
        if not raw.read(min(raw.limit, 64 * 1024)):
            return True
    return False


def _check_framing(record: Any, *, origin: str, where: str) -> None:
    """A WARC record without a Content-Length (its header block cut short) or whose content ends
    early: the archive is broken there (:class:`BrokenStream`)."""
    if record.format == "warc":
        declared = (record.rec_headers.get_header("Content-Length") or "").strip()
        if not declared.isdigit() or int(declared) != record.length:
            raise BrokenStream(origin, "record header without a valid Content-Length: the file is cut short "
                               "or corrupt", where=where)
    if _incomplete(record):
        raise BrokenStream(origin, "record truncated: the file ends inside it", where=where)


def _read_record(record: Any, *, n: int, origin: str, options: ReadOptions, charset: str | None) -> ReadItem:
    # ARC records (read without conversion) name the page in a "uri" header
    uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("uri")
    where = f"record {n} {uri}" if uri else f"record {n}"
    try:
        payload = record.content_stream().read(options.max_bytes + 1)
    except BrokenStream:
        raise  # the archive itself broke off: reading stops (see read_warc)
    except Exception as exc:  # broken chunking or content encoding in one record
        _check_framing(record, origin=origin, where=where)
        return ReadError(origin, f"cannot read the HTTP payload: {type(exc).__name__}: {exc}", where=where)
    _check_framing(record, origin=origin, where=where)
    if len(payload) > options.max_bytes:
        return ReadError(origin, f"page larger than the size limit of {human_size(options.max_bytes)} "
                         f"(raise it with --max-bytes or ${MAX_BYTES_ENV})", where=where)
    try:
        return article_from_html(payload, origin=origin, options=options, url=uri, where=where,
                                 reader="warc", charset=charset)
    except ReadError as exc:
        return exc


def _bytes_after_last_record(archive: Any) -> int:
    """Bytes warcio read after the end of the last record it gave: the start of a record cut
    short inside its header, which warcio drops without a word."""
    try:
        return max(0, int(archive.fh.tell()) - int(archive.offset))
    except (AttributeError, TypeError, ValueError, OSError):
        return 0


def _kept(records: int, pages: int) -> str:
    return f"{records} record(s) read before it ({pages} HTML page(s))"


def read_warc(stream: BinaryIO, *, origin: str, options: ReadOptions, first_record: int = 1) -> Iterator[ReadItem]:
    """Stream a WARC/ARC file (optionally gzipped): one article per HTML response record.

    A record that cannot be read is a :class:`ReadError` and the next one is read; an archive
    that breaks off (truncated, corrupt framing, a cap passed) ends with a :class:`ReadError`
    saying how many records were read before it. ``first_record``: the number, in its file, of the
    stream's first record (a record range of a larger file), so that reports name the file's records.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = _head(stream)
    if head is not None and head.strip() and not head.startswith(_MAGIC):
        raise ReadError(origin, f"not a WARC file: it starts with {head[:20]!r}")
    bounded = bounded_stream(stream, origin=origin, options=options)
    records = 0
    pages = 0

    def stopped(problem: str, *, where: str | None, kept_records: int, kept_pages: int) -> ReadError:
        # the bounded stream's own reason (truncated gzip, a cap passed) explains what warcio saw
        cause = stream_error(bounded)
        problem = cause.problem if cause is not None else problem
        if kept_records == 0:
            return ReadError(origin, f"not a WARC file or corrupt: {problem}")
        return ReadError(origin, f"{problem}; reading stopped, {_kept(kept_records, kept_pages)}", where=where)

    archive = ArchiveIterator(bounded)
    _cap_header_parsers(archive, origin=origin, max_bytes=options.max_bytes)
    _linear_lines(archive)
    iterator = iter(archive)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            left = _bytes_after_last_record(archive)
            if stream_error(bounded) is not None or (left and records):
                error = stopped(f"the file ends inside a record ({left} byte(s) of it)",
                                where=f"record {records + first_record}", kept_records=records, kept_pages=pages)
                if records == 0:
                    raise error from None
                yield error
                return
            break
        except Exception as exc:  # broken headers or framing: the rest of the archive is lost
            if isinstance(exc, ReadError):
                problem = exc.problem
            elif isinstance(exc, ArchiveLoadFailed):
                problem = f"corrupt WARC: {exc}"
            else:
                problem = f"corrupt WARC: {type(exc).__name__}: {exc}"
            error = stopped(problem, where=f"record {records + first_record}", kept_records=records, kept_pages=pages)
            if records == 0:
                raise error from None
            yield error
            return
        records += 1
        is_html, charset = _html_response(record)
        try:
            if not is_html:
                _check_framing(record, origin=origin, where=f"record {records + first_record - 1}")
                continue
            pages += 1
            item = _read_record(record, n=records + first_record - 1, origin=origin, options=options, charset=charset)
        except BrokenStream as exc:
            error = stopped(exc.problem, where=exc.where or f"record {records + first_record - 1}", kept_records=records - 1,
                            kept_pages=pages - is_html)
            if records == 1:
                raise error from None
            yield error
            return
        yield item
    if records == 0:
        raise ReadError(origin, "WARC file holds no records")
    if pages == 0:
        raise ReadError(origin, "WARC file holds no HTML response records")
