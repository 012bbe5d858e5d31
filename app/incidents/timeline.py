"""The home page's timeline: a Plotly figure (a plain dict) of incidents and each claimant's headline figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from app.extraction.types import NON_PARTY_CLAIMANTS

# One colour per claimant on every chart; parties first, greys for sources that are not parties
# so the eye goes to the parties' own claims. Other states cycle through PALETTE.
COLOURS: Mapping[str, str] = {
    "afghanistan": "#2f6b3a",
    "pakistan": "#1f5fbf",
    "ttp": "#8c2d19",
    "third_party": "#6a4c93",
    "unattributed": "#7a7f87",
}
PALETTE = ("#d08c00", "#0f8b8d", "#c2185b", "#5d4037", "#455a64", "#7cb342")


class TimelineRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def first_date(self) -> Any: ...
    @property
    def headline_data(self) -> dict[str, Any]: ...


DAY_MS = 86_400_000


def date_axis(days: Sequence[str], **extra: Any) -> dict[str, Any]:
    """A Plotly date axis labelled "11 Oct 2025" that never ticks twice on one day.

    Over a short span Plotly would tick every few hours and print the same day twice; a tick a
    day (and a day of margin) keeps the labels unambiguous.
    """
    axis: dict[str, Any] = {"type": "date", "tickformat": "%d %b %Y", **extra}
    if days:
        first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
        if (last - first).days <= 10:
            axis["dtick"] = DAY_MS
            axis["range"] = [(first - timedelta(days=1)).isoformat(), (last + timedelta(days=1)).isoformat()]
    return axis


def colour(claimant: str, index: int = 0) -> str:
    """The claimant's colour on every chart."""
    return COLOURS.get(claimant) or PALETTE[index % len(PALETTE)]


JOIN_COLOUR = "#9aa3ad"


def _plotted(data: dict[str, Any], metric: str | None) -> dict[str, Any] | None:
    """What the timeline plots of one incident: its headline row, or its leading row of `metric`."""
    if metric is None:
        return data
    chosen = (data.get("metrics") or {}).get(metric)
    if chosen is None and data.get("metric") == metric:
        return data  # stored before per-metric rows were kept: the headline is that metric's row
    return chosen


def figure(rows: Sequence[TimelineRow], names: Mapping[str, str], *, metric: str | None = None) -> dict[str, Any]:
    """A scatter of incidents over time: y is each claimant's figure, colour the claimant, and a
    grey line joins the parties' figures for one incident (how far apart the sides are).

    Without `metric` each incident shows its headline count; with it, its leading count of that
    metric (incidents without one are left out).
    """
    traces: dict[str, dict[str, list[Any]]] = {}
    join: dict[str, list[Any]] = {"x": [], "y": []}
    for row in rows:
        data = _plotted(row.headline_data or {}, metric)
        if not data:
            continue
        figures = data.get("figures") or {}
        label = str(data.get("label") or "")
        day = row.first_date.isoformat()
        for claimant, value in figures.items():
            if value is None:
                continue
            t = traces.get(claimant)
            if t is None:  # (setdefault would build four lists for every point)
                t = traces[claimant] = {"x": [], "y": [], "text": [], "customdata": []}
            t["x"].append(day)
            t["y"].append(value)
            t["text"].append(f"{row.title}<br>{label}: {names.get(claimant, claimant)} {value:,}")
            t["customdata"].append(f"/incidents/{row.id}")
        sides = [v for c, v in figures.items() if v is not None and c not in NON_PARTY_CLAIMANTS]
        if len(sides) >= 2 and min(sides) != max(sides):
            join["x"] += [day, day, None]
            join["y"] += [min(sides), max(sides), None]
    data_out: list[dict[str, Any]] = []
    if join["x"]:
        data_out.append({
            "type": "scatter",
            "mode": "lines",
            "name": "one incident's sides",
            "x": join["x"],
            "y": join["y"],
            "hoverinfo": "skip",
            "line": {"color": JOIN_COLOUR, "width": 2},
            "showlegend": False,
        })
    data_out += [
        {
            "type": "scatter",
            "mode": "markers",
            "name": names.get(claimant, claimant),
            "x": t["x"],
            "y": t["y"],
            "text": t["text"],
            "customdata": t["customdata"],
            "hovertemplate": "%{x|%d %b %Y}<br>%{text}<extra></extra>",
            "marker": {"size": 11, "color": colour(claimant, i), "line": {"width": 1, "color": "#fff"}},
        }
        for i, (claimant, t) in enumerate(sorted(traces.items()))
    ]
    y_title = "headline figure" if metric is None else f"{metric.replace('_', ' ')} (leading count)"
    return {
        "data": data_out,
        "layout": {
            "height": 320,
            "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
            "xaxis": date_axis([x for t in traces.values() for x in t["x"]]),
            "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
            "legend": {"orientation": "h", "y": -0.2},
            "hovermode": "closest",
        },
    }
