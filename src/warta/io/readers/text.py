"""Plain text articles: title line, optional lede, a ``Diterbitkan pada …`` line, body.

The text is kept exactly as read. The title is the first non-empty line unless that line is
already the body (it opens with a dateline such as ``JAKARTA, KOMPAS.com -`` or is a long
paragraph). The publication date comes from a ``Diterbitkan pada`` line, the dateline or the
body (:func:`warta.io.dates.infer_published`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warta.io.readers.base import ReadItem, ReadOptions, build_article, decode_text, read_limited
from warta.lang.id.datelines import match_dateline

#: A first line longer than this is a paragraph, not a title.
MAX_TITLE_CHARS = 300


def guess_title(text: str) -> str | None:
    """The title line of a plain text article, or None when it starts with the body."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_TITLE_CHARS or match_dateline(line):
            return None
        return line
    return None


def read_text(stream: BinaryIO, *, origin: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Read one plain text article."""
    text = decode_text(read_limited(stream, origin=origin, max_bytes=options.max_bytes), origin=origin)
    yield build_article(body=text, title=guess_title(text), options=options, origin=origin, reader="text")
