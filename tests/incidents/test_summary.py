"""Incident titles and one-line summaries, from claims built by hand."""

from __future__ import annotations

from datetime import date

import pytest

from app.incidents import summary
from app.incidents.comparison import ClaimFact, compare


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2025, 10, 11), None, "11 Oct 2025"),
        (date(2025, 10, 11), date(2025, 10, 11), "11 Oct 2025"),
        (date(2025, 10, 11), date(2025, 10, 12), "11–12 Oct 2025"),
        (date(2025, 10, 12), date(2025, 10, 11), "11–12 Oct 2025"),
        (date(2025, 9, 30), date(2025, 10, 2), "30 Sep – 2 Oct 2025"),
        (date(2024, 12, 30), date(2025, 1, 2), "30 Dec 2024 – 2 Jan 2025"),
        (date(2025, 3, 4), None, "4 Mar 2025"),
    ],
)
def test_day_spans_are_unambiguous(first: date, last: date | None, expected: str) -> None:
    assert summary.day_span(first, last) == expected


KIND_CASES = [
    (
        ["killed", "killed", "wounded", "posts_captured"],
        [
            "Afghanistan announced that its forces killed 58 Pakistani soldiers and captured 25 army posts.",
            "Pakistani security officials confirmed that clashes took place at several points on the border.",
        ],
        "Border clashes",
    ),
    (
        ["airspace_violations", "air_patrols", "cross_border_fire"],
        [
            "Leaked documents revealed that Pakistani forces committed 55 airspace violations.",
            "Pakistani jets conducted at least 22 aerial patrols over Afghan territory.",
            "Pakistani border guards fired into Afghan territory more than 30 times.",
        ],
        "Airspace violations",
    ),
    (
        ["killed", "killed"],
        [
            "His comments followed a wave of deadly TTP attacks, which killed 20 Pakistani security "
            "personnel and three civilians in several north-western districts."
        ],
        "Militant attacks",
    ),
    (
        ["airstrikes", "killed"],
        ["Pakistani jets carried out 4 airstrikes in Paktika, killing 10 people, the Taliban said."],
        "Airstrikes",
    ),
    (["killed"], ["Twelve soldiers lost their lives."], "Fighting"),
    ([], [], "Incident"),
]


@pytest.mark.parametrize(("metrics", "texts", "expected"), KIND_CASES, ids=[c[2] for c in KIND_CASES])
def test_kind_of_event(metrics: list[str], texts: list[str], expected: str) -> None:
    assert summary.kind(metrics, texts) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], None),
        ([11], (11, 11)),
        ([11] * 8 + [10] * 2, (11, 11)),  # one report's stray date does not stretch the span
        ([11] * 4 + [10] * 3, (10, 11)),  # an overnight clash
        ([11] * 4 + [10] * 2 + [9] * 2, (9, 11)),
        ([11] * 4 + [9] * 4, (9, 9)),  # two days with a gap: the earlier of the equals
        ([11] * 5 + [4] * 4, (11, 11)),  # a recap of last week's clash
    ],
)
def test_event_span(days: list[int], expected: tuple[int, int] | None) -> None:
    span = summary.event_span(date(2025, 10, d) for d in days)
    assert span == (None if expected is None else (date(2025, 10, expected[0]), date(2025, 10, expected[1])))


def test_title_what_where_when() -> None:
    title = summary.title(
        metrics=["killed", "posts_captured"],
        provinces=["Kunar", "Helmand", "Kunar", "Helmand", "Nangarhar", "Khost", "Kunar"],
        first=date(2025, 10, 11),
        last=date(2025, 10, 11),
        texts=["Clashes along the border; posts captured."],
    )
    assert title == "Border clashes — Kunar, Helmand, Nangarhar — 11 Oct 2025"


def test_title_leaves_out_unknown_parts() -> None:
    assert (
        summary.title(metrics=["killed"], provinces=[], first=None, last=None, texts=["A border clash."])
        == "Border clashes"
    )
    assert (
        summary.title(metrics=["airspace_violations"], provinces=["Paktika"], first=None, last=None, texts=[])
        == "Airspace violations — Paktika"
    )
    assert (
        summary.title(metrics=["killed"], provinces=[], first=None, last=date(2025, 10, 12), texts=[])
        == "Fighting — 12 Oct 2025"
    )


def test_top_places_by_mentions_then_first_mention() -> None:
    assert summary.top_places(["Khost", "Kunar", "Helmand", "Kunar", "", "Paktia"]) == [
        "Kunar",
        "Khost",
        "Helmand",
    ]


def _fact(
    n: int, claimant: str, metric: str, subject: str, value: int | None, article: int, outlet: str | None
) -> ClaimFact:
    return ClaimFact(
        claim_id=n,
        claimant=claimant,
        metric=metric,
        subject=subject,
        value=value,
        value_high=None,
        qualifier="exact",
        stance="denies" if value is None else ("acknowledges" if claimant == subject else "asserts"),
        article_id=article,
        outlet=outlet,
        published=date(2025, 10, 12),
        evidence="",
    )


def test_one_line_and_headline() -> None:
    c = compare(
        [
            _fact(1, "afghanistan", "killed", "pakistan", 58, 1, "JND"),
            _fact(2, "pakistan", "killed", "pakistan", 23, 2, "Dawn"),
            _fact(3, "afghanistan", "posts_captured", "pakistan", 25, 1, "JND"),
            _fact(4, "pakistan", "posts_captured", "pakistan", None, 2, "Dawn"),
            _fact(5, "afghanistan", "wounded", "pakistan", 30, 1, "JND"),
        ]
    )
    assert summary.one_line(c) == (
        "Afghanistan vs Pakistan · 3 counts from 2 articles (2 outlets) · "
        "contested: Pakistani soldiers killed; Pakistani posts captured"
    )
    assert summary.headline(c) == "Pakistani soldiers killed — Afghanistan says 58 · Pakistan says 23 (2.5× apart)"
    quiet = compare([_fact(1, "pakistan", "drones_downed", "afghanistan", 3, 1, None)])
    assert (
        summary.one_line(quiet)
        == "Afghanistan vs Pakistan · 1 count from 1 article (outlet unknown) · no contested figures"
    )
