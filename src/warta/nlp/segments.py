"""Long documents in segments: a text longer than :data:`SEGMENT_CHARS` is analysed a segment at a
time (split at paragraph breaks, else at a space, else hard), so memory stays bounded by the segment
and time linear in the text, then the segments' layers are merged into one :class:`Document` with
offsets into the whole text.

Merging keeps one entity per KB id, else per type and name (``Joko Widodo`` named in two segments
is one entity); references (quote speakers, places, event actors and locations) follow the merged
ids. What cannot cross a segment boundary: pronouns and short names resolved to a person named only
in an earlier segment, and quotes whose marks fall in two segments. The document says so in a note.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from warta.model import Article, Document, Span

#: Longest text analysed as one spaCy Doc (spaCy refuses more than 1,000,000 characters by default;
#: warta's stages need about 2 GB per million characters in one Doc).
SEGMENT_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"\s"))


def split_segments(text: str, *, limit: int = SEGMENT_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, segment)`` pieces of ``text``, each at most ``limit`` characters, that join back to
    ``text``; cut after the last paragraph break in the window, else the last line break, else space."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + limit)
        if end < n:
            window = text[pos:end]
            for pattern in _BREAKS:
                cuts = [m.end() for m in pattern.finditer(window, limit // 2)]
                if cuts:
                    end = pos + cuts[-1]
                    break
        yield pos, text[pos:end]
        pos = end


def _shift(span: Span, offset: int, text: str) -> Span:
    return Span(span.start + offset, span.end + offset, text[span.start + offset:span.end + offset])


def merge_documents(article: Article, *, language: str, parts: list[tuple[int, Document]]) -> Document:
    """One Document for ``article`` from the Documents of its segments (``(offset, document)`` in order)."""
    text = article.text
    merged = Document(article=article, language=language)
    by_key: dict[tuple[Any, ...], Any] = {}
    for offset, part in parts:
        local: dict[str, str] = {}
        for ent in part.entities:
            key = ("kb", ent.kb) if ent.kb else (ent.type, ent.name.casefold())
            target = by_key.get(key)
            mentions = [dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in ent.mentions]
            if target is None:
                target = dataclasses.replace(ent, id=f"e{len(merged.entities) + 1}", mentions=mentions)
                by_key[key] = target
                merged.entities.append(target)
            else:
                target.mentions.extend(mentions)
                target.country = target.country or ent.country
                target.sector = target.sector or ent.sector
            local[ent.id] = target.id
        ref: Callable[[str | None], str | None] = lambda eid, m=local: m.get(eid) if eid else None  # noqa: E731
        merged.sentences.extend(_shift(s, offset, text) for s in part.sentences)
        quote_ids: dict[str, str] = {}
        for q in part.quotes:
            quote_ids[q.id] = f"q{len(merged.quotes) + 1}"
            merged.quotes.append(dataclasses.replace(q, id=quote_ids[q.id], start=q.start + offset,
                                                     end=q.end + offset, speaker=ref(q.speaker)))
        merged.times.extend(dataclasses.replace(t, start=t.start + offset, end=t.end + offset) for t in part.times)
        seen = {p.entity for p in merged.places}
        for p in part.places:
            if ref(p.entity) not in seen:
                merged.places.append(dataclasses.replace(p, entity=ref(p.entity)))
                seen.add(ref(p.entity))
        for ev in part.events:
            location = dict(ev.location, entity=ref(ev.location.get("entity"))) if ev.location else None
            merged.events.append(dataclasses.replace(
                ev, id=f"v{len(merged.events) + 1}", quote=quote_ids.get(ev.quote) if ev.quote else None, trigger=_shift(ev.trigger, offset, text),
                sentence=_shift(ev.sentence, offset, text), evidence=[_shift(s, offset, text) for s in ev.evidence],
                source=[dataclasses.replace(a, entity=ref(a.entity)) for a in ev.source],
                target=[dataclasses.replace(a, entity=ref(a.entity)) for a in ev.target], location=location))
        merged.notes.extend(part.notes)
    merged.notes.append(f"analysed in {len(parts)} segments of at most {SEGMENT_CHARS:,} characters: pronouns "
                        "and quotes do not reach across a segment boundary")
    return merged
