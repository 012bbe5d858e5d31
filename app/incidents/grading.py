"""An incident's grade, in the scale Airwars uses for civilian-harm incidents: pure functions.

- discounted: every figure was rejected by a reviewer;
- contested: the parties' figures disagree, or a reviewer disputed a figure;
- confirmed: a reviewer confirmed a figure and none is disputed;
- fair: reported by two or more outlets;
- weak: a single source.

An editor may override the computed grade with a reason (`Incident.grade_override`).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.incidents.models import GRADES

GRADE_HELP = {
    "confirmed": "a reviewer confirmed a figure against its source, and none is disputed",
    "fair": "reported by two or more outlets",
    "weak": "a single source",
    "contested": "the parties' figures disagree, or a reviewer disputed one",
    "discounted": "every figure was rejected by a reviewer",
}
assert set(GRADE_HELP) == set(GRADES)


def grade(*, statuses: Iterable[str], contested: bool, outlets: int) -> str:
    """The grade of an incident whose claims have these review statuses."""
    states = list(statuses)
    if states and all(s == "rejected" for s in states):
        return "discounted"
    if contested or "disputed" in states:
        return "contested"
    if "confirmed" in states:
        return "confirmed"
    return "fair" if outlets >= 2 else "weak"


def figure_review(statuses: Iterable[str]) -> str:
    """The review state of one figure carried by claims with these statuses (disputed wins)."""
    states = set(statuses)
    for state in ("disputed", "confirmed", "rejected"):
        if state in states:
            if state == "rejected" and states != {"rejected"}:
                continue
            return state
    return "unreviewed"
