"""Figures in text: digits, number words, ranges and their qualifiers ("at least 20", "15 to 20")."""

from __future__ import annotations

import re
from typing import NamedTuple

from .patterns import at_word_starts, fold, lowered, trie_pattern, words

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mn": 1_000_000, "billion": 1_000_000_000,
          "bn": 1_000_000_000, "lakh": 100_000, "crore": 10_000_000}
# Words that stand for a number of their own ("a dozen" soldiers, "a soldier" was killed).
SINGLE = {"a": 1, "an": 1, "another": 1, "a single": 1, "single": 1, "a dozen": 12, "dozen": 12,
          "half a dozen": 6, "a hundred": 100, "a thousand": 1000, "a couple of": 2, "a pair of": 2}

_UNIT = words(*UNITS)
_TEN = words(*TENS)
# "twenty-three", "twenty three", "seven", "forty"
_SMALL = rf"(?:(?:{_TEN})(?:[\s\-]+(?:{words(*(k for k in UNITS if UNITS[k] and UNITS[k] < 10))}))?|{_UNIT})"
# "two hundred and fifty", "three thousand"
_WORDNUM = (
    rf"(?:{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)?(?:\s+(?:thousand|million)"
    rf"(?:\s+(?:and\s+)?{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)?)?)?)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s*(?:million|mn|billion|bn|thousand|lakh|crore)\b)?"
# A figure, without what may stand before it. The lookaheads keep out "F-16", "12-year-old",
# "01:06", "3/4" and "17th".
_CORE_DIGITS = rf"{_DIGITS}(?![\w:/]|[.,]\d|-(?!\s*\d|plus\b)){_SCALE}"
_CORE_WORDS = (
    rf"(?:half\s+a\s+dozen|a\s+dozen|a\s+hundred|a\s+thousand|{_WORDNUM})(?![\w])(?!-[a-z])"
    rf"(?:\s+(?:hundred|thousand|million|dozen)\b)?"
)
_LOW = rf"(?:(?<![\w.,:/\-]){_CORE_DIGITS}|(?<![\w\-]){_CORE_WORDS})"
_HIGH = rf"(?:{_CORE_DIGITS}|{_CORE_WORDS})"

QUALIFIER_WORDS: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "not less than": "at_least",
    "a minimum of": "at_least", "a total of at least": "at_least", "not fewer than": "at_least",
    "more than": "more_than", "over": "more_than", "above": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "exceeding": "more_than", "well over": "more_than", "just over": "more_than",
    "nearly": "about", "almost": "about", "around": "about", "about": "about", "some": "about",
    "roughly": "about", "approximately": "about", "approx.": "about", "an estimated": "about",
    "estimated": "about", "close to": "about", "nearly all": "about", "just under": "about",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "no more than": "up_to",
    "a maximum of": "up_to", "fewer than": "up_to", "less than": "up_to", "under": "up_to",
}
_QUAL = words(*QUALIFIER_WORDS)
_POSTFIX = r"(?P<post>\s*\+|-plus|\s+plus|\s+or\s+more|\s+or\s+so)?"

