"""Input readers, one module per format, chosen by extension and content.

:func:`iter_articles` walks paths (files, directories recursively, ``-`` for stdin) and yields
:class:`~warta.model.Article` objects and :class:`~warta.io.readers.base.ReadError` objects for
whatever could not be read; one bad input never stops the others.
"""

from __future__ import annotations

import importlib
import io
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from warta.io.readers.base import ReadError, ReadItem, ReadOptions

log = logging.getLogger(__name__)

#: format name → "module:function"; modules are imported only when used.
READERS: dict[str, str] = {
    "text": "warta.io.readers.text:read_text",
    "json": "warta.io.readers.jsonl:read_json",
    "jsonl": "warta.io.readers.jsonl:read_jsonl",
    "html": "warta.io.readers.html:read_html",
    "feed": "warta.io.readers.feed:read_feed",
    "warc": "warta.io.readers.warc:read_warc",
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


#: Compressed forms read through a bounded gzip stream (:mod:`warta.io.readers.gz`).
GZIP_SUFFIX = ".gz"


def extension_of(path: str) -> str:
    """The file's format extension, double ones (``.warc.gz``, ``.jsonl.gz``) included, lower case."""
    name = Path(path).name.lower()
    suffixes = Path(name).suffixes
    if len(suffixes) >= 2 and suffixes[-1] == GZIP_SUFFIX and suffixes[-2] in EXTENSIONS:
        return suffixes[-2] + GZIP_SUFFIX
    return Path(name).suffix


def format_of_extension(ext: str) -> str | None:
    """The format an extension names (``.jsonl.gz`` → ``jsonl``), or None."""
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if ext.endswith(GZIP_SUFFIX):
        return EXTENSIONS.get(ext[: -len(GZIP_SUFFIX)])
    return None


def _is_warc_head(head: bytes) -> bool:
    return head.startswith((b"WARC/", b"warc/", b"filedesc://"))


def sniff(head: bytes) -> str | None:
    """Guess a format from the first bytes of an input; None when it looks like plain text.

    A gzip stream is WARC only when its first decompressed bytes are a WARC (or ARC) header;
    otherwise its decompressed start is sniffed like any other input.
    """
    from warta.io.readers.gz import gunzip_head, is_gzip

    if is_gzip(head):
        inner = gunzip_head(head)
        return "warc" if _is_warc_head(inner) else sniff(inner) if inner and not is_gzip(inner) else None
    if head.startswith((b"WARC/", b"warc/")):
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
    """Pick the reader for an input: an explicit ``fmt``, else extension, else content.

    A gzip file is sniffed by its decompressed start: a gzipped JSON Lines or text file is not
    a WARC whatever it is called, and a WARC is read as one even when named ``.gz``.
    """
    if fmt != "auto":
        return fmt
    from warta.io.readers.gz import is_gzip

    ext = extension_of(path) if path != "-" else ""
    by_content = sniff(head)
    if is_gzip(head):
        if by_content == "warc":
            return "warc"
        by_ext = format_of_extension(ext)
        if by_ext == "warc":  # a .warc.gz that is not a WARC inside
            raise ReadError(path, "not a WARC file: the gzip stream does not start with a WARC record")
        if by_ext in ("json", "jsonl") and by_content in ("json", "jsonl"):
            return by_content if by_ext == "json" else "jsonl"
        return by_ext or by_content or "text"
    by_ext = format_of_extension(ext)
    if by_ext is not None:
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


def _decompressed(stream: BinaryIO, *, origin: str, name: str, options: ReadOptions) -> BinaryIO:
    """The stream a reader gets: a gzip file other than a WARC is decompressed here, as a stream.

    The WARC reader decompresses itself (with caps per member and line). JSON Lines is read line
    by line, and the stream ends at a line over the size limit (a bomb is not expanded to skip
    it); a whole-file format gets at most the size limit plus one byte, so a gzip bomb is refused
    by the reader after that much. A truncated or
    corrupt gzip is a :class:`ReadError` before a whole-file reader sees a partial document.
    """
    from warta.io.readers.gz import is_gzip, open_gunzip, stream_error

    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if name == "warc" or not is_gzip(head):
        return stream
    if name == "jsonl":  # a line over the limit ends the stream: skipping it would expand a bomb
        return open_gunzip(stream, origin=origin, line_cap=options.max_bytes)
    gunzipped = open_gunzip(stream, origin=origin)
    data = gunzipped.read(options.max_bytes + 1)
    error = stream_error(gunzipped)
    if error is not None:
        raise error
    return io.BufferedReader(io.BytesIO(data))


def _read_stream(stream: BinaryIO, *, origin: str, fmt: str, options: ReadOptions) -> Iterator[ReadItem]:
    from warta.io.readers.gz import stream_error

    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    count = 0
    try:
        name = choose_format(path=origin, head=head, fmt=fmt)
        if not head and name not in ("warc",):
            raise ReadError(origin, "empty file")
        source = _decompressed(stream, origin=origin, name=name, options=options)
        for item in reader_for(name)(source, origin=origin, options=options):
            count += 1
            yield item
        broken = stream_error(source) if source is not stream else None
        if broken is not None:  # a gzipped JSON Lines file cut short or corrupt
            raise broken
        if count == 0:
            yield ReadError(origin, f"no articles found ({name} input)")
    except ReadError as exc:
        if count:  # the input broke off: say what was kept before it
            exc = ReadError(exc.origin, f"{exc.problem}; reading stopped after {count} item(s)", where=exc.where)
        yield exc
    except Exception as exc:  # a reader library failing on hostile input must not end the run
        log.debug("reader crashed on %s", origin, exc_info=True)
        kept = f" after {count} item(s)" if count else ""
        yield ReadError(origin, f"could not read{kept}: {type(exc).__name__}: {exc}")


def _note_skip(message: str) -> None:
    log.warning("%s", message)


def walk_files(path: Path, *, follow_symlinks: bool = False,
               on_skip: Callable[[str], None] | None = None) -> Iterator[Path]:
    """The article files under a directory (sorted; hidden files and unknown extensions skipped).

    The walk stays inside ``path``: a symbolic link (to a file or a directory) that leads out of
    it is skipped, with ``on_skip`` told why, unless ``follow_symlinks``. Every directory is
    entered once at most (by its device and inode), so link loops end; broken links are skipped.
    """
    skip = on_skip or (lambda message: log.debug("%s", message))
    root = Path(os.path.realpath(path))
    seen: set[tuple[int, int]] = set()
    stack: list[Path] = [path]
    while stack:
        directory = stack.pop()
        try:
            st = directory.stat()
            if (st.st_dev, st.st_ino) in seen:
                skip(f"{directory}: directory already walked (reached again through a symbolic link); skipped")
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            skip(f"{directory}: cannot list the directory ({exc.strerror}); skipped")
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()  # follows links
                is_file = entry.is_file()
            except OSError as exc:
                skip(f"{child}: {exc.strerror}; skipped")
                continue
            if is_link:
                target = os.path.realpath(child)
                if not (is_dir or is_file):
                    skip(f"{child}: broken or looping symbolic link; skipped")
                    continue
                if not follow_symlinks and not _inside(Path(target), root):
                    skip(f"{child}: symbolic link to {target}, outside {path}; skipped "
                         "(use --follow-symlinks to read it)")
                    continue
            if is_dir:
                subdirs.append(child)
            elif is_file:
                if extension_of(str(child)) in EXTENSIONS or format_of_extension(extension_of(str(child))):
                    yield child
                else:
                    log.debug("skipping %s: not a known article format", child)
        stack.extend(reversed(subdirs))


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


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
            from warta.io.readers.url import fetch

            stream = fetch(raw, options=options)
            if isinstance(stream, ReadError):
                yield stream
            else:
                yield from _read_stream(io.BufferedReader(stream), origin=raw, fmt=fmt, options=options)
            continue
        path = Path(raw)
        if path.is_dir():
            files = list(walk_files(path, follow_symlinks=options.follow_symlinks, on_skip=_note_skip))
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
