"""Each claimant's figures for one incident side by side, and how far they disagree: pure functions.

The grid has a row per (metric, subject) and a column per claimant. A cell holds what that
claimant put forward for that count: every distinct figure with its qualifier, how many
articles and outlets carry it, when it was first and last reported, and how it moved over time.
Everything about disagreement is computed here from the claims, never typed in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.extraction.types import METRICS, NON_PARTY_CLAIMANTS, NON_PARTY_SUBJECTS

# How much two claimants' figures may differ, relative to the larger, before they contest each
# other: 10% lets "about 50" and 53 agree while 23 and 58 do not. A setting; this is its default.
DEFAULT_TOLERANCE = 0.1
# Deaths weigh most in the incident score; counts of actions (airstrikes, violations) least.
METRIC_WEIGHTS: Mapping[str, float] = {
    "killed": 1.0,
    "casualties": 1.0,
    "wounded": 0.8,
    "captured": 0.8,
    "posts_captured": 0.6,
    "posts_destroyed": 0.6,
    "posts_attacked": 0.5,
    "drones_downed": 0.5,
    "aircraft_downed": 0.6,
    "vehicles_destroyed": 0.5,
    "airstrikes": 0.6,
    "airspace_violations": 0.5,
    "air_patrols": 0.4,
    "cross_border_fire": 0.4,
}
DENIAL_SCORE = 1.0  # what a party's denial adds to its row's score: as much as a 1:2 gap in deaths
OTHER_ROWS_SHARE = 0.25  # the share of the other contested rows' scores added to the worst row's
STATUSES = ("conceded", "contested", "single-source", "corroborated")
HEADLINE_METRICS = ("killed", "casualties")

_NON_PARTIES = frozenset(NON_PARTY_SUBJECTS) | frozenset(NON_PARTY_CLAIMANTS)
_QUALIFIER_WORDS = {"at_least": "at least ", "more_than": "over ", "about": "about ", "up_to": "up to "}


@dataclass(frozen=True, slots=True)
class ClaimFact:
    """One stored claim as the comparison sees it."""

    claim_id: int | str
    claimant: str
    metric: str
    subject: str
    value: int | None
    value_high: int | None
    qualifier: str
    stance: str
    article_id: int | str
    outlet: str | None
    published: date | None
    evidence: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One distinct figure a claimant put forward for one row, and who carries it."""

    value: int | None
    value_high: int | None
    qualifier: str
    stance: str
    articles: int
    outlets: int
    first_reported: date | None
    last_reported: date | None
    status: str  # one of STATUSES
    current: bool  # the claimant's latest figure for this row
    claim_ids: tuple[int | str, ...]
    evidence: str  # the sentence of its first report

    @property
    def text(self) -> str:
        """The figure as a reader says it: "58", "over 200", "20–30", "denies"."""
        return figure_text(self.value, self.value_high, self.qualifier, self.stance)


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """What a claimant's figure stood at in the reports of one publication date."""

    published: date | None
    value: int
    value_high: int | None
    qualifier: str

    @property
    def text(self) -> str:
        """The figure as a reader says it."""
        return figure_text(self.value, self.value_high, self.qualifier, "asserts")


@dataclass(frozen=True, slots=True)
class Cell:
    """What one claimant put forward for one row."""

    claimant: str
    figures: tuple[Figure, ...]  # in order of first report
    current: Figure | None  # the latest figure with a number; None when the claimant only denies
    denies: bool
    history: tuple[HistoryPoint, ...]  # changes of the figure over publication dates
    articles: int
    outlets: int

    @property
    def trend(self) -> str:
        """How the figure moved over time ("9 → 20"), or "" when it never changed."""
        return " → ".join(p.text for p in self.history) if len(self.history) > 1 else ""


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """How far the claimants' current figures for one row lie apart."""

    low: int | None  # the lowest figure (lower ends of ranges)
    high: int | None  # the highest figure (upper ends of ranges)
    ratio: float | None  # high / low; None when low is 0 or there is no figure
    gap: int | None  # high - low
    ranges_overlap: bool  # whether one number fits every claimant's figure as qualified
    claimants: int  # how many claimants put a number forward