NUMBER_RE = re.compile(
    rf"(?:(?P<between>\bbetween\s+|\bfrom\s+)?)"
    rf"(?:(?<![\w])(?P<qual>{_QUAL})\s+)?"
    rf"(?P<low>{_LOW})"
    rf"(?:(?P<sep>\s*(?:-|–|—)\s*|\s+(?:to|and|or)\s+)(?P<high>{_HIGH}))?"
    rf"{_POSTFIX}",
    re.IGNORECASE,
)
# Cheap test: does a sentence hold anything that may be a figure? (digits or a number word)
HAS_NUMBER_RE = re.compile(
    rf"\d|\b(?:{_UNIT}|{_TEN}|dozen|hundred|thousand)\b", re.IGNORECASE
)
# How far before a number its qualifier may start ("no fewer than 25", "between 15 and").
QUALIFIER_REACH = 28
_WORD_TOKEN = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?")
# "no one", "one another", "rose from 12 to 20": figures that are not counts, or not ranges.
_NOT_A_COUNT_BEFORE = re.compile(r"\b(?:no|any|every|each|the)\s+$", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(r"\s+(?:another|other)\b", re.IGNORECASE)
_RISE_BEFORE = re.compile(r"\b(?:rose|risen|rising|climbed|climbing|increased|jumped|went\s+up|up)\s+$", re.IGNORECASE)
# The words a figure can open with: a digit, a qualifier or number word (as a stem), or the
# first word of a longer qualifier before a space. Most words of a text are none of them, and
# this look-ahead turns them away at one test instead of at every alternative of NUMBER_RE.
_FIRST_STEMS = sorted({k for k in QUALIFIER_WORDS if " " not in k} | set(UNITS) | set(TENS))
_FIRST_WORDS = sorted({k.split()[0] for k in QUALIFIER_WORDS if " " in k} | {"a", "half", "between", "from"})
# Twins for lower-cased text (patterns.lowered): find_quantities reads the padded lower-cased
# text and takes what a figure says as written from the original. Every figure starts a word.
_NUMBER_PADDED = at_word_starts(lowered(
    rf"(?=\d|{trie_pattern(_FIRST_STEMS)}|{trie_pattern(_FIRST_WORDS)}\s)(?:{NUMBER_RE.pattern})"
))
_NOT_A_COUNT_BEFORE_LOW = lowered(_NOT_A_COUNT_BEFORE)
_NOT_A_COUNT_AFTER_LOW = lowered(_NOT_A_COUNT_AFTER)
_RISE_BEFORE_LOW = lowered(_RISE_BEFORE)


class Quantity(NamedTuple):
    """A figure as written: `text[start:end]`, its value(s) and qualifier."""

    start: int
    end: int
    value: int
    value_high: int | None
    qualifier: str
    text: str


def parse_number(text: str) -> int | None:
    """The integer a written number stands for ("2,611", "1.4 million", "twenty-three", "a dozen"), else None."""
    if text.isdecimal() and len(text) < 16:
        return int(text)  # plain digits, most figures: what the reading below gives (a float holds 15 digits)
    t = " ".join(text.lower().replace("-", " ").split())
    if t in SINGLE:
        return SINGLE[t]
    t = t.replace("half a dozen", "6").replace("a dozen", "12").replace("a hundred", "100")
    t = t.replace("a thousand", "1000")
    total = 0
    current = 0.0
    seen = False
    for tok in _WORD_TOKEN.findall(t):
        if tok == "and":
            continue
        if tok[0].isdigit():
            current += float(tok.replace(",", ""))
            seen = True
        elif tok in UNITS:
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok in SCALES:
            scale = SCALES[tok]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += round((current or 1) * scale)
                current = 0
            seen = True
        elif tok in ("dozen",):
            current = (current or 1) * 12
            seen = True
    if not seen:
        return None
    return round(total + current)


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, near: list[int] | None = None, low: str | None = None
) -> list[Quantity]:
    """Every figure in `text[start:end]` with its qualifier; ranges give value and value_high.

    `near` (offsets where a scan saw a digit or number word) lets the search start just before
    each of them instead of reading the whole text. `low` is `text` lower-cased, where the
    caller has it already.
    """
    # Searches run over the padded lower-cased text (patterns.at_word_starts): a figure at `i` in
    # the text is found from the character before it, at `i` there; its other offsets are one more.
    padded_low = " " + (fold(text) if low is None else low)
    out: list[Quantity] = []
    stop = len(text) if end is None else end
    pos = start
    # The last search: from where, and what it found. A search from anywhere up to what it found
    # finds the same, so the anchors of a figure ("twenty-three", "one hundred") share one search.
    searched_from, found = -1, None
    for anchor in near if near is not None else [start]:
        if anchor < pos or anchor >= stop:
            continue
        if near is not None:
            pos = max(pos, anchor - QUALIFIER_REACH)
        while True:
            if searched_from < 0 or not (searched_from <= pos and (found is None or pos <= found.start())):
                searched_from, found = pos, _NUMBER_PADDED.search(padded_low, pos, stop + 1)
            m = found
            if m is None:
                break
            if near is not None and m.start() > anchor:
                break  # the next figure is another anchor's
            q = _quantity(m, text)
            if q is not None:
                out.append(q)
            # A refused range ("58 and 30") gives back its second figure to the next search.
            pos = max(q.end if q is not None else m.end() - 1, m.start() + 1)
            if near is not None and pos > anchor:
                break
    return _with_digits_in_brackets(out, text) if "(" in text else out


