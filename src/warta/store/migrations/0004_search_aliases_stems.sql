-- Issue 13: one actor, one name; Indonesian-aware search; multi-select filters.
--
-- surface_forms: every (surface form, entity) pair the store has seen, filled by a trigger when
-- mentions are written (the entity row is written first), so "Jokowi" finds the entity that
-- an article named "Joko Widodo" without scanning mentions. Pairs are kept when an article is
-- re-analysed or removed: a stale pair only widens a name lookup, it never hides an event.
CREATE TABLE surface_forms (
    form  TEXT NOT NULL COLLATE NOCASE,
    kb    TEXT NOT NULL DEFAULT '',          -- KB id, '' when the entity is not linked
    name  TEXT NOT NULL,                     -- the entity's name as stored in entities/event_actors
    PRIMARY KEY (form, kb, name)
) WITHOUT ROWID;
CREATE TRIGGER surface_forms_mention AFTER INSERT ON mentions BEGIN
    INSERT OR IGNORE INTO surface_forms (form, kb, name)
    SELECT new.text, coalesce(en.kb, ''), en.name FROM entities en
    WHERE en.article_id = new.article_id AND en.eid = new.eid;
END;
INSERT OR IGNORE INTO surface_forms (form, kb, name)
SELECT DISTINCT m.text, coalesce(en.kb, ''), en.name FROM mentions m
JOIN entities en ON en.article_id = m.article_id AND en.eid = m.eid;
-- Entity names also find themselves.
INSERT OR IGNORE INTO surface_forms (form, kb, name) SELECT DISTINCT name, coalesce(kb, ''), name FROM entities;
CREATE TRIGGER surface_forms_entity AFTER INSERT ON entities BEGIN
    INSERT OR IGNORE INTO surface_forms (form, kb, name) VALUES (new.name, coalesce(new.kb, ''), new.name);
END;

-- Lookups by KB id and by entity name for the alias-aware filters; sector filter of events;
-- the geonames id of a map place by its name.
CREATE INDEX quotes_speaker_kb ON quotes (speaker_kb);
CREATE INDEX quotes_speaker_name ON quotes (speaker_name);
CREATE INDEX entities_name_exact ON entities (name);
CREATE INDEX event_actors_sector_event ON event_actors (sector, event_id);
CREATE INDEX places_name ON places (name);

-- Store facts that are not rows of analysis (the stemmer the stem index was built with).
CREATE TABLE store_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- articles_stem: every word of title, text and quotes with its stems (warta.store.search). It is
-- contentless (no second copy of the text); the triggers call warta_stems(), which every
-- connection registers. Existing rows are indexed here, in the migration, with the stemmer's
-- fingerprint in store_meta; a later stemmer rebuilds the index at the first writable open.
CREATE VIRTUAL TABLE articles_stem USING fts5 (
    stems, content = '', detail = 'none', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_stem_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_stem (rowid, stems) VALUES (new.id, warta_stems(new.title, new.text, new.quotes_text));
END;
CREATE TRIGGER articles_stem_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_stem (articles_stem, rowid, stems)
    VALUES ('delete', old.id, warta_stems(old.title, old.text, old.quotes_text));
END;
CREATE TRIGGER articles_stem_update AFTER UPDATE OF title, text, quotes_text ON articles BEGIN
    INSERT INTO articles_stem (articles_stem, rowid, stems)
    VALUES ('delete', old.id, warta_stems(old.title, old.text, old.quotes_text));
    INSERT INTO articles_stem (rowid, stems) VALUES (new.id, warta_stems(new.title, new.text, new.quotes_text));
END;
INSERT INTO articles_stem (rowid, stems) SELECT id, warta_stems(title, text, quotes_text) FROM articles;
INSERT INTO store_meta (key, value) VALUES ('stemmer', warta_stemmer_version());
