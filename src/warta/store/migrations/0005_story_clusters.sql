-- Issue 13: clusters that group. Story clusters (articles about the same story, by the similarity
-- of their texts: warta.store.stories) and an index that finds the event clusters an event may
-- join by actor and date without scanning events (warta.store.clusters).
--
-- Existing articles are signed in Python at the first write after this migration (their MinHash
-- signatures cannot be computed in SQL): store_meta's 'stories_backfill_upto' names the last
-- article id that is due. cluster_keys is filled here, in SQL, from the events already stored.

CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    num_articles  INTEGER NOT NULL DEFAULT 0,
    day_first     INTEGER,                  -- first and last publication day of its dated articles
    day_last      INTEGER,                  -- (days since 1970-01-01)
    updated_at    TEXT NOT NULL
);

-- One row per signed article. Removed with its article; warta.store.write keeps stories current.
CREATE TABLE story_articles (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id    INTEGER NOT NULL,
    day         INTEGER,                    -- publication day (days since 1970-01-01), NULL when unknown
    signature   BLOB                        -- MinHash signature (little-endian uint32), NULL for a too short text
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- LSH band keys of the signatures: candidates for the same story are looked up by band, key and
-- publication day (-1 when unknown). Rows are deleted by their full key when an article leaves.
CREATE TABLE story_bands (
    band        INTEGER NOT NULL,
    hash        INTEGER NOT NULL,
    day         INTEGER NOT NULL,
    article_id  INTEGER NOT NULL,
    PRIMARY KEY (band, hash, day, article_id)
) WITHOUT ROWID;

-- Dated events by actor key (the sources of directed types, every participant of CONSULT and
-- COOPERATE), type and first day; wide = 1 when the date interval is longer than 31 days.
CREATE TABLE cluster_keys (
    key       TEXT NOT NULL,
    type      TEXT NOT NULL,
    wide      INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    event_id  INTEGER NOT NULL,
    PRIMARY KEY (key, type, wide, day, event_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO cluster_keys (key, type, wide, day, event_id)
SELECT x.key, e.type, julianday(e.date_end) - julianday(e.date_start) > 31,
       CAST(julianday(e.date_start) - 2440587.5 AS INTEGER), e.id
FROM events e JOIN event_actors x ON x.event_id = e.id
WHERE e.date_start IS NOT NULL AND e.date_end IS NOT NULL
  AND (x.role = 'source' OR e.type IN ('CONSULT', 'COOPERATE'));

INSERT INTO store_meta (key, value)
SELECT 'stories_backfill_upto', CAST(max(id) AS TEXT) FROM articles HAVING count(*) > 0;
