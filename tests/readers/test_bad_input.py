import os

import pytest

from tests.conftest import TODAY
from warta.readers import iter_articles
from warta.readers.base import ReadError, ReadOptions

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


def test_large_file_is_refused_without_reading_it_all(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # 50 MB of text
        line = ("Presiden bertemu menteri di Jakarta pada hari Rabu. " * 20 + "\n").encode()
        for _ in range((50 * 1024 * 1024) // len(line) + 1):
            fh.write(line)
    assert os.path.getsize(p) > 50 * 1024 * 1024
    (err,) = errors_for(p)
    assert "larger than the size limit of 5.0 MB" in err and "--max-bytes" in err
    items = list(iter_articles([str(p)], options=ReadOptions(max_bytes=60 * 1024 * 1024, today=TODAY)))
    assert not isinstance(items[0], ReadError)


def test_one_bad_input_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Judul\n\nIsi berita yang baik.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    items = list(iter_articles([str(bad), str(good)], options=OPTS))
    assert isinstance(items[0], ReadError) and items[1].title == "Judul"
