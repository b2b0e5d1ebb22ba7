"""The day an undated event takes: the story's day named in the lead. Sentences made up for the test."""

from __future__ import annotations

import pytest

from warta.nlp.events.when import story_date


def _time(start: int, value: str, precision: str = "day") -> tuple[int, int, dict]:
    return (start, start + 10, {"value": value, "precision": precision})


def test_the_leads_day_within_a_week_before_publication_is_the_storys():
    times = [_time(40, "2026-03-02"), _time(400, "2026-02-20")]
    assert story_date(times, "2026-03-03", body_start=20, lead_end=120) == "2026-03-02"


@pytest.mark.parametrize(("times", "why"), [
    ([_time(400, "2026-03-02")], "a date after the lead is another sentence's"),
    ([_time(40, "2025-07")], "a month is no day"),
    ([_time(40, "2026-01-10")], "long before publication: background"),
    ([_time(40, "2026-03-09")], "after publication: a plan"),
    ([_time(5, "2026-03-02")], "in the title"),
])
def test_no_story_day(times, why):
    assert story_date(times, "2026-03-03", body_start=20, lead_end=120) is None, why


def test_no_story_day_without_a_publication_date():
    assert story_date([_time(40, "2026-03-02")], None, body_start=20, lead_end=120) is None


def test_an_undated_statement_in_the_story_takes_the_leads_day():
    from warta.api import make_doc, warm_pipeline
    from warta.io.readers.base import ReadOptions, build_article

    nlp = warm_pipeline()
    art = build_article(body="Jakarta - Tentara Thailand menyerang pos perbatasan Kamboja pada Senin (2/3/2026). "
                             "Menteri Luar Negeri Kamboja mengecam serangan itu.",
                        title="Thailand Serang Pos Perbatasan", options=ReadOptions(), origin="test", reader="json",
                        published_raw="2026-03-04")
    doc = nlp(make_doc(nlp, art))
    accuse = [e for e in doc._.warta_events if e["type"] == "ACCUSE"]
    assert accuse and accuse[0]["date"] == "2026-03-02" and accuse[0]["date_source"] == "inferred"
