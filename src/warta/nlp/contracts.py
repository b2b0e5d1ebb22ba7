"""Check that pipeline components keep their declared ``requires``/``assigns`` contracts.

spaCy's ``analyze_pipes`` checks that every requirement is assigned by an earlier component;
:func:`check_contracts` also runs the pipeline and checks that each component really set what
it declares, so a later stage can rely on it, and that it declared what it read: every custom
attribute (``doc._.x``, ``token._.x``, ``span._.x``) a component reads while it runs must be in its
``requires`` or its ``assigns`` (the pipeline's inputs, :data:`~warta.nlp.extensions.PIPELINE_INPUTS`,
excepted), and every one it writes in its ``assigns``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens.underscore import Underscore

from warta.nlp.extensions import PIPELINE_INPUTS

_ANNOTATIONS = {
    "token.is_sent_start": "SENT_START", "doc.sents": "SENT_START", "token.sent_start": "SENT_START",
    "token.tag": "TAG", "token.pos": "POS", "token.lemma": "LEMMA", "token.dep": "DEP",
    "token.head": "DEP", "token.morph": "MORPH", "doc.ents": "ENT_IOB", "token.ent_iob": "ENT_IOB",
    "token.ent_type": "ENT_TYPE",
}


def assigned(doc: Doc, attr: str) -> bool:
    """Whether ``doc`` carries the annotation named by a spaCy attribute string."""
    if attr in _ANNOTATIONS:
        return doc.has_annotation(_ANNOTATIONS[attr])
    if attr.startswith("doc._."):
        return getattr(doc._, attr[6:]) is not None
    if attr.startswith("doc.spans"):
        key = attr.split("[", 1)[1].strip("]'\"") if "[" in attr else None
        return key in doc.spans if key else bool(doc.spans)
    if attr.startswith("token._."):
        name = attr[8:]
        return all(getattr(t._, name) is not None for t in doc)
    return True  # attributes spaCy cannot check (e.g. token.text) are always present


def _attr(underscore: Underscore, name: str) -> str:
    kind = "doc" if isinstance(underscore._obj, Doc) else "token" if isinstance(underscore._obj, Token) else "span"
    return f"{kind}._.{name}"


@contextmanager
def recorded_access() -> Iterator[tuple[set[str], set[str]]]:
    """The custom attributes read and those written while the context is open, as ``doc._.x``,
    ``token._.x`` or ``span._.x``."""
    reads: set[str] = set()
    writes: set[str] = set()
    get, put = Underscore.__getattr__, Underscore.__setattr__

    def recording_get(self: Underscore, name: str) -> Any:
        reads.add(_attr(self, name))
        return get(self, name)

    def recording_put(self: Underscore, name: str, value: Any) -> None:
        if name not in ("_extensions", "_obj", "_start", "_end", "_doc"):
            writes.add(_attr(self, name))
        put(self, name, value)

    Underscore.__getattr__ = recording_get  # type: ignore[method-assign]
    Underscore.__setattr__ = recording_put  # type: ignore[method-assign]
    try:
        yield reads, writes
    finally:
        Underscore.__getattr__ = get  # type: ignore[method-assign]
        Underscore.__setattr__ = put  # type: ignore[method-assign]


def check_contracts(nlp: Language, text: str) -> list[str]:
    """Problems with the pipeline's contracts when run on ``text`` (empty list: all hold)."""
    problems: list[str] = []
    analysis = nlp.analyze_pipes()
    for name, missing in analysis.get("problems", {}).items():
        if missing:
            problems.append(f"{name}: requires {missing}, which no earlier component assigns")
    doc = nlp.make_doc(text)
    given = set(PIPELINE_INPUTS)
    for name, proc in nlp.pipeline:
        meta = nlp.get_pipe_meta(name)
        for req in meta.requires:
            if not assigned(doc, req):
                problems.append(f"{name}: requires {req}, missing before it runs")
        with recorded_access() as (reads, writes):
            doc = proc(doc)
        for attr in sorted(reads - set(meta.requires) - set(meta.assigns) - given):
            problems.append(f"{name}: reads {attr} but does not declare it in requires or assigns")
        for attr in sorted(writes - set(meta.assigns)):
            problems.append(f"{name}: writes {attr} but does not declare it in assigns")
        for attr in meta.assigns:
            if not assigned(doc, attr):
                problems.append(f"{name}: declares it assigns {attr}, but did not")
    return problems
