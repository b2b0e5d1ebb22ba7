"""Rule-based sentence segmentation for Indonesian news (component ``warta_sentences``).

Boundaries: line breaks (titles, ledes and datelines end without a full stop), and ``.``, ``!``,
``?``, ``…`` followed by a word that can open a sentence. Not boundaries: Indonesian
abbreviations (``Dr.``, ``H.``, ``Jl.``, ``No.``, ``Prof.``, ``a.n.``; data in
:mod:`warta.lang.id.abbreviations`), initials, and a full stop followed by a lower-case word.
Closing quotes and brackets after the full stop stay with their sentence (``… benar." Lalu``); an
opening quote mark glued to the full stop starts the next one (``benar."Kami``, see
:mod:`warta.nlp.quotes.marks`), as do a capitalised word glued to it (``wartawan.Ia``) and an opening
bracket (``berakhir.(sumber: X)``: a credit or an aside after the sentence, not part of it).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from warta.lang.id.abbreviations import MAYBE_TERMINAL, NON_TERMINAL
from warta.nlp.quotes.marks import mark_roles

TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?", "....", "!!", "??"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
CLOSERS = frozenset({")", "]", "}"}) | QUOTES
OPENERS = frozenset({"(", "[", "{"}) | QUOTES


def _is_terminal(doc: Doc, i: int) -> bool:
    tok = doc[i]
    text = tok.text
    if text in TERMINAL:
        if text == "." and i > 0 and not doc[i - 1].whitespace_:
            prev = doc[i - 1].text
            if prev in NON_TERMINAL or (len(prev) == 1 and prev.isupper()):
                return False  # "Jl ." split by the tokenizer, or an initial "B ."
        return True
    if text.endswith(".") and len(text) > 1:
        return text[:-1] in MAYBE_TERMINAL  # "dll." may end a sentence; "Dr." never does
    return False


def _can_open(tok: Token) -> bool:
    first = tok.text[:1]
    return first.isupper() or first.isdigit() or tok.text in OPENERS or first in "-–—•*"


def _glued_start(doc: Doc, k: int, roles: dict[int, bool]) -> bool:
    """Whether token ``k``, glued to the full stop before it, still opens a sentence: an opening quote
    mark (``benar."Kami``), or a capitalised word or an opening bracket after a word or number
    (``wartawan.Ia``, ``2024.Menurut``, ``berakhir.(ant)``; not ``3.Ia``, ``Dr.Budi``)."""
    if doc[k].text == '"':
        return roles.get(k, False)
    prev = doc[k - 2] if k >= 2 else None
    word = doc[k].text
    return prev is not None and prev.text.isalnum() and len(prev.text) > 1 and prev.text not in NON_TERMINAL \
        and (word in ("(", "[") or (word[:1].isupper() and word.isalpha() and len(word) > 1))


def segment(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token of ``doc``."""
    n = len(doc)
    if not n:
        return doc
    starts = [False] * n
    starts[0] = True
    roles = mark_roles(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space:
            if "\n" in tok.text:
                j = i + 1
                while j < n and doc[j].is_space:
                    j += 1
                if j < n:
                    starts[j] = True
                i = j
                continue
        elif _is_terminal(doc, i):
            j = i + 1
            # closing quotes/brackets attached to the punctuation stay in this sentence
            while j < n and doc[j].text in CLOSERS and not doc[j - 1].whitespace_ \
                    and not (doc[j].text == '"' and roles.get(j)):
                j += 1
            while j < n and doc[j].text in TERMINAL and not doc[j - 1].whitespace_:
                j += 1
            k = j
            while k < n and doc[k].is_space and "\n" not in doc[k].text:
                k += 1
            if k < n and not doc[k].is_space and _can_open(doc[k]) \
                    and (doc[k - 1].whitespace_ or k > j or _glued_start(doc, k, roles)):
                starts[k] = True
            i = j
            continue
        i += 1
    # one array write: Token.is_sent_start's setter rescans the Doc on every call (quadratic)
    values = numpy.fromiter((1 if s else -1 for s in starts), dtype="int64", count=n).view("uint64")
    doc.from_array([SENT_START], values.reshape(n, 1))
    return doc


@Language.factory(
    "warta_sentences",
    assigns=["token.is_sent_start"],
    requires=[],
    retokenizes=False,
)
def make_sentences(nlp: Language, name: str) -> WartaSentences:
    """Factory of the rule-based sentence segmenter."""
    return WartaSentences()


class WartaSentences:
    """``Doc → Doc``: sets sentence starts (see module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        return segment(doc)
