"""What every reader shares: options, errors, bounded reading, decoding, article assembly."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, Protocol

from warta.io.dates import infer_published
from warta.model import Article

log = logging.getLogger(__name__)

#: Default largest input a single document (or a whole non-container file) may have.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_BYTES_ENV = "WARTA_MAX_BYTES"


def default_max_bytes() -> int:
    """The size limit: ``$WARTA_MAX_BYTES`` when set, else :data:`DEFAULT_MAX_BYTES`."""
    raw = os.environ.get(MAX_BYTES_ENV)
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            pass
    return DEFAULT_MAX_BYTES


@dataclass(slots=True)
class ReadOptions:
    """Options every reader honours.

    ``max_bytes`` bounds one document (and a whole plain/JSON/HTML/feed file); container
    formats (JSONL, WARC) are streamed and the limit applies per record (and per line, and to
    what a gzip member may expand to). ``today`` anchors year inference for dates such as
    ``Kamis (13/10)`` and bounds publication dates (at most a year after it).
    ``follow_symlinks``: a directory walk follows symbolic links that lead out of the directory
    named (by default they are skipped with a warning).
    """

    max_bytes: int = field(default_factory=default_max_bytes)
    today: date = field(default_factory=date.today)
    follow_symlinks: bool = False


#: Longest ``problem`` and ``where`` a :class:`ReadError` keeps; the rest is cut (hostile input
#: must not turn into a 300-million-character error line).
MAX_PROBLEM_CHARS = 300
MAX_WHERE_CHARS = 200


def shorten(text: str, limit: int = 200) -> str:
    """``text`` on one line (whitespace runs collapsed), cut to ``limit`` characters with ``…``
    and the full length when longer; only a bounded prefix of ``text`` is looked at."""
    head = " ".join(text[: 4 * limit].split())
    if len(text) <= 4 * limit and len(head) <= limit:
        return head
    return f"{head[:limit]}… ({len(text):,} characters)"


class ReadError(Exception):
    """One input (file, line or record) that could not be read, with the reason."""

    def __init__(self, origin: str, problem: str, *, where: str | None = None) -> None:
        self.origin = origin
        self.problem = shorten(problem, MAX_PROBLEM_CHARS)
        self.where = shorten(where, MAX_WHERE_CHARS) if where is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        loc = f"{self.origin}:{self.where}" if self.where else self.origin
        return f"{loc}: {self.problem}"


#: What readers yield: articles, and errors for the parts they could not read.
ReadItem = Article | ReadError


class Reader(Protocol):
    """A reader turns one binary stream into articles (and errors for bad parts)."""

    def __call__(self, stream: BinaryIO, *, origin: str, options: ReadOptions) -> Iterator[ReadItem]: ...


def human_size(n: int) -> str:
    """``5242880`` → ``'5.0 MB'``."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{n} B"
        n /= 1024
    return f"{n} B"  # pragma: no cover


def read_limited(stream: BinaryIO, *, origin: str, max_bytes: int, where: str | None = None) -> bytes:
    """Read at most ``max_bytes`` from ``stream``; a larger input is a :class:`ReadError`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(origin, f"larger than the size limit of {human_size(max_bytes)} "
                        f"(raise it with --max-bytes or ${MAX_BYTES_ENV})", where=where)
    return data


def decode_text(data: bytes, *, origin: str, where: str | None = None) -> str:
    """Decode UTF-8 (a BOM is dropped); binary data and invalid UTF-8 are :class:`ReadError`."""
    if b"\x00" in data[:8192]:
        raise ReadError(origin, "binary file (contains NUL bytes), not text", where=where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(origin, f"invalid UTF-8 at byte {exc.start} ({exc.reason})", where=where) from None
    return text


def clean_field(value: object) -> str | None:
    """A metadata value as a stripped string, or None when empty/absent."""
    if value is None:
        return None
    s = str(value).strip()
    return s or None


#: The earliest publication date accepted.
EARLIEST_PUBLISHED = date(1900, 1, 1)


def latest_published(today: date) -> date:
    """The latest publication date accepted: a year after ``today`` (28 February for 29 February)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def published_in_range(*, raw: str | None, url: str | None, text: str, today: date,
                       origin: str) -> tuple[date | None, str | None]:
    """:func:`~warta.io.dates.infer_published`, refusing dates outside 1900-01-01..today + 1 year.

    A date out of range is dropped with a warning naming ``origin``; the metadata and the url
    are then set aside in turn so a sound date from another source can still be used.
    """
    latest = latest_published(today)
    for attempt in range(3):
        published, source = infer_published(raw=raw, url=url, text=text, today=today)
        if published is None or EARLIEST_PUBLISHED <= published <= latest:
            return published, source
        log.warning("%s: publication date %s (from %s) is outside %s..%s; dropped", origin,
                    published.isoformat(), source, EARLIEST_PUBLISHED.isoformat(), latest.isoformat())
        if source == "metadata" and attempt < 2:
            raw = None
        elif source == "url" and attempt < 2:
            url = None
        else:
            break
    return None, None


def build_article(*, body: str, title: str | None, options: ReadOptions, origin: str, reader: str,
                  url: str | None = None, published_raw: str | None = None, doc_id: str | None = None,
                  source_name: str | None = None, where: str | None = None) -> Article:
    """Assemble an :class:`Article` with the title first in ``text``.

    When the body already starts with the title (plain text files) it is kept as is; otherwise
    ``text`` is ``title + "\\n\\n" + body``. The publication date is parsed from
    ``published_raw`` or inferred (:func:`warta.io.dates.infer_published`); one outside
    1900-01-01..today + 1 year is dropped with a warning (:func:`published_in_range`). Raises
    :class:`ReadError` when there is no text at all.
    """
    title = clean_field(title)
    if body is None or not body.strip():
        if not title:
            raise ReadError(origin, "no article text", where=where)
        body = ""
    needs_title = bool(title) and not body.lstrip().startswith(title)
    text = (f"{title}\n\n{body}" if body else title) if needs_title else body
    published, published_from = published_in_range(raw=published_raw, url=url, text=text, today=options.today,
                                                   origin=f"{origin}:{where}" if where else origin)
    return Article(
        text=text, title=title, id=clean_field(doc_id), url=clean_field(url), published=published,
        published_raw=clean_field(published_raw), published_from=published_from,
        source_name=clean_field(source_name), origin=f"{origin}:{where}" if where else origin, reader=reader,
    )
