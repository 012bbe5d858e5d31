"""An incident's title and one-line summary, written from its claims: pure functions.

Title: what, where, when — "Border clashes — Kunar, Helmand — 11 Oct 2025". Dates are always
written with the month's name, never as 11/10, so that no reader can take them the wrong way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from app.incidents.comparison import Comparison, is_party
from app.incidents.wording import headline_text, label, row_label

MAX_PLACES = 3
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# What kind of event: the metrics counted weigh most, then words of the claims' sentences.
# Checked in this order, so a tie goes to the earlier kind.
_KINDS: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...] = (
    (
        "Airspace violations",
        frozenset({"airspace_violations", "air_patrols"}),
        re.compile(r"\b(?:airspace|violations?|incursions?|reconnaissance|patrol(?:s|led|ling)?|overfl\w+)\b", re.I),
    ),
    (
        "Airstrikes",
        frozenset({"airstrikes"}),
        re.compile(r"\b(?:air\s?-?strikes?|air raids?|bomb(?:ing|ed|ard\w*)|drone strikes?|jets?)\b", re.I),
    ),
    (
        "Border clashes",
        frozenset({"cross_border_fire", "posts_captured", "posts_destroyed", "posts_attacked"}),
        re.compile(
            r"\b(?:clash(?:es|ed)?|skirmish(?:es)?|border|frontier|durand|(?:out)?posts?|shelling|"
            r"artillery|mortars?|exchanges? of fire|cross-border|firing)\b",
            re.I,
        ),
    ),
    (
        "Militant attacks",
        frozenset(),
        re.compile(
            r"\b(?:attacks?|militants?|terrorists?|insurgents?|suicide|bomber|ied|ambush(?:ed)?|"
            r"checkpoints?|convoys?|gunmen)\b",
            re.I,
        ),
    ),
)
_METRIC_WEIGHT = 3
_FIGHTING = frozenset({"killed", "wounded", "casualties", "captured", "drones_downed", "aircraft_downed"})


def kind(metrics: Iterable[str], texts: Iterable[str]) -> str:
    """What kind of event the claims describe: "Border clashes", "Airstrikes", "Militant attacks" ..."""
    metric_list = list(metrics)
    joined = "\n".join(texts)
    best, best_score = "", 0
    for name, kind_metrics, words in _KINDS:
        score = _METRIC_WEIGHT * sum(m in kind_metrics for m in metric_list) + len(words.findall(joined))
        if score > best_score:
            best, best_score = name, score
    if best:
        return best
    return "Fighting" if any(m in _FIGHTING for m in metric_list) else "Incident"


def top_places(provinces: Iterable[str], limit: int = MAX_PLACES) -> list[str]:
    """The places named most often (one entry per mention counts), ties in order of first mention."""
    counts: dict[str, int] = {}
    for p in provinces:
        if p:
            counts[p] = counts.get(p, 0) + 1
    order = {p: n for n, p in enumerate(counts)}
    return sorted(counts, key=lambda p: (-counts[p], order[p]))[:limit]


def day(d: date) -> str:
    """A date no reader can misread: "11 Oct 2025"."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def day_span(first: date, last: date | None = None) -> str:
    """A span of days: "11 Oct 2025", "11–12 Oct 2025", "30 Sep – 2 Oct 2025", "30 Dec 2024 – 2 Jan 2025"."""
    if last is None or last == first:
        return day(first)
    first, last = min(first, last), max(first, last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {_MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def event_span(dates: Iterable[date]) -> tuple[date, date] | None:
    """(first, last) day of the event as most claims date it, or None without dates.

    `dates` holds one entry per claim. The span starts from the day most claims name and takes
    in the neighbouring days (one day apart, in a chain) that at least half as many claims
    name, so that an overnight clash reads "10–11 Oct" while one report's stray date, or a
    recap of an earlier day, does not stretch the title.
    """
    counts: dict[date, int] = {}
    for d in dates:
        counts[d] = counts.get(d, 0) + 1
    if not counts:
        return None
    mode = min(counts, key=lambda d: (-counts[d], d))
    floor = counts[mode] / 2
    first = last = mode
    while counts.get(first - timedelta(days=1), 0) >= floor:
        first -= timedelta(days=1)
    while counts.get(last + timedelta(days=1), 0) >= floor:
        last += timedelta(days=1)
    return first, last


def title(
    *,
    metrics: Iterable[str],
    provinces: Iterable[str],
    first: date | None,
    last: date | None,
    texts: Iterable[str],
) -> str:
    """The incident's title: what — where — when, e.g. "Border clashes — Kunar, Helmand — 11 Oct 2025".

    `provinces` may name a place once per claim that mentions it; the most mentioned come first.
    A part that is unknown (no place, no date) is left out.
    """
    places = top_places(provinces)
    parts = [kind(metrics, texts)]
    if places:
        parts.append(", ".join(places))
    if first is not None or last is not None:
        start = first if first is not None else last
        assert start is not None
        parts.append(day_span(start, last))
    return " — ".join(parts)


def headline(comparison: Comparison, names: Mapping[str, str] | None = None) -> str | None:
    """The incident's headline figures, e.g.
    "Pakistani soldiers killed — Afghanistan says 58 · Pakistan says 23 (2.5× apart)"."""
    return headline_text(comparison, names=names)


def one_line(comparison: Comparison, names: Mapping[str, str] | None = None) -> str:
    """A one-line summary: who faces whom, how many counts and sources, which counts are contested.

    e.g. "Afghanistan vs Pakistan · 6 counts from 4 articles (3 outlets) · contested: Pakistani
    soldiers killed; Pakistani posts captured".
    """
    parties: list[str] = []
    for row in comparison.rows:
        for name in (*row.cells, row.subject):
            if is_party(name) and name not in parties:
                parties.append(name)
    parts: list[str] = []
    if parties:
        parts.append(" vs ".join(label(p, names) for p in sorted(parties)))
    sources = sources_text(comparison.articles, comparison.outlets)
    parts.append(f"{_plural(len(comparison.rows), 'count')} from {sources}")
    contested = [r for r in comparison.rows if r.contested]
    if contested:
        shown = "; ".join(row_label(r, names) for r in contested[:3])
        more = f" and {len(contested) - 3} more" if len(contested) > 3 else ""
        parts.append(f"contested: {shown}{more}")
    else:
        parts.append("no contested figures")
    return " · ".join(parts)


def sources_text(articles: int, outlets: int) -> str:
    """How many articles and known outlets: "4 articles (3 outlets)", "1 article (outlet unknown)"."""
    if outlets == 0:
        return f"{_plural(articles, 'article')} ({'outlet' if articles == 1 else 'outlets'} unknown)"
    return f"{_plural(articles, 'article')} ({_plural(outlets, 'outlet')})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
