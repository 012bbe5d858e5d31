"""The fast forms of the extractor's patterns find exactly what the plain forms find.

The extractor reads lower-cased text with lower-cased patterns instead of using IGNORECASE,
searches some patterns from the character before a word, guards others with the words a match
can open with, and spells out `\\s` in its word-start class (app/extraction/patterns.py). Each
of these is a speed-up only: these tests hold every fast form to its plain reading on the
blind corpus, on the same texts in capitals and in short lines, and on made-up phrases.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from app.extraction import dates, lexicon, metrics, numbers
from app.extraction.patterns import (
    LOWERED,
    WORD_START,
    fold,
    initials_first,
    lower_same_length,
    padded,
    trie_pattern,
)

CASES_DIR = Path(__file__).parent / "cases"


@cache
def texts() -> tuple[str, ...]:
    """The blind corpus's articles, each also in upper case and broken into short lines."""
    out: list[str] = []
    for path in sorted(CASES_DIR.glob("*.yaml"))[::2]:  # half of them: enough wordings, half the time
        text = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
        words = text.split(" ")
        out += [text, text.upper(), "\n".join(" ".join(words[i:i + 7]) for i in range(0, len(words), 7))]
    # Made-up lines that pack in the figures, dates and oddities the corpus has few of.
    out += [
        "Between 15 and 20, no fewer than twenty-three, approx. 40, more than 1,200 or so, 3+ and half a dozen.",
        "On 9 October 2025, Oct. 9, 2025-10-12, overnight, the day before yesterday, two days ago, last Friday.",
        "Since March 2021, in the past three weeks, so far this year, this past Sunday morning, within 48 hours.",
        "No one, one another, the toll rose from 12 to 20, from 3 to 5 killed, one more soldier, a single drone.",
        "EARTHQUAKE and flash floods; heat-waves, a bus crash and a Stampede killed 7 in Flooding.",
        "İstanbul ſoldiers fıve KILLED İNJURED \u212aabul \u00a0twenty\u2009three, “quoted” ‘text’ — dash – dash.",
        # Every way a date may open (dates._FIRST_STEMS and _FIRST_WORDS guard the date search).
        "Jan 3, Feb. 4, Mar 5, Apr 6, May 7, Jun 8, Jul 9, Aug 10, Sept. 11, Sep 12, Oct 13, Nov 14, Dec 15, "
        "tonight, this morning, today, a day ago, one day ago, three days ago, four days ago, five days ago, "
        "six days ago, on the night of, last night, earlier this week, later this month, previous year, next week, "
        "between 3 and 5 October, within just two days, over the past days, during the last week, in the past "
        "year, since 2021, so far, same period, recent weeks, since the war, past 24 hours, previous day, "
        "monthly, weekly, annual, yearly, the week of, a week of, two weeks of, during March, in 2024, Wednesday, "
        "Tuesday, Thursday, Saturday, Monday.",
        # Every way a figure may open (numbers._FIRST_STEMS and _FIRST_WORDS guard the figure search).
        ", ".join(f"{qualifier} 12" for qualifier in numbers.QUALIFIER_WORDS) + ", between 2 and 3, from 4 to 5.",
        " ".join(f"{word} soldiers," for word in [*numbers.UNITS, *numbers.TENS]) + " half a dozen, a hundred.",
    ]
    return tuple(out)


def spans(m: re.Match[str] | None) -> tuple[object, ...] | None:
    """A match's span, its last group and every group's span."""
    if m is None:
        return None
    return m.span(), m.lastgroup, tuple(m.span(g) for g in range(1, m.re.groups + 1))


# Every character there is, to check a class on.
EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_word_start_spells_out_the_whitespace_class() -> None:
    assert re.findall(WORD_START, EVERY_CHARACTER) == re.findall(r"[\s\"“”‘’'(\[/—–\-]", EVERY_CHARACTER)


def test_fold_keeps_offsets_and_reads_letters_as_ignorecase_does() -> None:
    assert fold("İstanbul ſAID ıt KILLED") == "istanbul said it killed"
    for text in texts():
        assert len(fold(text)) == len(text)
    # Every character IGNORECASE takes for a letter, fold makes that letter.
    for letter in "abcdefghijklmnopqrstuvwxyz":
        assert {fold(c) for c in re.findall(letter, EVERY_CHARACTER, re.IGNORECASE)} == {letter}


@pytest.mark.parametrize("pattern", LOWERED, ids=lambda p: p.pattern[:40])
def test_lowered_pattern_matches_like_its_ignorecase_reading(pattern: re.Pattern[str]) -> None:
    plain = re.compile(pattern.pattern, re.IGNORECASE)
    for text in texts():
        low = fold(text)
        fast = [spans(m) for m in pattern.finditer(low)]
        assert fast == [spans(m) for m in plain.finditer(text)]
        for pos in range(0, len(text), 17):  # matches at a place, as the readers ask for them
            assert spans(pattern.match(low, pos)) == spans(plain.match(text, pos))


def padded_spans(m: re.Match[str]) -> tuple[object, ...]:
    """A padded-text match as text offsets: its start is the word's offset, every other offset one more."""
    groups = tuple((a - 1, b - 1) if a >= 0 else (a, b) for a, b in (m.span(g) for g in range(1, m.re.groups + 1)))
    return (m.start(), m.end() - 1), m.lastgroup, groups


@pytest.mark.parametrize(
    ("fast", "plain"),
    [
        (numbers._NUMBER_PADDED, numbers.NUMBER_RE),
        (dates._DATE_PADDED, dates.DATE_RE),
        (metrics.DISASTER_PADDED, metrics.DISASTER_RE),
    ],
    ids=["numbers", "dates", "disasters"],
)
def test_word_start_search_finds_what_the_plain_pattern_finds(fast: re.Pattern[str], plain: re.Pattern[str]) -> None:
    for text in texts():
        low = " " + fold(text)
        assert [padded_spans(m) for m in fast.finditer(low)] == [spans(m) for m in plain.finditer(text)]
        for pos in range(0, len(text), 29):  # searches from a place, as find_quantities and find_dates run them
            m = fast.search(low, pos)
            assert (m and padded_spans(m)) == spans(plain.search(text, pos))


def test_initials_first_finds_what_a_word_start_scan_finds() -> None:
    names = ["Pakistan", "Afghan Taliban", "Zabihullah Mujahid", "U.S.", "ISPR", "Côte d'Ivoire", "Kabul", "Khan"]
    slow = re.compile(rf"{WORD_START}(?:{trie_pattern(names)})(?!\w)")
    fast = re.compile(initials_first(names))
    for text in [*texts(), "Kabul: U.S.-Pakistan talks; (ISPR) “Afghan  Taliban” Khanate Pakistani"]:
        scanned = padded(text, lower=False)
        assert [(m.start() - 1, m.end()) for m in fast.finditer(scanned)] == [
            (m.start(), m.end()) for m in slow.finditer(scanned)
        ]
    assert list(lexicon.default_lexicon().exact.finditer(" Pakistan")), "the lexicon's names are read this way"


def test_lower_same_length_keeps_offsets() -> None:
    assert lower_same_length("İSTANBUL") == "İstanbul"
    assert lower_same_length("KABUL") == "kabul"
