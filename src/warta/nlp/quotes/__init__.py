"""Quotes: the spaCy component ``warta_quotes`` (:mod:`~warta.nlp.quotes.component`; cue verbs in
``data/cues.tsv``), quote marks (:mod:`~warta.nlp.quotes.marks`) and speaker resolution
(:mod:`~warta.nlp.quotes.speakers`)."""
