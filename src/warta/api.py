"""The library entry points: :func:`analyze` one article, :func:`pipe` a stream of them,
:func:`analyze_paths` files as the CLI does (reading, deduplication, language gate)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from warta.budget import DocumentTimeout, doc_timeout, time_budget
from warta.io.readers import iter_articles
from warta.io.readers.base import ReadError, ReadOptions
from warta.io.readers.text import guess_title
from warta.model import Article, Document
from warta.nlp.document import build_document
from warta.nlp.extensions import register_extensions
from warta.nlp.langid import detect_language
from warta.nlp.load import load_pipeline
from warta.nlp.segments import SEGMENT_CHARS, merge_documents, split_segments

log = logging.getLogger(__name__)

#: Languages analysed by default. ``any`` analyses every document.
DEFAULT_LANGUAGES = ("id",)


def as_article(article_or_text: Article | str, *, options: ReadOptions | None = None) -> Article:
    """An :class:`Article` from an article or a plain text in the seed's layout."""
    if isinstance(article_or_text, Article):
        return article_or_text
    from warta.io.readers.base import build_article

    return build_article(body=article_or_text, title=guess_title(article_or_text),
                         options=options or ReadOptions(), origin="<text>", reader="text")


def _accepts(code: str, languages: Iterable[str] | str) -> bool:
    langs = (languages,) if isinstance(languages, str) else tuple(languages)
    return "any" in langs or code in langs


#: How the reason of a document whose analysis failed or ran out of time begins (a language skip does not).
ANALYSIS_FAILED = "skipped: analysis"


def analysis_failed(document: Document) -> bool:
    """Whether ``document`` was skipped because its analysis failed or ran past its time budget (an
    error of the run, unlike a document skipped for its language)."""
    return bool(document.skipped) and document.skipped.startswith(ANALYSIS_FAILED)


def skipped_document(article: Article, *, language: str, reason: str) -> Document:
    """A document that was not analysed (its layers stay empty), with the reason."""
    doc = Document(article=article, language=language, skipped=reason)
    doc.notes.append(reason)
    return doc


