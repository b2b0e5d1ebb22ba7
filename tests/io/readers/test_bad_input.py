import os
import time

import pytest

from tests.conftest import TODAY
from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions

OPTS = ReadOptions(today=TODAY)


def errors_for(path, **kw):
    items = list(iter_articles([str(path)], options=kw.get("options", OPTS)))
    assert all(isinstance(x, ReadError) for x in items), items
    return [str(x) for x in items]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "no article text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
    ("latin1.txt", "Judul\n\nBerita caf\u00e9".encode("latin-1"), "invalid UTF-8 at byte 17"),
    ("empty.jsonl", b"", "empty file"),
    ("broken.json", b"{\"title\": \"x\"", "invalid JSON"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "unknown extension '.png'"),
    ("doc.docx", b"PK\x03\x04 some zip", "unknown extension '.docx'"),
])
def test_bad_inputs_give_one_line_errors(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    (err,) = errors_for(p)
    assert err.startswith(str(p)) and message in err and "\n" not in err


def test_missing_path(tmp_path):
    (err,) = errors_for(tmp_path / "nope.txt")
    assert err.endswith("no such file or directory")


def test_empty_directory(tmp_path):
    (err,) = errors_for(tmp_path)
    assert "no article files" in err


def test_large_file_is_refused_quickly_and_read_with_a_larger_limit(tmp_path):
    p = tmp_path / "huge.txt"
    line = ("Presiden bertemu menteri di Jakarta pada hari Rabu. " * 20 + "\n").encode()
    p.write_bytes(line * ((3 * 1024 * 1024) // len(line) + 1))  # 3 MB of text
    small = ReadOptions(max_bytes=1024 * 1024, today=TODAY)
    started = time.perf_counter()
    (err,) = errors_for(p, options=small)
    assert time.perf_counter() - started < 2
    assert err == f"{p}: larger than the size limit of 1.0 MB (raise it with --max-bytes or $WARTA_MAX_BYTES)"
    items = list(iter_articles([str(p)], options=ReadOptions(max_bytes=4 * 1024 * 1024, today=TODAY)))
    assert len(items) == 1 and not isinstance(items[0], ReadError)
    assert len(items[0].text) == os.path.getsize(p)


def test_one_bad_input_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Judul\n\nIsi berita yang baik.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    items = list(iter_articles([str(bad), str(good)], options=OPTS))
    assert isinstance(items[0], ReadError) and items[1].title == "Judul"
