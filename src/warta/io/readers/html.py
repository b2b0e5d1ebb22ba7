"""HTML article pages: the main text, title, date, canonical url and site name, via trafilatura.

Pages are decoded as UTF-8 when they are valid UTF-8, else with the charset the page (or the
HTTP response) declares, else with trafilatura's encoding detection. The publication date is
the one trafilatura (htmldate) finds in the page markup; without one, :func:`build_article`
infers it from the url or the dateline.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from warta.io.readers.base import (
    ReadError,
    ReadItem,
    ReadOptions,
    build_article,
    clean_field,
    decode_text,
    read_limited,
)
from warta.model import Article

#: A body shorter than this (title excluded) is menu or footer residue, not an article.
MIN_BODY_CHARS = 20

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Labels that browsers decode as windows-1252 (the WHATWG encoding standard).
_CP1252_LABELS = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii", "l1"}


def _declared_charset(data: bytes, hint: str | None) -> list[str]:
    """Charsets to try, in order: the HTTP hint, then a ``<meta charset>`` in the first 4 KB."""
    found = [hint] if hint else []
    m = _META_CHARSET.search(data[:4096])
    if m:
        found.append(m.group(1).decode("ascii", "replace"))
    out: list[str] = []
    for label in found:
        label = label.strip().lower()
        label = "cp1252" if label in _CP1252_LABELS else label
        try:
            codecs.lookup(label)
        except LookupError:
            continue
        if label not in out:
            out.append(label)
    return out


def decode_html(data: bytes, *, origin: str, where: str | None = None, charset: str | None = None) -> str:
    """Decode an HTML page: UTF-8, else its declared charset, else trafilatura's guess.

    Binary data (NUL bytes) is a :class:`ReadError`; a page in a legacy encoding is not.
    """
    try:
        return decode_text(data, origin=origin, where=where)
    except ReadError:
        if b"\x00" in data[:8192]:
            raise
    for label in _declared_charset(data, charset):
        if label.replace("_", "-") in ("utf-8", "utf8"):
            continue
        try:
            return data.decode(label)
        except (UnicodeDecodeError, LookupError):
            continue
    from trafilatura.utils import decode_file  # slow import, only when needed

    return decode_file(data, max_size=len(data))


def _extract(html: str, *, url: str | None, today: date) -> Any:
    """Run trafilatura; returns its Document, or None when it finds nothing."""
    import trafilatura  # slow import, only when an HTML page is read

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True,
        include_tables=True, include_images=False, include_links=False,
        # only dates in the page markup or url, none guessed from the running text
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": today.isoformat()},
    )


def _body_without_title(text: str, title: str | None) -> str:
    body = text.strip()
    if title and body.startswith(title):
        body = body[len(title):]
    return body.strip()


def article_from_html(html: str | bytes, *, origin: str, options: ReadOptions, url: str | None = None,
                      published_raw: str | None = None, where: str | None = None, reader: str = "html",
                      charset: str | None = None) -> Article:
    """Extract one article from an HTML page.

    ``url`` is the page's known address (e.g. a WARC target URI); a canonical url in the page
    wins over it. ``published_raw`` is used only when the page markup gives no date.
    ``charset`` is an encoding declared outside the page (an HTTP header). Raises
    :class:`ReadError` when the page holds no article body.
    """
    if isinstance(html, bytes):
        html = decode_html(html, origin=origin, where=where, charset=charset)
    if not html.strip():
        raise ReadError(origin, "empty HTML page", where=where)
    doc = _extract(html, url=url, today=options.today)
    if doc is None:
        raise ReadError(origin, "HTML page has no article body", where=where)
    title = clean_field(doc.title)
    text = doc.text or ""
    if len(_body_without_title(text, title)) < MIN_BODY_CHARS:
        raise ReadError(origin, "HTML page has no article body", where=where)
    return build_article(
        body=text, title=title, options=options, origin=origin, reader=reader,
        url=clean_field(doc.url) or url, published_raw=clean_field(doc.date) or published_raw,
        source_name=clean_field(doc.sitename), where=where,
    )


def read_html(stream: BinaryIO, *, origin: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Read one HTML article page (bounded by ``options.max_bytes``)."""
    data = read_limited(stream, origin=origin, max_bytes=options.max_bytes)
    yield article_from_html(data, origin=origin, options=options)
