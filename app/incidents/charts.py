"""Plotly figures for an incident's comparison, as plain dicts: pure, no Plotly import needed.

The page hands each dict to `Plotly.newPlot(el, fig.data, fig.layout, config)`; tests can read
them like any JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.incidents.comparison import Comparison, Row
from app.incidents.timeline import COLOURS, colour, date_axis
from app.incidents.wording import label, row_label

_CONFIG_LAYOUT: dict[str, Any] = {
    "margin": {"l": 48, "r": 16, "t": 40, "b": 80},
    "legend": {"orientation": "h", "y": -0.25},
    "font": {"size": 13},
}

Figure = dict[str, Any]


def colours(claimants: tuple[str, ...]) -> dict[str, str]:
    """A colour per claimant: the same party has the same colour on every chart of the dashboard."""
    others = [c for c in claimants if c not in COLOURS]
    return {c: colour(c, others.index(c) if c in others else 0) for c in claimants}


def bar_figure(comparison: Comparison, names: Mapping[str, str] | None = None, *, log: bool = False) -> Figure:
    """A grouped bar chart: for each row, each claimant's current figure (ranges as error bars)."""
    palette = colours(comparison.claimants)
    x = [row_label(r, names) for r in comparison.rows]
    data: list[dict[str, Any]] = []
    for claimant in comparison.claimants:
        ys: list[int | None] = []
        plus: list[int] = []
        texts: list[str] = []
        hover: list[str] = []
        for row in comparison.rows:
            cell = row.cell(claimant)
            fig = cell.current if cell is not None else None
            if cell is None or fig is None or fig.value is None:
                ys.append(None)
                plus.append(0)
                texts.append("denies" if cell is not None and cell.denies else "")
                hover.append("denies" if cell is not None and cell.denies else "")
                continue
            ys.append(fig.value)
            plus.append((fig.value_high - fig.value) if fig.value_high is not None else 0)
            texts.append(fig.text)
            hover.append(
                f"{fig.text} ({fig.status}; {fig.articles} article{'s' * (fig.articles != 1)}, "
                f"{fig.outlets} outlet{'s' * (fig.outlets != 1)})"
            )
        if all(y is None for y in ys) and not any(texts):
            continue
        trace: dict[str, Any] = {
            "type": "bar",
            "name": label(claimant, names),
            "x": x,
            "y": ys,
            "text": texts,
            "textposition": "outside",
            "hovertext": hover,
            "hoverinfo": "x+name+text",
            "marker": {"color": palette[claimant]},
        }
        if any(plus):
            trace["error_y"] = {
                "type": "data",
                "symmetric": False,
                "array": plus,
                "arrayminus": [0] * len(plus),
            }
        data.append(trace)
    layout: dict[str, Any] = {
        **_CONFIG_LAYOUT,
        "barmode": "group",
        "yaxis": {
            "title": {"text": "figure claimed"},
            "type": "log" if log else "linear",
            "rangemode": "tozero",
        },
        "xaxis": {"type": "category"},
    }
    return {"data": data, "layout": layout}


def history_figure(comparison: Comparison, names: Mapping[str, str] | None = None, *, row: Row | None = None) -> Figure:
    """A line per claimant: its figure for `row` (by default the headline row) by publication date.

    Reports without a publication date are left out; with no row at all the figure is empty.
    """
    palette = colours(comparison.claimants)
    data: list[dict[str, Any]] = []
    row = row if row is not None else comparison.headline
    if row is None:
        return {"data": data, "layout": {**_CONFIG_LAYOUT}}
    for claimant in comparison.claimants:
        cell = row.cell(claimant)
        if cell is None:
            continue
        points = [p for p in cell.history if p.published is not None]
        if not points:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "name": label(claimant, names),
                "x": [p.published.isoformat() for p in points if p.published is not None],
                "y": [p.value for p in points],
                "text": [p.text for p in points],
                "textposition": "top center",
                "line": {"shape": "hv", "color": palette[claimant]},
                "marker": {"color": palette[claimant]},
            }
        )
    layout: dict[str, Any] = {
        **_CONFIG_LAYOUT,
        "title": {"text": row_label(row, names)},
        "xaxis": date_axis([x for trace in data for x in trace["x"]], title={"text": "reported on"}),
        "yaxis": {"title": {"text": "figure claimed"}, "rangemode": "tozero"},
    }
    return {"data": data, "layout": layout}
