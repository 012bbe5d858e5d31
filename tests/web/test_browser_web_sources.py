"""Adding an article by URL and following a feed, in Debian's headless Chromium against a live server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.migrate import upgrade
from app.review import service as review
from tests.conftest import SECRET
from tests.pages import article_html, rss
from tests.web.live import serving
from tests.web.test_browser import CHROMIUM, browser  # noqa: F401
from tests.webserver import Page, Site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
EMAIL, PASSWORD = "editor@example.org", "correct horse battery"


@pytest.fixture(scope="module")
def news_site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    s.pages["/world/clashes"] = Page(article_html())
    s.pages["/feed.xml"] = Page(rss([{"title": "Clashes", "link": s.url("/world/clashes")}]),
                                content_type="application/rss+xml")
    yield s
    s.server.shutdown()
    s.server.server_close()


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('live-web') / 'live.db'}"
    upgrade(url)
    settings = Settings(env="test", database_url=url, secret_key=SECRET, fetch_allow_hosts="127.0.0.1")
    engine = make_engine(url)
    with Session(engine) as s:
        review.create_user(session=s, email=EMAIL, display_name="Ed", password=PASSWORD, role="editor")
        s.commit()
    engine.dispose()
    with serving(create_app(settings)) as base:
        yield base


@pytest.fixture
def editor(browser: Any, live_app: str) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_app)
    pg = context.new_page()
    pg.goto("/login")
    pg.get_by_label("E-mail").fill(EMAIL)
    pg.get_by_label("Password").fill(PASSWORD)
    pg.get_by_role("button", name="Sign in").click()
    pg.wait_for_load_state()
    yield pg
    context.close()


def test_an_editor_previews_a_url_then_stores_it(editor: Any, news_site: Site) -> None:
    editor.goto("/articles/new")
    editor.get_by_label("URL of an article page").fill(news_site.url("/world/clashes?utm_source=x"))
    editor.get_by_role("button", name="Preview what the page gives").click()
    preview = editor.locator("section.preview")
    expect(preview).to_contain_text("Taliban claim 58 Pakistani soldiers killed in border clashes")
    expect(preview).to_contain_text("The Frontier Post")
    expect(preview).to_contain_text("12 Oct 2025")
    expect(preview.locator("tbody tr").first).to_be_visible()
    editor.get_by_role("button", name="Store this article").click()
    expect(editor.locator("p.notice")).to_contain_text("Stored, with")
    expect(editor.locator("h1")).to_have_text("Taliban claim 58 Pakistani soldiers killed in border clashes")
    expect(editor.locator("dl.facts")).to_contain_text("Amina Yusuf")


def test_an_editor_follows_a_feed_from_the_sources_page(editor: Any, news_site: Site) -> None:
    editor.goto("/sources")
    editor.get_by_label("Name").fill("Frontier Post")
    editor.get_by_label("Feed or sitemap URL").fill(news_site.url("/feed.xml"))
    editor.get_by_label("Poll every (minutes)").fill("15")
    editor.get_by_role("button", name="Follow").click()
    expect(editor.locator("h1")).to_have_text("Frontier Post")
    expect(editor.locator("dl.facts")).to_contain_text("every 15 min")
    editor.goto("/sources")
    expect(editor.locator("tbody")).to_contain_text("waiting for the first poll")
