"""ner-ud: the UD Indonesian treebank sentences annotated with warta's seven entity types (CC BY-SA 4.0).

The data folder (``../shared/datasets/ner-ud``) holds one JSON-lines file per treebank file
(:data:`FILES`), one object per sentence: ``{"id", "text", "entities": [{"start", "end", "label",
"text"}]}`` with character offsets into ``text``.

Split (:func:`split_of`), deterministic and per file, by the sentence's 0-based line index ``i``:

* ``test`` if ``i % 5 == 4`` (20 %): held out, never trained on and never used for model selection.
  It contains the parser's held-out slice (``i % 10 == 9``, :mod:`warta.training.train_parser`), so no
  warta model has been trained on those sentences;
* ``dev`` if ``i % 20 == 2`` (5 %, never a test index): spaCy's checkpoint selection;
* ``train`` otherwise (75 %).

Sentences are tokenized with spaCy's Indonesian tokenizer (as at run time). The few entities whose
boundaries fall inside a token (3 of 5,026, e.g. ``ConnectU`` in ``ConnectU.``) are handled by
``misaligned``: ``"missing"`` leaves the tokens of the enclosing span unannotated (neither entity nor
``O``; for training), ``"expand"`` keeps the entity widened to whole tokens (for scoring).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from warta.training import shipping

log = logging.getLogger(__name__)

#: The data files, in the order they are read (treebank name = the part before ``-ud-``).
FILES: tuple[str, ...] = (
    "id_csui-ud-train.jsonl",
    "id_csui-ud-test.jsonl",
    "id_gsd-ud-dev.jsonl",
    "id_gsd-ud-test.jsonl",
    "id_pud-ud-test.jsonl",
)
SPLITS: tuple[str, ...] = ("train", "dev", "test")
#: Sentence ``i`` (0-based, per file) is test if ``i % TEST_EVERY == TEST_EVERY - 1`` …
TEST_EVERY = 5
#: … else dev if ``i % DEV_EVERY == DEV_OFFSET`` (never a test index), else train.
DEV_EVERY = 20
DEV_OFFSET = 2
LABELS: frozenset[str] = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})


@dataclass(frozen=True)
class UdSentence:
    """One annotated sentence: ``id`` (``file:sent_id``), its text and entities ``(start_char, end_char, label)``."""

    id: str
    text: str
    ents: tuple[tuple[int, int, str], ...]

    @property
    def treebank(self) -> str:
        """``csui``, ``gsd`` or ``pud`` (from the id's file part)."""
        return self.id.split(":", 1)[0].removeprefix("id_").split("-ud-", 1)[0]


def split_of(index: int) -> str:
    """Split of the ``index``-th (0-based) sentence of a file: ``"test"`` (20 %), ``"dev"`` (5 %) or ``"train"``."""
    return shipping.stride_split(index, test_every=TEST_EVERY, dev_every=DEV_EVERY, dev_offset=DEV_OFFSET)


def parse_record(line: str) -> UdSentence:
    """One JSON line as a :class:`UdSentence` (checks labels and that offsets match the entity text)."""
    data = json.loads(line)
    text = data["text"]
    ents = []
    for ent in data.get("entities", []):
        start, end, label = int(ent["start"]), int(ent["end"]), ent["label"]
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {data['id']}")
        if "text" in ent and text[start:end] != ent["text"]:
            raise ValueError(f"offsets {start}:{end} do not match {ent['text']!r} in {data['id']}")
        ents.append((start, end, label))
    return UdSentence(data["id"], text, tuple(sorted(ents)))


def read_file(path: str | Path) -> list[UdSentence]:
    """All sentences of one JSON-lines file, in file order (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [parse_record(line) for line in lines if line.strip()]


def load_split(data_dir: str | Path) -> dict[str, list[UdSentence]]:
    """The sentences of all :data:`FILES` in ``data_dir`` by split (:func:`split_of`), file order kept."""
    out: dict[str, list[UdSentence]] = {split: [] for split in SPLITS}
    for name in FILES:
        for i, sentence in enumerate(read_file(Path(data_dir) / name)):
            out[split_of(i)].append(sentence)
    return out


def to_doc(nlp: Language, sentence: UdSentence, *, misaligned: str = "missing") -> Doc:
    """Tokenize ``sentence.text`` with ``nlp``'s tokenizer and set its entities.

    An entity that does not align with token boundaries is, with ``misaligned="missing"``, replaced by
    missing annotation on the tokens it overlaps; with ``"expand"`` widened to those tokens.
    """
    if misaligned not in ("missing", "expand"):
        raise ValueError(f"misaligned must be 'missing' or 'expand', not {misaligned!r}")
    doc = nlp.make_doc(sentence.text)
    spans, missing = [], []
    for start, end, label in sentence.ents:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            wide = doc.char_span(start, end, label=label, alignment_mode="expand")
            log.debug("entity %r does not align with tokens in %s", sentence.text[start:end], sentence.id)
            if wide is not None:
                (spans if misaligned == "expand" else missing).append(wide)
            continue
        spans.append(span)
    doc.set_ents(spans, missing=missing, default="outside")
    return doc


def ud_docs(nlp: Language, sentences: Iterable[UdSentence], *, misaligned: str = "missing") -> list[Doc]:
    """Docs for annotated sentences (see :func:`to_doc`)."""
    return [to_doc(nlp, s, misaligned=misaligned) for s in sentences]
