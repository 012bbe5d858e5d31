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


PANEL_HEIGHT = 34  # pixels per bar in a panel
PANEL_PADDING = 56  # pixels per panel for its title and axis


def bar_figure(comparison: Comparison, names: Mapping[str, str] | None = None) -> Figure:
    """One small panel per count (row of the grid), each on its own scale so that 200 does not
    flatten 3: a horizontal bar per claimant with its current figure (ranges as error bars,
    "over 200" written out, a denial as an empty bar marked "denies")."""
    palette = colours(comparison.claimants)
    rows = comparison.rows
    data: list[dict[str, Any]] = []
    layout: dict[str, Any] = {
        **_CONFIG_LAYOUT,
        "margin": {"l": 8, "r": 24, "t": 28, "b": 8},
        "showlegend": False,
        "annotations": [],
    }
    if not rows:
        return {"data": data, "layout": layout}
    bars = max(len(r.cells) for r in rows)
    panel = PANEL_PADDING + PANEL_HEIGHT * bars
    layout["height"] = panel * len(rows) + 16
    layout["grid"] = {"rows": len(rows), "columns": 1, "pattern": "independent", "ygap": 0.45}
    for i, row in enumerate(rows, 1):
        xa, ya = ("x", "y") if i == 1 else (f"x{i}", f"y{i}")
        claimants = [c for c in comparison.claimants if row.cell(c) is not None]
        ys = [label(c, names) for c in claimants]
        xs: list[int] = []
        plus: list[int] = []
        texts: list[str] = []
        colours_: list[str] = []
        for claimant in claimants:
            cell = row.cell(claimant)
            assert cell is not None
            fig = cell.current
            colours_.append(palette[claimant])
            if fig is None or fig.value is None:
                xs.append(0)
                plus.append(0)
                texts.append("denies" if cell.denies else "")
                continue
            xs.append(fig.value)
            plus.append((fig.value_high - fig.value) if fig.value_high is not None else 0)
            texts.append(f"{fig.text} ({fig.status})")
        trace: dict[str, Any] = {
            "type": "bar",
            "orientation": "h",
            "name": row_label(row, names),
            "x": xs,
            "y": ys,
            "xaxis": xa,
            "yaxis": ya,
            "text": texts,
            "textposition": "auto",
            "cliponaxis": False,
            "hoverinfo": "y+text",
            "marker": {"color": colours_},
        }
        if any(plus):
            trace["error_x"] = {"type": "data", "symmetric": False, "array": plus, "arrayminus": [0] * len(plus)}
        data.append(trace)
        suffix = "" if i == 1 else str(i)
        layout[f"xaxis{suffix}"] = {"rangemode": "tozero", "fixedrange": True, "automargin": True}
        layout[f"yaxis{suffix}"] = {"autorange": "reversed", "fixedrange": True, "automargin": True,
                                    "type": "category"}
        layout["annotations"].append({
            "text": f"<b>{_escape(row_label(row, names))}</b>",
            "xref": f"{xa} domain",
            "yref": f"{ya} domain",
            "x": 0,
            "y": 1,
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
        })
    return {"data": data, "layout": layout}


def _escape(text: str) -> str:
    # Plotly renders a subset of HTML in annotation text; labels are plain text.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def history_figure(comparison: Comparison, names: Mapping[str, str] | None = None, *, row: Row | None = None) -> Figure:
    """Steps per claimant: its figure for `row` (by default the headline row) over publication time.

    A claimant's figure holds until it changes, so each line runs as steps (shape "hv") and goes on
    to the latest report of anyone, marked only where the figure changed. Reports without a
    publication date are left out; with no row at all the figure is empty.
    """
    palette = colours(comparison.claimants)
    data: list[dict[str, Any]] = []
    row = row if row is not None else comparison.headline
    if row is None:
        return {"data": data, "layout": {**_CONFIG_LAYOUT}}
    series = {}
    for claimant in comparison.claimants:
        cell = row.cell(claimant)
        points = [p for p in cell.history if p.published is not None] if cell is not None else []
        if points:
            series[claimant] = points
    last = max((p.published for ps in series.values() for p in ps if p.published is not None), default=None)
    for claimant, points in series.items():
        xs = [p.published.isoformat() for p in points if p.published is not None]
        ys = [p.value for p in points]
        texts = [p.text for p in points]
        sizes = [9] * len(points)
        if last is not None and xs[-1] < last.isoformat():
            xs.append(last.isoformat())
            ys.append(ys[-1])
            texts.append("")
            sizes.append(0)  # the figure still stands: a line, no new point
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "name": label(claimant, names),
                "x": xs,
                "y": ys,
                "text": texts,
                "textposition": "top center",
                "hovertemplate": "%{x|%d %b %Y}: %{text}<extra>%{fullData.name}</extra>",
                "line": {"shape": "hv", "color": palette[claimant]},
                "marker": {"color": palette[claimant], "size": sizes},
            }
        )
    layout: dict[str, Any] = {
        **_CONFIG_LAYOUT,
        "title": {"text": row_label(row, names)},
        "legend": {"orientation": "h", "y": -0.35},
        "xaxis": date_axis([x for trace in data for x in trace["x"]], title={"text": "reported on"}),
        "yaxis": {"title": {"text": "figure claimed"}, "rangemode": "tozero"},
    }
    return {"data": data, "layout": layout}
