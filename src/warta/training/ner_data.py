"""Convert idner-news-2k (CoNLL, IOB2, PER/ORG/LOC), ner-ud and warta's own sentences into spaCy ``DocBin`` files.

Output, in ``out_dir`` (``training/corpus/`` by default, git-ignored):

* ``train.spacy`` – 90 % of idner train, with places split into GPE/LOC/FAC (:mod:`warta.training.place_rules`)
  and NORP/EVENT added by rule (:mod:`warta.training.group_rules`), + 80 % of warta's own sentences
  + ner-ud's train split (75 %, :mod:`warta.training.ner_ud`) when a ner-ud folder is given;
* ``dev.spacy`` – model selection: the other 10 % of idner train (every 10th sentence, same rules) + the other
  20 % of warta's own sentences + ner-ud's dev split (5 %);
* ``idner_dev.spacy`` – idner dev with the place split only (its original annotation; held out, for reporting);
* ``own_dev.spacy`` – the 20 % of warta's own sentences also used for model selection (for reporting);
* ``ner_ud_test.spacy`` – ner-ud's test split (20 %, held out, for reporting), when a ner-ud folder is given.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from warta.training import ner_ud
from warta.training.group_rules import add_countries, add_norp_event
from warta.training.own_data import load_own, own_docs, split_own
from warta.training.place_rules import place_label

log = logging.getLogger(__name__)

#: Labels of the trained model.
LABELS: tuple[str, ...] = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")

#: Tokens not preceded by a space when a sentence is rebuilt from its tokens.
NO_SPACE_BEFORE: frozenset[str] = frozenset({",", ".", ":", ";", ")", "!", "?", "]", "}", "%", "...", "'s"})
#: Tokens not followed by a space.
NO_SPACE_AFTER: frozenset[str] = frozenset({"(", "[", "{"})

#: Every ``IDNER_DEV_EVERY``-th sentence (1-based) of idner train goes to model selection instead of training.
IDNER_DEV_EVERY = 10

SpanT = tuple[int, int, str]


@dataclass(frozen=True)
class Sentence:
    """One CoNLL sentence: its tokens and their IOB2 tags."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


def parse_conll(text: str) -> list[Sentence]:
    """Sentences from CoNLL text (``TOKEN ... TAG`` per line, blank line between sentences, any line ends).

    The tag is the last whitespace-separated column; the token is the first.
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        parts = raw.split()
        if not parts:
            if words:
                sentences.append(Sentence(tuple(words), tuple(tags)))
                words, tags = [], []
            continue
        if len(parts) < 2:
            raise ValueError(f"CoNLL line without a tag: {raw!r}")
        words.append(parts[0])
        tags.append(parts[-1])
    if words:
        sentences.append(Sentence(tuple(words), tuple(tags)))
    return sentences


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL file (UTF-8)."""
    return parse_conll(Path(path).read_text(encoding="utf-8"))


def iob_spans(tags: Sequence[str]) -> list[SpanT]:
    """``(start, end, label)`` token spans from IOB2 tags; a stray ``I-`` starts a new span."""
    spans: list[SpanT] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if label and (prefix != "I" or kind != label):
            spans.append((start, i, label))
            label = ""
        if prefix in ("B", "I") and not label:
            start, label = i, kind
    return spans


def guess_spaces(words: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space: none before ``, . : ; ) ! ?``, none after ``(``."""
    spaces = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and word not in NO_SPACE_AFTER and nxt not in NO_SPACE_BEFORE)
    return spaces


def split_places(words: Sequence[str], spans: Iterable[SpanT]) -> list[SpanT]:
    """Relabel ``LOC`` spans as GPE, LOC or FAC with :func:`~warta.training.place_rules.place_label`."""
    return [(s, e, place_label(words[s:e]) if label == "LOC" else label) for s, e, label in spans]


def sentence_spans(sentence: Sentence, *, add_rules: bool = True, countries: bool | None = None) -> list[SpanT]:
    """A sentence's entity spans in warta's labels.

    Places are split; NORP/EVENT are added if ``add_rules``; untagged country names become GPE
    (:func:`~warta.training.group_rules.country_spans`) if ``countries`` (default: as ``add_rules``).
    """
    spans = split_places(sentence.words, iob_spans(sentence.tags))
    if add_rules:
        spans = add_norp_event(sentence.words, spans)
    if add_rules if countries is None else countries:
        spans = add_countries(sentence.words, spans)
    return spans


def make_doc(vocab: Vocab, words: Sequence[str], spans: Iterable[SpanT]) -> Doc:
    """A ``Doc`` with heuristic spaces and ``spans`` as its entities."""
    doc = Doc(vocab, words=list(words), spaces=guess_spaces(words))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
    return doc


def conll_docs(
    vocab: Vocab, sentences: Iterable[Sentence], *, add_rules: bool = True, countries: bool | None = None
) -> list[Doc]:
    """Docs for CoNLL sentences (rules as in :func:`sentence_spans`)."""
    return [make_doc(vocab, s.words, sentence_spans(s, add_rules=add_rules, countries=countries)) for s in sentences]


def _save(docs: Sequence[Doc], path: Path) -> None:
    DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], docs=docs).to_disk(path)
    log.info("wrote %s (%d docs)", path, len(docs))


def split_idner_train(sentences: Sequence[Sentence], every: int = IDNER_DEV_EVERY) -> tuple[list[Sentence], list[Sentence]]:
    """``(train, dev)`` of idner train: every ``every``-th sentence (1-based) goes to dev (model selection)."""
    train = [s for i, s in enumerate(sentences) if i % every != every - 1]
    dev = [s for i, s in enumerate(sentences) if i % every == every - 1]
    return train, dev


def convert(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    own_dir: str | Path | None = None,
    ner_ud_dir: str | Path | None = None,
    nlp: Language | None = None,
) -> dict[str, int]:
    """Write the ``.spacy`` files of this module's docstring into ``out_dir``.

    ``data_dir`` holds idner-news-2k's ``train.txt`` and ``dev.txt``; ``own_dir`` the annotated ``*.txt``
    files of :mod:`warta.training.own_data` (default: the ones shipped with this package); ``ner_ud_dir``
    the ner-ud JSON-lines files (default: none, ner-ud is not used). ``nlp`` tokenizes the own and ner-ud
    sentences (default: ``spacy.blank("id")``). Returns the number of docs per file.
    """
    import spacy

    data, out = Path(data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nlp = nlp or spacy.blank("id")
    idner_train, idner_select = split_idner_train(read_conll(data / "train.txt"))
    idner_dev = read_conll(data / "dev.txt")
    own_train, own_dev = split_own(load_own(own_dir))
    files = {
        "train.spacy": conll_docs(nlp.vocab, idner_train) + own_docs(nlp, own_train),
        "dev.spacy": conll_docs(nlp.vocab, idner_select) + own_docs(nlp, own_dev),
        "idner_dev.spacy": conll_docs(nlp.vocab, idner_dev, add_rules=False),
        "own_dev.spacy": own_docs(nlp, own_dev),
    }
    if ner_ud_dir is not None:
        ud = ner_ud.load_split(ner_ud_dir)
        files["train.spacy"] += ner_ud.ud_docs(nlp, ud["train"])
        files["dev.spacy"] += ner_ud.ud_docs(nlp, ud["dev"])
        files["ner_ud_test.spacy"] = ner_ud.ud_docs(nlp, ud["test"], misaligned="expand")
    for name, docs in files.items():
        _save(docs, out / name)
    return {name: len(docs) for name, docs in files.items()}
