"""Turn an analysed spaCy ``Doc`` into a :class:`~warta.model.Document`.

Spans on the Doc index its normalised text; here they are mapped back through the alignment
so every offset in the Document indexes the article text as read.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from warta.model import Actor, Article, Document, Entity, Event, Mention, Place, Quote, Span, TimeExpr
from warta.nlp.extensions import alignment
from warta.nlp.normalize import Alignment

#: Functions that add a layer to a Document from a Doc (later stages register theirs here).
LayerBuilder = Callable[[Doc, Document, Alignment], None]
LAYER_BUILDERS: list[LayerBuilder] = []


def map_span(align: Alignment, text: str, start: int, end: int) -> Span:
    """A :class:`Span` of the original ``text`` for the normalised span ``[start, end)``."""
    a, b = align.span(start, end)
    return Span(a, b, text[a:b])


def sentence_spans(doc: Doc, align: Alignment, text: str) -> list[Span]:
    """Sentences as spans of the original text, without surrounding whitespace."""
    spans = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        spans.append(map_span(align, text, toks[0].idx, toks[-1].idx + len(toks[-1])))
    return spans


def entity_layer(doc: Doc, document: Document, align: Alignment) -> None:
    """``doc._.warta_entities`` → :attr:`Document.entities` with offsets into the text as read."""
    text = document.article.text
    for rec in doc._.warta_entities or []:
        mentions = []
        for start, end, source in rec["mentions"]:
            s = map_span(align, text, start, end)
            mentions.append(Mention(s.start, s.end, s.text, source))
        document.entities.append(Entity(id=rec["id"], name=rec["name"], type=rec["type"], country=rec["country"],
                                        sector=rec["sector"], kb=rec["kb"], mentions=mentions))


def quote_layer(doc: Doc, document: Document, align: Alignment) -> None:
    """``doc._.warta_quotes`` → :attr:`Document.quotes` with offsets into the text as read."""
    text = document.article.text
    for rec in doc._.warta_quotes or []:
        s = map_span(align, text, rec["start"], rec["end"])
        document.quotes.append(Quote(id=rec["id"], start=s.start, end=s.end, text=s.text, direct=rec["direct"],
                                     speaker=rec["speaker"], cue=rec["cue"]))
    document.notes.extend(doc._.warta_quote_notes or [])


def place_layer(doc: Doc, document: Document, align: Alignment) -> None:
    """``doc._.warta_places`` → :attr:`Document.places`."""
    for rec in doc._.warta_places or []:
        document.places.append(Place(entity=rec["entity"], name=rec["name"], country=rec["country"], lat=rec["lat"],
                                     lon=rec["lon"], geonames_id=rec["geonames_id"], admin1=rec["admin1"]))


def time_layer(doc: Doc, document: Document, align: Alignment) -> None:
    """``doc._.warta_times`` → :attr:`Document.times` with offsets into the text as read."""
    text = document.article.text
    for rec in doc._.warta_times or []:
        s = map_span(align, text, rec["start"], rec["end"])
        document.times.append(TimeExpr(start=s.start, end=s.end, text=s.text, value=rec["value"],
                                       precision=rec["precision"]))
    document.notes.extend(doc._.warta_time_notes or [])


def event_layer(doc: Doc, document: Document, align: Alignment) -> None:
    """``doc._.warta_events`` → :attr:`Document.events` with offsets into the text as read."""
    text = document.article.text
    document.notes.extend(doc._.warta_event_notes or [])
    for rec in doc._.warta_events or []:
        evidence = [map_span(align, text, a, b) for a, b in rec.get("evidence") or [rec["sentence"]]]
        document.events.append(Event(
            id=rec["id"], type=rec["type"], mode=rec.get("mode"), cameo=rec.get("cameo"),
            trigger=map_span(align, text, *rec["trigger"]), sentence=map_span(align, text, *rec["sentence"]),
            confidence=float(rec["confidence"]),
            source=[Actor(name=a["name"], country=a.get("country"), sector=a.get("sector"), entity=a.get("entity"))
                    for a in rec["source"]],
            target=[Actor(name=a["name"], country=a.get("country"), sector=a.get("sector"), entity=a.get("entity"))
                    for a in rec["target"]],
            date=rec.get("date"), date_precision=rec.get("date_precision"), location=rec.get("location"),
            negated=bool(rec.get("negated")), hypothetical=bool(rec.get("hypothetical")),
            future=bool(rec.get("future")), quote=rec.get("quote"), summary_en=rec.get("summary_en"),
            evidence=evidence, date_source=rec.get("date_source"), historical=bool(rec.get("historical")),
            rule=rec.get("rule"), model=rec.get("model")))


LAYER_BUILDERS.extend([entity_layer, time_layer, quote_layer, place_layer, event_layer])


def build_document(doc: Doc, article: Article, *, language: str) -> Document:
    """The Document for ``article`` from its analysed ``doc``."""
    align = alignment(doc)
    document = Document(article=article, language=language)
    if doc.has_annotation("SENT_START"):
        document.sentences = sentence_spans(doc, align, article.text)
    for builder in LAYER_BUILDERS:
        builder(doc, document, align)
    return document
