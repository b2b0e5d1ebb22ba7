"""The body's dateline (``JAKARTA, KOMPAS —``, ``Washington DC, AS -``): its place, where the news of the day happens,
and its tokens, which name who reports (never a party). Used by :func:`warta.nlp.events.args.make_ctx`."""

from __future__ import annotations

from spacy.tokens import Doc

from warta.lang.id.datelines import match_dateline
from warta.nlp.places import PLACE_TYPES
from warta.nlp.tokenizer import doc_text


def dateline_of(doc: Doc, mentions: list[tuple[int, int, str]], ents: dict[str, dict],
              places: dict[str, dict]) -> tuple[dict | None, tuple[int, int]]:
    """The first place named in the body's dateline (``JAKARTA -``, ``Washington DC, AS -``) and its tokens."""
    body = 0
    text = doc_text(doc)
    newline = text.find("\n") if doc._.warta_has_title else -1
    if newline >= 0:  # the body starts after the title's line break (a whitespace token)
        span = doc.char_span(newline, newline + 1, alignment_mode="expand")
        body = span.end if span is not None and span[-1].is_space else 0
    if body >= len(doc):
        return None, (0, 0)
    start_char = doc[body].idx
    m = match_dateline(text[start_char:start_char + 120])
    if m is None:
        return None, (0, 0)  # no dateline: no place for the news of the day
    end_char = start_char + m.end()
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    tokens = (span.start, span.end) if span is not None else (0, 0)
    for s, _t, eid in mentions:
        if s < body:
            continue
        if doc[s].idx >= end_char:
            break
        e = ents.get(eid, {})
        if e.get("type") in PLACE_TYPES:
            p = places.get(eid, {})
            return {"entity": eid, "name": e["name"], "country": p.get("country") or e.get("country"),
                    "lat": p.get("lat"), "lon": p.get("lon")}, tokens
    return None, tokens
