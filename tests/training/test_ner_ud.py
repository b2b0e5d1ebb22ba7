"""ner-ud reading and split (own tiny sample; the real data only when ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from warta.training import ner_ud
from warta.training.group_rules import country_spans
from warta.training.ner_data import convert

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets"
NER_UD = SHARED / "ner-ud"
IDNER = SHARED / "idner-news-2k"


def _record(i: int, text: str, ents: list[tuple[int, int, str]]) -> str:
    items = [{"start": s, "end": e, "label": label, "text": text[s:e]} for s, e, label in ents]
    return json.dumps({"id": f"id_gsd-ud-dev:dev-s{i}", "text": text, "entities": items})


def test_split_is_deterministic_and_disjoint() -> None:
    splits = [ner_ud.split_of(i) for i in range(40)]
    assert [i for i, s in enumerate(splits) if s == "test"] == [4, 9, 14, 19, 24, 29, 34, 39]
    assert [i for i, s in enumerate(splits) if s == "dev"] == [2, 22]
    # The parser's held-out slice (every 10th sentence) is inside the NER's test slice.
    assert all(splits[i] == "test" for i in range(9, 40, 10))


def test_parse_and_doc() -> None:
    nlp = spacy.blank("id")
    text = "Presiden Joko Widodo tiba di Jakarta bersama ConnectU."
    sentence = ner_ud.parse_record(_record(1, text, [(9, 20, "PER"), (29, 36, "GPE"), (45, 53, "ORG")]))
    assert sentence.treebank == "gsd"
    doc = ner_ud.to_doc(nlp, sentence)  # "ConnectU." is one token: its tokens are left unannotated
    assert [(e.text, e.label_) for e in doc.ents] == [("Joko Widodo", "PER"), ("Jakarta", "GPE")]
    assert doc[-1].ent_iob == 0 and doc[0].ent_iob_ == "O"
    wide = ner_ud.to_doc(nlp, sentence, misaligned="expand")
    assert [(e.text, e.label_) for e in wide.ents][-1] == ("ConnectU.", "ORG")
    with pytest.raises(ValueError):
        ner_ud.parse_record(_record(2, "Di Bali.", [(0, 2, "GPE")]).replace('"Di"', '"Bali"'))
    with pytest.raises(ValueError):
        ner_ud.parse_record(_record(3, "Di Bali.", [(3, 7, "CITY")]))


def test_load_split(tmp_path: Path) -> None:
    for name in ner_ud.FILES:
        lines = [_record(i, f"Kalimat {i} di Jakarta.", [(len(f"Kalimat {i} di "), len(f"Kalimat {i} di Jakarta"), "GPE")])
                 for i in range(10)]
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    split = ner_ud.load_split(tmp_path)
    assert {k: len(v) for k, v in split.items()} == {"train": 35, "dev": 5, "test": 10}
    assert split["test"][0].text == "Kalimat 4 di Jakarta."


def test_country_rule() -> None:
    words = ["Pemerintah", "Suriah", "dan", "Rusia", "memakai", "bahasa", "Inggris", "di", "Bank", "Indonesia"]
    assert country_spans(words, []) == [(1, 2, "GPE"), (3, 4, "GPE")]
    assert country_spans(["Korea", "Selatan", "dan", "Indonesia", "Corruption", "Watch"], []) == [(0, 2, "GPE")]
    assert country_spans(["warga", "Israel"], [(1, 2, "NORP")]) == []


def test_convert_with_ner_ud(tmp_path: Path) -> None:
    if not (NER_UD / ner_ud.FILES[0]).is_file() or not (IDNER / "train.txt").is_file():
        pytest.skip("../shared/datasets/ner-ud or idner-news-2k is not present (not part of a user's clone)")
    counts = convert(IDNER, tmp_path, ner_ud_dir=NER_UD)
    assert counts["ner_ud_test.spacy"] == 627
    assert counts["train.spacy"] > 3500
    assert counts["idner_dev.spacy"] == 367