def _gate(article: Article, languages: Iterable[str] | str) -> tuple[str, Document | None]:
    """Detect the language; a document that will not be analysed comes back ready (skipped)."""
    guess = detect_language(article.text)
    if guess.note:
        log.debug("%s: %s", article.origin or article.doc_id, guess.note)
    if _accepts(guess.code, languages):
        return guess.code, None
    reason = (f"skipped: language '{guess.code}' (p={guess.probability:.2f}) is not analysed; "
              "use --lang any to analyse it anyway")
    return guess.code, skipped_document(article, language=guess.code, reason=reason)


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenize an article and attach what the components need to know about it (its date)."""
    register_extensions()  # also when a custom config's tokenizer is not warta's
    doc = nlp.make_doc(article.text)
    doc._.warta_date = article.published.isoformat() if article.published else None
    doc._.warta_has_title = bool(article.title) and article.text.lstrip().startswith(article.title)
    return doc


def _pipe_local(articles: Iterable[Article], *, languages, batch_size: int, config) -> Iterator[Document]:
    nlp = warm_pipeline(config)
    batch: list[tuple[Article, str, Document | None]] = []
    pending = 0
    for article in articles:
        code, ready = _gate(article, languages)
        batch.append((article, code, ready))
        pending += ready is None
        if pending >= batch_size:
            yield from _analyze_batch(nlp, batch)
            batch, pending = [], 0
    if batch:
        yield from _analyze_batch(nlp, batch)


def _analyze_batch(nlp: Language, batch: list[tuple[Article, str, Document | None]]) -> Iterator[Document]:
    """The documents of ``batch`` in order: analysed together; if that fails or runs past its time budget
    (one document's budget per 100,000 characters, :mod:`warta.budget`), one by one, so one bad or
    runaway document costs only itself (it comes back skipped, with the reason)."""
    todo = [(a, code) for a, code, ready in batch if ready is None and len(a.text) <= SEGMENT_CHARS]
    done: dict[int, Document] = {}
    if todo:
        try:
            with time_budget(_budget_for(sum(len(a.text) for a, _ in todo))):
                docs = nlp.pipe((make_doc(nlp, a) for a, _ in todo), batch_size=len(todo))
                done = {id(a): build_document(doc, a, language=code) for (a, code), doc in zip(todo, docs, strict=True)}
        except (Exception, DocumentTimeout) as exc:  # retried one by one below, where each failure is reported
            why = "ran past its time budget" if isinstance(exc, DocumentTimeout) else "failed"
            log.warning("analysing a batch of %d documents %s; analysing them one by one", len(todo), why)
            done = {id(a): _analyze_one(nlp, a, language=code) for a, code in todo}
    for article, code, ready in batch:
        yield ready or done.get(id(article)) or _analyze_one(nlp, article, language=code)


def _budget_for(chars: int) -> float:
    """Seconds for analysing ``chars`` characters at once: one document's budget per full segment."""
    return doc_timeout() * max(1, -(-chars // SEGMENT_CHARS))


def _analyze_one(nlp: Language, article: Article, *, language: str) -> Document:
    """One document; a failure of the pipeline on it, or a run past its time budget (of each segment for
    a long text), makes a skipped document naming the reason."""
    try:
        if len(article.text) > SEGMENT_CHARS:
            return _analyze_segments(nlp, article, language=language)
        with time_budget():
            return build_document(nlp(make_doc(nlp, article)), article, language=language)
    except DocumentTimeout:
        seconds = doc_timeout()
        log.warning("%s: analysis ran past its budget of %g s; skipped", article.origin or article.doc_id, seconds)
        reason = (f"{ANALYSIS_FAILED} took longer than {seconds:g} s (the time budget per document, "
                  f"{'of each segment, ' if len(article.text) > SEGMENT_CHARS else ''}set by --doc-timeout)")
        return skipped_document(article, language=language, reason=reason)
    except Exception as exc:  # never lose a batch to one document
        log.exception("%s: analysis failed", article.origin or article.doc_id)
        reason = f"{ANALYSIS_FAILED} failed: {type(exc).__name__}: {str(exc)[:200]}"
        return skipped_document(article, language=language, reason=reason)


def _analyze_segments(nlp: Language, article: Article, *, language: str) -> Document:
    """A text too long for one Doc, analysed segment by segment (each with its own time budget) and
    merged (:mod:`warta.nlp.segments`)."""
    parts = []
    for offset, text in split_segments(article.text):
        part = dataclasses.replace(article, text=text, title=article.title if offset == 0 else None)
        with time_budget():
            doc = nlp(make_doc(nlp, part))
            parts.append((offset, build_document(doc, part, language=language)))
    log.info("%s: analysed in %d segments", article.origin or article.doc_id, len(parts))
    return merge_documents(article, language=language, parts=parts)


_worker_state: dict[str, object] = {}

#: A short invented text run through the pipeline before worker processes are forked, so that the lazy
#: indexes (KB matcher, gazetteer, geocoder) are built once in the parent and shared with every worker.
WARM_UP_TEXT = ("Menteri Luar Negeri Bertemu Duta Besar Jepang\n\nJAKARTA - Menteri Luar Negeri Indonesia bertemu "
                "Duta Besar Jepang di Jakarta, Senin (14/10/2024). \"Kami sepakat memperkuat kerja sama,\" kata "
                "menteri itu. Polisi menangkap dua orang di Surabaya, Jawa Timur.")


_warmed: set[int] = set()


def warm_pipeline(config: str | Path | None = None) -> Language:
    """The pipeline for ``config``, loaded and run once on :data:`WARM_UP_TEXT` (its lazy parts built), so
    that building them never counts against a document's time budget."""
    nlp = load_pipeline(config)
    if id(nlp) not in _warmed:
        nlp(make_doc(nlp, as_article(WARM_UP_TEXT)))
        _warmed.add(id(nlp))
        import gc

        gc.freeze()  # the lazy parts just built (KB matcher, gazetteer indexes) live as long as the pipeline
    return nlp


def _fork_context():
    """The ``fork`` start method where it is safe and available (Linux), else None (spawn)."""
    import multiprocessing
    import sys

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _worker_init(languages, config) -> None:
    _worker_state["languages"] = languages
    _worker_state["config"] = config
    load_pipeline(config)  # spawned workers build it now; forked ones have the parent's


def _worker_analyze(chunk: list[Article]) -> list[Document]:
    languages, config = _worker_state["languages"], _worker_state["config"]
    return list(_pipe_local(chunk, languages=languages, batch_size=len(chunk), config=config))


def _chunks(stream: Iterable[Article], size: int) -> Iterator[list[Article]]:
    from itertools import islice

    iterator = iter(stream)
    while chunk := list(islice(iterator, size)):
        yield chunk


def pipe(articles: Iterable[Article | str], *, languages: Iterable[str] | str = DEFAULT_LANGUAGES,
         n_process: int = 1, batch_size: int = 32, config: str | Path | None = None) -> Iterator[Document]:
    """Analyse a stream of articles lazily, in input order.

    Documents in a language outside ``languages`` come back with ``skipped`` set and empty
    layers. With ``n_process`` > 1, worker processes analyse chunks of the stream (language gate
    included) while the caller reads on; at most two chunks per worker are in flight, so memory
    stays bounded. On Linux the pipeline is loaded (and warmed up) once here and the workers are
    forked from this process, sharing it; elsewhere each (spawned) worker loads its own.
    """
    languages = (languages,) if isinstance(languages, str) else tuple(languages)
    stream = (as_article(a) for a in articles)
    if n_process <= 1:
        yield from _pipe_local(stream, languages=languages, batch_size=batch_size, config=config)
        return
    import itertools
    import multiprocessing
    from collections import deque

    chunks = _chunks(stream, max(1, batch_size // 4))
    first = next(chunks, None)
    if first is None:
        return  # no input: no pipeline, no workers
    ctx = _fork_context()
    if ctx is not None:
        warm_pipeline(config)  # before the fork: every worker shares this pipeline, none loads its own
    else:
        ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(languages, config)) as pool:
        pending: deque = deque()
        for chunk in itertools.chain([first], chunks):
            pending.append(pool.apply_async(_worker_analyze, (chunk,)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


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
    #: documents whose analysis failed or ran out of time (also in ``skipped``): the run did not do all it should
    failed_analyses: int = 0


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
            report.failed_analyses += analysis_failed(document)
        yield document
