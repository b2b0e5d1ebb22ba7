"""Check that pipeline components keep their declared ``requires``/``assigns`` contracts.

spaCy's ``analyze_pipes`` checks that every requirement is assigned by an earlier component;
:func:`check_contracts` also runs the pipeline and checks that each component really set what
it declares, so a later stage can rely on it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

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


def check_contracts(nlp: Language, text: str) -> list[str]:
    """Problems with the pipeline's contracts when run on ``text`` (empty list: all hold)."""
    problems: list[str] = []
    analysis = nlp.analyze_pipes()
    for name, missing in analysis.get("problems", {}).items():
        if missing:
            problems.append(f"{name}: requires {missing}, which no earlier component assigns")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        meta = nlp.get_pipe_meta(name)
        for req in meta.requires:
            if not assigned(doc, req):
                problems.append(f"{name}: requires {req}, missing before it runs")
        doc = proc(doc)
        for attr in meta.assigns:
            if not assigned(doc, attr):
                problems.append(f"{name}: declares it assigns {attr}, but did not")
    return problems
