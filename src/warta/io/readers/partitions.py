"""Inputs cut into partitions that workers read independently (``warta analyze --dask``).

:func:`plan_partitions` runs on the client and never holds an input whole: it lists the files
(directories walked as :func:`~warta.io.readers.iter_articles` walks them), sniffs each file's first
bytes and looks at its size. Three kinds of file are cut into several partitions:

* a large uncompressed JSON Lines file, and a large WARC (plain, or gzipped one record per member
  as crawlers write them): byte ranges ``[start, end)`` of the file, which a worker moves onto
  record boundaries (the start of a line; the start of a gzip member or a WARC record), found the
  same way by the partition that ends there and the one that begins there, so every record belongs
  to exactly one partition;
* a gzipped JSON Lines file (a byte offset means nothing inside a compressed stream): the client
  decompresses it once, as a stream, and cuts it at line starts into line ranges; a partition
  records the gzip member to start decompressing at (the file's start for a single gzip stream, a
  nearby member for multi-member files such as bgzip or concatenated dumps), the lines to pass
  from there, and how many lines it reads;
* a WARC gzipped as one stream (or in a few large members): cut the same way into record ranges,
  found by walking the records' framing once (:mod:`warta.io.readers.warc_ranges`).

Each split file ends in smaller partitions (:func:`piece_bytes`), and the client submits the largest
partitions first, so the workers of a run finish together instead of waiting for one long last
task. Other files (small ones, feeds, pages) are grouped, whole, into partitions of about
``partition_bytes`` (decompressed bytes for the line and record ranges of gzipped files). Cuts
depend only on the file itself (its size and contents) and
``partition_bytes``, so a re-run plans the same partitions (:data:`PLANNER` names the rules).
A worker reads a partition with :func:`read_partition`, through warta's own readers with all their
limits.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from warta.io.readers.base import ReadError, ReadItem, ReadOptions

log = logging.getLogger(__name__)

#: Default size of a partition: about 1,500 seed-sized articles of JSON Lines, a few minutes of work.
DEFAULT_PARTITION_BYTES = 8 * 1024 * 1024
#: Bytes read at a time while looking for a record boundary or scanning a gzipped file.
SCAN_BLOCK = 1 << 20
#: The smallest piece of a split file is this fraction of a partition (the tail of each file).
PIECES_PER_PARTITION = 8
#: Version of the cutting rules; a dataset is resumed only with the rules (and size) it was planned with.
PLANNER = 3


@dataclass(slots=True, frozen=True)
class Part:
    """One file of a partition: whole (``start`` 0, ``end`` None), the byte range ``[start, end)``,
    or (``line`` set; gzipped line files) the ``lines`` lines from line ``line`` (0-based; ``lines``
    None: to the end), found by decompressing from the gzip member at byte ``start`` and passing
    ``skip`` lines; or (``line`` set, ``fmt`` ``warc``; a WARC gzipped as one stream) the ``lines``
    records from record ``line``, found by decompressing from the member at ``start`` and passing
    ``skip`` decompressed bytes, then reading ``length`` bytes (None: to the end)."""

    path: str
    fmt: str
    start: int = 0
    end: int | None = None
    line: int | None = None
    skip: int = 0
    lines: int | None = None
    length: int | None = None

    def describe(self) -> str:
        """``path``, ``path [bytes start-end)``, ``path [lines a-b]`` or ``path [records a-b]``, for reports."""
        if self.line is not None:
            last = "end" if self.lines is None else self.line + self.lines
            return f"{self.path} [{'records' if self.fmt == 'warc' else 'lines'} {self.line + 1}-{last}]"
        return self.path if self.end is None and not self.start else f"{self.path} [bytes {self.start}-{self.end})"


@dataclass(slots=True, frozen=True)
class Partition:
    """What one task reads: one or more file parts. ``id`` is stable for the same files, sizes,
    modification times and ranges, so a re-run recognises partitions it finished. ``size``: its
    input bytes (decompressed for gzipped line files), to submit the largest first."""

    id: str
    parts: tuple[Part, ...] = field(default_factory=tuple)
    size: int = 0

    def describe(self) -> str:
        """The inputs of the partition in words (first three parts)."""
        names = [p.describe() for p in self.parts[:3]]
        more = f" and {len(self.parts) - 3} more file(s)" if len(self.parts) > 3 else ""
        return ", ".join(names) + more

    def to_dict(self) -> dict:
        """JSON-ready form (stored in the partition's done marker)."""
        return {"id": self.id, "parts": [asdict(p) for p in self.parts], "size": self.size}


def _partition_id(parts: list[Part]) -> str:
    h = hashlib.sha1()
    for p in parts:
        try:
            st = os.stat(p.path)
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            stamp = "?"
        key = [os.path.abspath(p.path), stamp, p.fmt, p.start, p.end]
        if p.line is not None:
            key += [p.line, p.skip, p.lines]
        if p.length is not None:
            key.append(p.length)
        h.update(json.dumps(key).encode())
    return h.hexdigest()[:16]


def _single(part: Part, size: int) -> Partition:
    return Partition(id=_partition_id([part]), parts=(part,), size=size)


def piece_bytes(remaining: int, partition_bytes: int) -> int:
    """How many bytes the next partition of a split file takes when ``remaining`` are left: a full
    partition, except in the last four partitions' worth of the file, which are cut in shrinking
    pieces (a quarter of what is left) down to 1/:data:`PIECES_PER_PARTITION` of a partition."""
    smallest = max(1, partition_bytes // PIECES_PER_PARTITION)
    return max(smallest, min(partition_bytes, remaining // 4))


def _single_stream(path: Path) -> bool:
    """Whether the gzipped WARC at ``path`` is one gzip stream (cut by records, not byte ranges)."""
    from warta.io.readers.warc_ranges import is_single_stream

    with open(path, "rb") as fh:
        return is_single_stream(fh)


def _splittable(fmt: str, head: bytes) -> bool:
    """Whether a file can be cut into byte ranges: uncompressed JSON Lines, and WARC files."""
    from warta.io.readers.gz import is_gzip

    if fmt == "jsonl":
        return not is_gzip(head)
    return fmt == "warc"


def _byte_ranges(path: str, fmt: str, size: int, partition_bytes: int) -> list[Partition]:
    found, start = [], 0
    while start < size:
        end = min(size, start + piece_bytes(size - start, partition_bytes))
        found.append(_single(Part(path=path, fmt=fmt, start=start, end=end), end - start))
        start = end
    return found


@dataclass(slots=True, frozen=True)
class _Cut:
    """A line start in a gzipped line file: the member to decompress from, lines to pass there, the
    line's number and its decompressed offset."""

    member: int
    skip: int
    line: int
    at: int


def _scan_gzip_lines(path: Path, *, step: int, line_cap: int) -> tuple[list[_Cut], int]:
    """Line starts at least ``step`` decompressed bytes apart in the gzipped file ``path`` (the first at
    0), and the decompressed bytes it holds; decompressed once, as a stream. A damaged stream, or a
    line over ``line_cap``, ends the scan there (the partition that reads on to it reports it)."""
    from warta.io.readers.gz import GunzipStream

    cuts = [_Cut(0, 0, 0, 0)]
    pos = lines = 0
    member, member_lines = -2, 0
    wanted = step
    with open(path, "rb") as fh:
        stream = GunzipStream(fh, origin=str(path), line_cap=line_cap)
        while data := stream.read(SCAN_BLOCK):
            if stream.member_offset != member:  # each read gives bytes of one member
                member, member_lines = stream.member_offset, lines
            end = pos + len(data)
            while wanted <= end and member >= 0:
                nl = data.find(b"\n", max(0, wanted - 1 - pos))
                if nl < 0:
                    break
                line = lines + data.count(b"\n", 0, nl + 1)
                cuts.append(_Cut(member=member, skip=line - member_lines, line=line, at=pos + nl + 1))
                wanted = pos + nl + 1 + step
            lines += data.count(b"\n")
            pos = end
    if len(cuts) > 1 and cuts[-1].at >= pos:
        cuts.pop()  # the file ends there: nothing after the last cut
    return cuts, pos


def _group_cuts(cuts: list[_Cut], total: int, partition_bytes: int) -> Iterator[tuple[_Cut, _Cut | None, int]]:
    """Consecutive cuts grouped into pieces of :func:`piece_bytes`: (first cut, the next piece's first
    cut or None for the last piece, decompressed size)."""
    i = 0
    while i < len(cuts):
        target = piece_bytes(total - cuts[i].at, partition_bytes)
        j = i + 1
        while j < len(cuts) and cuts[j].at - cuts[i].at < target:
            j += 1
        after = cuts[j] if j < len(cuts) else None
        yield cuts[i], after, (after.at if after else total) - cuts[i].at
        i = j


def _gzip_line_ranges(path: str, fmt: str, *, partition_bytes: int,
                      options: ReadOptions) -> tuple[list[Partition], int]:
    """A gzipped line file cut into line ranges, and its decompressed size; no ranges (read it whole)
    when it holds one partition's worth or less."""
    step = max(1, partition_bytes // PIECES_PER_PARTITION)
    cuts, total = _scan_gzip_lines(Path(path), step=step, line_cap=options.max_bytes)
    if total <= partition_bytes or len(cuts) < 2:
        return [], total
    return [_single(Part(path=path, fmt=fmt, start=first.member, line=first.line, skip=first.skip,
                         lines=after.line - first.line if after else None), size)
            for first, after, size in _group_cuts(cuts, total, partition_bytes)], total


def _warc_record_ranges(path: str, *, partition_bytes: int, options: ReadOptions) -> tuple[list[Partition], int]:
    """A WARC gzipped as one stream cut into record ranges, and its decompressed size; no ranges
    (read it whole) when it holds one partition's worth or less."""
    from warta.io.readers.warc_ranges import MAX_RANGES, scan_records

    step = max(1, partition_bytes // PIECES_PER_PARTITION)
    found, total = scan_records(Path(path), step=step, options=options)
    cuts = [_Cut(member=m, skip=skip, line=number, at=at) for m, skip, number, at in found]
    if total <= partition_bytes or len(cuts) < 2:
        return [], total
    partition_bytes = max(partition_bytes, -(-total // MAX_RANGES))  # passing bytes stays cheap (MAX_RANGES)
    return [_single(Part(path=path, fmt="warc", start=first.member, line=first.line, skip=first.skip,
                         lines=after.line - first.line if after else None,
                         length=after.at - first.at if after else None), size)
            for first, after, size in _group_cuts(cuts, total, partition_bytes)], total


def plan_partitions(paths: list[str], *, fmt: str = "auto", options: ReadOptions | None = None,
                    partition_bytes: int = DEFAULT_PARTITION_BYTES) -> tuple[list[Partition], list[ReadError]]:
    """Cut the inputs under ``paths`` into partitions of about ``partition_bytes`` each.

    Returns the partitions and the inputs that cannot be partitioned (missing files, stdin, web
    addresses, unknown formats), each as a :class:`ReadError`.
    """
    from warta.io.readers import _note_skip, choose_format, walk_files
    from warta.io.readers.gz import is_gzip

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
            partitions.append(Partition(id=_partition_id(group), parts=tuple(group), size=group_bytes))
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
            pieces: list[Partition] = []
            try:
                size = f.stat().st_size
                with open(f, "rb") as fh:
                    head = fh.read(4096)
                name = choose_format(path=str(f), head=head, fmt=fmt)
                if name == "jsonl" and is_gzip(head):
                    pieces, size = _gzip_line_ranges(str(f), name, partition_bytes=partition_bytes, options=options)
                elif name == "warc" and is_gzip(head) and _single_stream(f):
                    pieces, size = _warc_record_ranges(str(f), partition_bytes=partition_bytes, options=options)
                elif size > partition_bytes and _splittable(name, head):
                    pieces = _byte_ranges(str(f), name, size, partition_bytes)
            except ReadError as exc:
                errors.append(exc)
                continue
            except OSError as exc:
                errors.append(ReadError(str(f), f"cannot open: {exc.strerror}"))
                continue
            if pieces:
                close_group()
                partitions += pieces
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


def part_bounds(fh: BinaryIO, part: Part) -> tuple[int, int]:
    """The byte range of ``part`` moved onto record boundaries (``start == end``: no records)."""
    if part.end is None:
        return 0, fh.seek(0, os.SEEK_END)
    if part.fmt == "jsonl":
        return _next_line_start(fh, part.start), _next_line_start(fh, part.end)
    from warta.io.readers.warc_ranges import next_record_start

    fh.seek(0)
    gzipped = fh.read(2) == b"\x1f\x8b"
    return (next_record_start(fh, part.start, gzipped=gzipped), next_record_start(fh, part.end, gzipped=gzipped))


class LineSlice(io.RawIOBase):
    """Lines ``skip`` to ``skip + lines`` of the readable stream ``raw`` (``lines`` None: to its end),
    as a stream; its ``error`` is the one ``raw`` ended with (a bounded gzip stream's)."""

    def __init__(self, raw: BinaryIO, *, skip: int, lines: int | None) -> None:
        super().__init__()
        self._raw = raw
        self._skip = skip
        self._left = lines
        self._held = b""

    def readable(self) -> bool:
        return True

    @property
    def error(self):
        """Why ``raw`` ended early (see :func:`warta.io.readers.gz.stream_error`), or None."""
        return getattr(self._raw, "error", None)

    def _next(self, size: int) -> bytes:
        if self._held:
            data, self._held = self._held[:size], self._held[size:]
            return data
        return self._raw.read(size) or b""

    @staticmethod
    def _after_newlines(data: bytes, count: int) -> int:
        """The offset just after the ``count``-th newline of ``data`` (which holds at least that many)."""
        at = -1
        for _ in range(count):
            at = data.index(b"\n", at + 1)
        return at + 1

    def readinto(self, buffer) -> int:
        while self._skip:
            data = self._next(SCAN_BLOCK)
            if not data:
                return 0
            newlines = data.count(b"\n")
            if newlines < self._skip:
                self._skip -= newlines
                continue
            self._held = data[self._after_newlines(data, self._skip):]
            self._skip = 0
        if self._left == 0:
            return 0
        data = self._next(len(buffer))
        if self._left is not None and data:
            newlines = data.count(b"\n")
            if newlines >= self._left:
                data = data[:self._after_newlines(data, self._left)]
                self._left = 0
            else:
                self._left -= newlines
        buffer[:len(data)] = data
        return len(data)


def _read_line_part(part: Part, *, options: ReadOptions) -> Iterator[ReadItem]:
    """The articles of a line range of a gzipped JSON Lines file, errors numbered by the file's lines."""
    from warta.io.readers.gz import CHUNK, GunzipStream
    from warta.io.readers.jsonl import read_jsonl

    try:
        fh = open(part.path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ReadError(part.path, f"cannot open: {exc.strerror}")
        return
    count = 0
    with fh:
        try:
            fh.seek(part.start)
            gunzipped = GunzipStream(fh, origin=part.path, line_cap=options.max_bytes)
            stream = io.BufferedReader(LineSlice(gunzipped, skip=part.skip, lines=part.lines), buffer_size=CHUNK)
            for item in read_jsonl(stream, origin=part.path, options=options, first_line=(part.line or 0) + 1):
                count += 1
                yield item
            if gunzipped.error is not None:
                raise gunzipped.error
        except ReadError as exc:
            kept = f"; reading {part.describe()} stopped after {count} item(s)" if count else ""
            yield ReadError(exc.origin, f"{exc.problem}{kept}", where=exc.where)
        except Exception as exc:  # a damaged file must not end the partition with a crash
            log.debug("reading %s failed", part.describe(), exc_info=True)
            yield ReadError(part.path, f"could not read {part.describe()} after {count} item(s): "
                                       f"{type(exc).__name__}: {exc}")


def read_part(part: Part, *, options: ReadOptions) -> Iterator[ReadItem]:
    """Articles and read errors of one part (a whole file, the records of its byte range, or a line range)."""
    from warta.io.readers import _read_file, _read_stream

    if part.line is not None and part.fmt == "warc":
        from warta.io.readers.warc_ranges import read_record_range

        yield from read_record_range(part, options=options)
        return
    if part.line is not None:
        yield from _read_line_part(part, options=options)
        return
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
