"""Indonesian language data as code: time phrases, months, weekdays, morphology, abbreviations, datelines,
role nouns, names, clause words and the word lists the event, speaker and mention rules read."""
