"""Hostile inputs for the readers: directory walks that must stay inside their roots, link loops,
publication dates out of range, JSON nested too deep, gzip streams cut short or expanding too far,
and error messages that must stay short whatever the input holds."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest

from warta.io.readers import _read_stream, iter_articles, sniff, walk_files
from warta.io.readers.base import ReadError, ReadOptions, build_article, latest_published, shorten
from warta.io.readers.gz import GunzipStream, gunzip_head
from warta.io.readers.jsonl import MAX_BAD_LINES_IN_A_ROW, read_json, read_jsonl
from warta.model import Article

TODAY = date(2026, 11, 25)
OPTS = ReadOptions(today=TODAY)


def _line(i: int, **extra) -> str:
    return json.dumps({"id": f"d{i}", "title": f"Berita {i}", "text": f"Isi berita nomor {i}.", **extra})


# --- directory walks ----------------------------------------------------------------------------
@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/ with one article, links out (file, directory), a loop back to root, a two-link loop,
    a broken link and a link to a file inside root; outside/ with a secret article."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "rahasia.txt").write_text("Rahasia\n\nTeks di luar akar yang tidak boleh dibaca.", encoding="utf-8")
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "dalam.txt").write_text("Dalam\n\nTeks di dalam akar.", encoding="utf-8")
    os.symlink(outside / "rahasia.txt", root / "keluar.txt")
    os.symlink(outside, root / "sub" / "keluar")
    os.symlink("..", root / "sub" / "putar")
    os.symlink(root / "sub" / "b", root / "sub" / "a")
    os.symlink(root / "sub" / "a", root / "sub" / "b")
    os.symlink(root / "tidak-ada.txt", root / "patah.txt")
    os.symlink(root / "dalam.txt", root / "sub" / "salinan.txt")
    return root


def test_walk_skips_links_out_of_the_root_with_a_note(tree: Path, caplog):
    caplog.set_level(logging.WARNING, logger="warta.io.readers")
    started = time.perf_counter()
    items = list(iter_articles([str(tree)], options=OPTS))
    assert time.perf_counter() - started < 2
    titles = sorted(i.title for i in items if isinstance(i, Article))
    assert titles == ["Dalam", "Dalam"]  # dalam.txt and the link to it inside the root
    assert not [i for i in items if isinstance(i, ReadError)]
    notes = caplog.text
    assert "keluar.txt: symbolic link to" in notes and "outside" in notes and "--follow-symlinks" in notes
    assert f"{tree / 'sub' / 'keluar'}: symbolic link to" in notes
    assert "patah.txt: broken or looping symbolic link" in notes
    assert "putar: directory already walked (reached again through a symbolic link)" in notes
    assert re.search(rf"{re.escape(str(tree / 'sub' / 'a'))}: .*symbolic links?; skipped", notes)  # ELOOP


def test_walk_follows_links_out_only_when_asked(tree: Path):
    items = list(iter_articles([str(tree)], options=ReadOptions(today=TODAY, follow_symlinks=True)))
    titles = sorted(i.title for i in items if isinstance(i, Article))
    assert titles == ["Dalam", "Dalam", "Rahasia", "Rahasia"]  # the file link and the directory link


def test_walk_never_enters_a_directory_twice(tree: Path):
    files = list(walk_files(tree, follow_symlinks=True))
    assert len(files) == len(set(files))
    assert all("putar" not in f.parts for f in files)  # ``..`` is the root, already walked
    assert len(files) == 4


def test_walk_of_a_directory_that_is_a_link_stays_in_its_target(tmp_path: Path, tree: Path):
    link = tmp_path / "tautan-akar"
    os.symlink(tree, link)
    names = sorted(f.name for f in walk_files(link))
    assert names == ["dalam.txt", "salinan.txt"]


# --- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["9999-12-31", "0001-01-01", "1899-12-31", "2028-01-01"])
def test_published_out_of_range_is_dropped_with_a_warning(raw, caplog):
    caplog.set_level(logging.WARNING, logger="warta.io.readers")
    art = build_article(body="Isi berita.", title="Judul", options=OPTS, origin="a.json", reader="json",
                        published_raw=raw)
    assert art.published is None and art.published_from is None
    assert art.published_raw == raw  # kept as given, for the record
    assert f"a.json: publication date {raw}" in caplog.text and "outside 1900-01-01..2027-11-25" in caplog.text


def test_published_in_range_is_kept():
    for raw, expected in (("1900-01-01", date(1900, 1, 1)), ("2027-11-25", date(2027, 11, 25))):
        art = build_article(body="Isi.", title="J", options=OPTS, origin="a", reader="json", published_raw=raw)
        assert art.published == expected and art.published_from == "metadata"


def test_out_of_range_metadata_falls_back_to_the_url():
    art = build_article(body="Isi.", title="J", options=OPTS, origin="a", reader="json", published_raw="9999-12-31",
                        url="https://contoh.example/read/2024/05/06/berita")
    assert art.published == date(2024, 5, 6) and art.published_from == "url"


def test_out_of_range_date_in_the_text_is_dropped():
    text = "Judul\n\nDiterbitkan pada 3 Maret 1850\n\nIsi berita lama."
    art = build_article(body=text, title="Judul", options=OPTS, origin="a.txt", reader="text")
    assert art.published is None


def test_latest_published_on_29_february():
    assert latest_published(date(2024, 2, 29)) == date(2025, 2, 28)


# --- JSON ---------------------------------------------------------------------------------------
def test_jsonl_line_nested_too_deep_is_an_error_for_that_line_only():
    data = "\n".join([_line(1), "[" * 100_000, '{"a": ' + "[" * 50_000, _line(2), _line(3)]).encode()
    started = time.perf_counter()
    items = list(read_jsonl(io.BytesIO(data), origin="f.jsonl", options=OPTS))
    assert time.perf_counter() - started < 2
    assert [i.title if isinstance(i, Article) else str(i) for i in items] == [
        "Berita 1", "f.jsonl:line 2: malformed JSON: nested too deeply",
        "f.jsonl:line 3: malformed JSON: nested too deeply", "Berita 2", "Berita 3"]


def test_jsonl_huge_integer_is_an_error_for_that_line_only():
    data = "\n".join([_line(1), '{"id": ' + "9" * 5000 + "}", _line(2)]).encode()
    items = list(read_jsonl(io.BytesIO(data), origin="f.jsonl", options=OPTS))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert items[1].where == "line 2" and len(str(items[1])) < 400


def test_json_file_nested_too_deep_is_one_error():
    with pytest.raises(ReadError, match=r"^d\.json: invalid JSON: nested too deeply$"):
        list(read_json(io.BytesIO(b"[" * 100_000), origin="d.json", options=OPTS))


def test_jsonl_stops_after_many_bad_lines_in_a_row():
    bad = "\n".join(["{}"] * (MAX_BAD_LINES_IN_A_ROW + 500) + [_line(9)]).encode()
    items = list(read_jsonl(io.BytesIO(bad), origin="f.jsonl", options=OPTS))
    assert len(items) == MAX_BAD_LINES_IN_A_ROW + 1
    assert items[-1].problem.startswith(f"{MAX_BAD_LINES_IN_A_ROW} unreadable lines in a row: reading stopped")
    mixed = "\n".join(["{}"] * (MAX_BAD_LINES_IN_A_ROW - 1) + [_line(1)] + ["{}"] * 10 + [_line(2)]).encode()
    items = list(read_jsonl(io.BytesIO(mixed), origin="f.jsonl", options=OPTS))
    assert [i.title for i in items if isinstance(i, Article)] == ["Berita 1", "Berita 2"]


# --- gzip ---------------------------------------------------------------------------------------
def test_sniff_looks_inside_gzip():
    assert sniff(gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")) == "warc"
    assert sniff(gzip.compress((_line(1) + "\n" + _line(2) + "\n").encode())) == "jsonl"
    assert sniff(gzip.compress(b"<!DOCTYPE html><html><body>x</body></html>")) == "html"
    assert sniff(gzip.compress(b"Judul biasa\n\nIsi.")) is None
    assert gunzip_head(gzip.compress(b"A" * 100_000), size=10) == b"A" * 10


def _gz_stream(data: bytes, **caps) -> GunzipStream:
    return GunzipStream(io.BytesIO(data), origin="x.gz", **caps)


def test_gunzip_stream_reads_members_and_padding():
    data = gzip.compress(b"satu\n") + gzip.compress(b"dua\n") + b"\0" * 512
    stream = io.BufferedReader(_gz_stream(data))
    assert stream.read() == b"satu\ndua\n"
    assert stream.raw.error is None and stream.raw.members == 2


@pytest.mark.parametrize(("data", "problem"), [
    (gzip.compress(b"satu\n" * 1000)[:-5], "truncated gzip: the file ends inside member 1"),
    (gzip.compress(b"satu\n") + b"sampah", "corrupt gzip: data after member 1 is not a gzip member"),
    (gzip.compress(b"satu\n")[:-8] + b"\0\0\0\0\5\0\0\0", "corrupt gzip in member 1"),  # bad CRC
])
def test_gunzip_stream_ends_with_the_reason(data, problem):
    stream = io.BufferedReader(_gz_stream(data))
    stream.read()
    assert stream.raw.error is not None and stream.raw.error.problem.startswith(problem)
    assert stream.read() == b""  # stays ended


def test_gunzip_stream_caps_without_expanding_the_bomb():
    bomb = gzip.compress(b"\0" * (50 << 20), 1)  # 50 MB of zeros in about 50 KB
    stream = io.BufferedReader(_gz_stream(bomb, member_cap=1 << 20))
    got = len(stream.read())
    assert (1 << 20) < got < (2 << 20)
    assert stream.raw.error.problem.startswith("gzip member 1 expands to more than 1.0 MB")
    lines = io.BufferedReader(_gz_stream(gzip.compress(b"ab\n" * 1000 + b"c" * 5000), line_cap=4000))
    assert len(lines.read()) < 3000 + 4000 + 64 * 1024
    assert lines.raw.error.problem.startswith("a line longer than 3.9 KB without a newline")


def test_truncated_gzipped_jsonl_keeps_the_lines_before_and_says_so(tmp_path: Path):
    body = "".join(_line(i) + "\n" for i in range(200)).encode()
    path = tmp_path / "berita.jsonl.gz"
    path.write_bytes(gzip.compress(body)[:-40])
    items = list(iter_articles([str(path)], options=OPTS))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert 150 < len(articles) < 200
    assert str(errors[-1]).startswith(f"{path}: truncated gzip: the file ends inside member 1")
    assert errors[-1].problem.endswith(f"reading stopped after {len(items) - 1} item(s)")


def test_truncated_gzipped_text_is_refused_not_read_in_part(tmp_path: Path):
    path = tmp_path / "berita.txt.gz"
    path.write_bytes(gzip.compress(("Judul\n\n" + "Isi berita panjang. " * 2000).encode())[:-20])
    [item] = list(iter_articles([str(path)], options=OPTS))
    assert isinstance(item, ReadError) and "truncated gzip" in item.problem


def test_a_file_larger_than_the_limit_is_refused_after_reading_the_limit():
    class Counting(io.RawIOBase):
        def __init__(self, size: int) -> None:
            self.left, self.given = size, 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            n = min(len(buffer), self.left)
            buffer[:n] = b"a" * n
            self.left -= n
            self.given += n
            return n

    raw = Counting(100 << 20)
    [error] = list(_read_stream(io.BufferedReader(raw), origin="besar.txt", fmt="auto",
                                options=ReadOptions(max_bytes=100_000, today=TODAY)))
    assert str(error) == ("besar.txt: larger than the size limit of 97.7 KB "
                          "(raise it with --max-bytes or $WARTA_MAX_BYTES)")
    assert raw.given < 100_000 + 64 * 1024


# --- short errors -------------------------------------------------------------------------------
def test_errors_quote_at_most_a_little_of_the_input(tmp_path: Path):
    assert len(str(ReadError("f", "x" * 1_000_000, where="y" * 1_000_000))) < 600
    assert shorten("a\n b\t c") == "a b c"
    assert shorten("z" * 500, 10) == "zzzzzzzzzz… (500 characters)"
    path = tmp_path / "aneh.warc"
    path.write_bytes(b"WARC/1.0 " + b"Q" * 300_000 + b"\r\n\r\n")
    [error] = list(iter_articles([str(path)], options=OPTS))
    assert str(error).startswith(str(path)) and len(str(error)) < 400 + len(str(path))
