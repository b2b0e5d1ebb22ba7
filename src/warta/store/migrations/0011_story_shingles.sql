-- Issue 14: story matching checks borderline pairs against the exact similarity of their texts.
-- Re-reading and re-cutting a stored text for each check made saving slow down as stores grow
-- (at 100,000 articles, 24 checks an article took 40% of a save). Each signed article now keeps
-- its shingles here (the lower 32 bits of each shingle hash, sorted, little-endian uint32: about
-- 1.5 KB for a news article), apart from story_articles so that reading candidates' signatures
-- stays small. Articles signed before have no row and are checked from their text as before.
CREATE TABLE IF NOT EXISTS story_shingles (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    shingles    BLOB NOT NULL
);
