-- Issue 14: indexes that no query reads, dropped so a save does not keep them. Every statement the
-- store and web tests and the API benchmark run (539 distinct forms) was planned with EXPLAIN
-- QUERY PLAN on a 20,000-article store: none of these four was used. Quotes are filtered by speaker
-- with an OR that includes a substring match (warta.store.query.entity_match), which reads the
-- table whatever indexes there are; entity names are looked up case-insensitively (entities_name,
-- kept). Three of the four took inserts at random places (by name), each dirtying its own page
-- per row as the store grows. IF EXISTS: tests set stores back to older versions and migrate again.
DROP INDEX IF EXISTS quotes_speaker;
DROP INDEX IF EXISTS quotes_speaker_name;
DROP INDEX IF EXISTS quotes_speaker_kb;
DROP INDEX IF EXISTS entities_name_exact;
