"""Which quote marks open and which close a quotation.

Normalisation maps every double quote mark to ``"`` (:mod:`warta.nlp.normalize`), so a mark's direction
is read from, in order:

1. whitespace, where it is one-sided: a mark after a space and glued to the next word opens
   (``kata: "Kami``), one glued to the previous word and followed by a space closes (``pergi," kata``);
2. the mark as written in the original text: ``“ « „`` open, ``” »`` close — which also settles
   scraped text with the spaces lost (``jalan.“Kami …,”kata``);
3. otherwise (``"`` glued on both sides or free on both) the running state of the paragraph: a mark
   opens when no quotation is open there, else it closes.

Sentence segmentation and the quote finder both read the result (cached on the Doc).
"""

from __future__ import annotations

from spacy.tokens import Doc

from warta.nlp.extensions import alignment, original_text
from warta.nlp.tokenizer import doc_text

OPEN_CHARS = frozenset("“«„‟")
CLOSE_CHARS = frozenset("”»")
_KEY = "warta_quote_roles"


def mark_roles(doc: Doc) -> dict[int, bool]:
    """``{token index: opens}`` for every ``"`` token of ``doc`` (computed once per Doc)."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    roles: dict[int, bool] = {}
    marks = [t.i for t in doc if t.text == '"'] if '"' in doc_text(doc) else []  # most sentences have none
    if marks:
        align = alignment(doc)
        text = original_text(doc)
        is_open = False
        prev_mark = 0
        for i in marks:
            if any(t.is_space and "\n" in t.text for t in doc[prev_mark:i]):
                is_open = False  # a new paragraph
            prev_mark = i
            opens = _by_space(doc, i)
            if opens is None:
                o = align.orig(doc[i].idx)
                ch = text[o] if 0 <= o < len(text) else '"'
                opens = True if ch in OPEN_CHARS else False if ch in CLOSE_CHARS else not is_open
            roles[i] = opens
            is_open = opens
    doc.user_data[_KEY] = roles
    return roles


def _by_space(doc: Doc, i: int) -> bool | None:
    """True/False when whitespace alone tells the direction of the mark at ``i``, else None."""
    n = len(doc)
    space_before = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_space or doc[i - 1].text in "([:"
    space_after = i + 1 >= n or bool(doc[i].whitespace_) or doc[i + 1].is_space
    if space_before and not space_after:
        return True
    if space_after and not space_before:
        return False
    return None


def opens(doc: Doc, i: int) -> bool:
    """Whether the quote mark at token ``i`` opens a quotation."""
    return mark_roles(doc).get(i, False)
