"""The comparison in plain English: row labels, who says what, the incident's headline.

"Pakistani soldiers killed — Afghanistan says 58 · Pakistan says 23 (2.5× apart)";
"airspace violations by Pakistan — Afghanistan says 55". Pure functions over the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.incidents import measures
from app.incidents.comparison import Cell, Comparison, Row, is_party
from app.parties.service import adjective, describe

# Counts of what a side lost: "<Pakistani> <soldiers> <killed>"; of what a side did: "<airstrikes> by <Pakistan>".
_LOSSES: Mapping[str, tuple[str, str]] = {
    "killed": ("soldiers", "killed"),
    "wounded": ("soldiers", "wounded"),
    "captured": ("soldiers", "captured"),
    "casualties": ("casualties", ""),
    "posts_captured": ("posts", "captured"),
    "posts_destroyed": ("posts", "destroyed"),
    "posts_attacked": ("posts", "attacked"),
    "drones_downed": ("drones", "downed"),
    "aircraft_downed": ("aircraft", "downed"),
    "vehicles_destroyed": ("military vehicles", "destroyed"),
}
_ACTIONS: Mapping[str, str] = {
    "airstrikes": "airstrikes",
    "airspace_violations": "airspace violations",
    "air_patrols": "air patrols",
    "cross_border_fire": "cross-border firing",
}
_ARMED_GROUP_PEOPLE = "fighters"  # an armed group's dead are fighters, not soldiers


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
    """A row in plain English: "Pakistani soldiers killed", "civilians wounded",
    "airspace violations by Pakistan", "Afghan posts captured"."""
    return count_label(row.metric, row.subject, names)


def count_label(metric: str, subject: str, names: Mapping[str, str] | None = None) -> str:
    """What is counted, and whose: see row_label."""
    if metric in _ACTIONS:
        who = label(subject, names) if is_party(subject) else subject
        return f"{_ACTIONS[metric]} by {who}"
    noun, verb = _LOSSES.get(metric, (metric.replace("_", " "), ""))
    if not is_party(subject):  # civilians, militants
        if noun == "casualties":
            return f"{subject[:-1] if subject.endswith('s') else subject} casualties"
        head = subject if noun == "soldiers" else f"{subject}' {noun}"
    else:
        people = noun
        if noun == "soldiers" and _is_armed_group(subject):
            people = _ARMED_GROUP_PEOPLE
        head = f"{adjective(subject)} {people}"
    return f"{head} {verb}".strip()


def _is_armed_group(party: str) -> bool:
    return describe(party)[1] == "armed_group"


def says(claimant: str, cell: Cell, names: Mapping[str, str] | None = None) -> str | None:
    """What one claimant says of a row: "Pakistan says 23", "Pakistan denies it",
    "independent sources: 30", "unattributed: 12"; None when it says nothing usable."""
    if cell.current is not None:
        shown = cell.current.text
    elif cell.denies:
        shown = None
    else:
        return None
    if claimant == "unattributed":
        return f"unattributed: {shown}" if shown else "an unattributed denial"
    if claimant == "third_party":
        return f"independent sources: {shown}" if shown else "independent sources deny it"
    who = label(claimant, names)
    return f"{who} says {shown}" if shown else f"{who} denies it"


def headline_text(comparison: Comparison, *, names: Mapping[str, str] | None = None) -> str | None:
    """The headline row in words, parties first and reference figures after them:
    "Pakistani soldiers killed — Afghanistan says 58 · Pakistan says 23 (2.5× apart) · unattributed: 12"."""
    row = comparison.headline
    if row is None:
        return None
    parties: list[str] = []
    references: list[str] = []
    for claimant in comparison.claimants:
        cell = row.cell(claimant)
        text = says(claimant, cell, names) if cell is not None else None
        if text:
            (parties if is_party(claimant) else references).append(text)
    text = f"{row_label(row, names)} — " + " · ".join(parties or references)
    d = row.disagreement
    if d.kind == measures.DIFFER and d.ratio is not None:
        text += f" ({measures.bound_text(d.ratio, suffix='×')} apart)"
    elif d.kind == measures.DENIED:
        text += " (denied)"
    if parties and references:
        text += " · " + " · ".join(references)
    return text
