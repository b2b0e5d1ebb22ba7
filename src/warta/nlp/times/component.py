"""Time expressions resolved against the article's date (component ``warta_times``).

Runs :func:`warta.nlp.times.engine.scan_times` over ``doc.text`` with ``doc._.warta_date`` (``YYYY-MM-DD``)
as the anchor; without a date, relative times are kept with ``None`` values. Writes
``doc._.warta_times`` (records with character offsets into ``doc.text``), the token spans
``doc.spans["warta_times"]`` (label: the precision, or ``TIME`` when unresolved) and
``doc._.warta_time_notes`` (candidates skipped, with the reason).
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp.extensions import register_extensions
from warta.nlp.times.engine import scan_times
from warta.nlp.tokenizer import doc_text

#: The span group this component writes.
SPANS_KEY = "warta_times"


@Language.factory("warta_times", assigns=["doc.spans", "doc._.warta_times", "doc._.warta_time_notes"],
                  requires=[])
def make_times(nlp: Language, name: str) -> TimeTagger:
    """Factory of the time expression tagger."""
    return TimeTagger()


class TimeTagger:
    """``Doc → Doc``: time expression records, spans and notes (see module docstring)."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()  # the Doc class may have been reset since construction
        notes: list[str] = []
        anchor = _anchor(doc._.warta_date, notes)
        matches, skipped = scan_times(doc_text(doc), anchor=anchor)
        records, spans = [], []
        for m in matches:
            records.append({"start": m.start, "end": m.end, "text": m.text, "value": m.value,
                            "precision": m.precision, "rule": m.rule})
            span = doc.char_span(m.start, m.end, label=m.precision or "TIME", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        notes.extend(f"skipped time {s.text!r}: {s.reason}" for s in skipped)
        doc._.warta_times = records
        doc._.warta_time_notes = notes
        doc.spans[SPANS_KEY] = spans
        return doc


def _anchor(raw: object, notes: list[str]) -> date | None:
    """``doc._.warta_date`` as a date (a ``date`` or an ISO ``YYYY-MM-DD`` string)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        notes.append(f"unreadable reference date {raw!r}: times left unresolved")
        return None
