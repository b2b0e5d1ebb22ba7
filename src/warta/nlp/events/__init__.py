"""PLOVER events: the spaCy component ``warta_events`` (:mod:`~warta.nlp.events.component`) and its engine:
the trigger lexicon (:mod:`~warta.nlp.events.lexicon`, reading ``data/triggers.tsv``), the argument rules
(:mod:`~warta.nlp.events.args`, from word windows; :mod:`~warta.nlp.events.syntax`, from the parse), the
learned role scorer and event model (:mod:`~warta.nlp.events.roles`, :mod:`~warta.nlp.events.model`),
merging (:mod:`~warta.nlp.events.merge`), English summaries (:mod:`~warta.nlp.events.summary`) and the
settings (:mod:`~warta.nlp.events.settings`)."""
