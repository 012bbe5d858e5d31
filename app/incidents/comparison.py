"""Each claimant's figures for one incident side by side, and how far they disagree: pure functions.

The grid has a row per (metric, subject) and a column per claimant. A cell holds what that
claimant put forward for that count: every distinct figure with its qualifier, how many
articles and outlets carry it, when it was first and last reported, and how it moved over time.
Everything about disagreement is computed here from the claims, never typed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.extraction.types import METRICS, NON_PARTY_CLAIMANTS, NON_PARTY_SUBJECTS
from app.incidents import measures
from app.incidents.measures import DEFAULT_TOLERANCE, Disagreement, Span

STATUSES = ("conceded", "contested", "single-source", "corroborated")

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
class Row:
    """One count (metric, subject) with a cell per claimant that spoke of it."""

    metric: str
    subject: str
    cells: Mapping[str, Cell]
    disagreement: Disagreement  # between the parties' current figures (app.incidents.measures)
    contested: bool  # the parties' figures differ, or a party denies what a figure says
    denied: bool  # a party denies a figure or the event of this row

    def cell(self, claimant: str) -> Cell | None:
        """The claimant's cell, or None where it said nothing about this count."""
        return self.cells.get(claimant)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The grid of one incident and how far its parties disagree."""

    claimants: tuple[str, ...]  # column order: parties, then third_party, unattributed
    rows: tuple[Row, ...]
    disagreement: float  # the largest ratio between parties' figures (Disagreement.rank), 0 if none
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


def figure_span(fig: Figure) -> Span:
    """The numbers a figure admits (app.incidents.measures.span); the figure must have a value."""
    assert fig.value is not None
    return measures.span(fig.value, fig.value_high, fig.qualifier)


def outlet_key(outlet: str | None) -> str | None:
    """The outlet as counted: names compared without case; an unknown outlet is not an outlet."""
    return (outlet or "").strip().casefold() or None


def count_outlets(outlets: Iterable[str | None]) -> int:
    """How many distinct known outlets: articles of unknown outlet are counted as articles only."""
    return len({k for o in outlets if (k := outlet_key(o)) is not None})


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
                outlets=count_outlets(m.outlet for m in members),
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
            outlets=count_outlets(f.outlet for f in cell_facts),
        )
    party_currents = [currents[c] for c in order if c in currents and is_party(c)]
    disagreement = measures.disagreement(
        [figure_span(f) for f in party_currents],
        denied=bool(deniers),
        tolerance=tolerance,
    )
    contested = disagreement.kind in (measures.DIFFER, measures.DENIED)
    return Row(
        metric=metric,
        subject=subject,
        cells=cells,
        disagreement=disagreement,
        contested=contested,
        denied=bool(deniers),
    )


def _status(
    claimant: str,
    subject: str,
    fig: Figure,
    currents: Mapping[str, Figure],
    deniers: set[str],
    tolerance: float,
) -> str:
    """The figure's status, disagreement counted between parties only: conceded (a party's own
    losses), else contested (a party's figure that another party's figure differs from or that
    another party denies; a party's denial), else corroborated (two known outlets or more),
    else single-source. Reference figures (independent, unattributed) are never contested."""
    if fig.stance == "denies" and is_party(claimant):
        return "contested"
    if is_party(claimant) and claimant == subject:
        return "conceded"
    if is_party(claimant) and fig.value is not None:
        if deniers - {claimant}:
            return "contested"
        mine = figure_span(fig)
        others = [o for c, o in currents.items() if c != claimant and is_party(c)]
        if any(measures.differ(mine, figure_span(o), tolerance) for o in others):
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
    """The comparison grid of one incident's claims, with statuses and the parties' disagreement.

    The incident's `disagreement` is its most disputed row's rank (the least ratio between the
    parties' figures where they differ; app.incidents.measures), 0 when no parties' figures differ.
    """
    columns = claimant_order({f.claimant for f in facts})
    by_row: dict[tuple[str, str], list[ClaimFact]] = {}
    for f in facts:
        by_row.setdefault((f.metric, f.subject), []).append(f)
    rows = tuple(
        _row(metric, subject, by_row[(metric, subject)], columns, tolerance)
        for metric, subject in sorted(by_row, key=lambda k: _row_key(k[0], k[1], columns))
    )
    return Comparison(
        claimants=columns,
        rows=rows,
        disagreement=max((r.disagreement.rank for r in rows), default=0.0),
        contested=any(r.contested for r in rows),
        headline=lead_row(rows),
        articles=len({f.article_id for f in facts}),
        outlets=count_outlets(f.outlet for f in facts),
    )


def largest_figure(row: Row) -> int:
    """The largest number any claimant puts forward for the row (upper ends of ranges), 0 if none."""
    return max(
        (f.value_high if f.value_high is not None else f.value or 0 for c in row.cells.values() for f in c.figures),
        default=0,
    )


def lead_row(rows: Sequence[Row]) -> Row | None:
    """The row to lead with: the most disputed one (parties' figures furthest apart, then a denial),
    else the one with the largest figure; ties go to the earlier row (deaths come first)."""
    if not rows:
        return None
    return max(
        rows,
        key=lambda r: (
            r.disagreement.kind == measures.DIFFER,
            r.disagreement.rank,
            r.disagreement.kind == measures.DENIED,
            largest_figure(r),
            -rows.index(r),
        ),
    )
