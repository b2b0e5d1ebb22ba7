"""Serialise :class:`~warta.model.Document` to the ``warta.document/1`` JSON schema."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from functools import cache
from importlib import resources
from typing import Any

from warta.model import SCHEMA_ID, Document, Span

#: values returned as they are (immutable leaves)
_LEAVES = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for any other type)."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def asdict(obj: Any) -> Any:
    """:func:`dataclasses.asdict` for warta's records, without its deep copies of every leaf value: nested
    dataclasses become dicts, lists and tuples new lists and tuples, dicts new dicts; str, numbers, None and
    other leaves are shared (nothing here mutates them). The JSON is the same."""
    cls = type(obj)
    if cls in _LEAVES:
        return obj
    if cls is list:
        return [v if type(v) in _LEAVES else asdict(v) for v in obj]
    names = _field_names(cls)
    if names is not None:
        out = {}
        for name in names:
            v = getattr(obj, name)
            out[name] = v if type(v) in _LEAVES else asdict(v)
        return out
    if isinstance(obj, list):
        return [asdict(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return {asdict(k): asdict(v) for k, v in obj.items()}
    return obj


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _drop_none_extras(d: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None or k in keep}


def document_to_dict(document: Document) -> dict[str, Any]:
    """The JSON-ready dict of a document (schema ``warta.document/1``)."""
    a = document.article
    source = _drop_none_extras({
        "path": a.origin, "url": a.url, "site": a.source_name, "reader": a.reader,
        "published_raw": a.published_raw, "published_from": a.published_from,
    }, keep=set())
    events = []
    for e in document.events:
        d = asdict(e)
        d["trigger"], d["sentence"] = _span(e.trigger), _span(e.sentence)
        d["evidence"] = [_span(s) for s in e.evidence]
        events.append(d)
    return {
        "schema": SCHEMA_ID,
        "id": document.id,
        "source": source or None,
        "language": document.language,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "text": a.text,
        "sentences": [_span(s) for s in document.sentences],
        "entities": [asdict(x) for x in document.entities],
        "places": [asdict(x) for x in document.places],
        "quotes": [asdict(x) for x in document.quotes],
        "times": [asdict(x) for x in document.times],
        "events": events,
        "notes": list(document.notes),
    }


def document_to_json(document: Document, *, indent: int | None = None) -> str:
    """One document as a JSON string (one line unless ``indent``)."""
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)


@cache
def output_schema() -> dict[str, Any]:
    """warta's own JSON Schema of its output (a superset of the shared contract)."""
    return json.loads(resources.files("warta").joinpath("schema/document.schema.json").read_text("utf-8"))


def validate_document(data: dict[str, Any], schema: dict[str, Any] | None = None) -> list[str]:
    """Schema errors of one serialised document (empty when valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema or output_schema())
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in validator.iter_errors(data)]