@dataclass(frozen=True, slots=True)
class Row:
    """One count (metric, subject) with a cell per claimant that spoke of it."""

    metric: str
    subject: str
    cells: Mapping[str, Cell]
    discrepancy: Discrepancy
    contested: bool
    denied: bool  # a party denies a figure or the event of this row
    score: float

    def cell(self, claimant: str) -> Cell | None:
        """The claimant's cell, or None where it said nothing about this count."""
        return self.cells.get(claimant)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The grid of one incident and its discrepancy score."""

    claimants: tuple[str, ...]  # column order: parties, then third_party, unattributed
    rows: tuple[Row, ...]
    score: float
    contested: bool
    headline: Row | None
    articles: int
    outlets: int


def is_party(name: str) -> bool:
    """Whether an id names a party (not civilians, militants, third_party or unattributed)."""
    return name not in _NON_PARTIES


def figure_text(value: int | None, value_high: int | None, qualifier: str, stance: str = "asserts") -> str:
    """A figure as a reader says it: "58", "over 200", "at least 20", "20–30", "denies", "denies 58"."""
    if value is None:
        return "denies" if stance == "denies" else "?"
    number = f"{value:,}–{value_high:,}" if value_high is not None else f"{value:,}"
    text = _QUALIFIER_WORDS.get(qualifier, "") + number
    return f"denies {text}" if stance == "denies" else text


def _interval(value: int, value_high: int | None, qualifier: str) -> tuple[float, float]:
    """The numbers a figure admits: "at least 20" is 20 and up, "up to 30" is 0 to 30."""
    if value_high is not None:
        return (float(min(value, value_high)), float(max(value, value_high)))
    if qualifier in ("at_least", "more_than"):
        return (float(value), math.inf)
    if qualifier == "up_to":
        return (0.0, float(value))
    return (float(value), float(value))


def _differ(a: Figure, b: Figure, tolerance: float) -> bool:
    """Whether two figures disagree by more than `tolerance` (relative), qualifiers considered."""
    assert a.value is not None and b.value is not None
    lo_a, hi_a = _interval(a.value, a.value_high, a.qualifier)
    lo_b, hi_b = _interval(b.value, b.value_high, b.qualifier)
    return hi_a * (1 + tolerance) < lo_b * (1 - tolerance) or hi_b * (1 + tolerance) < lo_a * (1 - tolerance)


def _outlet_key(fact: ClaimFact) -> str:
    # An article of unknown outlet counts as an outlet of its own: it is more likely another
    # outlet than the same one, and the article count shows the rest.
    return (fact.outlet or "").strip().casefold() or f"article:{fact.article_id}"


def _date_key(d: date | None) -> date:
    return d or date.min


# ---------------------------------------------------------------------------------------------
# Building the grid


def _raw_figures(facts: Sequence[ClaimFact]) -> list[Figure]:
    """The claimant's distinct figures for one row, status and `current` still unset."""
    groups: dict[tuple[int | None, int | None, bool], list[ClaimFact]] = {}
    for f in sorted(facts, key=lambda f: (_date_key(f.published), str(f.claim_id))):
        groups.setdefault((f.value, f.value_high, f.stance == "denies"), []).append(f)
    out: list[Figure] = []
    for (value, value_high, denial), members in groups.items():
        # The most frequent qualifier; ties go to the one reported first (members are in date order).
        qualifier = _majority(m.qualifier for m in members)
        dates = [m.published for m in members if m.published is not None]
        out.append(
            Figure(
                value=value,
                value_high=value_high,
                qualifier=qualifier,
                stance="denies" if denial else _majority(m.stance for m in members),
                articles=len({m.article_id for m in members}),
                outlets=len({_outlet_key(m) for m in members}),
                first_reported=min(dates) if dates else None,
                last_reported=max(dates) if dates else None,
                status="single-source",
                current=False,
                claim_ids=tuple(m.claim_id for m in members),
                evidence=members[0].evidence,
            )
        )
    return out


def _majority(values: Iterable[str]) -> str:
    """The most frequent value; ties go to the first seen."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: counts[v])


def _current(figures: Sequence[Figure]) -> Figure | None:
    """The claimant's figure as it stands: the last reported, then the most carried, then the highest."""
    numbered = [f for f in figures if f.value is not None and f.stance != "denies"]
    if not numbered:
        return None
    return max(numbered, key=lambda f: (_date_key(f.last_reported), f.articles, f.value or 0))


def _history(facts: Sequence[ClaimFact]) -> tuple[HistoryPoint, ...]:
    """The claimant's figures in publication order, a point wherever the figure changed."""
    points: list[HistoryPoint] = []
    numbered = [f for f in facts if f.value is not None and f.stance != "denies"]
    for f in sorted(numbered, key=lambda f: (_date_key(f.published), f.value or 0, f.value_high or 0)):
        assert f.value is not None
        if points and (points[-1].value, points[-1].value_high) == (f.value, f.value_high):
            continue
        points.append(
            HistoryPoint(published=f.published, value=f.value, value_high=f.value_high, qualifier=f.qualifier)
        )
    return tuple(points)


