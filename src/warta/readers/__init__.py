"""Input readers, one module per format, chosen by extension and content.

:func:`iter_articles` walks paths (files, directories recursively, ``-`` for stdin) and yields
:class:`~warta.model.Article` objects and :class:`~warta.readers.base.ReadError` objects for
whatever could not be read; one bad input never stops the others.
"""

from __future__ import annotations

import importlib
import io
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from warta.readers.base import ReadError, ReadItem, ReadOptions

log = logging.getLogger(__name__)

#: format name → "module:function"; modules are imported only when used.
READERS: dict[str, str] = {
    "text": "warta.readers.text:read_text",
    "json": "warta.readers.jsonl:read_json",
    "jsonl": "warta.readers.jsonl:read_jsonl",
    "html": "warta.readers.html:read_html",
    "feed": "warta.readers.feed:read_feed",
    "warc": "warta.readers.warc:read_warc",
}
FORMATS = ("auto", *READERS)

EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
}


def reader_for(name: str):
    """The reader function for a format name."""
    module, func = READERS[name].split(":")
    return getattr(importlib.import_module(module), func)


def extension_of(path: str) -> str:
    """The file's format extension, double ones (``.warc.gz``) included, lower case."""
    name = Path(path).name.lower()
    for ext in (".warc.gz", ".arc.gz"):
        if name.endswith(ext):
            return ext
    return Path(name).suffix


def sniff(head: bytes) -> str | None:
    """Guess a format from the first bytes of an input; None when it looks like plain text."""
    if head[:2] == b"\x1f\x8b" or head.startswith((b"WARC/", b"warc/")):
        return "warc"
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if s.startswith((b"{", b"[")):
        first_line = s.split(b"\n", 1)[0].rstrip()
        return "jsonl" if s.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in s else "json"
    if s.startswith(b"<?xml") or s.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if any(t in s for t in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")) else "html"
    if s.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    return None


def choose_format(*, path: str, head: bytes, fmt: str = "auto") -> str:
    """Pick the reader for an input: an explicit ``fmt``, else extension, else content."""
    if fmt != "auto":
        return fmt
    ext = extension_of(path) if path != "-" else ""
    by_content = sniff(head)
    if ext in EXTENSIONS:
        by_ext = EXTENSIONS[ext]
        # a .json file of several objects is JSON Lines; an .xml page may be HTML
        if by_ext in ("json", "jsonl") and by_content in ("json", "jsonl"):
            return by_content if by_ext == "json" else "jsonl"
        if by_ext == "feed" and by_content == "html":
            return "html"
        return by_ext
    if by_content:
        return by_content
    if ext:
        raise ReadError(path, f"unknown extension '{ext}' and content not recognised "
                        "(use --format text|json|jsonl|html|feed|warc)")
    return "text"


def _read_stream(stream: BinaryIO, *, origin: str, fmt: str, options: ReadOptions) -> Iterator[ReadItem]:
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    try:
        name = choose_format(path=origin, head=head, fmt=fmt)
        if not head and name not in ("warc",):
            raise ReadError(origin, "empty file")
        count = 0
        for item in reader_for(name)(stream, origin=origin, options=options):
            count += 1
            yield item
        if count == 0:
            yield ReadError(origin, f"no articles found ({name} input)")
    except ReadError as exc:
        yield exc
    except Exception as exc:  # a reader library failing on hostile input must not end the run
        log.debug("reader crashed on %s", origin, exc_info=True)
        yield ReadError(origin, f"could not read: {type(exc).__name__}: {exc}")


def walk_files(path: Path) -> Iterator[Path]:
    """The article files under a directory (sorted; hidden files and unknown extensions skipped)."""
    for child in sorted(path.rglob("*")):
        if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
            if extension_of(str(child)) in EXTENSIONS:
                yield child
            else:
                log.debug("skipping %s: not a known article format", child)


def iter_articles(paths: Iterable[str], *, fmt: str = "auto", options: ReadOptions | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Yield articles and read errors from files, directories (recursively), ``http(s)://``
    addresses of feeds or pages, and ``-`` (stdin)."""
    options = options or ReadOptions()
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            yield from _read_stream(io.BufferedReader(stream) if not hasattr(stream, "peek") else stream,
                                    origin="-", fmt=fmt, options=options)
            continue
        if raw.startswith(("http://", "https://")):
            from warta.readers.url import fetch

            stream = fetch(raw, options=options)
            if isinstance(stream, ReadError):
                yield stream
            else:
                yield from _read_stream(io.BufferedReader(stream), origin=raw, fmt=fmt, options=options)
            continue
        path = Path(raw)
        if path.is_dir():
            files = list(walk_files(path))
            if not files:
                yield ReadError(raw, "directory holds no article files")
            for f in files:
                yield from _read_file(f, fmt=fmt, options=options)
        elif path.exists():
            yield from _read_file(path, fmt=fmt, options=options)
        else:
            yield ReadError(raw, "no such file or directory")


def _read_file(path: Path, *, fmt: str, options: ReadOptions) -> Iterator[ReadItem]:
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ReadError(str(path), f"cannot open: {exc.strerror}")
        return
    with stream:
        yield from _read_stream(stream, origin=str(path), fmt=fmt, options=options)


__all__ = ["FORMATS", "ReadError", "ReadOptions", "choose_format", "iter_articles", "sniff"]
