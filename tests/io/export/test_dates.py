"""warta.io.export.date_span: a precise warta date string -> its first and last day."""

from __future__ import annotations

from datetime import date

import pytest

from warta.io.export import date_span


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("2024-07-17", "day", (date(2024, 7, 17), date(2024, 7, 17))),
    ("2024-07-17", None, (date(2024, 7, 17), date(2024, 7, 17))),
    ("2017-W29", "week", (date(2017, 7, 17), date(2017, 7, 23))),
    ("2020-W53", None, (date(2020, 12, 28), date(2021, 1, 3))),  # an ISO week across the new year
    ("2025-W01", "week", (date(2024, 12, 30), date(2025, 1, 5))),
    ("2024-07", "month", (date(2024, 7, 1), date(2024, 7, 31))),
    ("2024-02", None, (date(2024, 2, 1), date(2024, 2, 29))),  # leap year
    ("2023-02", "month", (date(2023, 2, 1), date(2023, 2, 28))),
    ("2024-12", "month", (date(2024, 12, 1), date(2024, 12, 31))),
    ("2024", "year", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024", None, (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-07-08/2024-07-10", None, (date(2024, 7, 8), date(2024, 7, 10))),  # ISO interval
    ("2024-06-30/2024-07", None, (date(2024, 6, 30), date(2024, 7, 31))),
])
def test_spans(value: str, precision: str | None, expected: tuple[date, date]) -> None:
    assert date_span(value, precision) == expected


@pytest.mark.parametrize("value", [None, "", "kemarin", "2024-13", "2024-02-30", "2024-W60", "2024-07-10/2024-07-08",
                                   "2024-07-08/", "/2024"])
def test_unreadable_dates_have_no_span(value: str | None) -> None:
    assert date_span(value) == (None, None)
