"""warta's data model: the article as read and every analysis layer.

All offsets (``start``/``end``) index :attr:`Article.text`, the article exactly as read with the
title first. Serialisation to the ``warta.document/1`` JSON schema lives in :mod:`warta.io.document_json`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_ID = "warta.document/1"


@dataclass(slots=True)
class Article:
    """One article as a reader produced it, before analysis.

    ``text`` is what every offset indexes: the title line first, then the body, unchanged.
    ``published`` is a day-precision date when one was found; ``published_from`` names where it
    came from (``metadata``, ``url``, ``dateline``, ``body``) so the value can be traced.
    """

    text: str
    title: str | None = None
    id: str | None = None
    url: str | None = None
    published: date | None = None
    published_raw: str | None = None
    published_from: str | None = None
    source_name: str | None = None
    origin: str | None = None  # file path, "-" for stdin, feed url, or "path#record"
    reader: str | None = None  # which reader produced it (text, json, jsonl, html, feed, warc)

    @property
    def text_hash(self) -> str:
        """A stable hash of ``text`` (sha1, hex), used for ids and deduplication."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def doc_id(self) -> str:
        """The id given by the input, else ``sha1:<first 16 hex digits of the text hash>``."""
        return self.id or f"sha1:{self.text_hash[:16]}"


@dataclass(slots=True, frozen=True)
class Span:
    """A character span of :attr:`Article.text`."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """One mention of an entity."""

    start: int
    end: int
    text: str
    source: str | None = None  # rule, lexicon entry or model that produced it


@dataclass(slots=True)
class Entity:
    """A real-world entity with all its mentions in the article."""

    id: str
    name: str
    type: str  # PER ORG GPE LOC FAC NORP EVENT
    country: str | None = None
    sector: str | None = None
    kb: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Direct or indirect speech with its speaker (an entity id) and cue verb."""

    id: str
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class TimeExpr:
    """A time expression with its normalised value (YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # day week month year


@dataclass(slots=True)
class Place:
    """A geocoded place entity."""

    entity: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    admin1: str | None = None


@dataclass(slots=True)
class Actor:
    """A source or target actor of an event."""

    name: str
    country: str | None = None
    sector: str | None = None
    entity: str | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER event record with its evidence."""

    id: str
    type: str
    trigger: Span
    sentence: Span
    confidence: float
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    mode: str | None = None
    cameo: str | None = None
    date: str | None = None
    date_precision: str | None = None
    location: dict[str, Any] | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    quote: str | None = None
    summary_en: str | None = None
    evidence: list[Span] = field(default_factory=list)
    date_source: str | None = None  # "stated" in the text, or "inferred" (the publication date)
    historical: bool = False  # ended more than a year before publication
    rule: str | None = None  # the lexicon row that matched: "triggers.tsv:LINE:pattern"
    model: dict[str, Any] | None = None  # the model that decided: {"name", "version", "p"}


@dataclass(slots=True)
class Document:
    """One analysed article: the article plus every analysis layer."""

    article: Article
    language: str
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # items skipped, with the reason
    skipped: str | None = None  # why the document was not analysed (e.g. its language)

    @property
    def id(self) -> str:
        """The document id (see :attr:`Article.doc_id`)."""
        return self.article.doc_id

    @property
    def text(self) -> str:
        """The text every offset indexes."""
        return self.article.text
