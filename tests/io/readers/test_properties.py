"""Property tests: every reader, given arbitrary bytes or text, yields articles and
:class:`ReadError` objects (or raises a :class:`ReadError`), nothing else, and gives the same
result twice. The readers are called directly, not through :func:`iter_articles`, whose
catch-all would hide a crash; through the dispatcher, no error may come from that catch-all."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.io.readers import iter_articles, reader_for
from warta.io.readers.base import ReadError, ReadOptions
from warta.model import Article

OPTS = ReadOptions(max_bytes=64 * 1024, today=date(2026, 11, 25))
FAST = settings(max_examples=60, deadline=timedelta(seconds=2), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=timedelta(seconds=3), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

#: Text that hostile input is made of: controls, NUL, quotes, brackets, markup, newlines of all kinds.
HOSTILE = st.text(alphabet=st.sampled_from(
    list('\x00\x01\x02\x03\x1b\t\r\n\u2028\u0085 "\'“”‘’«»()[]{}<>&;:,./\\-=!?#%*@+0123456789')
    + list("aAbKPkmnz") + ["é", "\ufeff", "\ufffd", "😀", "\u202e"]), max_size=400)


def _run(name: str, data: bytes) -> list[str]:
    """The reader's items (or its one error) as strings; anything else fails the test."""
    try:
        items = list(reader_for(name)(io.BufferedReader(io.BytesIO(data)), origin="in", options=OPTS))
    except ReadError as exc:
        return [f"raised {exc}"]
    out = []
    for item in items:
        assert isinstance(item, Article | ReadError), item
        if isinstance(item, Article):
            assert item.text.strip(), item
            out.append(repr(item))
        else:
            out.append(f"error {item}")
    return out


def _check(name: str, data: bytes) -> None:
    first = _run(name, data)
    assert _run(name, data) == first  # deterministic


@FAST
@given(st.binary(max_size=600))
def test_text_reader_on_any_bytes(data):
    _check("text", data)


@FAST
@given(HOSTILE)
def test_text_reader_on_hostile_text(text):
    _check("text", text.encode("utf-8", "surrogatepass"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | HOSTILE,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "text", "body", "url", "published", "date", "id", "source", "x"]),
        children, max_size=6),
    max_leaves=12)


@FAST
@given(st.lists(json_values | HOSTILE, max_size=6))
def test_jsonl_reader_on_generated_lines(values):
    lines = [json.dumps(v) if not isinstance(v, str) or v.startswith("{") else v for v in values]
    _check("jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary(max_size=600))
def test_jsonl_and_json_readers_on_any_bytes(data):
    _check("jsonl", data)
    _check("json", data)


@FAST
@given(json_values)
def test_json_reader_on_generated_values(value):
    _check("json", json.dumps(value).encode())


@SLOW
@given(HOSTILE, HOSTILE)
def test_html_reader_on_hostile_markup(title, body):
    page = f"<html><head><title>{title}</title></head><body><article><p>{body}</p><p>{body[::-1]}</p></article></body></html>"
    _check("html", page.encode("utf-8", "surrogatepass"))


@SLOW
@given(st.binary(max_size=400))
def test_html_reader_on_any_bytes(data):
    _check("html", data)


@SLOW
@given(HOSTILE, HOSTILE, HOSTILE)
def test_feed_reader_on_hostile_entries(title, description, published):
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><item><title>{title}</title>'
            f"<description>{description}</description><pubDate>{published}</pubDate></item></channel></rss>")
    _check("feed", feed.encode("utf-8", "surrogatepass"))


@SLOW
@given(st.binary(max_size=400))
def test_feed_reader_on_any_bytes(data):
    _check("feed", b"<?xml version='1.0'?><rss>" + data)


@FAST
@given(st.binary(max_size=400))
def test_warc_reader_on_any_bytes(data):
    _check("warc", b"WARC/1.0\r\n" + data)
    _check("warc", gzip.compress(b"WARC/1.0\r\n" + data)[: 30 + len(data) // 2])


@FAST
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.jsonl", "a.gz", "a.jsonl.gz", "a.html", "a.xml"]))
def test_dispatcher_never_needs_its_catch_all(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("p") / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    for item in iter_articles([str(path)], options=OPTS):
        assert not (isinstance(item, ReadError) and item.problem.startswith("could not read")), item
