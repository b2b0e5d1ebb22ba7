"""Time expressions: the engine (:mod:`~warta.nlp.times.engine`, finding and resolving dates against the
article's date; its Indonesian phrases in :mod:`warta.lang.id.time_phrases`) and its spaCy component
``warta_times`` (:mod:`~warta.nlp.times.component`)."""
