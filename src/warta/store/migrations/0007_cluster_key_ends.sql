-- Issue 14: a store that stays fast at 100,000 articles.
--
-- cluster_keys gains the last day of each event's date interval, so the candidates of an event are
-- the events whose intervals overlap its own, read from the key's index alone (without it, most
-- of the nearest rows under a busy actor key were day-dated events of other days, read from
-- `events` only to be dropped). The last day is filled from the stored events.
ALTER TABLE cluster_keys ADD COLUMN last INTEGER;
UPDATE cluster_keys SET last = (SELECT CAST(julianday(e.date_end) - 2440587.5 AS INTEGER) FROM events e
                                WHERE e.id = cluster_keys.event_id);

-- The dashboard's aggregates without a filter read these indexes instead of the events table:
-- events and clusters per type (overview), and events by place (map). (IF NOT EXISTS: tests set stores
-- back to version 4, which re-runs 0005 to 0007 over these indexes.)
CREATE INDEX IF NOT EXISTS events_type_cluster ON events (type, cluster_id);
CREATE INDEX IF NOT EXISTS events_place ON events (location_country, location_name, lat, lon, cluster_id);
