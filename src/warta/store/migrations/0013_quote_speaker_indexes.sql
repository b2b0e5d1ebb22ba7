-- Issue 14: an actor's quotes are found by the quotes' own speaker columns (speaker_kb, speaker_name,
-- written from the same entity as its entities row) instead of through entities, whose name and KB
-- indexes served no other query. A save writes about 7 quotes an article against 17 entities, and
-- at 100,000 articles entities_name alone took 3.6 of the 64 pages a saved article changed
-- (entities_kb 1.2). The quote indexes are those migration 0012 dropped while no query read them.
-- IF EXISTS / IF NOT EXISTS: tests set stores back to older versions and migrate again.
CREATE INDEX IF NOT EXISTS quotes_speaker_kb ON quotes (speaker_kb);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_name COLLATE NOCASE);
DROP INDEX IF EXISTS entities_name;
DROP INDEX IF EXISTS entities_kb;
