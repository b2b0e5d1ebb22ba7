"""warta's own hand-annotated Indonesian sentences (Apache-2.0): format, parser, split.

Files are ``src/warta/training/own/*.txt``, UTF-8, one sentence per line; blank lines and lines starting
with ``#`` are ignored. An entity is written inline as ``[text](LABEL)``, for example::

    Warga [Palestina](NORP) berunjuk rasa di [Ramallah](GPE) menjelang [KTT Liga Arab](EVENT).

Sentences are split deterministically: every fifth sentence (index 4, 9, 14…, counted over the files in
name order) goes to dev, the rest to train (80/20).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

OWN_DIR = Path(__file__).with_name("own")
LABELS: frozenset[str] = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})

_ENTITY = re.compile(r"\[([^\[\]]+)\]\(([A-Z]+)\)")


@dataclass(frozen=True)
class Annotated:
    """A plain-text sentence and its entities as ``(start_char, end_char, label)``."""

    text: str
    ents: tuple[tuple[int, int, str], ...]


def parse_line(line: str) -> Annotated:
    """Plain text and character spans of one ``[text](LABEL)``-annotated line."""
    parts: list[str] = []
    ents: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for m in _ENTITY.finditer(line):
        before = line[pos : m.start()]
        parts.append(before)
        length += len(before)
        label = m.group(2)
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {line!r}")
        parts.append(m.group(1))
        ents.append((length, length + len(m.group(1)), label))
        length += len(m.group(1))
        pos = m.end()
    parts.append(line[pos:])
    text = "".join(parts)
    if "[" in text or "](" in text:
        raise ValueError(f"malformed annotation in {line!r}")
    return Annotated(text, tuple(ents))


def parse_lines(lines: Iterable[str]) -> list[Annotated]:
    """Annotated sentences from lines, skipping blanks and ``#`` comments."""
    return [parse_line(s) for s in (raw.strip() for raw in lines) if s and not s.startswith("#")]


def load_own(own_dir: str | Path | None = None) -> list[Annotated]:
    """All sentences of the ``*.txt`` files in ``own_dir`` (default :data:`OWN_DIR`), files in name order."""
    folder = Path(own_dir) if own_dir else OWN_DIR
    out: list[Annotated] = []
    for path in sorted(folder.glob("*.txt")):
        out += parse_lines(path.read_text(encoding="utf-8").splitlines())
    return out


def split_own(items: Sequence[Annotated], every: int = 5) -> tuple[list[Annotated], list[Annotated]]:
    """``(train, dev)``: every ``every``-th item (1-based) goes to dev."""
    train = [a for i, a in enumerate(items) if i % every != every - 1]
    dev = [a for i, a in enumerate(items) if i % every == every - 1]
    return train, dev


def to_doc(nlp: Language, item: Annotated) -> Doc:
    """Tokenize ``item.text`` with ``nlp``'s tokenizer and set its entities (must align with tokens)."""
    doc = nlp.make_doc(item.text)
    spans = []
    for start, end, label in item.ents:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            raise ValueError(f"entity {item.text[start:end]!r} does not align with tokens in {item.text!r}")
        spans.append(span)
    doc.ents = spans
    return doc


def own_docs(nlp: Language, items: Iterable[Annotated]) -> list[Doc]:
    """Docs for annotated sentences."""
    return [to_doc(nlp, a) for a in items]
