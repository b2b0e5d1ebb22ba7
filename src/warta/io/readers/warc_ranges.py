"""A WARC gzipped as one stream, cut into record ranges (``warta analyze --dask``).

Crawlers gzip a WARC one record per member, and :mod:`warta.io.readers.partitions` cuts such a file at
member starts by byte ranges. A WARC gzipped whole (``gzip crawl.warc``), or in a few large members,
has no such places: a byte offset inside a deflate stream cannot be decompressed from. The client
therefore decompresses the file once, as a stream, and walks its records by their framing (a
``WARC/`` header block, ``Content-Length`` bytes of content, the blank lines after it), noting
where records start; a partition is then a record range: the gzip member to start decompressing
at (the file's start for a single stream), the decompressed bytes to pass from there, the bytes to
read, and the number of its first record and of its records.

A worker decompresses from that member, passes the bytes before its first record (decompression
is cheap beside analysis: partition ``k`` of ``n`` passes ``k/n`` of the file) and reads its records with warta's
WARC reader, which names the file's own record numbers in its reports. Nothing is held whole:
the scan keeps one record's header block at a time. Where the framing is broken (a damaged or
truncated file, a header block past the size limit) the scan stops cutting, so the damage and
everything after it fall in the last partition, which reports it as a whole-file read would.
"""

from __future__ import annotations

import io
import logging
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warta.io.readers.base import ReadError, ReadItem, ReadOptions

log = logging.getLogger(__name__)

#: Compressed bytes looked at to tell a file gzipped one record per member from one gzipped whole.
MEMBER_PROBE = 2 * 1024 * 1024
#: Decompressed bytes read at a time by the scan and while passing bytes.
BLOCK = 1 << 20
#: Most record ranges one file is cut into. Range ``k`` of ``n`` first decompresses ``k/n`` of the file,
#: so passing costs ``(n - 1) / 2`` files' worth of decompression in all: at about 400 MB/s against
#: about 2 MB/s of WARC (news pages) analysed per core, ``(n - 1) / 400`` of the analysis. With at most
#: 32 ranges (larger partitions than ``--partition-mb`` for files over 32 of them) about 10% at most.
MAX_RANGES = 32
_GZIP_MEMBER = b"\x1f\x8b\x08"
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def _is_warc_member(data: bytes) -> bool:
    try:
        return zlib.decompressobj(wbits=31).decompress(data, 16).startswith((b"WARC/", b"warc/"))
    except zlib.error:
        return False


def next_record_start(fh: BinaryIO, offset: int, *, gzipped: bool) -> int:
    """For byte ranges of a plain WARC or one gzipped per record: the offset of the first WARC record (a gzip member holding one, or a ``WARC/`` header line
    after a blank line) that starts at or after ``offset``; the file size when there is none."""
    if offset <= 0:
        return 0
    marker = _GZIP_MEMBER if gzipped else b"\r\n\r\nWARC/"
    skip = 0 if gzipped else 4  # the record starts after the blank line that ends the one before
    pos = max(0, offset - skip)
    fh.seek(pos)
    buf = fh.read(2 * BLOCK)
    while buf:
        hit = buf.find(marker)
        while hit >= 0:
            start = pos + hit + skip
            if start >= offset:
                fh.seek(start)
                if not gzipped or _is_warc_member(fh.read(64 * 1024)):
                    return start
            hit = buf.find(marker, hit + 1)
        keep = len(marker) - 1
        pos += len(buf) - keep
        fh.seek(pos)
        buf = fh.read(2 * BLOCK)
        if len(buf) <= keep:
            break
    return fh.seek(0, os.SEEK_END)


def is_single_stream(fh: BinaryIO) -> bool:
    """Whether the gzipped WARC ``fh`` cannot be cut at gzip member starts: one gzip stream, a first
    member larger than :data:`MEMBER_PROBE`, or a second member that does not begin with a record
    (members cut mid-record). Crawlers write one record (or a few) per member: cut at members."""
    fh.seek(0)
    data = fh.read(MEMBER_PROBE)
    dec = zlib.decompressobj(wbits=31)
    try:
        while data and not dec.eof:
            dec.decompress(data, BLOCK)
            data = dec.unconsumed_tail
    except zlib.error:
        return False  # damaged at the start: read whole, where the reader reports it
    if not dec.eof:
        return True
    rest = (dec.unused_data + fh.read(64 * 1024)).lstrip(b"\x00")
    return not rest or not _is_warc_member(rest)


