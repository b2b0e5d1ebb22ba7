"""Helpers shared by the event tests."""

from __future__ import annotations


def candidates(nlp, text, *, title: str | None = None) -> list[dict]:
    """Every trigger match's record, kept or not: what the argument rules made of it, whatever the model decides
    (``text``: a string, after ``title`` when one is given, or an Article)."""
    from warta.api import as_article, make_doc

    if title is not None:
        text = title + "\n\n" + text
    doc = make_doc(nlp, as_article(text))
    for name, proc in nlp.pipeline:
        if name == "warta_events":
            return [c.record for c in proc.candidates(doc)]
        doc = proc(doc)
    raise AssertionError("no event stage")
