"""Inputs cut into partitions that workers read independently (``warta analyze --dask``).

:func:`plan_partitions` runs on the client and never reads an input whole: it lists the files
(directories walked as :func:`~warta.readers.iter_articles` walks them), sniffs each file's first
bytes and looks at its size. A large uncompressed JSON Lines file, and a large WARC (plain, or
gzipped one record per member as crawlers write them), become several partitions, each a byte
range ``[start, end)`` of the file; other files (small ones, feeds, pages, gzipped JSON Lines) are
grouped, whole, into partitions of about ``partition_bytes``.

A worker reads a byte range with :func:`read_partition`: the range is moved onto record
boundaries (the start of a line; the start of a gzip member or a WARC record), found the same way
by the partition that ends there and the one that begins there, so every record belongs to
exactly one partition; the slice is then read by warta's own readers with all their limits.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from warta.readers.base import ReadError, ReadItem, ReadOptions

log = logging.getLogger(__name__)

#: Default size of a partition: about 1,500 seed-sized articles of JSON Lines, a few minutes of work.
DEFAULT_PARTITION_BYTES = 8 * 1024 * 1024
#: Bytes read at a time while looking for a record boundary.
SCAN_BLOCK = 1 << 20
_GZIP_MEMBER = b"\x1f\x8b\x08"


@dataclass(slots=True, frozen=True)
class Part:
    """One file of a partition, whole (``start`` 0, ``end`` None) or the byte range ``[start, end)``."""

    path: str
    fmt: str
    start: int = 0
    end: int | None = None

    def describe(self) -> str:
        """``path`` or ``path [bytes start-end)``, for reports."""
        return self.path if self.end is None and not self.start else f"{self.path} [bytes {self.start}-{self.end})"


@dataclass(slots=True, frozen=True)
class Partition:
    """What one task reads: one or more file parts. ``id`` is stable for the same files, sizes,
    modification times and ranges, so a re-run recognises partitions it finished."""

    id: str
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        """The inputs of the partition in words (first three parts)."""
        names = [p.describe() for p in self.parts[:3]]
        more = f" and {len(self.parts) - 3} more file(s)" if len(self.parts) > 3 else ""
        return ", ".join(names) + more

    def to_dict(self) -> dict:
        """JSON-ready form (stored in the partition's done marker)."""
        return {"id": self.id, "parts": [asdict(p) for p in self.parts]}


def _partition_id(parts: list[Part]) -> str:
    h = hashlib.sha1()
    for p in parts:
        try:
            st = os.stat(p.path)
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            stamp = "?"
        h.update(json.dumps([os.path.abspath(p.path), stamp, p.fmt, p.start, p.end]).encode())
    return h.hexdigest()[:16]


def _splittable(path: Path, fmt: str, head: bytes) -> bool:
    """Whether a file can be cut into byte ranges: uncompressed JSON Lines, and WARC files."""
    from warta.readers.gz import is_gzip

    if fmt == "jsonl":
        return not is_gzip(head)
    return fmt == "warc"


def plan_partitions(paths: list[str], *, fmt: str = "auto", options: ReadOptions | None = None,
                    partition_bytes: int = DEFAULT_PARTITION_BYTES) -> tuple[list[Partition], list[ReadError]]:
    """Cut the inputs under ``paths`` into partitions of about ``partition_bytes`` each.

    Returns the partitions and the inputs that cannot be partitioned (missing files, stdin, web
    addresses, unknown formats), each as a :class:`ReadError`.
    """
    from warta.readers import _note_skip, choose_format, walk_files

    if partition_bytes < 1:
        raise ValueError(f"partition_bytes must be at least 1, got {partition_bytes}")
    options = options or ReadOptions()
    partitions: list[Partition] = []
    errors: list[ReadError] = []
    group: list[Part] = []
    group_bytes = 0

    def close_group() -> None:
        nonlocal group, group_bytes
        if group:
            partitions.append(Partition(id=_partition_id(group), parts=tuple(group)))
        group, group_bytes = [], 0

    for raw in paths:
        if raw == "-" or raw.startswith(("http://", "https://")):
            errors.append(ReadError(raw, "stdin and web addresses cannot be read by cluster workers; "
                                         "save them to a file the workers can read"))
            continue
        path = Path(raw)
        if path.is_dir():
            files = list(walk_files(path, follow_symlinks=options.follow_symlinks, on_skip=_note_skip))
            if not files:
                errors.append(ReadError(raw, "directory holds no article files"))
        elif path.is_file():
            files = [path]
        else:
            errors.append(ReadError(raw, "no such file or directory"))
            continue
        for f in files:
            try:
                size = f.stat().st_size
                with open(f, "rb") as fh:
                    head = fh.read(4096)
                name = choose_format(path=str(f), head=head, fmt=fmt)
            except ReadError as exc:
                errors.append(exc)
                continue
            except OSError as exc:
                errors.append(ReadError(str(f), f"cannot open: {exc.strerror}"))
                continue
            if size > partition_bytes and _splittable(f, name, head):
                close_group()
                for start in range(0, size, partition_bytes):
                    part = Part(path=str(f), fmt=name, start=start, end=min(size, start + partition_bytes))
                    partitions.append(Partition(id=_partition_id([part]), parts=(part,)))
                continue
            group.append(Part(path=str(f), fmt=name))
            group_bytes += size
            if group_bytes >= partition_bytes:
                close_group()
    close_group()
    return partitions, errors


class FileSlice(io.RawIOBase):
    """The bytes ``[start, end)`` of an open file, as a readable stream."""

    def __init__(self, raw: BinaryIO, *, start: int, end: int) -> None:
        super().__init__()
        self._raw = raw
        self._left = max(0, end - start)
        raw.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        data = self._raw.read(min(len(buffer), self._left))
        n = len(data)
        buffer[:n] = data
        self._left -= n
        return n


def _next_line_start(fh: BinaryIO, offset: int) -> int:
    """The offset of the first line that starts at or after ``offset`` (the file size at the end)."""
    if offset <= 0:
        return 0
    fh.seek(offset - 1)
    pos = offset - 1
    while block := fh.read(SCAN_BLOCK):
        nl = block.find(b"\n")
        if nl >= 0:
            return pos + nl + 1
        pos += len(block)
    return pos


def _is_warc_member(data: bytes) -> bool:
    try:
        return zlib.decompressobj(wbits=31).decompress(data, 16).startswith((b"WARC/", b"warc/"))
    except zlib.error:
        return False


def _next_warc_record(fh: BinaryIO, offset: int, *, gzipped: bool) -> int:
    """The offset of the first WARC record (a gzip member holding one, or a ``WARC/`` header line
    after a blank line) that starts at or after ``offset``; the file size when there is none."""
    if offset <= 0:
        return 0
    marker = _GZIP_MEMBER if gzipped else b"\r\n\r\nWARC/"
    skip = 0 if gzipped else 4  # the record starts after the blank line that ends the one before
    pos = max(0, offset - skip)
    fh.seek(pos)
    buf = fh.read(2 * SCAN_BLOCK)
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
        buf = fh.read(2 * SCAN_BLOCK)
        if len(buf) <= keep:
            break
    return fh.seek(0, os.SEEK_END)


def part_bounds(fh: BinaryIO, part: Part) -> tuple[int, int]:
    """The byte range of ``part`` moved onto record boundaries (``start == end``: no records)."""
    if part.end is None:
        return 0, fh.seek(0, os.SEEK_END)
    if part.fmt == "jsonl":
        return _next_line_start(fh, part.start), _next_line_start(fh, part.end)
    fh.seek(0)
    gzipped = fh.read(2) == b"\x1f\x8b"
    return (_next_warc_record(fh, part.start, gzipped=gzipped), _next_warc_record(fh, part.end, gzipped=gzipped))


def read_part(part: Part, *, options: ReadOptions) -> Iterator[ReadItem]:
    """Articles and read errors of one part (a whole file, or the records of its byte range)."""
    from warta.readers import _read_file, _read_stream

    if part.end is None:
        yield from _read_file(Path(part.path), fmt=part.fmt, options=options)
        return
    try:
        fh = open(part.path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ReadError(part.path, f"cannot open: {exc.strerror}")
        return
    with fh:
        start, end = part_bounds(fh, part)
        if start >= end:
            return  # a range inside one long record: the partition before it reads that record
        origin = f"{part.path}[{start}:{end}]"
        stream = io.BufferedReader(FileSlice(fh, start=start, end=end))
        for item in _read_stream(stream, origin=origin, fmt=part.fmt, options=options):
            if isinstance(item, ReadError) and item.problem.startswith(("WARC file holds no HTML", "no articles found")):
                continue  # a slice of only non-page records (requests, metadata) is not a failure
            yield item


def read_partition(partition: Partition, *, options: ReadOptions | None = None) -> Iterator[ReadItem]:
    """Articles and read errors of every part of ``partition``, in order."""
    options = options or ReadOptions()
    for part in partition.parts:
        yield from read_part(part, options=options)
