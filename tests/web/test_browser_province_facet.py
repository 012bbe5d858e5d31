"""The bounded province facet in a real headless Chromium: "Show all" loads the full list in place
(htmx), and without JavaScript the same link leads to a page whose form applies the choice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.migrate import upgrade
from app.seeds import load
from tests.conftest import SECRET
from tests.web.live import serving
from tests.web.test_browser import browser, page, shot  # noqa: F401  (fixtures)
from tests.web.test_browser import pytestmark as browser_marks
from tests.web.test_province_facet import NAMES, add_incidents

pytestmark = browser_marks
EXTRA = {name: i + 2 for i, name in enumerate(NAMES[:25])}  # 25 provinces with 2-26 incidents each


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds and 25 more provinces' incidents, served on 127.0.0.1."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live-facet') / 'live.db'}"
    upgrade(url)
    settings = Settings(env="test", database_url=url, secret_key=SECRET)
    engine = make_engine(url)
    load(engine=engine, settings=settings)
    add_incidents(engine, EXTRA)
    engine.dispose()
    with serving(create_app(settings)) as base:
        yield base


def test_show_all_swaps_in_every_province_and_a_small_one_filters(page: Any, live_server: str) -> None:  # noqa: F811
    page.goto("/")
    boxes = page.locator("#province-facet input[type=checkbox]")
    expect(boxes).to_have_count(20)
    more = page.locator("#province-facet a.facet-more")
    total = int(more.inner_text().split()[2])
    assert total > 25, more.inner_text()
    expect(page.get_by_label("Kunar")).to_have_count(0)  # a seed province with few incidents: not in the top 20
    shot(page, "province-facet-top")
    page.evaluate("window.__sameDocument = true")
    more.click()
    expect(boxes).to_have_count(total)
    assert page.url == f"{live_server}/", "loading the list changed the address"
    expect(page.locator("#province-facet a.facet-more")).to_have_count(0)
    page.get_by_label("Kunar").check()
    page.wait_for_url("**/?province=Kunar", timeout=10000)
    assert page.evaluate("window.__sameDocument") is True, "a full page load"
    assert all("Kunar" in t for t in page.locator(".incident-list .meta").all_inner_texts())
    expect(boxes).to_have_count(21)  # the selected province first, then the 20 largest
    expect(boxes.first).to_be_checked()
    assert boxes.first.get_attribute("value") == "Kunar"
    shot(page, "province-facet-selected")
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_show_all_on_a_phone(browser: Any, live_server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server, is_mobile=True)
    pg = context.new_page()
    pg.goto("/?date_from=2025-01-01")
    pg.locator("[data-toggle-filters]").click()
    pg.locator("#province-facet a.facet-more").click()
    expect(pg.locator("#province-facet input[type=checkbox]")).not_to_have_count(20)
    shot(pg, "province-facet-phone")
    context.close()


def test_show_all_without_javascript_keeps_the_other_filters(browser: Any, live_server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server,
                                  java_script_enabled=False)
    pg = context.new_page()
    pg.goto("/?date_from=2025-01-01&sort=sources")
    pg.locator("#province-facet a.facet-more").click()
    pg.wait_for_url("**/facets/province?date_from=2025-01-01&sort=sources")
    shot(pg, "province-facet-nojs")
    pg.get_by_label("Kunar").check()
    pg.get_by_role("button", name="Apply").click()
    pg.wait_for_url("**/?date_from=2025-01-01&sort=sources&province=Kunar")
    assert pg.get_by_label("Kunar").is_checked()
    assert all("Kunar" in t for t in pg.locator(".incident-list .meta").all_inner_texts())
    context.close()
