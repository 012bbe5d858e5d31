"""Which event mentions belong to one incident: pure functions, no database.

An article's claims are cut into *units*: the claims of one story about one pair of sides
(and one stretch of days). Two units are `related` when their dates, sides, places, figures
and wording say they report the same event; incidents are the connected components of that
relation. Because `related` looks at two units only, the result does not depend on the order
in which articles arrive, and a database can compare a new unit with the stored units whose
`anchor` lies within `WINDOW_DAYS` of its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.extraction.types import NON_PARTY_CLAIMANTS, NON_PARTY_SUBJECTS, ExtractedClaim, Extraction

# Candidate window: units whose anchors lie further apart are never related. A follow-up report
# without an event date, published a few days after the event, still falls inside it.
WINDOW_DAYS = 3
# Two stated event dates this many days apart can still be one event ("late Friday" in one
# report is "overnight into Saturday" in another). Claims of one story whose dates lie further
# apart are split into separate units.
EVENT_TOLERANCE_DAYS = 1
# Text similarity (cosine of term sets). Measured on the seeds: stories about the same clash
# score 0.25-0.36, stories about other events of the same conflict 0.09-0.27 (the conflict's
# vocabulary is shared by everything), so wording alone never decides; it only backs up
# other evidence, or ties a unit whose sides are not fully known.
SIM_SUPPORT = 0.2  # backs up a shared place
SIM_STRONG = 0.3  # enough with one known side in common, or to overrule differing places
SIM_UNDATED = 0.35  # needed (with the same sides and a shared figure) by a unit with no date at all

_NON_PARTIES = frozenset(NON_PARTY_SUBJECTS) | frozenset(NON_PARTY_CLAIMANTS)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_STOPWORD_TEXT = """
    a about above according across after again against ago all almost along already also although
    am among an and another any are around as at away back be became because been before being
    below between both but by can could did do does done down during each earlier either else
    even ever every few for from further had has have having he her here hers him his how however
    i if in including into is it its itself just last late later least less like made make many
    may me meanwhile might more most much must my near nearly neither never new no nor not now of
    off on once one only or other others our out over own per rather said same say saying says
    several she should since so some still such than that the their them then there these they
    this those though through thus to too toward towards under until up upon us very via was we
    week were what when where whether which while who whom whose why will with within without
    would yet you your also told stated added reported report reports reportedly according
    claimed claims claim confirmed announced insisted noted warned news sources source official
    officials two three four five six seven eight nine ten first second third monday tuesday
    wednesday thursday friday saturday sunday today yesterday tonight morning evening night
    january february march april may june july august september october november december
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class Unit:
    """One event mention: the claims of one story of one article about one pair of sides."""

    key: str  # stable and unique: f"{article_key}:{story}:{sides}", "@first-date" when a story splits by date
    article_key: str
    story: int
    published: date | None
    outlet: str | None
    event_dates: tuple[date, ...]  # distinct event dates of its claims, sorted
    provinces: frozenset[str]
    parties: frozenset[str]  # the sides: parties that suffered, acted or claimed against the other side
    figures: frozenset[tuple[str, str, int]]  # (metric, subject, value)
    terms: frozenset[str]  # content words of the text describing the unit, for similarity
    claim_indexes: tuple[int, ...]  # indexes into Extraction.claims that belong to this unit


# ---------------------------------------------------------------------------------------------
# Splitting an article into units


def claim_sides(claim: ExtractedClaim) -> frozenset[str]:
    """The parties a claim sets against each other: subject, agent, and a claimant speaking of another side.

    A party speaking of its own losses names one side only; "TTP attacks killed 20 soldiers"
    names two (pakistan, ttp) through the agent; "Pakistan says it killed 200 Taliban" names two
    through the claimant.
    """
    sides: set[str] = set()
    if claim.subject not in _NON_PARTIES:
        sides.add(claim.subject)
    if claim.agent and claim.agent not in _NON_PARTIES:
        sides.add(claim.agent)
    if claim.claimant not in _NON_PARTIES and claim.claimant != claim.subject:
        sides.add(claim.claimant)
    return frozenset(sides)


