"""The ``warta_times`` spaCy component."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import warta.nlp.times.component  # noqa: F401  (registers the factory)


def make_nlp() -> Language:
    nlp = spacy.blank("id")
    nlp.add_pipe("warta_times")
    return nlp


def run(text: str, anchor: str | None) -> Doc:
    nlp = make_nlp()
    if not Doc.has_extension("warta_date"):
        Doc.set_extension("warta_date", default=None)
    doc = nlp.make_doc(text)
    doc._.warta_date = anchor
    return nlp.get_pipe("warta_times")(doc)


def test_records_spans_and_values() -> None:
    text = "Menteri tiba di Jakarta pada hari Rabu. Pekan lalu ia ke Bali, sejak tahun lalu ia sibuk."
    doc = run(text, "2025-09-03")
    assert doc._.warta_times == [
        {"start": 24, "end": 38, "text": "pada hari Rabu", "value": "2025-09-03", "precision": "day",
         "rule": "weekday"},
        {"start": 40, "end": 50, "text": "Pekan lalu", "value": "2025-W35", "precision": "week",
         "rule": "relative_unit"},
        {"start": 63, "end": 79, "text": "sejak tahun lalu", "value": "2024", "precision": "year",
         "rule": "relative_unit"},
    ]
    for rec in doc._.warta_times:
        assert doc.text[rec["start"]:rec["end"]] == rec["text"]
    spans = doc.spans["warta_times"]
    assert [(s.text, s.label_) for s in spans] == [("pada hari Rabu", "day"), ("Pekan lalu", "week"),
                                                   ("sejak tahun lalu", "year")]
    assert doc._.warta_time_notes == []


def test_spans_expand_to_whole_tokens() -> None:
    doc = run("Polisi menahan dua pemuda, Sabtu (4/10).", "2025-10-05")
    (rec,) = doc._.warta_times
    assert (rec["text"], rec["value"]) == ("Sabtu (4/10)", "2025-10-04")
    (span,) = doc.spans["warta_times"]
    assert span.start_char <= rec["start"] and span.end_char >= rec["end"]
    assert "4/10" in span.text


def test_without_a_date_values_are_none_and_labels_time() -> None:
    doc = run("Ia datang kemarin, 3 Sep 2025.", None)
    assert [(r["text"], r["value"], r["precision"]) for r in doc._.warta_times] == [
        ("kemarin", None, None), ("3 Sep 2025", "2025-09-03", "day")]
    assert [s.label_ for s in doc.spans["warta_times"]] == ["TIME", "day"]


def test_invalid_dates_are_noted() -> None:
    doc = run("Surat bertanggal (31/2) dan laporan Senin (32/13) hilang.", "2025-09-03")
    assert doc._.warta_times == []
    assert doc._.warta_time_notes == ["skipped time '(31/2)': invalid date",
                                      "skipped time 'Senin (32/13)': invalid date"]


def test_an_unreadable_date_is_noted_and_times_stay_unresolved() -> None:
    doc = run("Ia datang kemarin.", "kemarin dulu")
    assert doc._.warta_times[0]["value"] is None
    assert doc._.warta_time_notes and "unreadable reference date" in doc._.warta_time_notes[0]


def test_the_pipe_runs_inside_the_pipeline() -> None:
    nlp = make_nlp()
    doc = nlp("Tidak ada waktu di sini.")
    assert doc._.warta_times == []
    assert list(doc.spans["warta_times"]) == []
