"""UD conversion and split for the tagger + parser, and the committed model (no ../shared needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.vocab import Vocab

import warta
from warta.training import evaluate_parser, train_parser
from warta.training.train_parser import TREEBANKS, convert, group_docs, load_split, parse_conllu, split_of

MODEL = Path(warta.__file__).parent / "models" / "parser-id"

# Our own two tiny sentences in CoNLL-U (the first has a multiword token, verb + clitic -nya).
CONLLU = """# sent_id = own-1
# text = Polisi menangkapnya di Jakarta.
1	Polisi	polisi	NOUN	NN	_	2	nsubj	_	_
2-3	menangkapnya	_	_	_	_	_	_	_	_
2	menangkap	tangkap	VERB	VB	Voice=Act	0	root	_	_
3	nya	nya	PRON	PRP	Number=Sing|Person=3|PronType=Prs	2	obj	_	_
4	di	di	ADP	IN	_	5	case	_	_
5	Jakarta	Jakarta	PROPN	NNP	_	2	obl	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = own-2
# text = Rapat itu dibuka oleh menteri.
1	Rapat	rapat	NOUN	NN	_	3	nsubj:pass	_	_
2	itu	itu	DET	DT	PronType=Dem	1	det	_	_
3	dibuka	buka	VERB	VB	Voice=Pass	0	root	_	_
4	oleh	oleh	ADP	IN	_	5	case	_	_
5	menteri	menteri	NOUN	NN	_	3	obl:agent	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_
"""


def _sentence(i: int) -> str:
    """CoNLL-U for our own numbered three-token sentence ``Warga{i} datang.``"""
    return (
        f"# sent_id = own-{i}\n"
        f"1\tWarga{i}\twarga\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n"
        "2\tdatang\tdatang\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    )


def test_parse_conllu_merges_multiword_tokens() -> None:
    first, second = parse_conllu(CONLLU)
    assert [t.text for t in first] == ["Polisi", "menangkapnya", "di", "Jakarta", "."]
    assert first.text.strip() == "Polisi menangkapnya di Jakarta."
    verb = first[1]
    assert (verb.pos_, verb.dep_, verb.head.i) == ("VERB", "ROOT", 1)
    assert verb.morph.get("Voice") == ["Act"]
    assert [(t.head.i, t.dep_) for t in first] == [(1, "nsubj"), (1, "ROOT"), (3, "case"), (1, "obl"), (1, "punct")]
    assert [t.pos_ for t in second] == ["NOUN", "DET", "VERB", "ADP", "NOUN", "PUNCT"]
    assert [t.dep_ for t in second][:3] == ["nsubj:pass", "det", "ROOT"]
    assert str(second[2].morph) == "Voice=Pass"


def test_parse_conllu_line_ends_and_blank_lines() -> None:
    messy = "\r\n\r\n" + CONLLU.replace("\n", "\r\n").replace("\r\n\r\n", "\r\n \r\n\r\n") + "\r\n\r\n"
    docs = parse_conllu(messy)
    assert [[t.text for t in d] for d in docs] == [[t.text for t in d] for d in parse_conllu(CONLLU)]
    assert parse_conllu("") == [] and parse_conllu("# only a comment\n") == []


def test_split_of_is_fixed_and_disjoint() -> None:
    assert [split_of(i) for i in range(10)] == ["train"] * 4 + ["dev"] + ["train"] * 4 + ["test"]
    assert split_of(19) == "test" and split_of(24) == "dev" and split_of(14) == "train"
    counts = [split_of(i) for i in range(1000)]
    assert (counts.count("test"), counts.count("dev"), counts.count("train")) == (100, 50, 850)
    # The evaluation reads the held-out slice through the very same function.
    assert evaluate_parser.load_split is train_parser.load_split


def test_group_docs_keeps_sentences() -> None:
    docs = parse_conllu("\n".join(_sentence(i) for i in range(3)))
    (grouped,) = group_docs(docs, size=10)
    assert len(list(grouped.sents)) == 3
    assert grouped.text.startswith("Warga0 datang. Warga1 datang.")
    assert [t.head.i for t in grouped][:6] == [1, 1, 1, 4, 4, 4]


def test_load_split_and_convert(tmp_path: Path) -> None:
    data = tmp_path / "ud"
    data.mkdir()
    n = 0
    for files in TREEBANKS.values():
        for file in files:
            (data / file).write_text("\n".join(_sentence(n + i) for i in range(25)), encoding="utf-8")
            n += 25
    vocab = Vocab()
    split = load_split(data, vocab=vocab)
    per_file = {"train": 21, "dev": 2, "test": 2}  # of 25: test 9, 19; dev 4, 24
    for name, files in TREEBANKS.items():
        for part, count in per_file.items():
            assert len(split[part][name]) == count * len(files)
    assert split["test"]["csui"][0][0].text == "Warga9"  # 10th sentence of the first file
    assert all(d.vocab is vocab for docs in split["train"].values() for d in docs)

    counts = convert(data, tmp_path / "corpus")
    assert counts["test"]["pud"] == {"sentences": 2, "tokens": 6}
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["dev.spacy", "train.spacy"]
    train = list(DocBin().from_disk(tmp_path / "corpus" / "train.spacy").get_docs(Vocab()))
    assert len(train) == 5 + 5 + 3  # csui 42, gsd 42, pud 21 sentences, 10 per doc
    assert sum(len(list(d.sents)) for d in train) == 21 * 5
    held_out = {d[0].text for docs in split["test"].values() for d in docs}
    assert not held_out & {t.text for d in train for t in d}
    assert json.dumps(counts)  # serialisable for meta.json


def test_score_tokens_and_speed_texts() -> None:
    docs = parse_conllu(CONLLU)
    scores = evaluate_parser.score_tokens(docs, docs)
    assert scores == {"tokens": 11, "upos": 1.0, "feats": 1.0, "uas": 1.0, "las": 1.0}
    texts = evaluate_parser.speed_texts(docs, words=30, article_words=10)
    assert len(texts) == 3 and texts[0] == "Polisi menangkapnya di Jakarta. Rapat itu dibuka oleh menteri."


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    if not (MODEL / "config.cfg").is_file():
        pytest.skip("src/warta/models/parser-id is not present")
    return spacy.load(MODEL)


def test_model_loads(nlp: spacy.language.Language) -> None:
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser"]
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 10 * 1024 * 1024
    assert (MODEL / "README.md").is_file()
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert "BY-SA" in meta["license"] and len(meta["sources"]) == 3


def test_model_tags_and_parses(nlp: spacy.language.Language) -> None:
    doc = nlp("Polisi menangkap dua tersangka di Jakarta pada Senin.")
    assert len(doc) == 9
    assert all(t.pos_ for t in doc)
    assert doc.has_annotation("DEP")
    assert all(t.dep_ and 0 <= t.head.i < len(doc) for t in doc)
    for sent in doc.sents:
        assert sum(t.head == t for t in sent) == 1
    assert doc[1].pos_ == "VERB" and doc[5].pos_ == "PROPN"
