"""Every measure of disagreement, table-driven: spans of qualified figures, ratio, gap, can agree, kind."""

from __future__ import annotations

import pytest

from app.incidents.measures import (
    AGREE,
    DENIED,
    DIFFER,
    NO_FIGURE,
    ONE_PARTY,
    Bound,
    Span,
    bound_text,
    can_agree,
    disagreement,
    span,
)

SPANS = [
    # (value, value_high, qualifier) -> the numbers the figure admits
    ((58, None, "exact"), Span(58, 58)),
    ((20, None, "at_least"), Span(20, None)),
    ((200, None, "more_than"), Span(201, None)),  # "over 200" is not 200–200
    ((30, None, "up_to"), Span(0, 30)),
    ((50, None, "about"), Span(45, 55)),
    ((1500, None, "about"), Span(1350, 1650)),
    ((20, 30, "range"), Span(20, 30)),
    ((30, 20, "range"), Span(20, 30)),
    ((0, None, "exact"), Span(0, 0)),
]


@pytest.mark.parametrize(("figure", "expected"), SPANS, ids=[f"{f[0]}-{f[1]}-{f[2]}" for f, _ in SPANS])
def test_span_of_a_qualified_figure(figure: tuple[int, int | None, str], expected: Span) -> None:
    assert span(*figure) == expected


SPAN_TEXTS = [(Span(58, 58), "58"), (Span(20, 30), "20–30"), (Span(201, None), "201 or more"),
              (Span(1350, 1650), "1,350–1,650")]


@pytest.mark.parametrize(("s", "text"), SPAN_TEXTS)
def test_span_text(s: Span, text: str) -> None:
    assert s.text == text


# (case, party figures, denied, kind, ratio, gap, can agree, ratio text, gap text)
DISAGREEMENTS = [
    ("no figure", [], False, NO_FIGURE, None, None, True, "—", "—"),
    ("one party", [(58, None, "exact")], False, ONE_PARTY, None, None, True, "—", "—"),
    ("one party's 'over 200' stays open", [(200, None, "more_than")], False, ONE_PARTY, None, None, True, "—", "—"),
    ("a figure against a denial", [(25, None, "exact")], True, DENIED, None, None, True, "denied", "denied"),
    ("a denial with no figure at all", [], True, DENIED, None, None, True, "denied", "denied"),
    ("58 against 23", [(58, None, "exact"), (23, None, "exact")], False, DIFFER,
     Bound(2.522, 2.522), Bound(35, 35), False, "2.5×", "35"),
    ("order does not matter", [(23, None, "exact"), (58, None, "exact")], False, DIFFER,
     Bound(2.522, 2.522), Bound(35, 35), False, "2.5×", "35"),
    ("over 200 against 23", [(200, None, "more_than"), (23, None, "exact")], False, DIFFER,
     Bound(8.739, None), Bound(178, None), False, "8.7× or more", "178 or more"),
    ("at least 20 against 58 can agree", [(20, None, "at_least"), (58, None, "exact")], False, AGREE,
     Bound(1.0, None), Bound(0, None), True, "1.0× or more", "0 or more"),
    ("up to 30 against 58", [(30, None, "up_to"), (58, None, "exact")], False, DIFFER,
     Bound(1.933, None), Bound(28, 58), False, "1.9× or more", "28–58"),
    ("a range against a figure inside it", [(20, 30, "range"), (25, None, "exact")], False, AGREE,
     Bound(1.0, 1.5), Bound(0, 10), True, "1.0–1.5×", "0–10"),
    ("about 50 against 70", [(50, None, "about"), (70, None, "exact")], False, DIFFER,
     Bound(1.273, 1.556), Bound(15, 25), False, "1.3–1.6×", "15–25"),
    ("about 50 against 60 agree within the tolerance", [(50, None, "about"), (60, None, "exact")], False, AGREE,
     Bound(1.091, 1.333), Bound(5, 15), False, "1.1–1.3×", "5–15"),
    ("about 50 against 53 can be the same number", [(50, None, "about"), (53, None, "exact")], False, AGREE,
     Bound(1.0, 1.222), Bound(0, 10), True, "1.0–1.2×", "0–10"),
    ("50 against 53, exact: within the tolerance, not the same number", [(50, None, "exact"), (53, None, "exact")],
     False, AGREE, Bound(1.06, 1.06), Bound(3, 3), False, "1.1×", "3"),
    ("5 against 0: no ratio, a gap", [(5, None, "exact"), (0, None, "exact")], False, DIFFER,
     None, Bound(5, 5), False, "—", "5"),
    ("two figures beat a third party's denial", [(58, None, "exact"), (23, None, "exact")], True, DIFFER,
     Bound(2.522, 2.522), Bound(35, 35), False, "2.5×", "35"),
    ("three parties: the furthest apart", [(58, None, "exact"), (23, None, "exact"), (40, None, "exact")], False,
     DIFFER, Bound(2.522, 2.522), Bound(35, 35), False, "2.5×", "35"),
]


@pytest.mark.parametrize(
    ("case", "figures", "denied", "kind", "ratio", "gap", "agree", "ratio_text", "gap_text"),
    DISAGREEMENTS,
    ids=[d[0] for d in DISAGREEMENTS],
)
def test_disagreement_between_parties(
    case: str,
    figures: list[tuple[int, int | None, str]],
    denied: bool,
    kind: str,
    ratio: Bound | None,
    gap: Bound | None,
    agree: bool,
    ratio_text: str,
    gap_text: str,
) -> None:
    d = disagreement([span(*f) for f in figures], denied=denied)
    assert d.kind == kind, case
    assert d.ratio == ratio, case
    assert d.gap == gap, case
    assert d.can_agree is agree, case
    assert (d.ratio_text, d.gap_text) == (ratio_text, gap_text), case
    assert d.parties == len(figures)


RANKS = [
    ([(58, None, "exact"), (23, None, "exact")], False, 2.522),
    ([(5, None, "exact"), (0, None, "exact")], False, 1.0),  # they differ, but nothing divides by 0
    ([(25, None, "exact")], True, 0.0),  # a denial ranks by the contested flag, not by a ratio
    ([(50, None, "about"), (53, None, "exact")], False, 0.0),
]


@pytest.mark.parametrize(("figures", "denied", "rank"), RANKS)
def test_rank_is_the_least_ratio_where_parties_differ(
    figures: list[tuple[int, int | None, str]], denied: bool, rank: float
) -> None:
    assert disagreement([span(*f) for f in figures], denied=denied).rank == pytest.approx(rank, abs=1e-3)


def test_tolerance_is_a_parameter() -> None:
    figures = [span(50), span(53)]
    assert disagreement(figures, denied=False, tolerance=0.1).kind == AGREE
    assert disagreement(figures, denied=False, tolerance=0.01).kind == DIFFER


@pytest.mark.parametrize(("spans", "agree"), [
    ([Span(20, None), Span(58, 58)], True),
    ([Span(0, 30), Span(58, 58)], False),
    ([Span(20, 30), Span(25, 25), Span(22, None)], True),
    ([Span(201, None), Span(300, None)], True),
    ([], True),
])
def test_can_agree(spans: list[Span], agree: bool) -> None:
    assert can_agree(spans) is agree


@pytest.mark.parametrize(("bound", "text"), [
    (Bound(2.522, 2.522), "2.5×"),
    (Bound(8.739, None), "8.7× or more"),
    (Bound(1.09, 1.33), "1.1–1.3×"),
    (None, "—"),
])
def test_bound_text(bound: Bound | None, text: str) -> None:
    assert bound_text(bound, suffix="×") == text
