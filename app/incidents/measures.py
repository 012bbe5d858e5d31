"""Every measure of disagreement the dashboard shows, defined once here: pure functions.

The page /about/figures explains each one in words, and tests/incidents/test_measures.py holds
their table of cases. Nothing else in the project computes a ratio, a gap or an overlap.

- **Span**: the numbers a figure admits. "58" is 58; "at least 20" is 20 and up; "more than 200"
  ("over 200") is 201 and up (counts are whole numbers); "up to 30" is 0 to 30; "about 50" is
  45 to 55 (ABOUT_MARGIN either side); "20–30" is 20 to 30.
- **Between parties only**: the ratio and gap compare the figures of the parties to the conflict.
  Independent (third-party) and unattributed figures are reference columns: shown beside them,
  never part of the parties' ratio or gap.
- **Ratio** of the parties' figures: the higher figure divided by the lower. With qualifiers it is
  the range of every ratio the two figures admit ("over 200" against 23: at least 8.7×).
- **Gap**: the higher figure minus the lower, with qualifiers the range of differences admitted.
- **Can agree**: whether one number fits every party's figure as qualified (their spans overlap).
  When they can, there is no disagreement: ratio 1× and gap 0 at the least.
- **Denied**: a party denies what another party (or a reference source) puts a figure on. There
  is nothing to divide: no ratio and no gap, the row says "denied".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# "about 50" admits 45–55.
ABOUT_MARGIN = 0.1
# How much two figures may differ, relative to the larger, before they contest each other:
# 10% lets "about 50" and 53 agree while 23 and 58 do not. A setting; this is its default.
DEFAULT_TOLERANCE = 0.1

# What a row's parties' figures amount to, one of:
NO_FIGURE = "none"  # no party gives a figure and none denies
ONE_PARTY = "one_party"  # one party gives a figure; nobody denies it
AGREE = "agree"  # two or more parties' figures can be the same number
DIFFER = "differ"  # two or more parties' figures cannot be the same number
DENIED = "denied"  # a party denies what a figure (another party's, or a reference one) says
KINDS = (NO_FIGURE, ONE_PARTY, AGREE, DIFFER, DENIED)


@dataclass(frozen=True, slots=True)
class Span:
    """The whole numbers a figure admits: low to high, high None when there is no upper bound."""

    low: int
    high: int | None

    def admits(self, other: Span) -> bool:
        """Whether one number fits both spans."""
        return _le(other.low, self.high) and _le(self.low, other.high)

    @property
    def text(self) -> str:
        """The span in words: "58", "20–30", "201 or more"."""
        if self.high is None:
            return f"{self.low:,} or more"
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}–{self.high:,}"


@dataclass(frozen=True, slots=True)
class Bound:
    """A measure that qualifiers may leave uncertain: between low and high (None: no upper bound)."""

    low: float
    high: float | None

    @property
    def exact(self) -> bool:
        """Whether the measure is one number."""
        return self.high is not None and math.isclose(self.low, self.high)


def span(value: int, value_high: int | None = None, qualifier: str = "exact") -> Span:
    """The numbers a figure admits, its qualifier considered."""
    if value_high is not None:
        return Span(min(value, value_high), max(value, value_high))
    if qualifier == "at_least":
        return Span(value, None)
    if qualifier == "more_than":
        return Span(value + 1, None)
    if qualifier == "up_to":
        return Span(0, value)
    if qualifier == "about":
        margin = round(value * ABOUT_MARGIN, 6)  # rounded: 50 × 1.1 is 55.000000000000007 in floats
        return Span(math.floor(value - margin), math.ceil(value + margin))
    return Span(value, value)


def can_agree(spans: Sequence[Span]) -> bool:
    """Whether one number fits every span (numbers on a line share a point when every pair does)."""
    if not spans:
        return True
    highs = [s.high for s in spans if s.high is not None]
    return max(s.low for s in spans) <= (min(highs) if highs else math.inf)


def differ(a: Span, b: Span, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """Whether two figures disagree by more than `tolerance` (relative to the larger figure)."""
    a_high = math.inf if a.high is None else a.high
    b_high = math.inf if b.high is None else b.high
    return a_high * (1 + tolerance) < b.low * (1 - tolerance) or b_high * (1 + tolerance) < a.low * (1 - tolerance)


def _ends(spans: Sequence[Span]) -> tuple[Span, Span]:
    """(lower, higher): the figure that can be the least and the one that must be the most."""
    lower = min(spans, key=lambda s: (math.inf if s.high is None else s.high, s.low))
    higher = max(spans, key=lambda s: (s.low, math.inf if s.high is None else s.high))
    return lower, higher


def gap(spans: Sequence[Span]) -> Bound | None:
    """How far apart the figures are (higher minus lower), as the range the qualifiers admit.

    None with fewer than two figures. 58 and 23: 35. "over 200" and 23: 178 or more.
    """
    if len(spans) < 2:
        return None
    lower, higher = _ends(spans)
    least = max(0, higher.low - (lower.high if lower.high is not None else higher.low))
    tops = [s.high for s in spans]
    most = None if any(t is None for t in tops) else max(t for t in tops if t is not None) - min(s.low for s in spans)
    return Bound(float(least), None if most is None else float(max(most, least)))


def ratio(spans: Sequence[Span]) -> Bound | None:
    """How many times the higher figure is the lower, as the range the qualifiers admit.

    None with fewer than two figures, or when the lower figure can be 0 while the other cannot
    (nothing divides by 0: the gap still says how far apart they are). 58 and 23: 2.52.
    """
    if len(spans) < 2:
        return None
    if can_agree(spans):
        lows = [s.low for s in spans]
        highs = [s.high for s in spans]
        most = None if None in highs or min(lows) == 0 else max(h for h in highs if h is not None) / min(lows)
        return Bound(1.0, None if most is None else round(most, 3))
    lower, higher = _ends(spans)
    assert lower.high is not None  # they cannot agree, so the lower one is bounded
    if lower.high == 0:
        return None
    least = higher.low / lower.high
    low_end = min(s.low for s in spans)
    tops = [s.high for s in spans]
    most = None if None in tops or low_end == 0 else max(t for t in tops if t is not None) / low_end
    return Bound(round(least, 3), None if most is None else round(most, 3))


@dataclass(frozen=True, slots=True)
class Disagreement:
    """How the parties' current figures for one row stand against each other."""

    kind: str  # one of KINDS
    spans: tuple[Span, ...]  # the parties' figures (reference columns left out)
    ratio: Bound | None
    gap: Bound | None
    can_agree: bool
    parties: int  # how many parties give a figure

    @property
    def rank(self) -> float:
        """How disputed the row is, for ordering: the least ratio where parties differ (a ratio
        that cannot be computed ranks as 1), 0 otherwise."""
        if self.kind != DIFFER:
            return 0.0
        return self.ratio.low if self.ratio is not None else 1.0

    @property
    def ratio_text(self) -> str:
        """The ratio as the page writes it: "2.5×", "8.7× or more", "1.2–1.5×", "denied", "—"."""
        if self.kind == DENIED:
            return "denied"
        return bound_text(self.ratio, suffix="×", digits=1) if self.kind in (AGREE, DIFFER) else "—"

    @property
    def gap_text(self) -> str:
        """The gap as the page writes it: "35", "178 or more", "3–13", "denied", "—"."""
        if self.kind == DENIED:
            return "denied"
        return bound_text(self.gap, digits=0) if self.kind in (AGREE, DIFFER) else "—"


