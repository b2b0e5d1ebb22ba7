"""Long texts in segments: pieces that join back, and one merged document with whole-text offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import warta
import warta.api
from warta.model import Article
from warta.nlp.segments import split_segments


@given(st.text(alphabet=st.sampled_from("ab \n.\""), max_size=400), st.integers(min_value=1, max_value=60))
@settings(max_examples=200, deadline=None)
def test_segments_join_back_and_respect_the_limit(text, limit):
    parts = list(split_segments(text, limit=limit))
    assert "".join(p for _, p in parts) == text
    assert all(0 < len(p) <= limit for _, p in parts)
    assert [o for o, _ in parts] == [sum(len(p) for _, p in parts[:k]) for k in range(len(parts))]


def test_segments_cut_at_paragraph_breaks_when_they_can():
    text = "Satu dua tiga.\n\nEmpat lima enam.\n\nTujuh delapan."
    parts = [p for _, p in split_segments(text, limit=20)]
    assert parts[0] == "Satu dua tiga.\n\n" and parts[1] == "Empat lima enam.\n\n"


PARAGRAPH = ('Presiden Joko Widodo bertemu Perdana Menteri Jepang Fumio Kishida di Jakarta pada Senin (12/2/2024). '
             '"Kami sepakat memperkuat kerja sama maritim," kata Joko Widodo kepada wartawan.\n\n')


def test_a_long_text_is_analysed_in_segments_with_offsets_into_the_whole(monkeypatch):
    monkeypatch.setattr(warta.api, "SEGMENT_CHARS", 600)
    monkeypatch.setattr("warta.nlp.segments.SEGMENT_CHARS", 600)
    text = PARAGRAPH * 8
    doc = warta.analyze(Article(text=text, id="long"))
    assert any("segments" in n for n in doc.notes)
    jokowi = [e for e in doc.entities if e.name == "Joko Widodo"]
    assert len(jokowi) == 1 and len(jokowi[0].mentions) >= 16  # one entity across all segments
    for e in doc.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    assert len(doc.quotes) == 8
    ids = {e.id for e in doc.entities}
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text and q.speaker == jokowi[0].id
    assert len({q.id for q in doc.quotes}) == 8
    for ev in doc.events:
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert all(a.entity in ids for a in ev.source + ev.target if a.entity)
    assert max(m.start for m in jokowi[0].mentions) > len(text) - len(PARAGRAPH)  # the last segment too


def test_one_failing_document_costs_only_itself(monkeypatch):
    nlp = warta.api.load_pipeline()
    quotes = nlp.get_pipe("warta_quotes")
    original = type(quotes).__call__

    def explode(self, doc):
        if "MELEDAK" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(quotes), "__call__", explode)
    texts = [PARAGRAPH, "Teks ini MELEDAK. " + PARAGRAPH, PARAGRAPH.replace("Jakarta", "Bandung")]
    docs = list(warta.pipe([Article(text=t, id=f"d{i}") for i, t in enumerate(texts)], batch_size=8))
    assert [d.id for d in docs] == ["d0", "d1", "d2"]
    assert docs[1].skipped and "RuntimeError: boom" in docs[1].skipped
    assert not docs[0].skipped and docs[0].quotes and not docs[2].skipped and docs[2].quotes
