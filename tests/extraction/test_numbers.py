"""Figures as written: digits, number words, ranges and qualifiers."""

from __future__ import annotations

import pytest

from app.extraction.numbers import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,611", 2611),
        ("1.4 million", 1_400_000),
        ("Twelve", 12),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two hundred and fifty", 250),
        ("three thousand five hundred", 3500),
        ("nobody", None),
    ],
)
def test_parse_number_reads_digits_and_words(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killed at least 20 soldiers", [(20, None, "at_least", "at least 20")]),
        ("no fewer than 25 men", [(25, None, "at_least", "no fewer than 25")]),
        ("more than 30 times", [(30, None, "more_than", "more than 30")]),
        ("over 200 fighters", [(200, None, "more_than", "over 200")]),
        ("nearly 1,000 people", [(1000, None, "about", "nearly 1,000")]),
        ("some 20 troops", [(20, None, "about", "some 20")]),
        ("roughly 25 fighters", [(25, None, "about", "roughly 25")]),
        ("up to 15 posts", [(15, None, "up_to", "up to 15")]),
        ("as many as 50 soldiers", [(50, None, "up_to", "as many as 50")]),
        ("15 to 20 soldiers", [(15, 20, "range", "15 to 20")]),
        ("15-20 soldiers", [(15, 20, "range", "15-20")]),
        ("between 15 and 20 soldiers", [(15, 20, "range", "between 15 and 20")]),
        ("two or three soldiers", [(2, 3, "range", "two or three")]),
        ("40 or more", [(40, None, "at_least", "40 or more")]),
        ("killing 58 and wounding 30", [(58, None, "exact", "58"), (30, None, "exact", "30")]),
        ("the toll rose from 12 to 20", [(20, None, "exact", "20")]),
    ],
)
def test_find_quantities_reads_qualifiers_and_ranges(
    text: str, expected: list[tuple[int, int | None, str, str]]
) -> None:
    got = [(q.value, q.value_high, q.qualifier, q.text) for q in find_quantities(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    ["F-16 jets", "a 12-year-old boy", "at 01:06 PM", "the 17th summit", "no one was hurt", "tens of thousands"],
)
def test_find_quantities_skips_what_is_not_a_count(text: str) -> None:
    assert find_quantities(text) == []


def test_find_quantities_gives_offsets_into_the_text() -> None:
    text = "Officials said at least 22 aerial patrols took place."
    (q,) = find_quantities(text)
    assert text[q.start:q.end] == "at least 22"
