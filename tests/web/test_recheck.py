"""Templates and static assets edited on disk are picked up within a second, without a stat per request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import Environment

from app import assets
from app.recheck import Recheck
from app.templating import _Loader


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _rewrite(path: Path, text: str, bump: int) -> None:
    """Write `text` and move the file's modification time on (a same-second edit keeps it otherwise)."""
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump * 1_000_000_000))


def test_recheck_is_due_once_per_interval_per_name() -> None:
    clock = Clock()
    r = Recheck(seconds=1.0, clock=clock)
    assert r.due("a") and not r.due("a")
    assert r.due("b")  # each name has its own interval
    clock.now += 0.99
    assert not r.due("a")
    clock.now += 0.02
    assert r.due("a") and not r.due("a")


def test_an_edited_template_is_read_again_after_a_second_not_before(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("one {{ x }}")
    clock = Clock()
    loader = _Loader(str(tmp_path))
    loader.recheck.clock = clock
    env = Environment(loader=loader, auto_reload=True)
    assert env.get_template("page.html").render(x=1) == "one 1"
    _rewrite(page, "two {{ x }}", bump=5)
    clock.now += 0.5
    assert env.get_template("page.html").render(x=1) == "one 1"  # not looked at yet
    clock.now += 0.6
    assert env.get_template("page.html").render(x=1) == "two 1"
    clock.now += 5
    assert env.get_template("page.html").render(x=2) == "two 2"  # unchanged on disk: kept


def test_an_edited_asset_gets_a_new_digest_after_a_second_and_a_removed_one_goes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(assets, "STATIC_DIR", tmp_path)
    monkeypatch.setattr(assets, "_cache", {})
    monkeypatch.setattr(assets, "_paths", {})
    monkeypatch.setattr(assets, "_recheck", Recheck(clock=clock))
    script = tmp_path / "a.js"
    script.write_text("var a = 1;")
    first = assets.asset_url("a.js")
    assert first.startswith("/assets/") and first.endswith("/a.js")
    _rewrite(script, "var a = 2;", bump=5)
    clock.now += 0.5
    assert assets.asset_url("a.js") == first
    clock.now += 0.6
    second = assets.asset_url("a.js")
    assert second != first and assets.load("a.js").body == b"var a = 2;"  # type: ignore[union-attr]
    script.unlink()
    clock.now += 1.1
    assert assets.load("a.js") is None
    assert assets.asset_url("a.js") == "/static/a.js"


def test_unknown_asset_names_are_not_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    """/assets/<digest>/<name> takes names from anyone: only files that exist are recorded."""
    monkeypatch.setattr(assets, "_recheck", Recheck())
    for i in range(50):
        assert assets.load(f"no-such-file-{i}.js") is None
    assert assets._recheck.last == {}
