"""The library entry points: :func:`analyze` one article, :func:`pipe` a stream of them,
:func:`analyze_paths` files as the CLI does (reading, deduplication, language gate)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warta.document import build_document
from warta.langid import detect_language
from warta.model import Article, Document
from warta.pipeline.nlp import load_pipeline
from warta.readers import iter_articles
from warta.readers.base import ReadError, ReadOptions
from warta.readers.text import guess_title

log = logging.getLogger(__name__)

#: Languages analysed by default. ``any`` analyses every document.
DEFAULT_LANGUAGES = ("id",)


def as_article(article_or_text: Article | str, *, options: ReadOptions | None = None) -> Article:
    """An :class:`Article` from an article or a plain text in the seed's layout."""
    if isinstance(article_or_text, Article):
        return article_or_text
    from warta.readers.base import build_article

    return build_article(body=article_or_text, title=guess_title(article_or_text),
                         options=options or ReadOptions(), origin="<text>", reader="text")


def _accepts(code: str, languages: Iterable[str] | str) -> bool:
    langs = (languages,) if isinstance(languages, str) else tuple(languages)
    return "any" in langs or code in langs


def skipped_document(article: Article, *, language: str, reason: str) -> Document:
    """A document that was not analysed (its layers stay empty), with the reason."""
    doc = Document(article=article, language=language, skipped=reason)
    doc.notes.append(reason)
    return doc


def pipe(articles: Iterable[Article | str], *, languages: Iterable[str] | str = DEFAULT_LANGUAGES,
         n_process: int = 1, batch_size: int = 32, config: str | Path | None = None) -> Iterator[Document]:
    """Analyse a stream of articles lazily, in input order.

    Documents in a language outside ``languages`` come back with ``skipped`` set and empty
    layers. ``n_process`` > 1 runs spaCy's multiprocessing.
    """
    nlp = load_pipeline(config)
    waiting: deque[tuple[int, Article, str, Document | None]] = deque()

    def accepted() -> Iterator[tuple[str, int]]:
        for i, item in enumerate(articles):
            article = as_article(item)
            guess = detect_language(article.text)
            if guess.note:
                log.debug("%s: %s", article.origin or article.doc_id, guess.note)
            if _accepts(guess.code, languages):
                waiting.append((i, article, guess.code, None))
                yield article.text, i
            else:
                reason = (f"skipped: language '{guess.code}' (p={guess.probability:.2f}) is not analysed; "
                          "use --lang any to analyse it anyway")
                waiting.append((i, article, guess.code, skipped_document(article, language=guess.code, reason=reason)))

    results: dict[int, Document] = {}
    for doc, i in nlp.pipe(accepted(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        results[i] = doc
        while waiting and (waiting[0][3] is not None or waiting[0][0] in results):
            j, article, code, ready = waiting.popleft()
            yield ready if ready is not None else build_document(results.pop(j), article, language=code)
    while waiting:
        j, article, code, ready = waiting.popleft()
        yield ready if ready is not None else build_document(results.pop(j), article, language=code)


def analyze(article_or_text: Article | str, *, languages: Iterable[str] | str = DEFAULT_LANGUAGES,
            config: str | Path | None = None) -> Document:
    """Analyse one article (or a text in the seed's layout) into a :class:`Document`."""
    return next(pipe([article_or_text], languages=languages, config=config))


@dataclass(slots=True)
class RunReport:
    """What a run over paths saw: failures, duplicates and skipped documents."""

    documents: int = 0
    failures: list[ReadError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_unique(paths: Iterable[str], *, report: RunReport, fmt: str = "auto",
                options: ReadOptions | None = None) -> Iterator[Article]:
    """Articles from ``paths``; read errors and duplicates (same text) are recorded in ``report``."""
    seen: dict[str, str] = {}
    for item in iter_articles(paths, fmt=fmt, options=options):
        if isinstance(item, ReadError):
            log.debug("read error: %s", item)
            report.failures.append(item)
            continue
        key = item.text_hash
        if key in seen:
            report.duplicates.append(f"{item.origin}: same text as {seen[key]}, analysed once")
            continue
        seen[key] = item.origin or item.doc_id
        yield item


def analyze_paths(paths: Iterable[str], *, report: RunReport, fmt: str = "auto",
                  languages: Iterable[str] | str = DEFAULT_LANGUAGES, options: ReadOptions | None = None,
                  n_process: int = 1, config: str | Path | None = None) -> Iterator[Document]:
    """Read, deduplicate and analyse every article under ``paths``, recording problems in ``report``."""
    for document in pipe(read_unique(paths, report=report, fmt=fmt, options=options), languages=languages,
                         n_process=n_process, config=config):
        report.documents += 1
        if document.skipped:
            report.skipped.append(f"{document.article.origin}: {document.skipped}")
        yield document
