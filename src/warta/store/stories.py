"""Story clusters: articles about the same story, grouped by the similarity of their texts.

Every stored article has a row in ``story_articles``: its story, its publication day and the
MinHash signature of its title and text (:mod:`warta.store.minhash`: word bigrams without
stopwords, 128 values). The first :data:`~warta.store.minhash.BANDS` values are LSH band keys in
``story_bands`` (primary key ``band, hash, day``), so finding the articles that may be about the
same story is one indexed lookup per band, restricted to the date window; nothing scans the
store, and the cost of an insert depends on how many articles share its window, not on how many
are stored.

Two articles are about the same story when

- both have a publication date at most :data:`WINDOW_DAYS` apart and their bigram sets have a
  Jaccard similarity of at least :data:`THRESHOLD`, or
- one of them has no publication date and the similarity is at least :data:`THRESHOLD_UNDATED`
  (without a date only near-copies, such as one wire story on two sites, are grouped).

The signatures' estimate decides when it is clearly above or below the threshold; within
:data:`CONFIRM_BELOW`/:data:`CONFIRM_ABOVE` of it the exact Jaccard of the two stored texts
decides (the estimate's noise would otherwise make borderline pairs a coin toss). The exact check
reads the other article's shingles, kept beside its signature (:func:`~warta.store.minhash.compact`,
about 1.5 KB an article), so its cost does not grow with the text or the store; articles signed
before schema version 11 are cut from their text again. Candidates are taken in the order of their
estimates, a story already matched is not checked again through its other members, and an article
makes at most :data:`MAX_EXACT` exact checks: with random-date articles saved into a 100,000-article
store, 23 checks an article became 5 and saving went from 134 to 147 articles per CPU-second.

Measured with ``scripts/tune_stories.py`` on 186 real articles (the samples, the dev articles
and 169 Kompas articles cut from PFSA-ID, many of them on one topic, Covid-19 in 2020) and 558
same-story pairs made from them: at 0.08, every lightly perturbed pair (each version keeps 80%
of the sentences, 5% of the words replaced), 84% of the heavily perturbed ones (each keeps a
random half of the sentences, 15% of the words replaced) and 98% of lede-and-article pairs
group, and 1 of the
17,205 pairs of different articles (two Surabaya swab-test reports, Jaccard 0.26); the estimate
alone would group 81% / 92% of those and 3 different pairs. Undated at 0.2: 100% / 11% / 19%.
(Pairs there are compared without dates; in a store only articles published within the window
compete, which removes most different-story pairs.)

A new article joins the story of its most similar match, unless that would stretch the story
over more than :data:`MAX_STORY_DAYS` days of publication (a daily template article, such as
a price list, would otherwise chain into one story over months). Stories are never merged by a
later article that matches two of them, so, like the event clusters, grouping can depend on the
order of ingest. When an article leaves a story (deleted, or re-analysed with another text or
date) the rest is split into the connected parts of the "same story" relation, so every story
stays connected. Articles whose text has fewer than
:data:`~warta.store.minhash.MIN_SHINGLES` bigrams have no signature and a story of their own.

Stores from before schema version 5 get the rows of their existing articles in Python, at the
first write after the upgrade (:func:`backfill_stories`, called by
:func:`warta.store.write.save_documents`; about 2 ms of CPU an article, some minutes for
100,000); migration 0005 only notes which articles are due (and fills the event clusters'
``cluster_keys`` in SQL: 0.15 s for 27,000 events).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from warta.store import minhash
from warta.store.clusters import utc_now

log = logging.getLogger(__name__)

#: Publication days two dated articles of one story may be apart.
WINDOW_DAYS = 3
#: Days of publication one story may span (first to last dated article).
MAX_STORY_DAYS = 7
#: Jaccard similarity of word bigrams for two dated articles.
THRESHOLD = 0.08
#: Jaccard similarity when either article has no publication date.
THRESHOLD_UNDATED = 0.2
#: Estimates this far below the threshold are checked against the exact similarity, not rejected.
CONFIRM_BELOW = 0.04
#: Estimates at least this far above the threshold are accepted without the exact check.
CONFIRM_ABOVE = 0.06
#: Articles read per band lookup at most (a guard against thousands of identical texts in a window).
MAX_PER_BAND = 200
#: Exact checks per new article at most. Candidates are checked in the order of their estimates, and
#: not at all once their story has matched through a member with a higher estimate, so a window
#: crowded with versions of one text costs a few checks, not one per version.
MAX_EXACT = 8
#: Stories larger than this are not checked for splitting when an article leaves them.
MAX_SPLIT_MEMBERS = 300
#: ``story_bands.day`` of an article without a publication date.
UNDATED = -1
#: ``store_meta`` key naming the last article id that migration 0005 left without a story.
BACKFILL_KEY = "stories_backfill_upto"
#: ``store_meta`` key holding :func:`warta.store.minhash.parameters` of the stored signatures.
PARAMETERS_KEY = "stories_signature"

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass
class TextSignature:
    """What story matching knows about one article."""

    signature: np.ndarray | None
    day: int | None
    #: the shingles as stored and compared exactly (:func:`warta.store.minhash.compact`)
    compact: np.ndarray


def story_text(title: str | None, text: str) -> str:
    """The text compared for stories: the title (unless the text starts with it) and the text."""
    if title and not text.startswith(title):
        return f"{title}\n{text}"
    return text


def publication_day(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO publication date (a datetime's date part), else None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return None


def sign(title: str | None, text: str, published: str | None) -> TextSignature:
    """The signature and publication day of an article."""
    shingles = minhash.shingle_hashes(story_text(title, text))
    return TextSignature(minhash.signature(shingles), publication_day(published), minhash.compact(shingles))


def _threshold(day_a: int | None, day_b: int | None) -> float | None:
    if day_a is None or day_b is None:
        return THRESHOLD_UNDATED
    return THRESHOLD if abs(day_a - day_b) <= WINDOW_DAYS else None


def _shingles_of(conn: sqlite3.Connection, article_id: int) -> np.ndarray:
    """The compact shingles of a stored article: kept with its signature, or (rows signed before
    schema version 11) cut from its text again."""
    row = conn.execute("SELECT shingles FROM story_shingles WHERE article_id = ?", (article_id,)).fetchone()
    if row is not None:
        return minhash.shingles_from_blob(row[0])
    row = conn.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
    return minhash.compact(minhash.shingle_hashes(story_text(row[0], row[1])) if row else np.zeros(0, dtype=np.uint64))


def _decide(conn: sqlite3.Connection, estimate: float, threshold: float, shingles: np.ndarray,
            other_id: int) -> float | None:
    """The similarity of a pair when it is the same story, else None (``shingles``: compact)."""
    if estimate < threshold - CONFIRM_BELOW:
        return None
    if estimate >= threshold + CONFIRM_ABOVE:
        return estimate
    exact = minhash.jaccard(shingles, _shingles_of(conn, other_id))
    return exact if exact >= threshold else None


def _band_rows(sig: np.ndarray, day: int | None, article_id: int) -> list[tuple[int, int, int, int]]:
    keys = minhash.lsh_keys(sig)
    return [(band, key, UNDATED if day is None else day, article_id) for band, key in enumerate(keys)]


@cache
def _lookup_sql(dated: bool) -> str:
    """One statement for all bands: per band, the articles in the window and the undated ones."""
    if dated:
        part = ("SELECT * FROM (SELECT article_id FROM story_bands WHERE band = ? AND hash = ? AND day BETWEEN ? AND ? "
                "LIMIT {n}) UNION ALL SELECT * FROM (SELECT article_id FROM story_bands WHERE band = ? AND hash = ? "
                "AND day = {u} LIMIT {n})")
    else:
        part = "SELECT * FROM (SELECT article_id FROM story_bands WHERE band = ? AND hash = ? ORDER BY day DESC LIMIT {n})"
    return " UNION ALL ".join([part.format(n=MAX_PER_BAND, u=UNDATED)] * minhash.BANDS)


def _candidates(conn: sqlite3.Connection, bands: list[tuple[int, int, int, int]], day: int | None,
                article_id: int) -> set[int]:
    """Articles sharing a band key in the date window (and undated ones), by index lookups."""
    if day is None:
        params = [x for band, key, _, _ in bands for x in (band, key)]
    else:
        params = [x for band, key, _, _ in bands for x in (band, key, day - WINDOW_DAYS, day + WINDOW_DAYS, band, key)]
    found = {r[0] for r in conn.execute(_lookup_sql(day is not None), params)}
    found.discard(article_id)
    return found


def _members(conn: sqlite3.Connection, article_ids: list[int]) -> list[sqlite3.Row]:
    rows = []
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start:start + 500]
        rows += conn.execute(
            f"SELECT article_id, story_id, day, signature FROM story_articles WHERE article_id IN "
            f"({','.join('?' * len(chunk))}) AND signature IS NOT NULL", chunk).fetchall()
    return rows


def _estimates(sig: np.ndarray, blobs: list[bytes]) -> np.ndarray:
    matrix = np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), -1)
    return (matrix == sig.astype("<u4")).mean(axis=1)


def _best_story(conn: sqlite3.Connection, article_id: int, ts: TextSignature,
                bands: list[tuple[int, int, int, int]]) -> int | None:
    candidates = _members(conn, sorted(_candidates(conn, bands, ts.day, article_id)))
    if not candidates:
        return None
    estimates = _estimates(ts.signature, [c["signature"] for c in candidates])
    scored: dict[int, float] = {}
    checks = 0
    for k in np.argsort(-estimates, kind="stable"):  # the likeliest first
        cand, estimate = candidates[k], float(estimates[k])
        threshold = _threshold(ts.day, cand["day"])
        if threshold is None:
            continue
        if threshold - CONFIRM_BELOW <= estimate < threshold + CONFIRM_ABOVE:  # an exact check decides
            if cand["story_id"] in scored or checks >= MAX_EXACT:
                continue  # its story already matched through a member at least as similar, or enough checks
            checks += 1
        sim = _decide(conn, estimate, threshold, ts.compact, cand["article_id"])
        if sim is not None and sim > scored.get(cand["story_id"], -1.0):
            scored[cand["story_id"]] = sim
    for story_id, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        if ts.day is None:
            return story_id
        first, last = conn.execute("SELECT day_first, day_last FROM stories WHERE id = ?", (story_id,)).fetchone()
        if first is None or max(last, ts.day) - min(first, ts.day) <= MAX_STORY_DAYS:
            return story_id
    return None


def _new_story(conn: sqlite3.Connection) -> int:
    return conn.execute("INSERT INTO stories (num_articles, updated_at) VALUES (0, ?)", (utc_now(),)).lastrowid


def _refresh(conn: sqlite3.Connection, story_ids: set[int]) -> None:
    for story_id in story_ids:
        n, first, last = conn.execute("SELECT count(*), min(day), max(day) FROM story_articles WHERE story_id = ?",
                                      (story_id,)).fetchone()
        if n:
            conn.execute("UPDATE stories SET num_articles = ?, day_first = ?, day_last = ?, updated_at = ? WHERE id = ?",
                         (n, first, last, utc_now(), story_id))
        else:
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def assign_story(conn: sqlite3.Connection, article_id: int, *, title: str | None, text: str,
                 published: str | None) -> int:
    """Put a stored article into its story (a new one when nothing matches); returns the story id.

    Saving an article again with the same text and date keeps its story as it is.
    """
    ts = sign(title, text, published)
    blob = minhash.to_blob(ts.signature) if ts.signature is not None else None
    kept = minhash.shingles_blob(ts.compact) if ts.signature is not None else None
    old = conn.execute("SELECT story_id, day, signature FROM story_articles WHERE article_id = ?",
                       (article_id,)).fetchone()
    if old is not None:
        if old["signature"] == blob and old["day"] == ts.day:
            if kept is not None:  # a no-op unless it was signed before schema version 11
                conn.execute("INSERT OR IGNORE INTO story_shingles (article_id, shingles) VALUES (?, ?)",
                             (article_id, kept))
            return old["story_id"]
        remove_story(conn, article_id)
    bands = _band_rows(ts.signature, ts.day, article_id) if ts.signature is not None else []
    story_id = (_best_story(conn, article_id, ts, bands) if bands else None) or _new_story(conn)
    conn.execute("INSERT INTO story_articles (article_id, story_id, day, signature) VALUES (?, ?, ?, ?)",
                 (article_id, story_id, ts.day, blob))
    if kept is not None:
        conn.execute("INSERT OR REPLACE INTO story_shingles (article_id, shingles) VALUES (?, ?)", (article_id, kept))
    conn.executemany("INSERT OR IGNORE INTO story_bands (band, hash, day, article_id) VALUES (?, ?, ?, ?)", bands)
    _refresh(conn, {story_id})
    return story_id


def remove_story(conn: sqlite3.Connection, article_id: int) -> None:
    """Take an article out of its story (before it is deleted or re-signed); the rest of the story
    is split into its connected parts."""
    row = conn.execute("SELECT story_id, day, signature FROM story_articles WHERE article_id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return
    if row["signature"] is not None:
        conn.executemany("DELETE FROM story_bands WHERE band = ? AND hash = ? AND day = ? AND article_id = ?",
                         _band_rows(minhash.from_blob(row["signature"]), row["day"], article_id))
    conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM story_shingles WHERE article_id = ?", (article_id,))
    _refresh(conn, _split(conn, row["story_id"]))


def _split(conn: sqlite3.Connection, story_id: int) -> set[int]:
    """Split a story into the connected parts of the same-story relation; returns the stories touched."""
    members = conn.execute("SELECT article_id, day, signature FROM story_articles WHERE story_id = ? "
                           "ORDER BY article_id LIMIT ?", (story_id, MAX_SPLIT_MEMBERS + 1)).fetchall()
    if len(members) <= 1 or len(members) > MAX_SPLIT_MEMBERS or any(m["signature"] is None for m in members):
        return {story_id}
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles: dict[int, np.ndarray] = {}
    for i, a in enumerate(members):
        sig = minhash.from_blob(a["signature"])
        estimates = _estimates(sig, [b["signature"] for b in members[i + 1:]]) if i + 1 < len(members) else []
        for j, estimate in enumerate(estimates, i + 1):
            threshold = _threshold(a["day"], members[j]["day"])
            if threshold is None or root(i) == root(j):
                continue
            if a["article_id"] not in shingles:
                shingles[a["article_id"]] = _shingles_of(conn, a["article_id"])
            if _decide(conn, float(estimate), threshold, shingles[a["article_id"]], members[j]["article_id"]) is not None:
                parent[root(j)] = root(i)
    parts: dict[int, list[int]] = {}
    for i, m in enumerate(members):
        parts.setdefault(root(i), []).append(m["article_id"])
    touched = {story_id}
    for part in sorted(parts.values())[1:]:  # the part with the first article keeps the id
        new = _new_story(conn)
        conn.executemany("UPDATE story_articles SET story_id = ? WHERE article_id = ?", [(new, a) for a in part])
        touched.add(new)
    return touched


def prepare_stories(conn: sqlite3.Connection) -> list[int]:
    """Make the stored stories usable before a write: when the signature parameters changed
    (another shingle size, stopword list ...) every article is re-signed; articles due since the
    upgrade are signed (:func:`backfill_stories`). Returns the ids of the articles signed now that
    joined a story with others. Callers own the transaction; cheap when there is nothing to do.
    """
    current = minhash.parameters()
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (PARAMETERS_KEY,)).fetchone()
    if row is None or row[0] != current:
        if row is not None:
            log.info("story clusters: signature parameters changed (%s -> %s); re-signing every article", row[0], current)
            for table in ("story_bands", "story_shingles", "story_articles", "stories"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("INSERT OR REPLACE INTO store_meta (key, value) SELECT ?, CAST(max(id) AS TEXT) FROM articles "
                         "HAVING count(*) > 0", (BACKFILL_KEY,))
        conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", (PARAMETERS_KEY, current))
    return backfill_stories(conn)


def backfill_stories(conn: sqlite3.Connection, *, chunk: int = 500) -> list[int]:
    """Give the articles stored before schema version 5 their stories, oldest first, as if they
    were ingested in that order; returns the ids of those that joined a story with others.

    A no-op (one primary-key lookup) once done. Callers own the transaction.
    """
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (BACKFILL_KEY,)).fetchone()
    if row is None:
        return []
    upto, last, joined, done = int(row[0]), 0, [], 0
    log.info("story clusters: signing the articles stored before the upgrade (up to id %d, once)", upto)
    while True:
        rows = conn.execute(
            "SELECT a.id, a.title, a.text, a.published FROM articles a WHERE a.id > ? AND a.id <= ? AND NOT EXISTS "
            "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id) ORDER BY a.id LIMIT ?",
            (last, upto, chunk)).fetchall()
        if not rows:
            break
        for r in rows:
            story_id = assign_story(conn, r["id"], title=r["title"], text=r["text"], published=r["published"])
            if conn.execute("SELECT num_articles FROM stories WHERE id = ?", (story_id,)).fetchone()[0] > 1:
                joined.append(r["id"])
        last, done = rows[-1]["id"], done + len(rows)
    conn.execute("DELETE FROM store_meta WHERE key = ?", (BACKFILL_KEY,))
    log.info("story clusters: %d articles signed, %d joined a story with others", done, len(joined))
    return joined


def story_of(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The story id of an article, or None when it has none (not stored, or not signed yet)."""
    row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def story_articles(conn: sqlite3.Connection, article_id: int, *, limit: int = 1000) -> list[int]:
    """The ids of the articles in the same story as ``article_id`` (itself included), oldest
    publication first; ``[]`` when the article is not stored."""
    story_id = story_of(conn, article_id)
    if story_id is None:
        exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return [article_id] if exists else []
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY day IS NULL, day, article_id LIMIT ?",
        (story_id, limit))]
