-- Indexes measured on a 10,000-article store (scripts/bench_store.py): event pages walk the date
-- index and stop after one page; actor, country and dedupe filters are answered from indexes.
DROP INDEX events_location;
CREATE INDEX events_location_date ON events (location_country, date_start);
DROP INDEX events_date;
CREATE INDEX events_dates ON events (date_start, date_end);
CREATE INDEX events_date_type_cluster ON events (date_start, type, cluster_id);
DROP INDEX event_actors_country;
CREATE INDEX event_actors_country_event ON event_actors (country, event_id);
CREATE INDEX event_actors_kb_event ON event_actors (kb, event_id);
CREATE INDEX event_actors_name_event ON event_actors (name, event_id);
DROP INDEX event_actors_event;
CREATE INDEX event_actors_event_role ON event_actors (event_id, role, key);
CREATE INDEX clusters_root ON clusters (root_event_id);
