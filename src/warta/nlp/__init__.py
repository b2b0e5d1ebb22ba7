"""warta's spaCy pipeline: a normalising Indonesian tokenizer and registered components.

The pipeline order lives in ``default.cfg``; :func:`warta.nlp.load.load_pipeline` builds the
``Language`` from it (or from a config of your own), so swapping a rule-based stage for a
trained one is a config change.
"""
