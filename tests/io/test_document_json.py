"""serialize.asdict: the same dicts as dataclasses.asdict (warta's JSON must not change), without deep copies."""

import dataclasses
import json

import warta
from tests.conftest import TODAY
from warta.io.document_json import asdict, document_to_dict, document_to_json
from warta.io.readers.base import ReadOptions, build_article

TEXT = ("Menteri Luar Negeri Indonesia bertemu Duta Besar Jepang di Jakarta, Senin (14/10/2024). \"Kami sepakat "
        "memperkuat kerja sama,\" kata menteri itu. Polisi menangkap dua orang di Surabaya, Jawa Timur.")


def test_asdict_equals_dataclasses_asdict_on_a_whole_document():
    art = build_article(body=TEXT, title="Menlu Bertemu Dubes", options=ReadOptions(today=TODAY), origin="t",
                        reader="text", published_raw="2024-10-14")
    doc = warta.analyze(art)
    assert doc.entities and doc.quotes and doc.times
    for records in (doc.entities, doc.quotes, doc.times, doc.places, doc.events):
        for rec in records:
            assert asdict(rec) == dataclasses.asdict(rec)
    assert json.loads(document_to_json(doc)) == json.loads(json.dumps(document_to_dict(doc)))


def test_asdict_copies_containers_and_keeps_tuples():
    @dataclasses.dataclass
    class Inner:
        xs: list
        pair: tuple
        meta: dict

    @dataclasses.dataclass
    class Outer:
        inner: Inner
        items: list

    inner = Inner([1, 2], (3, "a"), {"k": [4]})
    out = asdict(Outer(inner, [inner]))
    assert out == dataclasses.asdict(Outer(inner, [inner]))
    assert out["inner"]["pair"] == (3, "a") and isinstance(out["inner"]["pair"], tuple)
    out["inner"]["xs"].append(9)
    out["inner"]["meta"]["k"].append(9)
    assert inner.xs == [1, 2] and inner.meta == {"k": [4]}
