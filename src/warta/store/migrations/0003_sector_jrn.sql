-- Sector codes follow PLOVER: JRN is media, MED is health. warta before this migration wrote MED for
-- media (it had no health code), so every stored MED means media. The compressed document JSON of an
-- article keeps the codes it was analysed with; re-analyse to refresh it.
UPDATE entities SET sector = 'JRN' WHERE sector = 'MED';
UPDATE event_actors SET sector = 'JRN' WHERE sector = 'MED';
