"""The comparison grid, statuses and discrepancy: claim facts built by hand, no database."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

import pytest

from app.incidents import charts
from app.incidents.comparison import (
    ClaimFact,
    Comparison,
    compare,
    figure_text,
    headline_text,
    label,
    row_label,
)

D = date(2025, 10, 12)
_ids = itertools.count(1)


def fact(
    claimant: str,
    metric: str,
    subject: str,
    value: int | None,
    *,
    value_high: int | None = None,
    qualifier: str = "exact",
    stance: str | None = None,
    article: int | str = 1,
    outlet: str | None = "Outlet A",
    published: date | None = D,
) -> ClaimFact:
    if stance is None:
        stance = "acknowledges" if claimant == subject else "asserts"
    return ClaimFact(
        claim_id=next(_ids),
        claimant=claimant,
        metric=metric,
        subject=subject,
        value=value,
        value_high=value_high,
        qualifier=qualifier,
        stance=stance,
        article_id=article,
        outlet=outlet,
        published=published,
        evidence=f"{claimant} says {value} {metric} ({subject})",
    )


def border_clash() -> list[ClaimFact]:
    """The 11 Oct 2025 clash as four outlets reported it."""
    return [
        fact("unattributed", "killed", "pakistan", 12, article=1, outlet=None),
        fact("afghanistan", "killed", "pakistan", 58, article=2, outlet="Asia In News"),
        fact("afghanistan", "wounded", "pakistan", 30, article=2, outlet="Asia In News"),
        fact("pakistan", "killed", "pakistan", 23, article=2, outlet="Asia In News"),
        fact("pakistan", "killed", "afghanistan", 200, qualifier="more_than", article=2, outlet="Asia In News"),
        fact(
            "afghanistan",
            "posts_attacked",
            "pakistan",
            20,
            qualifier="at_least",
            article=2,
            outlet="Asia In News",
        ),
        fact("afghanistan", "killed", "pakistan", 58, article=3, outlet="JND"),
        fact("afghanistan", "posts_captured", "pakistan", 25, article=3, outlet="JND"),
        fact("afghanistan", "wounded", "pakistan", 30, article=3, outlet="JND"),
        fact("pakistan", "posts_captured", "pakistan", None, stance="denies", article=3, outlet="JND"),
        fact("pakistan", "drones_downed", "afghanistan", 3, article=4, outlet=None),
    ]


def row(comparison: Comparison, metric: str, subject: str):  # type: ignore[no-untyped-def]
    return next(r for r in comparison.rows if (r.metric, r.subject) == (metric, subject))


def test_columns_parties_first_then_third_party_then_unattributed() -> None:
    facts = [
        *border_clash(),
        fact("third_party", "killed", "civilians", 3),
        fact("ttp", "killed", "pakistan", 9),
    ]
    assert compare(facts).claimants == ("afghanistan", "pakistan", "ttp", "third_party", "unattributed")


def test_rows_killed_first_and_each_partys_losses_side_by_side() -> None:
    c = compare([*border_clash(), fact("unattributed", "killed", "civilians", 3)])
    assert [(r.metric, r.subject) for r in c.rows] == [
        ("killed", "afghanistan"),
        ("killed", "pakistan"),
        ("killed", "civilians"),
        ("wounded", "pakistan"),
        ("posts_captured", "pakistan"),
        ("posts_attacked", "pakistan"),
        ("drones_downed", "afghanistan"),
    ]
    # Pakistan's column: its own dead (23) in the row right under its claim about Afghan dead (>200).
    assert row(c, "killed", "afghanistan").cells["pakistan"].current.text == "over 200"
    assert row(c, "killed", "pakistan").cells["pakistan"].current.text == "23"


def test_cell_counts_articles_outlets_and_dates() -> None:
    facts = [
        fact("afghanistan", "killed", "pakistan", 58, article=2, outlet="Asia In News", published=D),
        fact("afghanistan", "killed", "pakistan", 58, article=3, outlet="JND", published=D + timedelta(days=1)),
        fact("afghanistan", "killed", "pakistan", 58, article=5, outlet="jnd ", published=D + timedelta(days=2)),
    ]
    cell = row(compare(facts), "killed", "pakistan").cells["afghanistan"]
    (fig,) = cell.figures
    assert (fig.value, fig.articles, fig.outlets) == (58, 3, 2)
    assert (fig.first_reported, fig.last_reported) == (D, D + timedelta(days=2))
    assert fig.status == "corroborated"
    assert len(fig.claim_ids) == 3
    assert (cell.articles, cell.outlets) == (3, 2)


STATUS_CASES = [
    # (case, facts, (claimant, metric, subject, value) -> expected status)
    (
        "own losses are conceded even when another claimant differs",
        [
            fact("pakistan", "killed", "pakistan", 23),
            fact("afghanistan", "killed", "pakistan", 58, article=2),
        ],
        {("pakistan", 23): "conceded", ("afghanistan", 58): "contested"},
    ),
    (
        "one article carries it: single-source",
        [fact("pakistan", "drones_downed", "afghanistan", 3)],
        {("pakistan", 3): "single-source"},
    ),
    (
        "two articles of one outlet are still one source",
        [
            fact("pakistan", "drones_downed", "afghanistan", 3, article=1, outlet="Dawn"),
            fact("pakistan", "drones_downed", "afghanistan", 3, article=2, outlet="Dawn"),
        ],
        {("pakistan", 3): "single-source"},
    ),
    (
        "two outlets carry it: corroborated",
        [
            fact("afghanistan", "wounded", "pakistan", 30, article=1, outlet="Dawn"),
            fact("afghanistan", "wounded", "pakistan", 30, article=2, outlet="JND"),
        ],
        {("afghanistan", 30): "corroborated"},
    ),
    (
        "articles of unknown outlets count as separate outlets",
        [
            fact("afghanistan", "wounded", "pakistan", 30, article=1, outlet=None),
            fact("afghanistan", "wounded", "pakistan", 30, article=2, outlet=None),
        ],
        {("afghanistan", 30): "corroborated"},
    ),
    (
        "a party's denial contests the other side's figure",
        [
            fact("afghanistan", "posts_captured", "pakistan", 25),
            fact("pakistan", "posts_captured", "pakistan", None, stance="denies"),
        ],
        {("afghanistan", 25): "contested", ("pakistan", None): "contested"},
    ),
    (
        "figures within the tolerance agree",
        [
            fact("afghanistan", "killed", "pakistan", 50, qualifier="about", article=1, outlet="Dawn"),
            fact("unattributed", "killed", "pakistan", 53, article=2, outlet="JND"),
        ],
        {("afghanistan", 50): "single-source", ("unattributed", 53): "single-source"},
    ),
    (
        "'at least 20' does not contradict 58",
        [
            fact("afghanistan", "killed", "pakistan", 58),
            fact("unattributed", "killed", "pakistan", 20, qualifier="at_least", article=2, outlet="B"),
        ],
        {("afghanistan", 58): "single-source", ("unattributed", 20): "single-source"},
    ),
    (
        "'up to 30' contradicts 58",
        [
            fact("afghanistan", "killed", "pakistan", 58),
            fact("unattributed", "killed", "pakistan", 30, qualifier="up_to", article=2, outlet="B"),
        ],
        {("afghanistan", 58): "contested", ("unattributed", 30): "contested"},
    ),
    (
        "a range that takes in the other figure agrees",
        [
            fact("afghanistan", "killed", "pakistan", 20, value_high=30, qualifier="range"),
            fact("third_party", "killed", "pakistan", 27, article=2, outlet="B"),
        ],
        {("afghanistan", 20): "single-source", ("third_party", 27): "single-source"},
    ),
    (
        "an unattributed denial does not contest",
        [
            fact("afghanistan", "posts_captured", "pakistan", 25),
            fact("unattributed", "posts_captured", "pakistan", None, stance="denies", article=2),
        ],
        {("afghanistan", 25): "single-source"},
    ),
    (
        "a claimant's superseded figure is not held against another claimant",
        [
            fact("pakistan", "killed", "afghanistan", 9, published=D, article=1, outlet="A"),
            fact(
                "pakistan",
                "killed",
                "afghanistan",
                20,
                published=D + timedelta(days=2),
                article=2,
                outlet="A",
            ),
            fact(
                "unattributed",
                "killed",
                "afghanistan",
                20,
                published=D + timedelta(days=2),
                article=3,
                outlet="B",
            ),
        ],
        {
            ("unattributed", 20): "single-source",
            ("pakistan", 20): "single-source",
            ("pakistan", 9): "contested",
        },
    ),
]


@pytest.mark.parametrize(("case", "facts", "expected"), STATUS_CASES, ids=[c[0] for c in STATUS_CASES])
def test_statuses(case: str, facts: list[ClaimFact], expected: dict[tuple[str, int | None], str]) -> None:
    c = compare(facts)
    got = {(cl, f.value): f.status for r in c.rows for cl, cell in r.cells.items() for f in cell.figures}
    for key, status in expected.items():
        assert got[key] == status, f"{case}: {key}"


def test_tolerance_is_a_setting() -> None:
    facts = [
        fact("afghanistan", "killed", "pakistan", 50),
        fact("unattributed", "killed", "pakistan", 53, article=2),
    ]
    assert not compare(facts, tolerance=0.1).contested
    assert compare(facts, tolerance=0.01).contested
    assert compare(facts, tolerance=0.01).rows[0].cells["afghanistan"].figures[0].status == "contested"


def test_discrepancy_numbers() -> None:
    c = compare(border_clash())
    killed = row(c, "killed", "pakistan").discrepancy
    assert (killed.low, killed.high, killed.gap, killed.claimants) == (12, 58, 46, 3)
    assert killed.ratio == pytest.approx(58 / 12, abs=1e-3)
    assert killed.ranges_overlap is False
    afghans = row(c, "killed", "afghanistan").discrepancy
    assert (afghans.low, afghans.high, afghans.ratio, afghans.gap, afghans.ranges_overlap) == (
        200,
        200,
        1.0,
        0,
        True,
    )
    two = compare([fact("afghanistan", "killed", "pakistan", 58), fact("pakistan", "killed", "pakistan", 23)])
    d = two.rows[0].discrepancy
    assert (d.low, d.high, d.gap) == (23, 58, 35)
    assert d.ratio == pytest.approx(2.522, abs=1e-3)


def test_discrepancy_of_ranges_and_zero() -> None:
    c = compare(
        [
            fact("afghanistan", "killed", "pakistan", 20, value_high=30, qualifier="range"),
            fact("third_party", "killed", "pakistan", 25, article=2, outlet="B"),
            fact("pakistan", "killed", "pakistan", 0, article=3, outlet="C"),
        ]
    )
    d = c.rows[0].discrepancy
    assert (d.low, d.high, d.gap, d.ratio) == (0, 30, 30, None)
    assert d.ranges_overlap is False
    overlap = compare(
        [
            fact("afghanistan", "killed", "pakistan", 20, value_high=30, qualifier="range"),
            fact("third_party", "killed", "pakistan", 25, qualifier="about", article=2, outlet="B"),
            fact("unattributed", "killed", "pakistan", 22, qualifier="at_least", article=3, outlet="C"),
        ]
    )
    assert overlap.rows[0].discrepancy.ranges_overlap is True
    assert not overlap.contested
    assert overlap.score == 0.0


def test_history_and_current_figure_follow_publication_dates() -> None:
    facts = [
        fact("pakistan", "killed", "pakistan", 9, published=D, article=1),
        fact("pakistan", "killed", "pakistan", 9, published=D, article=2, outlet="B"),
        fact("pakistan", "killed", "pakistan", 20, published=D + timedelta(days=1), article=3, outlet="C"),
        fact("pakistan", "killed", "pakistan", 23, published=D + timedelta(days=3), article=4, outlet="D"),
    ]
    cell = compare(facts).rows[0].cells["pakistan"]
    assert [p.value for p in cell.history] == [9, 20, 23]
    assert [p.published for p in cell.history] == [D, D + timedelta(days=1), D + timedelta(days=3)]
    assert cell.trend == "9 → 20 → 23"
    assert cell.current is not None and cell.current.value == 23
    assert [f.current for f in cell.figures] == [False, False, True]
    assert compare(facts[:2]).rows[0].cells["pakistan"].trend == ""


def test_discrepancy_uses_each_claimants_current_figure() -> None:
    facts = [
        fact("pakistan", "killed", "pakistan", 9, published=D),
        fact("pakistan", "killed", "pakistan", 23, published=D + timedelta(days=2), article=2),
        fact("afghanistan", "killed", "pakistan", 58, published=D, article=3),
    ]
    d = compare(facts).rows[0].discrepancy
    assert (d.low, d.high) == (23, 58)


def test_score_formula_and_contested_flag() -> None:
    c = compare(border_clash())
    killed = row(c, "killed", "pakistan")
    posts = row(c, "posts_captured", "pakistan")
    assert killed.score == pytest.approx(math.log2(59 / 13), abs=1e-3)
    assert posts.score == pytest.approx(1.0)  # a denial, no figure to set against
    assert posts.denied and posts.contested
    assert row(c, "wounded", "pakistan").score == 0.0
    assert c.contested
    assert c.score == pytest.approx(math.log2(59 / 13) + 0.25 * 1.0, abs=1e-3)
    quiet = compare([fact("afghanistan", "wounded", "pakistan", 30)])
    assert quiet.score == 0.0 and not quiet.contested


def test_bigger_gap_scores_higher() -> None:
    small = compare([fact("afghanistan", "killed", "pakistan", 30), fact("pakistan", "killed", "pakistan", 23)])
    big = compare([fact("afghanistan", "killed", "pakistan", 58), fact("pakistan", "killed", "pakistan", 23)])
    acts = compare(
        [
            fact("afghanistan", "airspace_violations", "pakistan", 58),
            fact("pakistan", "airspace_violations", "pakistan", 23),
        ]
    )
    assert 0 < small.score < big.score
    assert 0 < acts.score < big.score  # deaths weigh more than violations


def test_headline_row_and_text() -> None:
    c = compare(border_clash())
    assert c.headline is not None and (c.headline.metric, c.headline.subject) == ("killed", "pakistan")
    assert headline_text(c) == "killed, Pakistan side: Afghanistan 58 · Pakistan 23 · Unattributed 12 — 4.8×"
    names = {"pakistan": "Pakistani", "afghanistan": "Afghanistan", "unattributed": "Unattributed"}
    two = compare([fact("afghanistan", "killed", "pakistan", 58), fact("pakistan", "killed", "pakistan", 23)])
    assert headline_text(two, names=names) == "killed, Pakistani side: Afghanistan 58 · Pakistani 23 — 2.5×"
    only = compare([fact("pakistan", "drones_downed", "afghanistan", 3)])
    assert headline_text(only) == "drones downed, Afghanistan side: Pakistan 3"
    assert headline_text(compare([])) is None


def test_empty_comparison() -> None:
    c = compare([])
    assert (c.claimants, c.rows, c.score, c.contested, c.headline) == ((), (), 0.0, False, None)


def test_figure_text_and_labels() -> None:
    assert figure_text(200, None, "more_than") == "over 200"
    assert figure_text(20, 30, "range") == "20–30"
    assert figure_text(1500, None, "about") == "about 1,500"
    assert figure_text(None, None, "exact", "denies") == "denies"
    assert figure_text(58, None, "exact", "denies") == "denies 58"
    assert label("ttp") == "TTP"
    assert label("north_korea") == "North Korea"
    assert label("third_party") == "Third party"
    assert row_label(row(compare(border_clash()), "posts_captured", "pakistan")) == "posts captured, Pakistan side"
    civ = compare([fact("unattributed", "killed", "civilians", 3)])
    assert row_label(civ.rows[0]) == "killed, civilians"


def test_comparison_does_not_depend_on_fact_order() -> None:
    facts = border_clash()
    base = compare(facts)
    for perm in itertools.islice(itertools.permutations(facts), 0, 4000, 97):
        assert compare(list(perm)) == base


def test_bar_and_history_figures() -> None:
    facts = [
        *border_clash(),
        fact("pakistan", "killed", "pakistan", 30, published=D + timedelta(days=2), article=9, outlet="Dawn"),
    ]
    c = compare(facts)
    bars = charts.bar_figure(c)
    assert [t["name"] for t in bars["data"]] == ["Afghanistan", "Pakistan", "Unattributed"]
    x = bars["data"][0]["x"]
    assert x[1] == "killed, Pakistan side"
    assert bars["data"][0]["y"][1] == 58 and bars["data"][1]["y"][1] == 30 and bars["data"][2]["y"][1] == 12
    assert bars["data"][1]["text"][x.index("posts captured, Pakistan side")] == "denies"
    assert bars["layout"]["barmode"] == "group"
    hist = charts.history_figure(c)
    pakistan = next(t for t in hist["data"] if t["name"] == "Pakistan")
    assert pakistan["x"] == [D.isoformat(), (D + timedelta(days=2)).isoformat()]
    assert pakistan["y"] == [23, 30]
    assert charts.history_figure(compare([]))["data"] == []