def bound_text(b: Bound | None, *, suffix: str = "", digits: int = 1) -> str:
    """A bound in words: "2.5×", "8.7× or more", "1.2–1.5×"; "—" for none."""
    if b is None:
        return "—"

    def num(x: float) -> str:
        return f"{x:,.{digits}f}"

    if b.high is None:
        return f"{num(b.low)}{suffix} or more"
    if num(b.low) == num(b.high):
        return f"{num(b.low)}{suffix}"
    return f"{num(b.low)}–{num(b.high)}{suffix}"


def disagreement(party_spans: Sequence[Span], *, denied: bool, tolerance: float = DEFAULT_TOLERANCE) -> Disagreement:
    """What the parties' current figures for one row amount to.

    `party_spans` holds one span per party that gives a figure; `denied` says whether a party
    denies the count while some claimant (a party or a reference source) puts a figure on it.
    """
    spans = tuple(party_spans)
    agree = can_agree(spans)
    if len(spans) >= 2:
        pairs = [(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]]
        kind = DIFFER if any(differ(a, b, tolerance) for a, b in pairs) else AGREE
    elif denied:
        kind = DENIED
    else:
        kind = ONE_PARTY if spans else NO_FIGURE
    return Disagreement(
        kind=kind,
        spans=spans,
        ratio=ratio(spans),
        gap=gap(spans),
        can_agree=agree,
        parties=len(spans),
    )


def _le(a: int, b: int | None) -> bool:
    return b is None or a <= b
