-- Issue 14: a store version that every write bumps, so readers can keep aggregate results until
-- the store changes (warta.store.cache), whichever process wrote.
--
-- store_version has one row: `store_id` is random, drawn when the row is made, so a store made
-- anew at the same path is not taken for the old one; `version` grows with every stored, replaced
-- or deleted article, every ingest run recorded or updated and every store_meta change (the stem
-- index rebuilt for a new stemmer). Triggers bump it in the writing transaction: a reader sees the
-- new version exactly when it sees the new rows. Written to run again harmlessly (IF NOT EXISTS), as
-- on a store that tests or tools set back to an older user_version.
CREATE TABLE IF NOT EXISTS store_version (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    store_id  TEXT NOT NULL,
    version   INTEGER NOT NULL
);
INSERT OR IGNORE INTO store_version (id, store_id, version) VALUES (1, lower(hex(randomblob(16))), 1);
CREATE TRIGGER IF NOT EXISTS store_version_article_insert AFTER INSERT ON articles BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_article_update AFTER UPDATE ON articles BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_article_delete AFTER DELETE ON articles BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_run_insert AFTER INSERT ON runs BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_run_update AFTER UPDATE ON runs BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_meta_insert AFTER INSERT ON store_meta BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_meta_update AFTER UPDATE ON store_meta BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS store_version_meta_delete AFTER DELETE ON store_meta BEGIN
    UPDATE store_version SET version = version + 1 WHERE id = 1;
END;
