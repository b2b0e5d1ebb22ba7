"""The KB matcher's alias forms are component settings."""

from __future__ import annotations

import spacy

from warta.nlp.kb_matcher import SPAN_KEY, KBMatcher


def _matched(matcher: KBMatcher, nlp, text: str) -> set[str]:
    doc = matcher(nlp.make_doc(text))
    return {s.text for s in doc.spans[SPAN_KEY]}


def test_capitals_and_any_case_follow_the_configured_lengths():
    nlp = spacy.blank("id")
    text = "JAKARTA - Warga INDONESIA menonton laga itu."
    assert "INDONESIA" in _matched(KBMatcher(nlp), nlp, text)
    assert "INDONESIA" not in _matched(KBMatcher(nlp, min_upper_chars=50), nlp, text)
    assert "Indonesia" in _matched(KBMatcher(nlp, min_upper_chars=50), nlp, "Warga Indonesia menonton.")
