"""The comparison grid, statuses and discrepancy: claim facts built by hand, no database."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from app.incidents import measures
from app.incidents.comparison import ClaimFact, Comparison, compare, figure_text
from app.incidents.wording import headline_text, label, row_label

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
        "articles of unknown outlet are not outlets: two of them are no corroboration",
        [
            fact("afghanistan", "wounded", "pakistan", 30, article=1, outlet=None),
            fact("afghanistan", "wounded", "pakistan", 30, article=2, outlet=None),
        ],
        {("afghanistan", 30): "single-source"},
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
            fact("ttp", "killed", "pakistan", 53, article=2, outlet="JND"),
        ],
        {("afghanistan", 50): "single-source", ("ttp", 53): "single-source"},
    ),
    (
        "'at least 20' does not contradict 58",
        [
            fact("afghanistan", "killed", "pakistan", 58),
            fact("ttp", "killed", "pakistan", 20, qualifier="at_least", article=2, outlet="B"),
        ],
        {("afghanistan", 58): "single-source", ("ttp", 20): "single-source"},
    ),
    (
        "'up to 30' contradicts 58",
        [
            fact("afghanistan", "killed", "pakistan", 58),
            fact("ttp", "killed", "pakistan", 30, qualifier="up_to", article=2, outlet="B"),
        ],
        {("afghanistan", 58): "contested", ("ttp", 30): "contested"},
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
        "a reference figure far from a party's contests neither: disagreement is between parties",
        [
            fact("afghanistan", "killed", "pakistan", 58),
            fact("unattributed", "killed", "pakistan", 12, article=2, outlet="B"),
            fact("third_party", "killed", "pakistan", 5, article=3, outlet="C"),
        ],
        {
            ("afghanistan", 58): "single-source",
            ("unattributed", 12): "single-source",
            ("third_party", 5): "single-source",
        },
    ),
    (
        "a party's denial contests a reference figure",
        [
            fact("unattributed", "posts_captured", "pakistan", 25),
            fact("pakistan", "posts_captured", "pakistan", None, stance="denies", article=2),
        ],
        {("unattributed", 25): "single-source", ("pakistan", None): "contested"},
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
                "afghanistan",
                "killed",
                "afghanistan",
                20,
                published=D + timedelta(days=2),
                article=3,
                outlet="B",
            ),
        ],
        {
            ("afghanistan", 20): "conceded",
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
        fact("ttp", "killed", "pakistan", 53, article=2),
    ]
    assert not compare(facts, tolerance=0.1).contested
    assert compare(facts, tolerance=0.01).contested
    assert compare(facts, tolerance=0.01).rows[0].cells["afghanistan"].figures[0].status == "contested"


def test_disagreement_is_between_parties_only() -> None:
    c = compare(border_clash())
    killed = row(c, "killed", "pakistan").disagreement
    # Afghanistan 58 against Pakistan 23; the unattributed 12 is a reference figure, not in the ratio.
    assert killed.kind == measures.DIFFER and killed.parties == 2
    assert killed.ratio is not None and killed.ratio.low == pytest.approx(2.522, abs=1e-3) and killed.ratio.exact
    assert (killed.gap, killed.can_agree) == (measures.Bound(35.0, 35.0), False)
    assert (killed.ratio_text, killed.gap_text) == ("2.5×", "35")


def test_one_partys_qualified_figure_is_no_range_of_its_own() -> None:
    afghans = row(compare(border_clash()), "killed", "afghanistan").disagreement
    assert afghans.kind == measures.ONE_PARTY
    assert afghans.spans == (measures.Span(201, None),)  # "over 200", not 200–200
    assert (afghans.ratio, afghans.gap, afghans.ratio_text, afghans.gap_text) == (None, None, "—", "—")


def test_a_figure_against_a_denial_is_denied_not_ratio_one() -> None:
    posts = row(compare(border_clash()), "posts_captured", "pakistan")
    assert posts.disagreement.kind == measures.DENIED
    assert (posts.disagreement.ratio_text, posts.disagreement.gap_text) == ("denied", "denied")
    assert posts.denied and posts.contested


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


def test_disagreement_uses_each_partys_current_figure() -> None:
    facts = [
        fact("pakistan", "killed", "pakistan", 9, published=D),
        fact("pakistan", "killed", "pakistan", 23, published=D + timedelta(days=2), article=2),
        fact("afghanistan", "killed", "pakistan", 58, published=D, article=3),
    ]
    d = compare(facts).rows[0].disagreement
    assert d.spans == (measures.Span(58, 58), measures.Span(23, 23))


def test_incident_disagreement_is_its_most_disputed_rows_ratio() -> None:
    c = compare(border_clash())
    assert c.contested and c.disagreement == pytest.approx(2.522, abs=1e-3)
    assert row(c, "wounded", "pakistan").disagreement.rank == 0.0
    quiet = compare([fact("afghanistan", "wounded", "pakistan", 30)])
    assert quiet.disagreement == 0.0 and not quiet.contested
    small = compare([fact("afghanistan", "killed", "pakistan", 30), fact("pakistan", "killed", "pakistan", 23)])
    big = compare([fact("afghanistan", "killed", "pakistan", 58), fact("pakistan", "killed", "pakistan", 23)])
    assert 0 < small.disagreement < big.disagreement


HEADLINE_CASES = [
    (
        "the parties' most disputed count leads, reference figures after the parties",
        border_clash(),
        ("killed", "pakistan"),
        "Pakistani soldiers killed — Afghanistan says 58 · Pakistan says 23 (2.5× apart) · unattributed: 12",
    ),
    (
        "a wider dispute over a smaller count leads over a narrower one over deaths",
        [
            fact("afghanistan", "killed", "pakistan", 30),
            fact("pakistan", "killed", "pakistan", 23),
            fact("afghanistan", "posts_captured", "pakistan", 25),
            fact("pakistan", "posts_captured", "pakistan", 2),
        ],
        ("posts_captured", "pakistan"),
        "Pakistani posts captured — Afghanistan says 25 · Pakistan says 2 (12.5× apart)",
    ),
    (
        "a denial leads when no figures differ",
        [
            fact("afghanistan", "wounded", "pakistan", 300),
            fact("afghanistan", "posts_captured", "pakistan", 25),
            fact("pakistan", "posts_captured", "pakistan", None, stance="denies"),
        ],
        ("posts_captured", "pakistan"),
        "Pakistani posts captured — Afghanistan says 25 · Pakistan denies it (denied)",
    ),
    (
        "without a dispute the largest figure leads",
        [
            fact("pakistan", "killed", "civilians", 3),
            fact("afghanistan", "airspace_violations", "pakistan", 55),
        ],
        ("airspace_violations", "pakistan"),
        "airspace violations by Pakistan — Afghanistan says 55",
    ),
    (
        "qualified figures: the ratio is what they admit at the least",
        [
            fact("pakistan", "killed", "afghanistan", 200, qualifier="more_than"),
            fact("afghanistan", "killed", "afghanistan", 23),
        ],
        ("killed", "afghanistan"),
        "Afghan soldiers killed — Afghanistan says 23 · Pakistan says over 200 (8.7× or more apart)",
    ),
]


@pytest.mark.parametrize(("case", "facts", "key", "text"), HEADLINE_CASES, ids=[c[0] for c in HEADLINE_CASES])
def test_headline_row_and_text(case: str, facts: list[ClaimFact], key: tuple[str, str], text: str) -> None:
    c = compare(facts)
    assert c.headline is not None and (c.headline.metric, c.headline.subject) == key, case
    assert headline_text(c) == text, case


def test_headline_of_nothing_is_none() -> None:
    assert headline_text(compare([])) is None


def test_empty_comparison() -> None:
    c = compare([])
    assert (c.claimants, c.rows, c.disagreement, c.contested, c.headline) == ((), (), 0.0, False, None)


def test_figure_text_and_labels() -> None:
    assert figure_text(200, None, "more_than") == "over 200"
    assert figure_text(20, 30, "range") == "20–30"
    assert figure_text(1500, None, "about") == "about 1,500"
    assert figure_text(None, None, "exact", "denies") == "denies"
    assert figure_text(58, None, "exact", "denies") == "denies 58"
    assert label("ttp") == "TTP"
    assert label("north_korea") == "North Korea"
    assert label("third_party") == "Third party"



ROW_LABELS = [
    ("killed", "pakistan", "Pakistani soldiers killed"),
    ("wounded", "afghanistan", "Afghan soldiers wounded"),
    ("killed", "ttp", "TTP fighters killed"),
    ("killed", "civilians", "civilians killed"),
    ("casualties", "civilians", "civilian casualties"),
    ("casualties", "pakistan", "Pakistani casualties"),
    ("posts_captured", "pakistan", "Pakistani posts captured"),
    ("drones_downed", "afghanistan", "Afghan drones downed"),
    ("airspace_violations", "pakistan", "airspace violations by Pakistan"),
    ("airstrikes", "afghanistan", "airstrikes by Afghanistan"),
    ("cross_border_fire", "pakistan", "cross-border firing by Pakistan"),
    ("killed", "ukraine", "Ukrainian soldiers killed"),
]


@pytest.mark.parametrize(("metric", "subject", "text"), ROW_LABELS)
def test_row_labels_are_plain_english(metric: str, subject: str, text: str) -> None:
    c = compare([fact("unattributed", metric, subject, 3)])
    assert row_label(c.rows[0]) == text


def test_comparison_does_not_depend_on_fact_order() -> None:
    facts = border_clash()
    base = compare(facts)
    for perm in itertools.islice(itertools.permutations(facts), 0, 4000, 97):
        assert compare(list(perm)) == base
