"""JSON and JSON Lines articles: objects with ``id``, ``url``, ``title``, ``published``,
``source``, ``text`` (aliases: ``body``/``content`` for text, ``date``/``published_at`` for
published, ``link`` for url). A JSON file may hold one object or an array of them.

JSON Lines files are streamed line by line: a malformed line (bad JSON, nesting too deep for
the parser, a line over the size limit) is reported with its line number and the rest are still
read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from warta.io.readers.base import (
    ReadError,
    ReadItem,
    ReadOptions,
    build_article,
    clean_field,
    decode_text,
    human_size,
    read_limited,
)

#: After this many unreadable lines in a row a file is not JSON Lines (or is hostile): reading
#: stops with one more error rather than reporting millions of lines.
MAX_BAD_LINES_IN_A_ROW = 1000
_TEXT_KEYS = ("text", "body", "content", "article")
_PUBLISHED_KEYS = ("published", "published_at", "date", "pubdate", "datePublished")
_URL_KEYS = ("url", "link")


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        if obj.get(k) not in (None, ""):
            return obj[k]
    return None


def article_from_object(obj: Any, *, origin: str, options: ReadOptions, reader: str,
                        where: str | None = None) -> ReadItem:
    """Turn one decoded JSON value into an article, or a :class:`ReadError` naming the field."""
    if not isinstance(obj, dict):
        return ReadError(origin, f"expected a JSON object, got {type(obj).__name__}", where=where)
    body = _first(obj, _TEXT_KEYS)
    if body is not None and not isinstance(body, str):
        return ReadError(origin, f"field 'text' must be a string, got {type(body).__name__}", where=where)
    source = obj.get("source")
    if isinstance(source, dict):
        source = source.get("name") or source.get("site")
    try:
        return build_article(
            body=body or "", title=clean_field(obj.get("title")), options=options, origin=origin,
            reader=reader, url=clean_field(_first(obj, _URL_KEYS)),
            published_raw=clean_field(_first(obj, _PUBLISHED_KEYS)), doc_id=clean_field(obj.get("id")),
            source_name=clean_field(source), where=where,
        )
    except ReadError as exc:
        return exc


def _loads(text: str) -> Any:
    """``json.loads`` with the parser's other failures as :class:`ValueError`: nesting too deep
    (``RecursionError``) and integers too long to convert."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_json(stream: BinaryIO, *, origin: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Read a JSON file: one article object, or an array of them."""
    text = decode_text(read_limited(stream, origin=origin, max_bytes=options.max_bytes), origin=origin)
    if not text.strip():
        raise ReadError(origin, "empty file")
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        if "\n" in text.strip() and text.lstrip().startswith("{"):
            # several objects, one per line: treat as JSON Lines
            yield from _read_lines(text.splitlines(keepends=True), origin=origin, options=options)
            return
        raise ReadError(origin, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except ValueError as exc:
        raise ReadError(origin, f"invalid JSON: {exc}") from None
    items = value if isinstance(value, list) else [value]
    for i, obj in enumerate(items):
        where = f"item {i}" if isinstance(value, list) else None
        yield article_from_object(obj, origin=origin, options=options, reader="json", where=where)


def _read_lines(lines, *, origin: str, options: ReadOptions, first_line: int = 1) -> Iterator[ReadItem]:
    bad_in_a_row = 0
    for lineno, item in _line_items(lines, origin=origin, options=options, first_line=first_line):
        if isinstance(item, ReadError):
            bad_in_a_row += 1
            yield item
            if bad_in_a_row >= MAX_BAD_LINES_IN_A_ROW:
                yield ReadError(origin, f"{bad_in_a_row} unreadable lines in a row: reading stopped "
                                f"(not JSON Lines articles?)", where=f"line {lineno}")
                return
        else:
            bad_in_a_row = 0
            yield item


def _line_items(lines, *, origin: str, options: ReadOptions, first_line: int = 1) -> Iterator[tuple[int, ReadItem]]:
    for lineno, raw in enumerate(lines, start=first_line):
        where = f"line {lineno}"
        if isinstance(raw, bytes):
            if len(raw) > options.max_bytes:
                yield lineno, ReadError(origin, f"line larger than the size limit of {human_size(options.max_bytes)} "
                                        "(raise it with --max-bytes)", where=where)
                continue
            try:
                raw = decode_text(raw, origin=origin, where=where)
            except ReadError as exc:
                yield lineno, exc
                continue
        if not raw.strip():
            continue
        try:
            obj = _loads(raw)
        except json.JSONDecodeError as exc:
            yield lineno, ReadError(origin, f"malformed JSON: {exc.msg} (column {exc.colno})", where=where)
            continue
        except ValueError as exc:  # nested too deeply, an integer too long
            yield lineno, ReadError(origin, f"malformed JSON: {exc}", where=where)
            continue
        yield lineno, article_from_object(obj, origin=origin, options=options, reader="jsonl", where=where)


def _bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes]:
    """Lines of ``stream``; a line over ``max_bytes`` is cut there (and reported by the caller).

    When ``stream`` is a bounded gzip stream that stopped at the long line (it never expands a
    bomb to skip it), that stop is raised instead: the file cannot be read past the line.
    """
    from warta.io.readers.gz import stream_error

    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # skip the rest of the overlong line without holding it in memory
            while True:
                rest = stream.readline(max_bytes)
                if not rest or rest.endswith(b"\n"):
                    break
            broken = stream_error(stream)
            if broken is not None:
                raise broken
        yield line


def read_jsonl(stream: BinaryIO, *, origin: str, options: ReadOptions, first_line: int = 1) -> Iterator[ReadItem]:
    """Stream a JSON Lines file; each malformed line is reported with its number (``first_line`` is the
    number of the stream's first line: a partition of a file starts inside it)."""
    yield from _read_lines(_bounded_lines(stream, options.max_bytes), origin=origin, options=options,
                           first_line=first_line)
