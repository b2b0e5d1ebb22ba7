-- Issue 14: the timeline without a filter reads kept counts instead of grouping every event.
--
-- agg_timeline_members has one row per (granularity, period, type, cluster) with the number of
-- dated, clustered events behind it; agg_timeline counts those rows per (granularity, period,
-- type): what `count(DISTINCT cluster_id) ... GROUP BY period, type` gives. agg_undated counts the
-- undated events per `coalesce(cluster_id, -id)` (its rows are the timeline's `undated`). Triggers
-- keep them current in the writing transaction, whatever writes (a new event, its cluster set or
-- changed, an event deleted); here they are filled from the stored events.
CREATE TABLE IF NOT EXISTS agg_timeline_members (
    g           TEXT NOT NULL,              -- day, month or year
    period      TEXT NOT NULL,              -- date_start, or its first 7 or 4 characters
    type        TEXT NOT NULL,
    cluster_id  INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (g, period, type, cluster_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_timeline (
    g         TEXT NOT NULL,
    period    TEXT NOT NULL,
    type      TEXT NOT NULL,
    clusters  INTEGER NOT NULL,
    PRIMARY KEY (g, period, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_undated (
    once  INTEGER PRIMARY KEY,              -- coalesce(cluster_id, -id) of undated events
    n     INTEGER NOT NULL
);

CREATE TRIGGER IF NOT EXISTS agg_timeline_member_insert AFTER INSERT ON agg_timeline_members BEGIN
    INSERT INTO agg_timeline (g, period, type, clusters) VALUES (new.g, new.period, new.type, 1)
    ON CONFLICT (g, period, type) DO UPDATE SET clusters = clusters + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_timeline_member_delete AFTER DELETE ON agg_timeline_members BEGIN
    UPDATE agg_timeline SET clusters = clusters - 1 WHERE g = old.g AND period = old.period AND type = old.type;
    DELETE FROM agg_timeline WHERE g = old.g AND period = old.period AND type = old.type AND clusters <= 0;
END;

-- an event counted in: dated and clustered, or undated
CREATE TRIGGER IF NOT EXISTS agg_timeline_event_insert AFTER INSERT ON events
WHEN new.date_start IS NOT NULL AND new.cluster_id IS NOT NULL BEGIN
    INSERT INTO agg_timeline_members (g, period, type, cluster_id, n)
    VALUES ('day', new.date_start, new.type, new.cluster_id, 1), ('month', substr(new.date_start, 1, 7), new.type,
            new.cluster_id, 1), ('year', substr(new.date_start, 1, 4), new.type, new.cluster_id, 1)
    ON CONFLICT (g, period, type, cluster_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_undated_event_insert AFTER INSERT ON events WHEN new.date_start IS NULL BEGIN
    INSERT INTO agg_undated (once, n) VALUES (coalesce(new.cluster_id, -new.id), 1)
    ON CONFLICT (once) DO UPDATE SET n = n + 1;
END;
-- an event counted out
CREATE TRIGGER IF NOT EXISTS agg_timeline_event_delete AFTER DELETE ON events
WHEN old.date_start IS NOT NULL AND old.cluster_id IS NOT NULL BEGIN
    UPDATE agg_timeline_members SET n = n - 1 WHERE g = 'day' AND period = old.date_start
        AND type = old.type AND cluster_id = old.cluster_id;
    DELETE FROM agg_timeline_members WHERE g = 'day' AND period = old.date_start
        AND type = old.type AND cluster_id = old.cluster_id AND n <= 0;
    UPDATE agg_timeline_members SET n = n - 1 WHERE g = 'month' AND period = substr(old.date_start, 1, 7)
        AND type = old.type AND cluster_id = old.cluster_id;
    DELETE FROM agg_timeline_members WHERE g = 'month' AND period = substr(old.date_start, 1, 7)
        AND type = old.type AND cluster_id = old.cluster_id AND n <= 0;
    UPDATE agg_timeline_members SET n = n - 1 WHERE g = 'year' AND period = substr(old.date_start, 1, 4)
        AND type = old.type AND cluster_id = old.cluster_id;
    DELETE FROM agg_timeline_members WHERE g = 'year' AND period = substr(old.date_start, 1, 4)
        AND type = old.type AND cluster_id = old.cluster_id AND n <= 0;
END;
CREATE TRIGGER IF NOT EXISTS agg_undated_event_delete AFTER DELETE ON events WHEN old.date_start IS NULL BEGIN
    UPDATE agg_undated SET n = n - 1 WHERE once = coalesce(old.cluster_id, -old.id);
    DELETE FROM agg_undated WHERE once = coalesce(old.cluster_id, -old.id) AND n <= 0;
END;
-- an event whose cluster, date or type changes: out as it was, in as it is
CREATE TRIGGER IF NOT EXISTS agg_timeline_event_update_out AFTER UPDATE OF cluster_id, date_start, type ON events
WHEN old.date_start IS NOT NULL AND old.cluster_id IS NOT NULL BEGIN
    UPDATE agg_timeline_members SET n = n - 1 WHERE g = 'day' AND period = old.date_start
        AND type = old.type AND cluster_id = old.cluster_id;
    DELETE FROM agg_timeline_members WHERE g = 'day' AND period = old.date_start
        AND type = old.type AND cluster_id = old.cluster_id AND n <= 0;
    UPDATE agg_timeline_members SET n = n - 1 WHERE g = 'month' AND period = substr(old.date_start, 1, 7)
        AND type = old.type AND cluster_id = old.cluster_id;
    DELETE FROM agg_timeline_members WHERE g = 'month' AND period = substr(old.date_start, 1, 7)
        AND type = old.type AND cluster_id = old.cluster_id AND n <= 0;
    UPDATE agg_timeline_members SET n = n - 1 WHERE g = 'year' AND period = substr(old.date_start, 1, 4)
        AND type = old.type AND cluster_id = old.cluster_id;
    DELETE FROM agg_timeline_members WHERE g = 'year' AND period = substr(old.date_start, 1, 4)
        AND type = old.type AND cluster_id = old.cluster_id AND n <= 0;
END;
CREATE TRIGGER IF NOT EXISTS agg_undated_event_update_out AFTER UPDATE OF cluster_id, date_start ON events
WHEN old.date_start IS NULL BEGIN
    UPDATE agg_undated SET n = n - 1 WHERE once = coalesce(old.cluster_id, -old.id);
    DELETE FROM agg_undated WHERE once = coalesce(old.cluster_id, -old.id) AND n <= 0;
END;
CREATE TRIGGER IF NOT EXISTS agg_timeline_event_update_in AFTER UPDATE OF cluster_id, date_start, type ON events
WHEN new.date_start IS NOT NULL AND new.cluster_id IS NOT NULL BEGIN
    INSERT INTO agg_timeline_members (g, period, type, cluster_id, n)
    VALUES ('day', new.date_start, new.type, new.cluster_id, 1), ('month', substr(new.date_start, 1, 7), new.type,
            new.cluster_id, 1), ('year', substr(new.date_start, 1, 4), new.type, new.cluster_id, 1)
    ON CONFLICT (g, period, type, cluster_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_undated_event_update_in AFTER UPDATE OF cluster_id, date_start ON events
WHEN new.date_start IS NULL BEGIN
    INSERT INTO agg_undated (once, n) VALUES (coalesce(new.cluster_id, -new.id), 1)
    ON CONFLICT (once) DO UPDATE SET n = n + 1;
END;

DELETE FROM agg_timeline_members;
DELETE FROM agg_timeline;
DELETE FROM agg_undated;
INSERT INTO agg_timeline_members (g, period, type, cluster_id, n)
SELECT 'day', date_start, type, cluster_id, count(*) FROM events
WHERE date_start IS NOT NULL AND cluster_id IS NOT NULL GROUP BY 2, 3, 4
UNION ALL SELECT 'month', substr(date_start, 1, 7), type, cluster_id, count(*) FROM events
WHERE date_start IS NOT NULL AND cluster_id IS NOT NULL GROUP BY 2, 3, 4
UNION ALL SELECT 'year', substr(date_start, 1, 4), type, cluster_id, count(*) FROM events
WHERE date_start IS NOT NULL AND cluster_id IS NOT NULL GROUP BY 2, 3, 4;
INSERT INTO agg_undated (once, n)
SELECT coalesce(cluster_id, -id), count(*) FROM events WHERE date_start IS NULL GROUP BY 1;