_DIGITS_AFTER = re.compile(r"\s*\(\s*([\d,]+)\s*\)")


def _with_digits_in_brackets(found: list[Quantity], text: str) -> list[Quantity]:
    """ "eleven (11) khwarij": a figure in words and again in digits is one figure, ending after the bracket."""
    out: list[Quantity] = []
    skip_to = -1
    for q in found:
        if q.start < skip_to:
            continue
        m = _DIGITS_AFTER.match(text, q.end)
        if m is not None and parse_number(m.group(1)) == q.value and q.value_high is None:
            q = q._replace(end=m.end(), text=text[q.start:m.end()])
            skip_to = m.end()
        out.append(q)
    return out


def _quantity(m: re.Match[str], text: str) -> Quantity | None:
    """The figure `m` (a search of _NUMBER_PADDED in the padded lower-cased `text`) found, as written in `text`.

    The match's start is the figure's offset in `text`; its other offsets are one more.
    """
    between, qual, low_text, sep, high_text, post = m.group("between", "qual", "low", "sep", "high", "post")
    low = parse_number(low_text)
    if low is None:
        return None
    padded_low = m.string
    start, end = m.start(), m.end() - 1
    if low_text == "one" and not qual and (
        _NOT_A_COUNT_BEFORE_LOW.search(padded_low, max(0, start - 8) + 1, start + 1)
        or _NOT_A_COUNT_AFTER_LOW.match(padded_low, m.end("low"))
    ):
        return None
    high = parse_number(high_text) if high_text else None
    between = (between or "").strip()
    sep = (sep or "").strip()
    qualifier = QUALIFIER_WORDS.get(" ".join(qual.split()), "exact") if qual else "exact"
    if high is not None:
        # "58 soldiers and 30 others" is two figures, "two or three" a range: a bare "and"
        # only makes a range after "between"; a range must rise ("15 to 20").
        joined_by_word = sep in ("and", "or")
        if (joined_by_word and not (between == "between" or sep == "or")) or high <= low:
            return _single(m, text, low, qualifier)
        if between == "from" and sep != "to":
            return _single(m, text, low, qualifier)
        if between == "from" and _RISE_BEFORE_LOW.search(padded_low, max(0, start - 16) + 1, start + 1):
            # "the toll rose from 12 to 20": the count now is the second figure.
            high_start, high_end = m.start("high") - 1, m.end("high") - 1
            return Quantity(high_start, high_end, high, None, "exact", text[high_start:high_end])
        return Quantity(start, end, low, high, "range", text[start:end].strip())
    if between:
        start = (m.start("qual") if qual else m.start("low")) - 1
    post = (post or "").strip()
    if post in ("+", "-plus", "plus"):
        qualifier = "more_than"
    elif post == "or more":
        qualifier = "at_least"
    elif post == "or so":
        qualifier = "about"
    return Quantity(start, end, low, None, qualifier, text[start:end].strip())


def _single(m: re.Match[str], text: str, low: int, qualifier: str) -> Quantity:
    start = (m.start("qual") if m.group("qual") else m.start("low")) - 1
    end = m.end("low") - 1
    return Quantity(start, end, low, None, qualifier, text[start:end].strip())
