"""Split a text into segments marked with the claims whose evidence covers them.

Pages render the segments with Jinja's autoescaping, so article text (untrusted) is never
turned into markup: highlighting needs no raw HTML at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    claims: tuple[int, ...]  # ids of the claims whose evidence covers this segment; () for plain text
    start: int


def segments(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """The text cut at every span boundary; `spans` are (claim id, start, end) offsets."""
    valid = [(cid, max(0, s), min(len(text), e)) for cid, s, e in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for _, s, _ in valid), *(e for _, _, e in valid)})
    out: list[Segment] = []
    for lo, hi in pairwise(cuts):
        covering = tuple(sorted(cid for cid, s, e in valid if s <= lo and hi <= e))
        out.append(Segment(text=text[lo:hi], claims=covering, start=lo))
    return out


def context(text: str, start: int, end: int, *, width: int = 160) -> tuple[str, str, str]:
    """(before, evidence, after): the evidence with up to `width` characters of context each side."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return before, text[start:end], after


@dataclass(frozen=True, slots=True)
class Passage:
    """One stretch of an article quoted once for every claim read inside it."""

    claims: tuple[int, ...]  # in order of their evidence
    segments: tuple[Segment, ...]  # the stretch cut at each evidence boundary (offsets in the article)
    cut_before: bool  # the stretch starts inside the text ("…")
    cut_after: bool


def passages(text: str, spans: Iterable[tuple[int, int, int]], *, width: int = 160) -> list[Passage]:
    """The quotations of an article's claims: each claim's evidence with `width` characters either
    side, claims whose quotations would overlap sharing one (so no paragraph is shown twice)."""
    valid = sorted((s, e, cid) for cid, s, e in spans if 0 <= s < e <= len(text))
    groups: list[tuple[int, int, list[tuple[int, int, int]]]] = []
    for s, e, cid in valid:
        lo, hi = max(0, s - width), min(len(text), e + width)
        if groups and lo <= groups[-1][1]:
            g_lo, g_hi, members = groups[-1]
            groups[-1] = (g_lo, max(g_hi, hi), [*members, (cid, s, e)])
        else:
            groups.append((lo, hi, [(cid, s, e)]))
    out = []
    for lo, hi, members in groups:
        local = segments(text[lo:hi], [(cid, s - lo, e - lo) for cid, s, e in members])
        out.append(Passage(
            claims=tuple(dict.fromkeys(cid for cid, _, _ in members)),
            segments=tuple(Segment(text=seg.text, claims=seg.claims, start=seg.start + lo) for seg in local),
            cut_before=lo > 0,
            cut_after=hi < len(text),
        ))
    return out
