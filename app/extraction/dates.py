"""Dates in text ("on Saturday", "overnight", "23 August 2024") resolved against a reference day."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from .patterns import at_word_starts, fold, lowered, trie_pattern, words

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH = rf"(?P<{{g}}>{words(*MONTHS)})\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_NUMS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "one": 1}

# One pattern, tried left to right; the names of the groups say what was found. (A new
# alternative's first word goes into _FIRST_WORDS below as well.)
DATE_RE = re.compile(
    "|".join(
        [
            # 9 October 2025, 9th of October, 23 August 2024
            rf"(?P<dmy>\b{_DAY.format(g='d1')}(?:\s+of)?\s+{_MONTH.format(g='m1')}(?:,?\s+{_YEAR.format(g='y1')})?\b)",
            # October 9th, Oct. 9, 2025
            rf"(?P<mdy>\b{_MONTH.format(g='m2')}\s+{_DAY.format(g='d2')}(?:,?\s+{_YEAR.format(g='y2')})?\b(?!\s*[:%]))",
            rf"(?P<iso>\b{_YEAR.format(g='y3')}-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b)",
            # "on the night of March 7th" is dated by the date that follows.
            rf"(?P<overnight>\bovernight\b|\blast\s+night\b|\bon\s+the\s+night\s+of\b"
            rf"(?!\s+(?:the\s+)?(?:\d|{words(*MONTHS, *WEEKDAYS)})))",
            r"(?P<yesterday>\b(?:the\s+day\s+before\s+)?yesterday\b)",
            r"(?P<today>\btoday\b|\b(?:since\s+)?this\s+(?:morning|afternoon|evening)\b|\btonight\b"
            r"|\bsince\s+the\s+morning\b)",
            r"(?P<ago>\b(?P<n_ago>two|three|four|five|six|a|one|\d)\s+days?\s+ago\b)",
            rf"(?P<weekday>\b(?:(?P<last>last|this\s+past|past)\s+)?(?P<wd>{words(*WEEKDAYS)})\b)",
            # Periods and vague times: they say the count is not one day's.
            r"(?P<vague>\b(?:earlier|later|last|this|past|previous|next)\s+(?:this\s+|in\s+the\s+)?(?:week|month|year|weekend)s?\b"
            r"|\bbetween\s+\d{1,2}(?:st|nd|rd|th)?\s+and\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:" + words(*MONTHS) + r")\b"
            r"|\bwithin\s+(?:just\s+)?\w+\s+(?:days|weeks|months)\b|\b(?:over|during|in)\s+the\s+(?:past|last)\s+"
            r"(?:\w+\s+)?(?:days|weeks|months|years|decade)\b|\bsince\s+(?:19|20)\d\d\b|\bso\s+far\s+this\s+year\b"
            r"|\b(?:in|during|since)\s+(?:" + words(*MONTHS) + r")(?:\s+(?:19|20)\d\d)?\b(?!\s+\d)"
            r"|\b(?:in|during)\s+(?:19|20)\d\d\b|\bsame\s+period\b|\brecent\s+(?:weeks|months|days)\b"
            r"|\bsince\s+(?:the\s+)?\w+|\b(?:past|previous|last)\s+(?:\w+\s+)?(?:hours|day|days|nights)\b"
            r"|\b(?:monthly|weekly|annual|yearly)\b|\bso\s+far\b|\bthe\s+week\s+of\b|\bthis\s+year\b"
            r"|\b(?:a|one|two|three|four)\s+weeks?\s+of\b)",
        ]
    ),
    re.IGNORECASE,
)
# The words a date can open with: a digit, these stems, or these words before a space. Most
# words of a text are none of them, and this look-ahead turns them away at one test instead of
# at DATE_RE's every alternative (a date search costs a third of what it did without).
_FIRST_STEMS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "overnight", "yesterday",
    "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "monthly",
    "weekly", "annual", "yearly",
)
_FIRST_WORDS = (
    "a", "one", "two", "three", "four", "five", "six", "last", "this", "past", "previous", "next", "earlier", "later",
    "on", "the", "between", "within", "over", "during", "in", "since", "so", "same", "recent",
)
# DATE_RE to search padded lower-cased text (patterns.at_word_starts): each of its alternatives
# opens with a word boundary, so every date starts a word.
_DATE_PADDED = at_word_starts(lowered(
    rf"(?=\d|{trie_pattern(_FIRST_STEMS)}|{trie_pattern(_FIRST_WORDS)}\s)(?:{DATE_RE.pattern})"
))


class DateMention(NamedTuple):
    """A time expression at `text[start:end]`: the day it names, or vague=True for a period."""

    start: int
    end: int
    day: date | None
    vague: bool
    kind: str


def _year_for(month: int, day: int, ref: date | None) -> int | None:
    if ref is None:
        return None
    try:
        candidate = date(ref.year, month, day)
    except ValueError:
        return None
    # A date without a year is the latest one not after the reference (with a week's slack
    # for a date announced ahead).
    return ref.year if candidate <= ref + timedelta(days=7) else ref.year - 1


def _make(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_on_or_before(ref: date, weekday: int, *, strictly: bool = False) -> date:
    """The latest day falling on `weekday` on or before `ref` (before it when `strictly`)."""
    back = (ref.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return ref - timedelta(days=back)


# How far before a date word its expression may start ("on the night of", "in the past three days").
_DATE_REACH = 24


def find_dates(
    text: str, ref: date | None, start: int = 0, end: int | None = None, *, near: list[int] | None = None,
    low: str | None = None,
) -> list[DateMention]:
    """The time expressions in `text[start:end]`, each resolved against `ref` (None where it cannot be).

    `near` (offsets of date words a scan saw) lets the search start just before each of them.
    `low` is `" " + patterns.fold(text)`, where the caller has it already.
    """
    if low is None:
        low = " " + fold(text)
    out: list[DateMention] = []
    stop = len(text) if end is None else end
    # Searches run over the padded text: a date at `i` in the text is found from the character
    # before it, at `i` in the padded text; its end there is one more than in the text.
    matches: list[re.Match[str]] = []
    if near is None:
        matches = list(_DATE_PADDED.finditer(low, start, stop + 1))
    else:
        pos = start
        # The last search: from where, and what it found. A search finds the first match at or
        # after its start, so one from anywhere up to that match finds it again: the numbers of a
        # sentence without a date (each one a date word to the scan) cost one search, not one each.
        searched_from, found = -1, None
        for anchor in near:
            if anchor < pos:
                continue
            begin = max(pos, anchor - _DATE_REACH)
            if searched_from < 0 or not (searched_from <= begin and (found is None or begin <= found.start())):
                searched_from, found = begin, _DATE_PADDED.search(low, begin, stop + 1)
            m = found
            if m is None:
                break
            if m.start() > anchor:
                continue  # nothing around this word; a later word may still start one
            matches.append(m)
            pos = m.end() - 1
    for m in matches:
        kind = m.lastgroup or ""
        out.append(DateMention(m.start(), m.end() - 1, _resolve(m, kind, ref), kind == "vague", kind))
    return out


def _resolve(m: re.Match[str], kind: str, ref: date | None) -> date | None:
    g = m.group
    if kind == "dmy":
        month, day = MONTHS[g("m1").lower()], int(g("d1"))
        year = int(g("y1")) if g("y1") else _year_for(month, day, ref)
        return _make(year, month, day)
    if kind == "mdy":
        month, day = MONTHS[g("m2").lower()], int(g("d2"))
        year = int(g("y2")) if g("y2") else _year_for(month, day, ref)
        return _make(year, month, day)
    if kind == "iso":
        return _make(int(g("y3")), int(g("m3")), int(g("d3")))
    if ref is None:
        return None
    if kind == "overnight" or kind == "yesterday":
        back = 2 if g(kind).lower().startswith("the day before") else 1
        return ref - timedelta(days=back)
    if kind == "today":
        return ref
    if kind == "ago":
        n = g("n_ago").lower()
        return ref - timedelta(days=int(n) if n.isdigit() else _NUMS.get(n, 1))
    if kind == "weekday":
        return weekday_on_or_before(ref, WEEKDAYS[g("wd").lower()], strictly=bool(g("last")))
    return None


_DATELINE_RE = re.compile(
    rf"\b{_DAY.format(g='d')}\s+{_MONTH.format(g='m')},?\s+{_YEAR.format(g='y')}\b"
    rf"|\b{_MONTH.format(g='m2')}\s+{_DAY.format(g='d2')},?\s+{_YEAR.format(g='y2')}\b"
    rf"|\b{_YEAR.format(g='y3')}-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b",
    re.IGNORECASE,
)


def dateline(text: str, start: int, end: int) -> date | None:
    """The first full date (day, month and year) in `text[start:end]`, for a byline's date, else None."""
    m = _DATELINE_RE.search(text, start, end)
    if m is None:
        return None
    if m.group("d"):
        return _make(int(m.group("y")), MONTHS[m.group("m").lower()], int(m.group("d")))
    if m.group("d2"):
        return _make(int(m.group("y2")), MONTHS[m.group("m2").lower()], int(m.group("d2")))
    return _make(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))


# "ISLAMABAD/KABUL (Nov 12) —", "MOSCOW, Jan 16 —", "Srinagar, May 8:": the place and day an agency report is
# filed from, at the head of its first paragraph. The day is the report's, not the event's.
DATELINE_RE = re.compile(
    rf"[A-Z][A-Za-z.'’\- /]{{1,40}}?\s*(?:,\s*|\(\s*)(?:{_MONTH.format(g='dm')}\s+\d{{1,2}}|\d{{1,2}}\s+"
    rf"{_MONTH.format(g='dm2')})(?:,?\s*(?:19|20)\d\d)?\s*\)?\s*(?:\((?:Reuters|AFP|AP|IANS|PTI|APP|[A-Z]{{2,6}})\)\s*)?"
    rf"[—–:\-]",
    re.IGNORECASE,
)
DATELINE_LOW = lowered(DATELINE_RE)  # for lower-cased text
