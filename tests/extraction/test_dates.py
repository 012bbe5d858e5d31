"""Days named in text, resolved against the publication day."""

from __future__ import annotations

from datetime import date

import pytest

from app.extraction.dates import dateline, find_dates, weekday_on_or_before

PUBLISHED = date(2025, 10, 12)  # a Sunday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("clashed on Saturday", date(2025, 10, 11)),
        ("late Friday", date(2025, 10, 10)),
        ("on Sunday", date(2025, 10, 12)),
        ("last Sunday", date(2025, 10, 5)),
        ("yesterday", date(2025, 10, 11)),
        ("overnight", date(2025, 10, 11)),
        ("two days ago", date(2025, 10, 10)),
        ("on October 9th", date(2025, 10, 9)),
        ("on 9 October", date(2025, 10, 9)),
        ("On 23 August 2024", date(2024, 8, 23)),
        ("Oct. 9, 2025", date(2025, 10, 9)),
        ("on 27 December", date(2024, 12, 27)),  # a day later in the year than publication is last year's
    ],
)
def test_find_dates_resolves_days(text: str, day: date) -> None:
    (m,) = [m for m in find_dates(text, PUBLISHED) if not m.vague]
    assert m.day == day


@pytest.mark.parametrize(
    "text",
    ["earlier this week", "between 3 and 20 August", "within just 17 days", "since 2021", "in August 2024",
     "over the past three years", "since Saturday", "during the same period"],
)
def test_find_dates_marks_periods_vague(text: str) -> None:
    assert any(m.vague for m in find_dates(text, PUBLISHED))


def test_weekdays_need_a_reference_day() -> None:
    (m,) = find_dates("on Saturday", None)
    assert m.day is None


def test_weekday_on_or_before_counts_back() -> None:
    assert weekday_on_or_before(PUBLISHED, 5) == date(2025, 10, 11)
    assert weekday_on_or_before(PUBLISHED, 6) == PUBLISHED
    assert weekday_on_or_before(PUBLISHED, 6, strictly=True) == date(2025, 10, 5)


def test_dateline_reads_a_byline_date() -> None:
    text = "- Sun, 12 Oct 2025 01:06 PM (IST)"
    assert dateline(text, 0, len(text)) == PUBLISHED
