"""The dashboard in a real headless Chromium (Debian's), driven by Playwright, against a live server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
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

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]



@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}"
    upgrade(url)
    settings = Settings(env="test", database_url=url, secret_key=SECRET)
    engine = make_engine(url)
    load(engine=engine, settings=settings)
    engine.dispose()
    with serving(create_app(settings)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    pg = context.new_page()
    pg.console_errors = []
    pg.foreign_requests = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("response", lambda r: r.status >= 400 and pg.console_errors.append(f"{r.status} {r.url}"))
    pg.on("request", lambda r: r.url.startswith(live_server) or r.url.startswith("data:")
          or pg.foreign_requests.append(r.url))
    yield pg
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_filter_by_province_swaps_the_list_without_a_page_load_and_back_works(page: Any, live_server: str) -> None:
    page.goto("/")
    page.wait_for_selector("#timeline[data-drawn='true'] .main-svg", timeout=15000)
    everything = page.locator(".incident-list li").count()
    assert everything >= 4
    shot(page, "home")
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Kunar").check()
    page.wait_for_url("**/?province=Kunar", timeout=10000)
    expect(page.locator(".incident-list li")).not_to_have_count(everything)
    assert page.evaluate("window.__sameDocument") is True, "the filter caused a full page load"
    assert all("Kunar" in t for t in page.locator(".incident-list .meta").all_inner_texts())
    page.wait_for_selector("#timeline[data-drawn='true'] .main-svg")
    shot(page, "home-kunar")
    page.go_back()
    page.wait_for_url(f"{live_server}/", timeout=10000)
    expect(page.locator(".incident-list li")).to_have_count(everything)
    assert not page.get_by_label("Kunar").is_checked()
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_a_copied_filter_link_reproduces_the_view(page: Any) -> None:
    page.goto("/?province=Kunar&contested=1")
    assert page.get_by_label("Kunar").is_checked()
    assert page.get_by_label("Contested only").is_checked()
    assert page.locator(".incident-list li").count() >= 1


def test_incident_page_reads_58_beside_23_with_charts_drawn(page: Any) -> None:
    page.goto("/")
    page.locator(".incident-list li", has_text="Afghanistan says 58").first.locator("a").first.click()
    page.wait_for_url("**/incidents/*")
    row = page.locator("table.grid tr", has_text="Pakistani soldiers killed")
    cells = row.locator("td").all_inner_texts()
    assert any(c.startswith("58") for c in cells) and any(c.startswith("23") for c in cells), cells
    page.wait_for_selector("#bar-chart[data-drawn='true'] .main-svg", timeout=15000)
    page.wait_for_selector("#history-chart[data-drawn='true'] .main-svg", timeout=15000)
    assert page.locator("#bar-chart .bars path").count() >= 2
    shot(page, "incident")
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_article_page_highlights_evidence(page: Any) -> None:
    page.goto("/articles")
    page.locator("a", has_text="Afghan Taliban Claims Killing 58").click()
    page.wait_for_url("**/articles/*")
    marks = page.locator(".article-text mark.hl")
    assert marks.count() >= 3
    assert any("killing of 58 Pakistani soldiers" in t for t in marks.all_inner_texts())
    shot(page, "article")
    assert page.console_errors == []


def test_provinces_map_is_drawn_from_local_map_data_and_a_click_filters(page: Any) -> None:
    page.goto("/provinces")
    page.wait_for_selector("#map[data-drawn='true'] .geo", timeout=20000)
    expect(page.locator("#map .geo path").first).to_be_attached()
    shot(page, "provinces")
    assert page.foreign_requests == []
    assert page.console_errors == []
    page.locator("table a", has_text="Kunar").click()
    page.wait_for_url("**/?province=Kunar")
    assert page.get_by_label("Kunar").is_checked()


def test_pages_work_on_a_phone_and_with_the_keyboard(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server,
                                  is_mobile=True)
    pg = context.new_page()
    pg.goto("/")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page is {width}px wide on a 390px phone"
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == "Skip to content"
    shot(pg, "home-phone")
    context.close()


def test_the_filter_form_works_without_javascript(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    pg = context.new_page()
    pg.goto("/")
    pg.get_by_label("Kunar").check()
    pg.get_by_role("button", name="Apply").click()
    pg.wait_for_url("**/?*province=Kunar*")
    assert all("Kunar" in t for t in pg.locator(".incident-list .meta").all_inner_texts())
    context.close()


WIDTHS = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", list(WIDTHS))
def test_pages_fit_the_screen_with_screenshots(browser: Any, live_server: str, device: str) -> None:
    context = browser.new_context(viewport=WIDTHS[device], base_url=live_server, is_mobile=device == "phone")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto("/")
    pg.wait_for_selector("#timeline[data-drawn='true'] .main-svg", timeout=15000)
    shot(pg, f"home-{device}")
    pg.locator(".incident-list li", has_text="Afghanistan says 58").first.locator("a").first.click()
    pg.wait_for_url("**/incidents/*")
    pg.wait_for_selector("#bar-chart[data-drawn='true'] .main-svg", timeout=15000)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTHS[device]["width"] + 10, f"the incident page is {width}px wide"
    hint = pg.locator(".scroll-hint")
    assert hint.is_visible() is (device == "phone")
    # No chart offers a link to an online service.
    assert pg.locator("a.modebar-btn[data-title*='Chart Studio'], .modebar-btn[data-title*='Plotly']").count() == 0
    shot(pg, f"incident-{device}")
    pg.goto("/about/figures")
    shot(pg, f"about-{device}")
    assert errors == []
    context.close()


def test_filters_fold_behind_a_button_on_a_phone(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"], base_url=live_server, is_mobile=True)
    pg = context.new_page()
    pg.goto("/")
    pg.wait_for_selector("html.js")
    toggle = pg.get_by_role("button", name="Filters")
    expect(pg.locator("#filters")).to_be_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    expect(pg.locator("#filters")).to_be_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    shot(pg, "home-phone-filters-open")
    pg.get_by_label("Kunar").check()
    pg.wait_for_url("**/?province=Kunar", timeout=10000)
    # The list was replaced; the form stays open as the user left it.
    expect(pg.locator("#filters")).to_be_visible()
    expect(pg.get_by_role("button", name="Filters (on)")).to_have_attribute("aria-expanded", "true")
    context.close()


def test_laptop_shows_the_filters_without_a_button(page: Any) -> None:
    page.goto("/")
    expect(page.locator("#filters")).to_be_visible()
    expect(page.locator("[data-toggle-filters]")).to_be_hidden()
