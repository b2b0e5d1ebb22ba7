"""Writing analysed documents into the store.

An article's identity is its URL, else the hash of its text. Saving an article that is already
stored replaces its whole analysis (same row id, children deleted and rewritten) and keeps the
cross-article story clusters (:mod:`warta.store.stories`) and event clusters
(:mod:`warta.store.clusters`) current; :func:`delete_articles` removes articles and keeps them
current too. :func:`save_documents` and :func:`delete_articles` each write atomically.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from warta.io.dates import date_interval
from warta.store import rollups
from warta.store.cache import bump_version
from warta.store.clusters import assign_clusters, refresh_clusters, unindex_events, utc_now
from warta.store.stories import assign_story, prepare_stories, remove_story


def text_hash(text: str) -> str:
    """The hash that identifies an article without a URL (the same as :attr:`Article.text_hash`)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def source_key(site: str | None, url: str | None) -> str:
    """Who published it, for counting distinct sources: the site, else the URL's host, else ''."""
    if site and site.strip():
        return site.strip().casefold()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.")
    return ""


def find_article(conn: sqlite3.Connection, *, url: str | None, hash_: str) -> sqlite3.Row | None:
    """The stored article with this identity (URL, else text hash), or None."""
    if url:
        return conn.execute("SELECT id, text_hash, fingerprint FROM articles WHERE url = ?", (url,)).fetchone()
    return conn.execute("SELECT id, text_hash, fingerprint FROM articles WHERE url IS NULL AND text_hash = ?",
                        (hash_,)).fetchone()


def actor_key(actor: dict[str, Any]) -> str:
    """What makes two actors the same across articles: the KB id, else the casefolded name."""
    return actor.get("kb") or f"name:{(actor.get('name') or '').casefold()}"


