"""The incident charts as plain Plotly dicts: small panels per count, steps over publication time."""

from __future__ import annotations

from datetime import timedelta

from app.incidents import charts
from app.incidents.comparison import compare
from tests.incidents.test_comparison import D, border_clash, fact


def test_one_small_panel_per_count_each_on_its_own_scale() -> None:
    c = compare(border_clash())
    bars = charts.bar_figure(c)
    panels = bars["data"]
    assert [p["name"] for p in panels] == [
        "Afghan soldiers killed", "Pakistani soldiers killed", "Pakistani soldiers wounded",
        "Pakistani posts captured", "Pakistani posts attacked", "Afghan drones downed",
    ]
    # Each panel has axes of its own (independent scales) and a title.
    assert [(p["xaxis"], p["yaxis"]) for p in panels[:3]] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]
    assert bars["layout"]["grid"]["rows"] == 6 and bars["layout"]["grid"]["pattern"] == "independent"
    assert "xaxis6" in bars["layout"] and "yaxis6" in bars["layout"]
    titles = [a["text"] for a in bars["layout"]["annotations"]]
    assert titles[1] == "<b>Pakistani soldiers killed</b>"
    killed = panels[1]
    assert killed["orientation"] == "h"
    assert dict(zip(killed["y"], killed["x"], strict=True)) == {"Afghanistan": 58, "Pakistan": 23, "Unattributed": 12}
    posts = panels[3]
    assert dict(zip(posts["y"], posts["text"], strict=True))["Pakistan"] == "denies"
    over = panels[0]
    assert over["text"] == ["over 200 (single-source)"]


def test_a_range_is_an_error_bar_and_titles_are_plain_text() -> None:
    c = compare([
        fact("afghanistan", "killed", "pakistan", 20, value_high=30, qualifier="range"),
        fact("afghanistan", "airstrikes", "pakistan", 4),
    ])
    bars = charts.bar_figure(c, names={"pakistan": "P<i>k"})
    assert bars["data"][0]["error_x"]["array"] == [10]
    assert bars["layout"]["annotations"][1]["text"] == "<b>airstrikes by P&lt;i&gt;k</b>"
    assert charts.bar_figure(compare([]))["data"] == []


def test_history_is_steps_per_claimant_to_the_latest_report() -> None:
    facts = [
        *border_clash(),
        fact("pakistan", "killed", "pakistan", 30, published=D + timedelta(days=2), article=9, outlet="Dawn"),
    ]
    hist = charts.history_figure(compare(facts))
    pakistan = next(t for t in hist["data"] if t["name"] == "Pakistan")
    assert pakistan["line"]["shape"] == "hv"
    assert pakistan["x"] == [D.isoformat(), (D + timedelta(days=2)).isoformat()]
    assert pakistan["y"] == [23, 30]
    afghanistan = next(t for t in hist["data"] if t["name"] == "Afghanistan")
    # Afghanistan's 58 stands until the latest report: the step runs on without a new marker.
    assert afghanistan["x"] == [D.isoformat(), (D + timedelta(days=2)).isoformat()]
    assert afghanistan["y"] == [58, 58] and afghanistan["marker"]["size"] == [9, 0]
    assert afghanistan["text"] == ["58", ""]
    assert charts.history_figure(compare([]))["data"] == []


class _Point:
    def __init__(self, id_: int, day: object, data: dict[str, object]) -> None:
        self.id, self.title, self.first_date, self.headline_data = id_, f"Incident {id_}", day, data


def test_timeline_joins_an_incidents_sides_and_plots_the_chosen_metric() -> None:
    from app.incidents import timeline
    from app.incidents.service import headline_data

    c = compare(border_clash())
    data = headline_data(c, {})
    assert data["label"] == "Pakistani soldiers killed"
    assert data["metrics"]["drones_downed"]["figures"] == {"pakistan": 3}  # type: ignore[index]
    points = [_Point(1, D, data)]
    fig = timeline.figure(points, {})
    join = fig["data"][0]
    assert join["mode"] == "lines" and join["y"] == [23, 58, None]  # the parties, not the unattributed 12
    assert {t["name"] for t in fig["data"][1:]} == {"afghanistan", "pakistan", "unattributed"}
    drones = timeline.figure(points, {}, metric="drones_downed")
    assert [(t["name"], t["y"]) for t in drones["data"]] == [("pakistan", [3])]
    assert drones["layout"]["yaxis"]["title"]["text"] == "drones downed (leading count)"
    assert timeline.figure(points, {}, metric="airstrikes")["data"] == []