def _discrepancy(currents: Sequence[Figure]) -> Discrepancy:
    """Low, high, ratio, gap and overlap of the claimants' current figures."""
    ends = [(f.value, f.value if f.value_high is None else f.value_high) for f in currents if f.value is not None]
    if not ends:
        return Discrepancy(low=None, high=None, ratio=None, gap=None, ranges_overlap=True, claimants=0)
    low = min(min(a, b) for a, b in ends)
    high = max(max(a, b) for a, b in ends)
    spans = [_interval(f.value, f.value_high, f.qualifier) for f in currents if f.value is not None]
    # Intervals on a line share a point exactly when every pair of them overlaps.
    overlap = max(lo for lo, _ in spans) <= min(hi for _, hi in spans)
    return Discrepancy(
        low=low,
        high=high,
        ratio=round(high / low, 3) if low > 0 else None,
        gap=high - low,
        ranges_overlap=overlap,
        claimants=len(currents),
    )


def _row(metric: str, subject: str, facts: Sequence[ClaimFact], order: Sequence[str], tolerance: float) -> Row:
    by_claimant: dict[str, list[ClaimFact]] = {}
    for f in facts:
        by_claimant.setdefault(f.claimant, []).append(f)
    raw = {c: _raw_figures(fs) for c, fs in by_claimant.items()}
    currents = {c: cur for c, figs in raw.items() if (cur := _current(figs)) is not None}
    deniers = {c for c, figs in raw.items() if is_party(c) and any(f.stance == "denies" for f in figs)}
    cells: dict[str, Cell] = {}
    for claimant in order:
        if claimant not in raw:
            continue
        figures = [
            _replace(
                fig,
                status=_status(claimant, subject, fig, currents, deniers, tolerance),
                current=fig is currents.get(claimant),
            )
            for fig in raw[claimant]
        ]
        current = next((f for f in figures if f.current), None)
        cell_facts = by_claimant[claimant]
        cells[claimant] = Cell(
            claimant=claimant,
            figures=tuple(figures),
            current=current,
            denies=any(f.stance == "denies" for f in figures),
            history=_history(cell_facts),
            articles=len({f.article_id for f in cell_facts}),
            outlets=len({_outlet_key(f) for f in cell_facts}),
        )
    discrepancy = _discrepancy([currents[c] for c in order if c in currents])
    denied = bool(deniers)
    # The row's figures disagree when two claimants' current figures do, whoever's losses they are.
    pairs = [(a, b) for a in currents for b in currents if a < b]
    figure_contest = any(_differ(currents[a], currents[b], tolerance) for a, b in pairs)
    score = 0.0
    if figure_contest and discrepancy.low is not None and discrepancy.high is not None:
        weight = METRIC_WEIGHTS.get(metric, 0.5)
        score = weight * math.log2((discrepancy.high + 1) / (discrepancy.low + 1))
    if denied:
        score += DENIAL_SCORE
    contested = any(f.status == "contested" for cell in cells.values() for f in cell.figures) or denied
    return Row(
        metric=metric,
        subject=subject,
        cells=cells,
        discrepancy=discrepancy,
        contested=contested,
        denied=denied,
        score=round(score, 3),
    )


def _status(
    claimant: str,
    subject: str,
    fig: Figure,
    currents: Mapping[str, Figure],
    deniers: set[str],
    tolerance: float,
) -> str:
    """The figure's status: conceded (own losses), else contested (another claimant differs, or
    a party denies), else corroborated (two outlets or more), else single-source."""
    if fig.stance == "denies":
        return "contested"
    if is_party(claimant) and claimant == subject:
        return "conceded"
    if deniers - {claimant}:
        return "contested"
    if any(c != claimant and _differ(fig, other, tolerance) for c, other in currents.items()):
        return "contested"
    return "corroborated" if fig.outlets >= 2 else "single-source"


def _replace(fig: Figure, *, status: str, current: bool) -> Figure:
    return Figure(
        value=fig.value,
        value_high=fig.value_high,
        qualifier=fig.qualifier,
        stance=fig.stance,
        articles=fig.articles,
        outlets=fig.outlets,
        first_reported=fig.first_reported,
        last_reported=fig.last_reported,
        status=status,
        current=current,
        claim_ids=fig.claim_ids,
        evidence=fig.evidence,
    )


def claimant_order(claimants: set[str] | frozenset[str]) -> tuple[str, ...]:
    """Columns: the parties alphabetically, then third_party, then unattributed."""
    tail = [c for c in NON_PARTY_CLAIMANTS if c in claimants]
    others = sorted(c for c in claimants if c not in NON_PARTY_CLAIMANTS and c not in NON_PARTY_SUBJECTS)
    odd = sorted(c for c in claimants if c in NON_PARTY_SUBJECTS)  # should not happen; kept visible
    return (*others, *odd, *tail)


