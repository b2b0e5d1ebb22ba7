"""Gzip read as a bounded stream: decompressed bytes capped per member and per line.

A gzip bomb (a few MB that expand to gigabytes) must never be held in memory. :class:`GunzipStream`
decompresses at most what the caller asks for at a time (``max_length`` on zlib, never a whole
member), counts the decompressed bytes of the current member and of the current line (bytes since
the last newline), and stops when either passes its cap. A file that ends inside a member (a
truncated download) or a corrupt member stops it too. Stopping looks like the end of the input to
the parser reading the stream (so nothing read before is lost to an exception in a read-ahead
buffer) and leaves the reason in :attr:`error`, which the reader reports with what it kept:
never a silent end of input. Members follow one another (multi-member gzip, as WARC files are
written); zero padding after the last member is ignored.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from warta.io.readers.base import ReadError, human_size

GZIP_MAGIC = b"\x1f\x8b"
#: Compressed bytes read from the file at a time.
CHUNK = 64 * 1024


class BrokenStream(ReadError):
    """The (gzip) stream is truncated, corrupt, or expands past a cap; reading it must stop."""


def is_gzip(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) is the start of a gzip stream."""
    return head[:2] == GZIP_MAGIC


def gunzip_head(head: bytes, *, size: int = 4096) -> bytes:
    """The first (at most ``size``) decompressed bytes of a gzip stream starting with ``head``.

    Never decompresses more than ``size`` bytes; returns what it can of a damaged stream.
    """
    try:
        return zlib.decompressobj(wbits=31).decompress(head, size)
    except zlib.error:
        return b""


class GunzipStream(io.RawIOBase):
    """A readable, decompressed view of the gzip file ``raw`` with caps on what it may expand to.

    ``member_cap``: most decompressed bytes one gzip member may give (None: no cap).
    ``line_cap``: most decompressed bytes without a newline (None: no cap). A cap that is passed,
    a corrupt stream and a file that ends inside a member end the stream (reads give ``b""``)
    and set :attr:`error`, a :class:`BrokenStream` naming ``origin``.
    """

    def __init__(self, raw: BinaryIO, *, origin: str, member_cap: int | None = None,
                 line_cap: int | None = None) -> None:
        super().__init__()
        self._raw = raw
        self._origin = origin
        self._member_cap = member_cap
        self._line_cap = line_cap
        self._dec: zlib._Decompress | None = None  # None between members
        self._pending = b""  # compressed bytes not yet given to zlib
        self._member = 0  # members started
        self._member_offset = -1  # file offset where the current member begins
        self._member_out = 0  # decompressed bytes of the current member
        self._line_run = 0  # decompressed bytes since the last newline
        self._total_out = 0
        self._eof = False
        self._error: BrokenStream | None = None

    # --- io.RawIOBase -------------------------------------------------------------------
    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self._read_some(len(buffer))
        except BrokenStream:
            return 0  # the reason stays in self.error
        n = len(data)
        buffer[:n] = data
        return n

    @property
    def error(self) -> BrokenStream | None:
        """Why the stream ended early, or None while it is sound."""
        return self._error

    @property
    def member_offset(self) -> int:
        """The file offset where the member that gave the last bytes begins (-1: not seekable), so
        a reader can later start decompressing there (:mod:`warta.io.readers.partitions`)."""
        return self._member_offset

    @property
    def members(self) -> int:
        """Gzip members started so far."""
        return self._member

    # --- internals ----------------------------------------------------------------------
    def _fail(self, problem: str) -> BrokenStream:
        self._error = BrokenStream(self._origin, problem)
        return self._error

    def _fill(self) -> bool:
        """Get more compressed bytes into ``_pending``; False at the end of the file."""
        chunk = self._raw.read(CHUNK)
        if not chunk:
            return False
        self._pending += chunk
        return True

    def _start_member(self) -> bool:
        """Begin the next member; False when the file ends (only zero padding left)."""
        while True:
            self._pending = self._pending.lstrip(b"\x00")
            if self._pending:
                break
            if not self._fill():
                return False
        if len(self._pending) < 2 and self._fill():
            self._pending = self._pending.lstrip(b"\x00")
        if not self._pending.startswith(GZIP_MAGIC):
            raise self._fail(f"corrupt gzip: data after member {self._member} is not a gzip member")
        self._dec = zlib.decompressobj(wbits=31)
        self._member += 1
        try:
            self._member_offset = self._raw.tell() - len(self._pending)
        except (OSError, AttributeError, ValueError):  # a pipe: no offsets
            self._member_offset = -1
        self._member_out = 0
        return True

    def _read_some(self, size: int) -> bytes:
        if self._error is not None or self._eof or size <= 0:
            return b""
        while True:
            if self._dec is None and not self._start_member():
                self._eof = True
                return b""
            assert self._dec is not None
            if not self._pending and not self._fill():
                raise self._fail(f"truncated gzip: the file ends inside member {self._member} "
                                 f"(after {human_size(self._total_out)} decompressed)")
            try:
                out = self._dec.decompress(self._pending, size)
            except zlib.error as exc:
                raise self._fail(f"corrupt gzip in member {self._member}: {exc}") from None
            self._pending = self._dec.unconsumed_tail
            if self._dec.eof:
                self._pending = self._dec.unused_data + self._pending
                self._dec = None
            if out:
                self._check(out)  # a cap passed: these bytes are given, the next read ends
                return out

    def _check(self, out: bytes) -> None:
        self._total_out += len(out)
        self._member_out += len(out)
        if self._member_cap is not None and self._member_out > self._member_cap:
            self._fail(f"gzip member {self._member} expands to more than "
                             f"{human_size(self._member_cap)} (raise the limit with --max-bytes)")
        if self._line_cap is not None:
            nl = out.rfind(b"\n")
            self._line_run = len(out) - nl - 1 if nl >= 0 else self._line_run + len(out)
            if self._line_run > self._line_cap:
                self._fail(f"a line longer than {human_size(self._line_cap)} without a newline "
                                 f"in gzip member {self._member} (raise the limit with --max-bytes)")


