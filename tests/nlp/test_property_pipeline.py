"""Hypothesis over the whole pipeline on generated hostile text: floods of punctuation and quote
marks, emoji, mixed scripts, control and zero-width characters, very long tokens, amid Indonesian
news words and quote cues. Every example must finish within its deadline, not fail, and give
offsets that index the text it was given (and a document that serialises)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.model import Article

WORDS = ["Presiden", "Joko", "Widodo", "Menteri", "Luar", "Negeri", "bertemu", "menyerang", "di", "Jakarta",
         "Papua", "kata", "ujar", "menurut", "Senin", "(12/3/2024)", "12/3/2024", "KPK", "menahan", "Bupati",
         "Sidoarjo", "polisi", "menangkap", "demo", "Dr.", "H.", "Jl.", "No.", "Prof.", "tidak", "akan"]
MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", ",", ".", "!", "?", "(", ")", "[", "]", ";", ":", "-", "—", "…"]
ODD = ["\U0001F600", "\U0001F1EE\U0001F1E9", "👍🏽", "Привет", "مرحبا", "北京", "ไทย", "e\u0301", "\u200b",
       "\u200f", "\u202e", "\ufeff", "\u0002", "\u0003", "\x00", "\t", "\r\n", "\u00a0", "\u2028", "ﬁ", "Ⅻ",
       "http://x.test/a?b=c", "a@b.test", "#tag", "@akun", "123456789012345678901234567890"]

piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ODD),
    st.builds(lambda m, n: m * n, st.sampled_from(MARKS), st.integers(1, 3_000)),  # punctuation runs
    st.builds(lambda w, n: w * n, st.sampled_from(['"kata ', '" ', "(Senin) ", "12/3/2024 ", '",']), st.integers(1, 300)),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "x", "Ж", "😀", "9"]), st.integers(50, 5_000)),  # long tokens
    st.text(min_size=1, max_size=40),  # anything at all
)
separator = st.sampled_from([" ", " ", " ", "\n", "\n\n", "", ". "])
hostile_text = st.lists(st.tuples(piece, separator), min_size=1, max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))


def _spans(doc):
    yield from ((s.start, s.end, s.text) for s in doc.sentences)
    yield from ((m.start, m.end, m.text) for e in doc.entities for m in e.mentions)
    yield from ((q.start, q.end, q.text) for q in doc.quotes)
    yield from ((t.start, t.end, t.text) for t in doc.times)
    for ev in doc.events:
        yield from ((s.start, s.end, s.text) for s in (ev.trigger, ev.sentence, *ev.evidence))


@pytest.fixture(scope="module")
def warm():
    import warta

    warta.analyze("Presiden Joko Widodo bertemu menteri di Jakarta, Senin (12/3/2024).", languages="any")


@given(text=hostile_text)
@settings(max_examples=40, deadline=timedelta(seconds=20), derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
def test_pipeline_on_hostile_text(warm, text):
    import warta
    from warta.io.document_json import document_to_json

    doc = warta.analyze(Article(text=text, id="fuzz"), languages="any")
    assert doc.skipped is None or "analysis failed" not in doc.skipped, doc.skipped
    assert doc.text == text
    for start, end, span_text in _spans(doc):
        assert 0 <= start <= end <= len(text), (start, end)
        assert text[start:end] == span_text, (start, end, span_text[:40])
    data = json.loads(document_to_json(doc))
    assert data["id"] == "fuzz"
