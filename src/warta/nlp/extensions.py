"""``Doc`` extensions warta's components read and write. Registered once, on first use."""

from __future__ import annotations

from spacy.tokens import Doc

from warta.nlp.normalize import Alignment

#: extension name → default value
DOC_EXTENSIONS: dict[str, object] = {
    "warta_text": None,  # the article text as read (every output offset indexes it)
    "warta_align": None,  # Alignment.to_data() of doc.text (normalised) to warta_text
    "warta_has_title": False,  # whether the first line of the text is the article's title
    "warta_date": None,  # the article's reference date (YYYY-MM-DD) for roles and times
    "warta_entities": None,  # entity records (see warta.nlp.entities)
    "warta_places": None,  # geocoded place records (see warta.nlp.places)
    "warta_quotes": None,  # quote records (see warta.nlp.quotes.component)
    "warta_quote_notes": None,  # quotes skipped, with the reason
    "warta_times": None,  # time expression records (see warta.nlp.times.component)
    "warta_time_notes": None,  # time expressions skipped, with the reason
    "warta_syntax": None,  # dependency arcs of the sentences that hold event candidates (warta.nlp.syntax)
    "warta_events": None,  # event records (see warta.nlp.events.component)
    "warta_event_notes": None,  # failures inside the event coder, noted in the document (never swallowed)
}

#: What the tokenizer and the caller set before any component runs: components read these without
#: declaring them (see :func:`warta.nlp.contracts.check_contracts`).
PIPELINE_INPUTS = frozenset({"doc._.warta_text", "doc._.warta_align", "doc._.warta_has_title", "doc._.warta_date"})


def register_extensions() -> None:
    """Register warta's ``Doc`` extensions (idempotent and cheap: components call it per Doc)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def alignment(doc: Doc) -> Alignment:
    """The alignment of ``doc.text`` (normalised) to the original text."""
    data = doc._.warta_align
    if data is None:  # a Doc not made by the normalising tokenizer: identity
        return Alignment(norm_length=len(doc.text), orig_length=len(doc.text))
    return Alignment.from_data(data)


def original_text(doc: Doc) -> str:
    """The text as read (``doc.text`` when the Doc was made without normalisation)."""
    return doc._.warta_text if doc._.warta_text is not None else doc.text


class SentenceIndex:
    """Sentence bounds per token, computed once (``Token.sent`` rescans the Doc on every call)."""

    def __init__(self, doc: Doc) -> None:
        self.spans = [(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(doc))]
        self.of = [0] * len(doc)
        for k, (start, end) in enumerate(self.spans):
            for i in range(start, end):
                self.of[i] = k

    def bounds(self, i: int) -> tuple[int, int]:
        """``(start, end)`` token indices of the sentence holding token ``i``."""
        return self.spans[self.of[i]]


#: ``Doc.user_data`` key of :func:`link_line_tokens`'s result (with the Doc's length it was found for).
_LINK_LINES_KEY = "warta_link_line_tokens"


def link_line_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the text's link and syndication lines (``Baca juga: …``; :mod:`warta.lang.id.page_furniture`),
    found once per Doc: the event coder and the quote speakers both leave them out."""
    kept = doc.user_data.get(_LINK_LINES_KEY)
    if isinstance(kept, tuple) and kept[0] == len(doc):
        return kept[1]
    from warta.lang.id.page_furniture import link_lines
    from warta.nlp.tokenizer import doc_text

    tokens: set[int] = set()
    for a, b in link_lines(doc_text(doc)):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    found = frozenset(tokens)
    doc.user_data[_LINK_LINES_KEY] = (len(doc), found)
    return found