def _row_key(metric: str, subject: str, columns: Sequence[str]) -> tuple[int, str, int, int, str]:
    """Rows: metrics in the spec's order (killed, casualties, wounded ...); under each, the parties'
    counts next to each other (one party's own losses beside its claims about the other side),
    then civilians and militants."""
    m = METRICS.index(metric) if metric in METRICS else len(METRICS)
    if is_party(subject):
        s = (0, columns.index(subject) if subject in columns else len(columns))
    else:
        s = (
            1,
            NON_PARTY_SUBJECTS.index(subject) if subject in NON_PARTY_SUBJECTS else len(NON_PARTY_SUBJECTS),
        )
    return (m, metric, s[0], s[1], subject)


def compare(facts: Sequence[ClaimFact], *, tolerance: float = DEFAULT_TOLERANCE) -> Comparison:
    """The comparison grid of one incident's claims, with statuses, discrepancies and score.

    Score: each row whose claimants' current figures disagree beyond `tolerance` scores
    weight(metric) × log2((high + 1) / (low + 1)) (58 vs 23 killed: 1.3; 200 vs 20: 3.3), plus
    DENIAL_SCORE where a party denies; the incident scores its worst row plus OTHER_ROWS_SHARE of
    the others, so one wild claim ranks high and many contested counts rank higher still.
    """
    columns = claimant_order({f.claimant for f in facts})
    by_row: dict[tuple[str, str], list[ClaimFact]] = {}
    for f in facts:
        by_row.setdefault((f.metric, f.subject), []).append(f)
    rows = tuple(
        _row(metric, subject, by_row[(metric, subject)], columns, tolerance)
        for metric, subject in sorted(by_row, key=lambda k: _row_key(k[0], k[1], columns))
    )
    scores = sorted((r.score for r in rows), reverse=True)
    score = scores[0] + OTHER_ROWS_SHARE * sum(scores[1:]) if scores else 0.0
    return Comparison(
        claimants=columns,
        rows=rows,
        score=round(score, 3),
        contested=any(r.contested for r in rows),
        headline=_headline_row(rows),
        articles=len({f.article_id for f in facts}),
        outlets=len({_outlet_key(f) for f in facts}),
    )


def _headline_row(rows: Sequence[Row]) -> Row | None:
    """The row to lead with: deaths (else casualties, else any count) of the most-claimed subject."""
    for metrics in (("killed",), ("casualties",), None):
        candidates = [r for r in rows if metrics is None or r.metric in metrics]
        if candidates:
            return max(
                candidates,
                key=lambda r: (
                    len(r.cells),
                    sum(f.articles for c in r.cells.values() for f in c.figures),
                    -rows.index(r),
                ),
            )
    return None


# ---------------------------------------------------------------------------------------------
# Words


def label(name: str, names: Mapping[str, str] | None = None) -> str:
    """A party or claimant id as a reader sees it: "Pakistan", "TTP", "North Korea", "Third party"."""
    if names and name in names:
        return names[name]
    if len(name) <= 3:
        return name.upper()
    words = name.split("_")
    if is_party(name):
        return " ".join(w.capitalize() for w in words)
    return " ".join(words).capitalize()


def row_label(row: Row, names: Mapping[str, str] | None = None) -> str:
    """A row as a reader sees it: "killed, Pakistan side", "wounded, civilians"."""
    what = row.metric.replace("_", " ")
    whose = f"{label(row.subject, names)} side" if is_party(row.subject) else label(row.subject, names).lower()
    return f"{what}, {whose}"


def headline_text(
    comparison: Comparison,
    *,
    names: Mapping[str, str] | None = None,
    labeller: Callable[[str, Mapping[str, str] | None], str] = label,
) -> str | None:
    """The headline row in words: "killed, Pakistan side: Afghanistan 58 · Pakistan 23 — 2.5×"."""
    row = comparison.headline
    if row is None:
        return None
    parts = []
    for claimant in comparison.claimants:
        cell = row.cell(claimant)
        if cell is None:
            continue
        shown = cell.current.text if cell.current is not None else ("denies" if cell.denies else None)
        if shown:
            parts.append(f"{labeller(claimant, names)} {shown}")
    text = f"{row_label(row, names)}: " + " · ".join(parts)
    ratio = row.discrepancy.ratio
    if ratio is not None and row.discrepancy.claimants > 1 and ratio > 1:
        text += f" — {ratio:.1f}×"
    return text