def _distance(claims: Sequence[ExtractedClaim], i: int, members: Iterable[int]) -> int:
    """Characters between claim i and the nearest member claim (0 when they share a sentence)."""
    a = claims[i]
    best = math.inf
    for j in members:
        b = claims[j]
        gap = max(0, max(a.start, b.start) - min(a.end, b.end))
        best = min(best, gap)
    return int(best) if best != math.inf else 1 << 30


def _nearest(claims: Sequence[ExtractedClaim], i: int, groups: Sequence[list[int]]) -> int:
    """Index into `groups` of the group whose claims stand closest to claim i in the text.

    A claim that names no side of its own belongs to the event the text is talking about
    where it stands: its own sentence first, else the nearest claim. Ties go to the larger
    group, then to the one that starts first.
    """
    return min(
        range(len(groups)),
        key=lambda g: (
            _distance(claims, i, groups[g]),
            -len(groups[g]),
            min(claims[j].start for j in groups[g]),
        ),
    )


def _partition_by_sides(claims: Sequence[ExtractedClaim], indexes: Sequence[int]) -> list[list[int]]:
    """The story's claims split into groups that each concern one set of sides."""
    sides = {i: claim_sides(claims[i]) for i in indexes}
    # Claims that name two sides or more fix the pairs (dyads) of the story.
    by_pair: dict[frozenset[str], list[int]] = {}
    for i in indexes:
        if len(sides[i]) >= 2:
            by_pair.setdefault(sides[i], []).append(i)
    if not by_pair:
        # No claim sets two sides against each other: the story is one matter.
        return [list(indexes)]
    pairs = sorted(by_pair, key=lambda s: sorted(s))
    # One-sided and sideless claims are placed against these groups as they stand before any
    # is placed, so that the outcome does not depend on the order of the claims.
    fixed = [list(by_pair[p]) for p in pairs]
    groups = [list(by_pair[p]) for p in pairs]
    singles: dict[frozenset[str], list[int]] = {}
    sideless: list[int] = []
    for i in indexes:
        s = sides[i]
        if len(s) >= 2:
            continue
        if not s:
            sideless.append(i)
            continue
        fitting = [g for g, p in enumerate(pairs) if s <= p]
        if fitting:
            chosen = fitting[_nearest(claims, i, [fixed[g] for g in fitting])]
            groups[chosen].append(i)
        else:
            # A side that no pair of the story involves (a third state's own losses) stands apart.
            singles.setdefault(s, []).append(i)
    groups += [singles[s] for s in sorted(singles, key=lambda s: sorted(s))]
    frozen = [list(g) for g in groups]
    for i in sideless:
        groups[_nearest(claims, i, frozen)].append(i)
    return [sorted(g) for g in groups]


def _split_by_dates(claims: Sequence[ExtractedClaim], group: list[int]) -> list[list[int]]:
    """The group split where its event dates lie more than EVENT_TOLERANCE_DAYS apart."""
    dates = sorted({d for i in group if (d := claims[i].event_date) is not None})
    if len(dates) < 2:
        return [group]
    spans: list[list[date]] = [[dates[0]]]
    for d in dates[1:]:
        if (d - spans[-1][-1]).days > EVENT_TOLERANCE_DAYS:
            spans.append([d])
        else:
            spans[-1].append(d)
    if len(spans) == 1:
        return [group]
    span_of = {d: n for n, span in enumerate(spans) for d in span}
    parts: list[list[int]] = [[] for _ in spans]
    for i in group:
        d = claims[i].event_date
        if d is not None:
            parts[span_of[d]].append(i)
    frozen = [list(p) for p in parts]
    for i in group:
        if claims[i].event_date is None:
            parts[_nearest(claims, i, frozen)].append(i)
    return [sorted(p) for p in parts]


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line between start and end."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            spans.append((pos, stop))
        pos = stop + 1
    return spans


def terms_of(text: str) -> frozenset[str]:
    """The content words of `text`: lower-cased, stop words and short words out, plurals folded."""
    out: set[str] = set()
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) < 3 or w in _STOPWORDS:
            continue
        out.add(_fold(w))
    return frozenset(out)


