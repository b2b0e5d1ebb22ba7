"""The committed Indonesian NER model and the data conversion behind it (no ../shared needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import warta
from warta.training.group_rules import add_norp_event
from warta.training.ner_data import (
    LABELS,
    convert,
    guess_spaces,
    iob_spans,
    make_doc,
    parse_conll,
    sentence_spans,
    split_places,
)
from warta.training.own_data import load_own, parse_line, split_own, to_doc
from warta.training.place_rules import place_label

MODEL = Path(warta.__file__).parent / "models" / "ner-id"
IDNER = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "idner-news-2k"

# Our own tiny CoNLL sample (TOKEN UPOS NER, CRLF line ends, like idner-news-2k).
CONLL = (
    "Menteri ADP O\r\nRina PROPN B-PER\r\nKartika PROPN I-PER\r\ntiba NOUN O\r\ndi ADP O\r\n"
    "Gedung PROPN B-LOC\r\nDPR PROPN I-LOC\r\n, PUNCT O\r\nJakarta PROPN B-LOC\r\n. PUNCT O\r\n\r\n"
    "Warga NOUN O\r\nPalestina PROPN O\r\nmenyeberang VERB O\r\n( PUNCT O\r\nlewat ADP O\r\n"
    "Laut PROPN B-LOC\r\nMerah PROPN I-LOC\r\n) PUNCT O\r\nsebelum ADP O\r\nPemilu PROPN O\r\n2024 NUM O\r\n"
    "kata NOUN O\r\nPBB PROPN B-ORG\r\n. PUNCT O\r\n"
)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load(MODEL)


def test_model_loads_with_all_labels(nlp: spacy.language.Language) -> None:
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == set(LABELS)
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 25 * 1024 * 1024
    assert (MODEL / "README.md").is_file()


def test_model_tags_person_and_city(nlp: spacy.language.Language) -> None:
    doc = nlp("Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo pada hari Senin.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Joko Widodo", "PER") in ents
    assert ("Tokyo", "GPE") in ents


def test_parse_conll_and_iob_spans() -> None:
    first, second = parse_conll(CONLL)
    assert first.words[:3] == ("Menteri", "Rina", "Kartika")
    assert iob_spans(first.tags) == [(1, 3, "PER"), (5, 7, "LOC"), (8, 9, "LOC")]
    assert iob_spans(["I-ORG", "I-ORG", "B-ORG", "O", "I-PER"]) == [(0, 2, "ORG"), (2, 3, "ORG"), (4, 5, "PER")]
    assert iob_spans(second.tags) == [(5, 7, "LOC"), (12, 13, "ORG")]


def test_guess_spaces_and_doc(nlp: spacy.language.Language) -> None:
    words = ["Ia", "tiba", "(", "kemarin", ")", "di", "Jakarta", ",", "katanya", "."]
    doc = make_doc(nlp.vocab, words, [(6, 7, "GPE")])
    assert guess_spaces(words)[1:5] == [True, False, False, True]
    assert doc.text == "Ia tiba (kemarin) di Jakarta, katanya."
    assert [(e.text, e.label_) for e in doc.ents] == [("Jakarta", "GPE")]


def test_place_rules() -> None:
    assert place_label(["Gedung", "DPR"]) == "FAC"
    assert place_label(["jalan", "KS", "Tubun"]) == "FAC"
    assert place_label(["Bandar", "Udara", "Juanda"]) == "FAC"
    assert place_label(["Jakarta", "Convention", "Center"]) == "FAC"
    assert place_label(["Laut", "China", "Selatan"]) == "LOC"
    assert place_label(["Afrika", "barat"]) == "LOC"
    assert place_label(["Sumatera"]) == "LOC"
    assert place_label(["Sumatera", "Selatan"]) == "GPE"
    assert place_label(["Papua"]) == "GPE"
    assert place_label(["Jakarta"]) == "GPE"
    first = parse_conll(CONLL)[0]
    assert split_places(first.words, iob_spans(first.tags)) == [(1, 3, "PER"), (5, 7, "FAC"), (8, 9, "GPE")]


def test_norp_event_rules() -> None:
    second = parse_conll(CONLL)[1]
    assert sentence_spans(second) == [(1, 2, "NORP"), (5, 7, "LOC"), (9, 11, "EVENT"), (12, 13, "ORG")]
    assert sentence_spans(second, add_rules=False) == [(5, 7, "LOC"), (12, 13, "ORG")]
    words = ["Hasil", "Muktamar", "VIII", "PPP", "diumumkan", "umat", "Islam", "dan", "turis", "Korea", "Selatan"]
    spans = add_norp_event(words, [(3, 4, "ORG")])
    assert spans == [(1, 3, "EVENT"), (3, 4, "ORG"), (6, 7, "NORP"), (9, 11, "NORP")]
    # Existing spans are never changed, and place names after people nouns only if they are nations.
    assert add_norp_event(["warga", "Sangatta"], []) == []
    assert add_norp_event(["warga", "Palestina"], [(1, 2, "GPE")]) == [(1, 2, "GPE")]


def test_own_format(nlp: spacy.language.Language) -> None:
    item = parse_line("Warga [Palestina](NORP) berkumpul di [Lapangan Tiananmen](FAC) saat [KTT G20](EVENT).")
    assert item.text == "Warga Palestina berkumpul di Lapangan Tiananmen saat KTT G20."
    assert [item.text[s:e] for s, e, _ in item.ents] == ["Palestina", "Lapangan Tiananmen", "KTT G20"]
    with pytest.raises(ValueError):
        parse_line("[Jakarta](CITY) macet.")
    doc = to_doc(nlp, parse_line("Ia tiba di [Bandara Soekarno-Hatta](FAC)."))
    assert [(e.text, e.label_) for e in doc.ents] == [("Bandara Soekarno-Hatta", "FAC")]
    train, dev = split_own(list(range(10)))  # type: ignore[arg-type]
    assert dev == [4, 9] and len(train) == 8


def test_own_sentences_are_valid(nlp: spacy.language.Language) -> None:
    items = load_own()
    assert len(items) >= 350
    labels = {label for item in items for _, _, label in item.ents}
    assert labels == set(LABELS)
    for item in items:
        to_doc(nlp, item)  # raises if an entity does not align with tokens


def test_convert_idner(tmp_path: Path, nlp: spacy.language.Language) -> None:
    if not (IDNER / "train.txt").is_file():
        pytest.skip("../shared/datasets/idner-news-2k is not present (not part of a user's clone)")
    counts = convert(IDNER, tmp_path, nlp=nlp)
    assert counts["idner_dev.spacy"] == 367
    assert counts["train.spacy"] > 1464
    assert (tmp_path / "train.spacy").is_file()
