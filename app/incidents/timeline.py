"""The home page's timeline: a Plotly figure (a plain dict) of incidents and each claimant's headline figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

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


def figure(rows: Sequence[TimelineRow], names: Mapping[str, str]) -> dict[str, Any]:
    """A scatter of incidents over time: y is each claimant's headline figure, colour the claimant."""
    traces: dict[str, dict[str, list[Any]]] = {}
    for row in rows:
        data = row.headline_data or {}
        figures = data.get("figures") or {}
        label = str(data.get("label") or "")
        for claimant, value in figures.items():
            if value is None:
                continue
            t = traces.setdefault(claimant, {"x": [], "y": [], "text": [], "customdata": []})
            t["x"].append(row.first_date.isoformat())
            t["y"].append(value)
            t["text"].append(f"{row.title}<br>{label}: {names.get(claimant, claimant)} {value:,}")
            t["customdata"].append(f"/incidents/{row.id}")
    data_out = [
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
    return {
        "data": data_out,
        "layout": {
            "height": 320,
            "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
            "xaxis": date_axis([x for t in traces.values() for x in t["x"]]),
            "yaxis": {"title": {"text": "headline figure"}, "rangemode": "tozero"},
            "legend": {"orientation": "h", "y": -0.2},
            "hovermode": "closest",
        },
    }