def _document_blob(doc: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def load_document(blob: bytes) -> dict[str, Any]:
    """The stored warta.document/1 dict."""
    return json.loads(zlib.decompress(blob))


def save_documents(conn: sqlite3.Connection, documents: list[dict[str, Any]], *, fingerprint: str,
                   run_id: int | None) -> list[int]:
    """Store a batch of warta.document/1 dicts in one transaction; returns their article ids.

    Nothing of the batch is written if any of it fails. The first write after an upgrade to
    schema version 5 also gives the articles stored before it their stories (once).
    """
    with _clustered_write(conn) as touched:
        ids, shrunk = [], set(touched)  # touched so far: clusters of regrouped old articles
        for doc in documents:
            article_id, old_clusters = _save_one(conn, doc, fingerprint=fingerprint, run_id=run_id)
            touched |= old_clusters
            shrunk |= old_clusters
            assign_story(conn, article_id, title=doc.get("title"), text=doc["text"], published=doc.get("published"))
            joined = assign_clusters(conn, article_id)
            touched |= joined
            for cluster_id in joined:  # the article's events are new there (its old ones were in old_clusters)
                touched.grown.setdefault(cluster_id, set()).add(article_id)
            ids.append(article_id)
        for cluster_id in shrunk:
            touched.grown.pop(cluster_id, None)
    return ids


def delete_articles(conn: sqlite3.Connection, article_ids: list[int]) -> int:
    """Delete stored articles with their analysis in one transaction, keeping story and event
    clusters current; returns how many were found and deleted."""
    deleted = 0
    with _clustered_write(conn) as touched:
        for article_id in dict.fromkeys(article_ids):
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                continue
            touched |= delete_article(conn, article_id)
            remove_story(conn, article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            deleted += 1
    return deleted


class _Touched(set):
    """The clusters a write touched; ``grown`` maps those it only added to (see
    :func:`~warta.store.clusters.refresh_clusters`) to the articles whose events joined them."""

    def __init__(self) -> None:
        super().__init__()
        self.grown: dict[int, set[int]] = {}


@contextmanager
def _clustered_write(conn: sqlite3.Connection) -> Iterator[_Touched]:
    """One write transaction: articles stored before stories get theirs first (and their events are
    regrouped), the body adds the clusters it touches to the yielded set, they are refreshed at the
    end; any failure rolls the whole transaction back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        touched = _Touched()
        for article_id in prepare_stories(conn):
            touched |= assign_clusters(conn, article_id, regroup=True)
        yield touched
        refresh_clusters(conn, set(touched), grown=touched.grown)
        bump_version(conn)  # articles' triggers bump it too; this covers events regrouped without one
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
            conn.execute("ROLLBACK")
        raise


def delete_article(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Remove an article's analysis rows (not the article row, not its story); returns the
    clusters it was in."""
    clusters = {r[0] for r in conn.execute(
        "SELECT DISTINCT cluster_id FROM events WHERE article_id = ? AND cluster_id IS NOT NULL", (article_id,))}
    unindex_events(conn, article_id)
    rollups.remove_article(conn, article_id)
    for table in ("events", "entities", "mentions", "quotes", "times", "places"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    return clusters


def _save_one(conn: sqlite3.Connection, doc: dict[str, Any], *, fingerprint: str,
              run_id: int | None) -> tuple[int, set[int]]:
    source = doc.get("source") or {}
    url, site = source.get("url"), source.get("site")
    text = doc["text"]
    hash_ = text_hash(text)
    quotes_text = "\n".join(q["text"] for q in doc.get("quotes", []))
    values = (doc["id"], url, hash_, doc.get("title"), doc.get("published"), site, source_key(site, url),
              source.get("path"), source.get("reader"), doc.get("language"), text, quotes_text,
              len(text.split()), _document_blob(doc), fingerprint, run_id, utc_now())
    existing = find_article(conn, url=url, hash_=hash_)
    old_clusters: set[int] = set()
    if existing is None:
        cur = conn.execute(
            "INSERT INTO articles (doc_id, url, text_hash, title, published, site, source_key, path, reader, "
            "language, text, quotes_text, n_words, document, fingerprint, run_id, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        article_id = cur.lastrowid
    else:
        article_id = existing["id"]
        old_clusters = delete_article(conn, article_id)
        conn.execute(
            "UPDATE articles SET doc_id = ?, url = ?, text_hash = ?, title = ?, published = ?, site = ?, "
            "source_key = ?, path = ?, reader = ?, language = ?, text = ?, quotes_text = ?, n_words = ?, "
            "document = ?, fingerprint = ?, run_id = ?, ingested_at = ? WHERE id = ?", (*values, article_id))
    _insert_layers(conn, article_id, doc)
    rollups.add_article(conn, article_id)
    return article_id, old_clusters


def _insert_layers(conn: sqlite3.Connection, article_id: int, doc: dict[str, Any]) -> None:
    entities = doc.get("entities", [])
    conn.executemany(
        "INSERT INTO entities (article_id, eid, name, type, country, sector, kb, n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, e["id"], e["name"], e["type"], e.get("country"), e.get("sector"), e.get("kb"),
          len(e.get("mentions", []))) for e in entities])
    conn.executemany(
        'INSERT INTO mentions (article_id, eid, start, "end", text, source) VALUES (?, ?, ?, ?, ?, ?)',
        [(article_id, e["id"], m["start"], m["end"], m["text"], m.get("source"))
         for e in entities for m in e.get("mentions", [])])
    by_id = {e["id"]: e for e in entities}
    conn.executemany(
        'INSERT INTO quotes (article_id, qid, start, "end", text, direct, speaker_eid, speaker_name, speaker_kb, cue) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, q["id"], q["start"], q["end"], q["text"], int(bool(q.get("direct"))), q.get("speaker"),
          by_id.get(q.get("speaker"), {}).get("name"), by_id.get(q.get("speaker"), {}).get("kb"), q.get("cue"))
         for q in doc.get("quotes", [])])
    conn.executemany(
        'INSERT INTO times (article_id, start, "end", text, value, precision) VALUES (?, ?, ?, ?, ?, ?)',
        [(article_id, t["start"], t["end"], t["text"], t.get("value"), t.get("precision")) for t in doc.get("times", [])])
    conn.executemany(
        "INSERT INTO places (article_id, eid, name, country, lat, lon, geonames_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(article_id, p.get("entity"), p["name"], p.get("country"), p.get("lat"), p.get("lon"), p.get("geonames_id"))
         for p in doc.get("places", [])])
    for event in doc.get("events", []):
        _insert_event(conn, article_id, event, by_id)


def _insert_event(conn: sqlite3.Connection, article_id: int, event: dict[str, Any],
                  entities: dict[str, dict[str, Any]]) -> None:
    start, end = date_interval(event.get("date"), event.get("date_precision"))
    location = event.get("location") or {}
    trigger = event["trigger"]
    cur = conn.execute(
        "INSERT INTO events (article_id, vid, type, mode, cameo, date, date_precision, date_start, date_end, "
        "location_name, location_country, lat, lon, confidence, negated, hypothetical, future, quote_qid, summary_en, "
        "trigger_text, trigger_start, trigger_end, sentence, event_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, event["id"], event["type"], event.get("mode"), event.get("cameo"), event.get("date"),
         event.get("date_precision"), start, end, location.get("name"), location.get("country"), location.get("lat"),
         location.get("lon"), float(event.get("confidence") or 0), int(bool(event.get("negated"))),
         int(bool(event.get("hypothetical"))), int(bool(event.get("future"))), event.get("quote"),
         event.get("summary_en"), trigger["text"], trigger["start"], trigger["end"], event["sentence"]["text"],
         json.dumps(event, ensure_ascii=False, separators=(",", ":"))))
    rows = []
    for role in ("source", "target"):
        for position, actor in enumerate(event.get(role) or []):
            kb = actor.get("kb") or entities.get(actor.get("entity"), {}).get("kb")
            full = {**actor, "kb": kb}
            rows.append((cur.lastrowid, role, position, actor["name"], actor.get("country"), actor.get("sector"), kb,
                         actor.get("entity"), actor_key(full)))
    conn.executemany(
        "INSERT INTO event_actors (event_id, role, position, name, country, sector, kb, eid, key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
