"""`counterclaim sources add|list|remove` and `counterclaim watch --once`, in process, on a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.articles.models import Article
from app.cli import app
from app.config import get_settings
from app.sources.models import Source
from tests.conftest import Database
from tests.pages import numbered_story, rss
from tests.webserver import Page, Site

runner = CliRunner()


@pytest.fixture
def cli_env(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("COUNTERCLAIM_DATABASE_URL", db.url)
    monkeypatch.setenv("COUNTERCLAIM_FETCH_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("COUNTERCLAIM_FETCH_HOST_DELAY_SECONDS", "0")
    get_settings.cache_clear()
    yield db
    get_settings.cache_clear()


def test_sources_add_list_watch_and_remove(cli_env: Database, site: Site) -> None:
    site.pages["/s/1"] = Page(numbered_story(1))
    site.pages["/feed.xml"] = Page(rss([{"title": "One", "link": site.url("/s/1")}]),
                                   content_type="application/rss+xml")
    r = runner.invoke(app, ["sources", "add", "Frontier Post", site.url("/feed.xml"), "--interval", "10"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["sources", "add", "Again", site.url("/feed.xml")])
    assert r.exit_code == 2 and "already a source" in r.output
    r = runner.invoke(app, ["watch", "--once"])
    assert r.exit_code == 0, r.output
    assert "1 source(s) polled; 1 article(s) ingested" in r.output
    r = runner.invoke(app, ["sources", "list"])
    assert r.exit_code == 0 and "Frontier Post" in r.stdout and "10 min" in r.stdout and "1/0" in r.stdout
    r = runner.invoke(app, ["sources", "remove", "Frontier Post"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["sources", "remove", "Frontier Post"])
    assert r.exit_code == 2 and "no source" in r.output
    with Session(cli_env.engine) as s:
        assert s.exec(select(Source)).all() == []
        assert len(s.exec(select(Article)).all()) == 1


def test_a_second_watch_worker_on_sqlite_is_refused(cli_env: Database) -> None:
    from app.sources.worker import only_worker

    if cli_env.kind != "sqlite":
        pytest.skip("several workers may run on PostgreSQL")
    with only_worker(get_settings()):
        r = runner.invoke(app, ["watch", "--once"])
    assert r.exit_code == 2 and "another `counterclaim watch` is running" in r.output
    r = runner.invoke(app, ["watch", "--once"])
    assert r.exit_code == 0, r.output
