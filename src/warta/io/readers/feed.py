"""RSS and Atom feeds: one article per entry, via feedparser.

The body is the entry's full content (``content:encoded``, Atom ``content``) when present, else
its summary/description, turned from HTML into text with one paragraph per line. An entry with
neither text nor title is reported with its index and the other entries are still read.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

from warta.io.dates import parse_published
from warta.io.readers.base import ReadError, ReadItem, ReadOptions, build_article, clean_field, read_limited

#: Elements after which a line break is kept when HTML is turned into text.
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
    "table", "section", "article", "header", "footer", "figure", "figcaption", "pre", "hr", "dd", "dt",
})
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph (block element), spaces collapsed."""
    if "<" not in fragment:
        return _tidy_lines(fragment)
    import lxml.html  # lxml comes with trafilatura

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some fragments (e.g. only a comment); keep the raw text
        return _tidy_lines(re.sub(r"<[^>]*>", " ", fragment))
    for el in list(root.iter("script", "style")):
        el.drop_tree()
    for el in root.iter():
        # line breaks in the HTML source are plain spaces; only block elements break lines
        el.text = _WHITESPACE.sub(" ", el.text) if el.text else el.text
        el.tail = _WHITESPACE.sub(" ", el.tail) if el.tail else el.tail
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return _tidy_lines(root.text_content())


def _tidy_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _entry_body(entry: Any) -> str:
    """The entry's text: full content first, then summary/description."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    summary = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or entry.get("description") or "", summary.get("type") or "text/html"))
    for value, ctype in candidates:
        if not value or not value.strip():
            continue
        text = _tidy_lines(value) if ctype == "text/plain" else html_to_text(value)
        if text:
            return text
    return ""


def _entry_title(entry: Any) -> str | None:
    """The entry's title as one line of text."""
    raw = entry.get("title") or ""
    kind = (entry.get("title_detail") or {}).get("type") or "text/plain"
    text = html_to_text(raw) if kind in ("text/html", "application/xhtml+xml") else _tidy_lines(raw)
    return clean_field(" ".join(text.splitlines()))


def _entry_published(entry: Any, *, options: ReadOptions) -> str | None:
    """The entry's date as the feed gives it, or ``YYYY-MM-DD`` from feedparser's parse of it."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = clean_field(entry.get(raw_key))
        if raw and parse_published(raw, today=options.today):
            return raw
        parsed = entry.get(parsed_key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
        if raw:
            return raw
    return None


def read_feed(stream: BinaryIO, *, origin: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Read an RSS or Atom feed (bounded by ``options.max_bytes``): one article per entry."""
    import feedparser  # imported only when a feed is read

    data = read_limited(stream, origin=origin, max_bytes=options.max_bytes)
    if not data.strip():
        raise ReadError(origin, "empty file")
    # a file-like object, so feedparser never takes the input for a url or a path
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            reason = " ".join(str(exc).split()) if exc else "unknown error"
            raise ReadError(origin, f"not a readable feed: {reason}")
        raise ReadError(origin, "feed has no entries")
    source_name = clean_field((parsed.get("feed") or {}).get("title"))
    for i, entry in enumerate(entries):
        where = f"entry {i}"
        title = _entry_title(entry)
        body = _entry_body(entry)
        if not body and not title:
            yield ReadError(origin, "feed entry has neither title nor text", where=where)
            continue
        link = clean_field(entry.get("link"))
        try:
            yield build_article(
                body=body, title=title, options=options, origin=origin, reader="feed", url=link,
                published_raw=_entry_published(entry, options=options),
                doc_id=clean_field(entry.get("id")) or link, source_name=source_name, where=where,
            )
        except ReadError as exc:
            yield exc
