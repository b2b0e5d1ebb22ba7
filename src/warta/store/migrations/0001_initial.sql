-- warta store, schema version 1. Every table that holds analysis hangs off `articles` and is
-- removed with it (ON DELETE CASCADE), so re-ingesting an article replaces its analysis whole.

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
    warta_version TEXT NOT NULL,
    model         TEXT,
    model_version TEXT,
    lexicons      TEXT NOT NULL,            -- JSON {data file: sha256 prefix}
    fingerprint   TEXT NOT NULL,            -- hash of everything that shapes an analysis
    settings      TEXT NOT NULL,            -- JSON of the options of the run
    inputs        TEXT NOT NULL,            -- JSON list of paths
    documents     INTEGER NOT NULL DEFAULT 0,
    stored        INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    skipped       INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL,
    url          TEXT,
    text_hash    TEXT NOT NULL,
    title        TEXT,
    published    TEXT,
    site         TEXT,
    source_key   TEXT NOT NULL,             -- site, else url host, else '' (unknown)
    path         TEXT,
    reader       TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    quotes_text  TEXT NOT NULL DEFAULT '',
    n_words      INTEGER NOT NULL,
    document     BLOB NOT NULL,             -- zlib-compressed warta.document/1 JSON
    fingerprint  TEXT NOT NULL,
    run_id       INTEGER REFERENCES runs (id),
    ingested_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX articles_text_hash ON articles (text_hash) WHERE url IS NULL;
CREATE INDEX articles_published ON articles (published);

CREATE TABLE entities (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    eid         TEXT NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    kb          TEXT,
    n_mentions  INTEGER NOT NULL,
    PRIMARY KEY (article_id, eid)
) WITHOUT ROWID;
CREATE INDEX entities_kb ON entities (kb);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE mentions (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    eid         TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    source      TEXT
);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    qid           TEXT NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    direct        INTEGER NOT NULL,
    speaker_eid   TEXT,
    speaker_name  TEXT,
    speaker_kb    TEXT,
    cue           TEXT
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker_name COLLATE NOCASE);

CREATE TABLE times (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT,
    precision   TEXT
);
CREATE INDEX times_article ON times (article_id);

CREATE TABLE places (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    eid          TEXT,
    name         TEXT NOT NULL,
    country      TEXT,
    lat          REAL,
    lon          REAL,
    geonames_id  INTEGER
);
CREATE INDEX places_article ON places (article_id);

CREATE TABLE clusters (
    id             INTEGER PRIMARY KEY,
    type           TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    root_event_id  INTEGER,
    num_events     INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL
);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    vid               TEXT NOT NULL,
    type              TEXT NOT NULL,
    mode              TEXT,
    cameo             TEXT,
    date              TEXT,
    date_precision    TEXT,
    date_start        TEXT,
    date_end          TEXT,
    location_name     TEXT,
    location_country  TEXT,
    lat               REAL,
    lon               REAL,
    confidence        REAL NOT NULL,
    negated           INTEGER NOT NULL,
    hypothetical      INTEGER NOT NULL,
    future            INTEGER NOT NULL,
    quote_qid         TEXT,
    summary_en        TEXT,
    trigger_text      TEXT NOT NULL,
    trigger_start     INTEGER NOT NULL,
    trigger_end       INTEGER NOT NULL,
    sentence          TEXT NOT NULL,
    event_json        TEXT NOT NULL,        -- the event exactly as in the document
    cluster_id        INTEGER REFERENCES clusters (id)
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_type_date ON events (type, date_start, date_end);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_location ON events (location_country);

CREATE TABLE event_actors (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    country   TEXT,
    sector    TEXT,
    kb        TEXT,
    eid       TEXT,
    key       TEXT NOT NULL                 -- kb id, else 'name:' + casefolded name
);
CREATE INDEX event_actors_event ON event_actors (event_id);
CREATE INDEX event_actors_key ON event_actors (key);
CREATE INDEX event_actors_name ON event_actors (name COLLATE NOCASE);
CREATE INDEX event_actors_country ON event_actors (country);

-- Full-text search over titles, texts and quotes (external content: no second copy of the text).
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, quotes_text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, quotes_text)
    VALUES (new.id, new.title, new.text, new.quotes_text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, quotes_text)
    VALUES ('delete', old.id, old.title, old.text, old.quotes_text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, quotes_text)
    VALUES ('delete', old.id, old.title, old.text, old.quotes_text);
    INSERT INTO articles_fts (rowid, title, text, quotes_text)
    VALUES (new.id, new.title, new.text, new.quotes_text);
END;
