import io
import json
from datetime import date

import pytest

from tests.conftest import ARTICLE_TXT, TODAY
from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
from warta.io.readers.jsonl import read_json, read_jsonl
from warta.io.readers.text import guess_title, read_text

OPTS = ReadOptions(today=TODAY)


def test_plain_text_seed_layout():
    (art,) = read_text(io.BytesIO(ARTICLE_TXT.encode()), origin="menlu.txt", options=OPTS)
    assert art.text == ARTICLE_TXT  # exactly as read
    assert art.title == "Menlu Bertemu Mitra dari Jepang di Jakarta, Bahas Kerja Sama Maritim"
    assert art.published == date(2024, 2, 12) and art.published_from == "line"


def test_plain_text_with_dateline_has_no_title_and_dates_from_dateline():
    text = "JAKARTA, WARTA.id - Polisi menahan dua orang di Jakarta, Sabtu (21/10/2023). Mereka diperiksa.\n"
    assert guess_title(text) is None
    (art,) = read_text(io.BytesIO(text.encode()), origin="x.txt", options=OPTS)
    assert art.title is None and art.published == date(2023, 10, 21) and art.published_from == "dateline"


def test_json_object_puts_title_first_and_normalises_published():
    obj = {"id": "a1", "url": "https://contoh.id/a", "title": "Judul Berita", "published": "Selasa, 19/06/2012 19:55 WIB",
           "source": "Contoh", "text": "Jakarta - Isi berita."}
    (art,) = read_json(io.BytesIO(json.dumps(obj).encode()), origin="a.json", options=OPTS)
    assert art.text == "Judul Berita\n\nJakarta - Isi berita."
    assert art.id == "a1" and art.published == date(2012, 6, 19) and art.source_name == "Contoh"


def test_json_published_missing_inferred_from_url():
    obj = {"title": "T", "url": "https://contoh.id/read/2023/10/21/1/t", "text": "Isi berita."}
    (art,) = read_json(io.BytesIO(json.dumps(obj).encode()), origin="a.json", options=OPTS)
    assert art.published == date(2023, 10, 21) and art.published_from == "url"


def test_json_array_and_bad_items():
    data = json.dumps([{"title": "A", "text": "Satu."}, 5, {"title": "B", "text": 7}, {"text": ""}])
    items = list(read_json(io.BytesIO(data.encode()), origin="arr.json", options=OPTS))
    assert items[0].title == "A"
    assert [str(x) for x in items[1:]] == [
        "arr.json:item 1: expected a JSON object, got int",
        "arr.json:item 2: field 'text' must be a string, got int",
        "arr.json:item 3: no article text",
    ]


def test_invalid_json_reports_position():
    with pytest.raises(ReadError, match=r"bad.json: invalid JSON at line 1 column"):
        list(read_json(io.BytesIO(b'{"title": '), origin="bad.json", options=OPTS))


def test_jsonl_malformed_lines_are_reported_and_the_rest_read():
    lines = [json.dumps({"title": "A", "text": "Satu."}), "{not json", "", json.dumps({"title": "B", "text": "Dua."}),
             json.dumps(["x"])]
    items = list(read_jsonl(io.BytesIO("\n".join(lines).encode()), origin="f.jsonl", options=OPTS))
    titles = [x.title for x in items if not isinstance(x, ReadError)]
    errors = [str(x) for x in items if isinstance(x, ReadError)]
    assert titles == ["A", "B"]
    assert errors[0].startswith("f.jsonl:line 2: malformed JSON")
    assert errors[1] == "f.jsonl:line 5: expected a JSON object, got list"


def test_jsonl_overlong_line_is_bounded():
    big = json.dumps({"title": "Besar", "text": "kata " * 5000})
    data = (big + "\n" + json.dumps({"title": "Kecil", "text": "Isi."}) + "\n").encode()
    items = list(read_jsonl(io.BytesIO(data), origin="f.jsonl", options=ReadOptions(max_bytes=1000, today=TODAY)))
    assert isinstance(items[0], ReadError) and "line 1" in str(items[0]) and "size limit" in str(items[0])
    assert items[1].title == "Kecil"


def test_dispatch_by_extension_and_content(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"title": "B", "text": "Isi B."}), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"title": "C", "text": "Isi C."}) + "\n", encoding="utf-8")
    (tmp_path / "sub" / "noext").write_text(json.dumps({"title": "D", "text": "Isi D."}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("rahasia", encoding="utf-8")
    items = list(iter_articles([str(tmp_path)], options=OPTS))
    assert sorted(x.title for x in items) == ["B", "C", ARTICLE_TXT.splitlines()[0]]
    items = list(iter_articles([str(tmp_path / "sub" / "noext")], options=OPTS))
    assert items[0].title == "D" and items[0].reader == "json"


def test_stdin():
    items = list(iter_articles(["-"], options=OPTS, stdin=io.BytesIO(ARTICLE_TXT.encode())))
    assert items[0].origin == "-" and items[0].reader == "text"
