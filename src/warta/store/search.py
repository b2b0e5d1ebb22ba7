"""Indonesian-aware full-text search: the stem index, the queries against it, snippets.

Two FTS5 indexes cover an article's title, text and quotes:

- ``articles_fts`` (migration 0001) indexes the words as written; it serves quoted phrases
  (``"kerja sama"``) and prefixes (``presid*``), which match exactly.
- ``articles_stem`` (migration 0004, contentless, ``detail=none``: no positions) indexes, for every word, the word and every
  stem warta's affix stripper (:func:`warta.lang.id.morphology.candidates`) finds for it, so
  ``menyerang`` is indexed as ``menyerang serang cerang``. A plain query word is stemmed to the
  lemma warta's event lexicon knows for it (:func:`query_stem`: ``menyerang`` → ``serang``,
  ``pertemuan`` → ``temu``), else taken as typed, and looked up there: ``serang`` and
  ``menyerang`` find menyerang, serangan and diserang; a word the lexicon does not know finds the
  forms built on it (``berita``: beritanya, pemberitaan), never a shorter guess (``rita``).

The stem index is filled by SQL triggers that call :func:`stems_sql` (registered on every
connection as ``warta_stems``). Migration 0004 indexes the rows a store already holds; when the
affix stripper changes (:func:`stemmer_version`), the next writable open rebuilds the index.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from warta.lang.id import morphology

#: Bump when :func:`stems` changes what it emits for the same text (forces a rebuild).
STEMS_FORMAT = 1
_WORD = re.compile(r"[^\W_]+")  # words as FTS5's unicode61 tokenizer splits them


def stems(text: str | None) -> str:
    """Every word of ``text`` followed by its candidate stems, space-separated (for the index)."""
    if not text:
        return ""
    out: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        out.extend(morphology.candidates(word))
    return " ".join(out)


def stems_sql(*texts: str | None) -> str:
    """``warta_stems(title, text, quotes_text)``: :func:`stems` of the texts, joined."""
    return " ".join(stems(t) for t in texts if t)


@cache
def stemmer_version() -> str:
    """A fingerprint of the affix stripper and of :func:`stems`; a change means re-indexing."""
    source = Path(morphology.__file__).read_bytes()
    return f"{STEMS_FORMAT}:{hashlib.sha1(source).hexdigest()[:12]}"


def register_functions(conn: sqlite3.Connection) -> None:
    """Make ``warta_stems`` and ``warta_stemmer_version`` available to a connection's SQL."""
    conn.create_function("warta_stems", 3, stems_sql, deterministic=True)
    conn.create_function("warta_stemmer_version", 0, stemmer_version, deterministic=True)


def refresh_stem_index(conn: sqlite3.Connection) -> bool:
    """Rebuild ``articles_stem`` when it was built by another stemmer; True when it was rebuilt.

    Runs in its own transaction on a writable connection (in autocommit mode).
    """
    row = conn.execute("SELECT value FROM store_meta WHERE key = 'stemmer'").fetchone()
    if row is not None and row[0] == stemmer_version():
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO articles_stem (articles_stem) VALUES ('delete-all')")
        conn.execute("INSERT INTO articles_stem (rowid, stems) "
                     "SELECT id, warta_stems(title, text, quotes_text) FROM articles")
        conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('stemmer', ?)", (stemmer_version(),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def query_stem(word: str) -> str:
    """The stem a query word is searched by: the first of its candidate stems that warta's event
    trigger lexicon knows as a lemma, else the word (lower-cased)."""
    return morphology.lemma(word, _known_lemmas())


@cache
def _known_lemmas() -> frozenset[str]:
    from warta.nlp.events.lexicon import default_lexicon

    return frozenset(w for w in default_lexicon().vocab if " " not in w)


@dataclass(slots=True)
class _Group:
    """Terms ANDed together: plain words (stem index) and phrases/prefixes (surface index)."""

    words: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)