def _fold(word: str) -> str:
    """The word without a plural ending, so "clashes" and "clash" compare equal."""
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith(("ches", "shes", "sses", "xes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


def _places_in(text: str, places: Iterable[str]) -> set[str]:
    """The places among `places` that `text` names as whole words."""
    return {p for p in places if p and re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", text)}


def units_from_extraction(
    extraction: Extraction,
    text: str,
    *,
    article_key: str,
    published: date | None,
    outlet: str | None,
) -> list[Unit]:
    """The units of one article: its claims split by story, by sides and by stretches of days.

    A story's main event (the unit reported in most sentences, else the one reported first) is
    described by the whole story: its words and the places it names. Any other event in the
    story is described by the paragraphs its claims stand in, and placed by its own sentences,
    so that the main event does not lend it its words and places.
    """
    claims = extraction.claims
    stories = {s.index: s for s in extraction.stories}
    by_story: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_story.setdefault(c.story, []).append(i)
    units: list[Unit] = []
    for story_index in sorted(by_story):
        indexes = by_story[story_index]
        story = stories.get(story_index)
        s_start, s_end = (story.start, story.end) if story else (0, len(text))
        groups = [part for g in _partition_by_sides(claims, indexes) for part in _split_by_dates(claims, g)]
        dominant = min(
            range(len(groups)),
            key=lambda g: (-len({claims[i].start for i in groups[g]}), min(claims[i].start for i in groups[g])),
        )
        sides_count: dict[frozenset[str], int] = {}
        for g in groups:
            s = _group_sides(claims, g)
            sides_count[s] = sides_count.get(s, 0) + 1
        for n, group in enumerate(groups):
            sides = _group_sides(claims, group)
            dates = tuple(sorted({d for i in group if (d := claims[i].event_date) is not None}))
            key = f"{article_key}:{story_index}:{'+'.join(sorted(sides)) or '-'}"
            if sides_count[sides] > 1:
                key += f"@{dates[0].isoformat()}" if dates else "@undated"
            own_places = {p for i in group for p in claims[i].provinces}
            if n == dominant:
                scope = text[s_start:s_end] + ("\n" + story.title if story and story.title else "")
                own_places |= _places_in(scope, extraction.places)
            else:
                paragraphs = _paragraph_spans(text, s_start, s_end)
                scope = "\n".join(
                    text[a:b] for a, b in paragraphs if any(a <= claims[i].start < b for i in group)
                ) or " ".join(claims[i].evidence for i in group)
                own_places |= _places_in(" ".join(claims[i].evidence for i in group), extraction.places)
            units.append(
                Unit(
                    key=key,
                    article_key=article_key,
                    story=story_index,
                    published=published,
                    outlet=outlet,
                    event_dates=dates,
                    provinces=frozenset(own_places),
                    parties=sides,
                    figures=frozenset(
                        (claims[i].metric, claims[i].subject, v) for i in group if (v := claims[i].value) is not None
                    ),
                    terms=terms_of(scope),
                    claim_indexes=tuple(group),
                )
            )
    return units


def _group_sides(claims: Sequence[ExtractedClaim], group: Iterable[int]) -> frozenset[str]:
    return frozenset(p for i in group for p in claim_sides(claims[i]))


# ---------------------------------------------------------------------------------------------
# Judging two units


def anchor(unit: Unit) -> date | None:
    """The day a unit is filed under: its earliest event date, else its publication date, else None."""
    if unit.event_dates:
        return unit.event_dates[0]
    return unit.published


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The cosine similarity of two term sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _sides_match(a: frozenset[str], b: frozenset[str]) -> str | None:
    """How two units' sides agree: "pair" (two in common), "partial", "unknown", or None (they clash)."""
    if len(a & b) >= 2:
        return "pair"
    if len(a) >= 2 and len(b) >= 2:
        # Pakistan against the TTP is not Pakistan against Afghanistan, even on the same day.
        return None
    if not a or not b:
        return "unknown"
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return "partial" if small <= large else None


def _places_match(a: frozenset[str], b: frozenset[str]) -> str:
    """ "shared", "different", or "unknown" where either unit names no place."""
    if not a or not b:
        return "unknown"
    return "shared" if a & b else "different"


def _date_gap(a: Unit, b: Unit, window_days: int) -> int | None:
    """Days between the two units' events as the dates they carry allow to judge, None if they clash.

    Stated event dates are compared with each other within EVENT_TOLERANCE_DAYS. A unit with
    no event date happened on or shortly before its publication date, so it may trail the other
    unit's event by up to `window_days` (a follow-up report) but not precede it.
    """
    if a.event_dates and b.event_dates:
        gap = min(abs((x - y).days) for x in a.event_dates for y in b.event_dates)
        return gap if gap <= EVENT_TOLERANCE_DAYS else None
    if a.event_dates or b.event_dates:
        dated, other = (a, b) if a.event_dates else (b, a)
        if other.published is None:
            return None
        lags = [(other.published - d).days for d in dated.event_dates]
        fits = [lag for lag in lags if -EVENT_TOLERANCE_DAYS <= lag <= window_days]
        return min(fits, key=abs) if fits else None
    assert a.published is not None and b.published is not None
    return abs((a.published - b.published).days)


def related(a: Unit, b: Unit, *, window_days: int = WINDOW_DAYS) -> bool:
    """Whether two units report the same event. Symmetric and pure: it looks at a and b only.

    - Units of one story were split on purpose (other sides or other days): never related.
    - Sides that clash (Pakistan-TTP vs Pakistan-Afghanistan) are never related.
    - A unit with no date at all (no event date, no publication date) joins another only on
      strong evidence: the same sides, a shared figure and very similar wording.
    - Otherwise the anchors must lie within `window_days` and the dates must agree; then
      * the same pair of sides suffices with a shared place; where either unit names no place it
        needs a shared figure or similar wording (on a busy day one pair of sides fights in several
        places, and a vague report must not fuse those clashes into one); where the places differ
        it needs a shared figure or very similar wording;
      * one known side needs a shared figure, a shared place with similar wording, or very
        similar wording;
      * no known side needs a shared figure and similar wording in places that do not differ.
    Figures of 0 ("no casualties") tie nothing: every quiet day shares them.
    """
    if a.key == b.key:
        return True
    if a.article_key == b.article_key and a.story == b.story:
        return False
    sides = _sides_match(a.parties, b.parties)
    if sides is None:
        return False
    shared_figures = any(v > 0 for _, _, v in a.figures & b.figures)
    sim = similarity(a.terms, b.terms)
    places = _places_match(a.provinces, b.provinces)
    ta, tb = anchor(a), anchor(b)
    if ta is None or tb is None:
        return sides == "pair" and shared_figures and sim >= SIM_UNDATED and places != "different"
    if abs((ta - tb).days) > window_days:
        return False
    gap = _date_gap(a, b, window_days)
    if gap is None:
        return False
    if (
        not a.event_dates
        and not b.event_dates
        and gap > EVENT_TOLERANCE_DAYS
        and not (shared_figures or sim >= SIM_STRONG)
    ):
        # Two reports without event dates published some days apart: the dates alone say little.
        return False
    if sides == "pair":
        if places == "shared":
            return True
        if places == "unknown":
            return shared_figures or sim >= SIM_SUPPORT
        return shared_figures or sim >= SIM_STRONG
    if sides == "partial":
        return shared_figures or (places == "shared" and sim >= SIM_SUPPORT) or sim >= SIM_STRONG
    return shared_figures and places != "different" and sim >= SIM_SUPPORT


# ---------------------------------------------------------------------------------------------
# Grouping


def group(units: Iterable[Unit], *, window_days: int = WINDOW_DAYS) -> dict[str, str]:
    """Unit key -> incident label: the connected components of `related`, labelled by their least unit key.

    Dated units are compared with those whose anchors lie within `window_days` (a sweep over
    units sorted by anchor), undated ones with every unit. Neither the input order nor the
    sweep changes the result: `related` is never true for anchors further apart.
    """
    by_key: dict[str, Unit] = {}
    for u in units:
        by_key.setdefault(u.key, u)
    parent = {k: k for k in by_key}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            # The lesser key becomes the root, so a component's root is its least key.
            parent[max(rx, ry)] = min(rx, ry)

    dated = sorted(((d, k) for k, u in by_key.items() if (d := anchor(u)) is not None))
    undated = sorted(k for k, u in by_key.items() if anchor(u) is None)
    for n, (day, key) in enumerate(dated):
        for later_day, other in dated[n + 1 :]:
            if (later_day - day).days > window_days:
                break
            if related(by_key[key], by_key[other], window_days=window_days):
                union(key, other)
    for n, key in enumerate(undated):
        for other in [*undated[n + 1 :], *(k for _, k in dated)]:
            if related(by_key[key], by_key[other], window_days=window_days):
                union(key, other)
    return {k: find(k) for k in sorted(by_key)}
