"""The article text cut into segments for a displaCy-like view: each segment knows which entity
mentions, quotes and event triggers cover it. Templates escape the text; nothing here is HTML."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Segment:
    """A stretch of text with the annotations that cover all of it."""

    text: str
    classes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    entity: str | None = None  # the entity id of a mention, for linking


def _marks(document: dict[str, Any]) -> list[tuple[int, int, str, str, str | None]]:
    entities = {e["id"]: e for e in document.get("entities", [])}
    marks = []
    for e in entities.values():
        label = f"{e['name']} · {e['type']}" + (f" · {e['country']}" if e.get("country") else "") + \
                (f" {e['sector']}" if e.get("sector") else "") + (f" · {e['kb']}" if e.get("kb") else "")
        for m in e.get("mentions", []):
            marks.append((m["start"], m["end"], f"ent ent-{e['type']}", label, e["id"]))
    for q in document.get("quotes", []):
        speaker = entities.get(q.get("speaker"), {}).get("name") or "unknown speaker"
        marks.append((q["start"], q["end"], "quote", f"quote by {speaker}", None))
    for t in document.get("times", []):
        marks.append((t["start"], t["end"], "time", f"time: {t.get('value') or '?'}", None))
    for v in document.get("events", []):
        trigger = v["trigger"]
        marks.append((trigger["start"], trigger["end"], f"trigger ev-{v['type']}", f"event {v['id']}: {v['type']}", None))
    return marks


def segments(document: dict[str, Any]) -> list[Segment]:
    """The document's text as consecutive segments covering it exactly, with annotations."""
    text = document["text"]
    marks = [m for m in _marks(document) if 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    starts: dict[int, list] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
    active: list = []
    out = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m[1] > a] + starts.get(a, [])
        seg = Segment(text=text[a:b])
        for _, _, cls, label, entity in sorted(active, key=lambda m: (m[0], -m[1])):
            seg.classes.extend(cls.split())
            seg.labels.append(label)
            seg.entity = entity or seg.entity
        out.append(seg)
    return out