class LineCappedStream(io.RawIOBase):
    """A readable view of the uncompressed stream ``raw`` that ends at a line longer than ``line_cap``.

    A parser that reads a line whole (WARC headers) then never holds much more than the cap; the
    reason is left in :attr:`error`.
    """

    def __init__(self, raw: BinaryIO, *, origin: str, line_cap: int) -> None:
        super().__init__()
        self._raw = raw
        self._origin = origin
        self._line_cap = line_cap
        self._line_run = 0
        self._error: BrokenStream | None = None

    def readable(self) -> bool:
        return True

    @property
    def error(self) -> BrokenStream | None:
        """Why the stream ended early, or None while it is sound."""
        return self._error

    def readinto(self, buffer) -> int:
        if self._error is not None:
            return 0
        data = self._raw.read(min(len(buffer), CHUNK))
        n = len(data)
        nl = data.rfind(b"\n")
        self._line_run = n - nl - 1 if nl >= 0 else self._line_run + n
        if self._line_run > self._line_cap:  # these bytes are given, the next read ends
            self._error = BrokenStream(self._origin, f"a line longer than {human_size(self._line_cap)} "
                                       "without a newline (raise the limit with --max-bytes)")
        buffer[:n] = data
        return n


def open_gunzip(stream: BinaryIO, *, origin: str, member_cap: int | None = None,
                line_cap: int | None = None) -> io.BufferedReader:
    """A buffered (peekable) decompressed reader over the gzip file ``stream``; its ``raw`` is the
    :class:`GunzipStream`, whose ``error`` says why it ended early."""
    return io.BufferedReader(GunzipStream(stream, origin=origin, member_cap=member_cap, line_cap=line_cap),
                             buffer_size=CHUNK)


def stream_error(stream: object) -> BrokenStream | None:
    """The :class:`BrokenStream` a bounded stream (or a buffered reader over one) ended with."""
    raw = getattr(stream, "raw", stream)
    error = getattr(raw, "error", None)
    return error if isinstance(error, BrokenStream) else None