def parse_query(text: str) -> list[_Group]:
    """What a user typed as OR-separated groups of ANDed terms (FTS syntax taken literally)."""
    groups = [_Group()]
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', unicodedata.normalize("NFC", text)):
        if word == "OR":
            if groups[-1].words or groups[-1].exact:
                groups.append(_Group())
            continue
        tokens = _WORD.findall(phrase or word)
        if not tokens:
            continue
        if phrase:
            groups[-1].exact.append('"' + " ".join(tokens) + '"')
        elif word.endswith("*"):
            groups[-1].words.extend(query_stem(t) for t in tokens[:-1])
            groups[-1].exact.append(f'"{tokens[-1]}"*')
        else:
            groups[-1].words.extend(query_stem(t) for t in tokens)
    return [g for g in groups if g.words or g.exact]


def match_sql(text: str) -> tuple[str, list[Any]] | None:
    """A ``SELECT rowid ...`` of the articles matching a user query, with its parameters; None
    when the query has no searchable word. Plain words match any form built on them (the stem
    index); quoted phrases and ``prefix*`` match as written; ``OR`` between terms means either."""
    parts, params = [], []
    for group in parse_query(text):
        selects = []
        if group.words:
            selects.append("SELECT rowid FROM articles_stem WHERE articles_stem MATCH ?")
            params.append(" ".join(f'"{w}"' for w in group.words))
        if group.exact:
            selects.append("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?")
            params.append(" ".join(group.exact))
        parts.append(" INTERSECT ".join(selects))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0], params
    return " UNION ".join(f"SELECT rowid FROM ({p})" for p in parts), params


def rank_query(text: str) -> str:
    """An FTS5 query of the stem index that any plain word of ``text`` matches (for ranking)."""
    return " OR ".join(f'"{w}"' for g in parse_query(text) for w in g.words) or '""'


def highlighter(text: str) -> tuple[re.Pattern[str], set[str]] | None:
    """For snippets: a pattern over a document's words whose group ``x`` is a phrase or prefix
    the query matched, and the query's plain words (a word matches when one of its stems is one)."""
    groups = parse_query(text)
    words = {w for g in groups for w in g.words}
    alternatives = []
    for item in (e for g in groups for e in g.exact):
        tokens = _WORD.findall(item)
        if item.endswith("*"):
            alternatives.append(re.escape(tokens[0]) + r"\w*")
        elif tokens:
            alternatives.append(r"\W+".join(re.escape(t) for t in tokens))
    if not words and not alternatives:
        return None
    exact = rf"\b(?P<x>{'|'.join(alternatives)})\b|" if alternatives else ""
    return re.compile(exact + r"\w+", re.IGNORECASE), words


def snippet(texts: list[str | None], query: str, *, mark: tuple[str, str], width: int = 14) -> str | None:
    """About ``width`` words of the first text that contains a match, matches between ``mark``.

    Stops reading a text at the end of the window (a long article costs no more than a short one)."""
    compiled = highlighter(query)
    if compiled is None:
        return None
    pattern, words = compiled
    exact = bool(pattern.groupindex)

    def hit(m: re.Match[str]) -> bool:
        return bool(exact and m.group("x")) or (bool(words) and any(c in words for c in morphology.candidates(m.group(0))))

    for text in texts:
        if not text:
            continue
        before: deque[re.Match[str]] = deque(maxlen=width // 3)
        found = pattern.finditer(text)
        first = None
        for m in found:
            if hit(m):
                first = m
                break
            before.append(m)
        if first is None:
            continue
        window, hits, more = [*before, first], {len(before)}, False
        for m in found:
            if len(window) >= width:
                more = True
                break
            if hit(m):
                hits.add(len(window))
            window.append(m)
        pieces, pos = [], window[0].start()

        def plain(piece: str) -> str:  # the article's own characters never pass for marks
            return piece.replace(mark[0], "").replace(mark[1], "")

        for i, m in enumerate(window):
            pieces.append(plain(text[pos:m.start()]))
            pieces.append(f"{mark[0]}{plain(m.group(0))}{mark[1]}" if i in hits else plain(m.group(0)))
            pos = m.end()
        body = " ".join("".join(pieces).split())
        lead = "…" if _WORD.search(text, 0, window[0].start()) else ""
        return lead + body + ("…" if more else "")
    return None
