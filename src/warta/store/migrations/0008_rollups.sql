-- Issue 14: counts the dashboard's unfiltered overview and network read instead of grouping every
-- entity and actor row of the store (warta.store.rollups keeps them current at each write; here
-- they are filled once from the stored rows, with the same grouped queries over the whole store).
CREATE TABLE IF NOT EXISTS agg_entity_keys (
    key  TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_actor_keys (
    key  TEXT PRIMARY KEY,
    n    INTEGER NOT NULL                   -- events with an actor of this key
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agg_actor_keys_n ON agg_actor_keys (n);
CREATE TABLE IF NOT EXISTS agg_actor_values (
    key    TEXT NOT NULL,
    field  TEXT NOT NULL,                   -- name, country or sector
    value  TEXT NOT NULL,
    n      INTEGER NOT NULL,                -- actor rows of the key with this value
    PRIMARY KEY (key, field, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_edges (
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,
    type    TEXT NOT NULL,
    n       INTEGER NOT NULL,               -- events with a source of one key and a target of the other
    PRIMARY KEY (source, target, type)
) WITHOUT ROWID;

DELETE FROM agg_entity_keys;
INSERT INTO agg_entity_keys (key, n)
SELECT coalesce(kb, lower(name)) AS k, count(*) FROM entities WHERE k IS NOT NULL GROUP BY k;
DELETE FROM agg_actor_keys;
INSERT INTO agg_actor_keys (key, n) SELECT key, count(DISTINCT event_id) FROM event_actors GROUP BY key;
DELETE FROM agg_actor_values;
INSERT INTO agg_actor_values (key, field, value, n)
SELECT x.key, f.field, CASE f.field WHEN 'name' THEN x.name WHEN 'country' THEN x.country ELSE x.sector END AS v,
       count(*)
FROM event_actors x JOIN (SELECT 'name' AS field UNION ALL SELECT 'country' UNION ALL SELECT 'sector') f
WHERE v IS NOT NULL GROUP BY x.key, f.field, v;
DELETE FROM agg_edges;
INSERT INTO agg_edges (source, target, type, n)
SELECT s.key, t.key, e.type, count(DISTINCT e.id) FROM events e
JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
GROUP BY s.key, t.key, e.type;