class _Scanner:
    """Walks the records of a decompressed WARC stream (see the module docstring)."""

    def __init__(self, stream, *, header_cap: int) -> None:
        self._stream = stream
        self._buf = b""
        self._base = 0  # decompressed offset of _buf[0]
        self._cap = header_cap
        self.members: list[tuple[int, int]] = []  # (decompressed offset, file offset) where members begin
        self.total = 0

    def _fill(self) -> bool:
        data = self._stream.read(BLOCK)
        if not data:
            return False
        member = self._stream.member_offset
        if not self.members or self.members[-1][1] != member:  # each read gives bytes of one member
            self.members.append((self.total, member))
        self.total += len(data)
        self._buf = self._buf + data if self._buf else data
        return True

    def _drop_to(self, offset: int) -> bool:
        """Forget the bytes before ``offset`` (reading on to it); False when the stream ends first."""
        while self._base + len(self._buf) < offset:
            self._base += len(self._buf)
            self._buf = b""
            if not self._fill():
                return False
        self._buf = self._buf[offset - self._base:]
        self._base = offset
        return True

    def records(self) -> Iterator[int]:
        """The decompressed offset of each record whose framing is sound, in order."""
        while True:
            while len(self._buf) < 5 and self._fill():
                pass
            if not self._buf.startswith(b"WARC/"):
                return  # the end, or something that is not a record: the reader reports what it is
            end = self._buf.find(b"\r\n\r\n")
            while end < 0 and len(self._buf) <= self._cap and self._fill():
                end = self._buf.find(b"\r\n\r\n")
            if end < 0 or end > self._cap:
                return
            length = _LENGTH.search(self._buf, 0, end + 2)
            if length is None:
                return
            yield self._base
            if not self._drop_to(self._base + end + 4 + int(length.group(1))):
                return
            while True:  # the blank lines that end the record
                stripped = self._buf.lstrip(b"\r\n")
                self._base += len(self._buf) - len(stripped)
                self._buf = stripped
                if stripped or not self._fill():
                    break

    def member_of(self, offset: int) -> tuple[int, int]:
        """(file offset, decompressed offset) of the member holding the decompressed ``offset``."""
        at, member = self.members[0]
        for start, file_offset in self.members:
            if start > offset:
                break
            at, member = start, file_offset
        return member, at


def scan_records(path: Path, *, step: int, options: ReadOptions) -> tuple[list[tuple[int, int, int, int]], int]:
    """Record starts at least ``step`` decompressed bytes apart in the gzipped WARC ``path`` (the first
    at 0) as (member file offset, bytes to pass from that member, record number from 0, decompressed
    offset), and the decompressed bytes the scan went through; decompressed once, as a stream."""
    from warta.io.readers.gz import GunzipStream

    cuts: list[tuple[int, int, int, int]] = []
    with open(path, "rb") as fh:
        scanner = _Scanner(GunzipStream(fh, origin=str(path), line_cap=options.max_bytes), header_cap=options.max_bytes)
        wanted = 0
        for number, offset in enumerate(scanner.records()):
            if offset >= wanted:
                member, member_at = scanner.member_of(offset)
                cuts.append((member, offset - member_at, number, offset))
                wanted = offset + step
        while scanner._fill():  # the scan stopped early (damage): the last partition reads to the end
            scanner._buf = b""
    if cuts and cuts[0][3] != 0:
        cuts.insert(0, (0, 0, 0, 0))
    return cuts or [(0, 0, 0, 0)], scanner.total


class _Window(io.RawIOBase):
    """``length`` bytes (None: all) of ``raw`` after passing ``skip`` bytes, as a stream."""

    def __init__(self, raw: BinaryIO, *, skip: int, length: int | None) -> None:
        super().__init__()
        self._raw = raw
        self._skip = skip
        self._left = length
        self.short = False  # the stream ended while passing bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._skip:
            data = self._raw.read(min(BLOCK, self._skip))
            if not data:
                self.short, self._skip = True, 0
                return 0
            self._skip -= len(data)
        size = len(buffer) if self._left is None else min(len(buffer), self._left)
        data = self._raw.read(size) if size else b""
        if self._left is not None:
            self._left -= len(data)
        buffer[:len(data)] = data
        return len(data)


def read_record_range(part, *, options: ReadOptions) -> Iterator[ReadItem]:
    """The articles of a record range (a :class:`~warta.io.readers.partitions.Part` with ``line`` set and
    ``fmt`` ``warc``) of a gzipped WARC; reports name the file's record numbers."""
    from warta.io.readers.gz import GunzipStream
    from warta.io.readers.warc import read_warc

    try:
        fh = open(part.path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ReadError(part.path, f"cannot open: {exc.strerror}")
        return
    count = 0
    gunzipped = None
    with fh:
        try:
            fh.seek(part.start)
            gunzipped = GunzipStream(fh, origin=part.path, line_cap=options.max_bytes)
            window = _Window(gunzipped, skip=part.skip, length=part.length)
            for item in read_warc(io.BufferedReader(window, buffer_size=BLOCK), origin=part.path, options=options,
                                  first_record=(part.line or 0) + 1):
                if isinstance(item, ReadError) and _no_pages(item):
                    continue
                count += 1
                yield item
            if gunzipped.error is not None:
                raise gunzipped.error
            if window.short:
                raise ReadError(part.path, f"the file ends before record {(part.line or 0) + 1}: it changed since "
                                           "it was partitioned, or is truncated")
        except ReadError as exc:
            if _no_pages(exc):
                return  # a range of only non-page records (requests, metadata) is not a failure
            # the gzip stream's own reason (truncated, corrupt) explains what the WARC reader saw
            cause = gunzipped.error if gunzipped is not None else None
            problem = cause.problem if cause is not None else exc.problem.removeprefix("not a WARC file or corrupt: ")
            yield ReadError(exc.origin, f"{problem}; reading {part.describe()} stopped after {count} item(s)",
                            where=exc.where or f"record {(part.line or 0) + 1}")
        except Exception as exc:  # a damaged file must not end the partition with a crash
            log.debug("reading %s failed", part.describe(), exc_info=True)
            yield ReadError(part.path, f"could not read {part.describe()} after {count} item(s): "
                                       f"{type(exc).__name__}: {exc}")


def _no_pages(error: ReadError) -> bool:
    return error.problem.startswith("WARC file holds no HTML")

