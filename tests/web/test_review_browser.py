"""The review loop in Debian's Chromium: a viewer flags a figure, an editor works through the queue
with the keyboard, corrects a value and merges two incidents; the pages, the list and the CSV agree."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from app.claims.models import Claim
from app.config import Settings
from app.db import make_engine
from app.incidents.models import Incident
from app.main import create_app
from app.migrate import upgrade
from app.review import service as review
from app.seeds import load
from tests.conftest import SECRET
from tests.web.live import serving
from tests.web.test_browser import CHROMIUM, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
PASSWORD = "correct horse battery"
# The machine is shared: give a slow answer time before calling it wrong.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('review-live') / 'live.db'}"
    upgrade(url)
    settings = Settings(env="test", database_url=url, secret_key=SECRET)
    engine = make_engine(url)
    load(engine=engine, settings=settings)
    with Session(engine) as s:
        for role in ("viewer", "editor"):
            review.create_user(session=s, email=f"{role}@example.org", display_name=role.title(), password=PASSWORD,
                               role=role)
        s.commit()
    with serving(create_app(settings)) as base:
        yield base, engine
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


def _page(browser: Any, base: str, role: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto("/login")
    pg.get_by_label("E-mail").fill(f"{role}@example.org")
    pg.get_by_label("Password").fill(PASSWORD)
    pg.get_by_role("button", name="Sign in").click()
    pg.wait_for_url(f"{base}/")
    return pg


def _big(engine: Any) -> tuple[int, int, int]:
    """(incident id, Pakistan's 23 claim id, Afghanistan's 58 claim id) of the seeds' border clashes."""
    with Session(engine) as s:
        big = s.exec(select(Incident).order_by(col(Incident.claim_count).desc())).first()
        assert big is not None and big.id is not None
        ids = {}
        # Pakistan's 23 reads 24 once the correction test has run.
        for claimant, values in (("pakistan", (23, 24)), ("afghanistan", (58,))):
            claim = s.exec(select(Claim).where(Claim.incident_id == big.id, Claim.claimant == claimant,
                                               col(Claim.value).in_(values))).first()
            assert claim is not None and claim.id is not None
            ids[claimant] = claim.id
        return big.id, ids["pakistan"], ids["afghanistan"]


def test_a_viewer_flags_a_figure_and_sees_the_badge(browser: Any, live: tuple[str, Any]) -> None:
    base, engine = live
    incident_id, claim_23, _ = _big(engine)
    pg = _page(browser, base, "viewer")
    pg.goto(f"/incidents/{incident_id}")
    pg.locator(f"#source-claim-{claim_23} a", has_text="review, flag or correct").click()
    pg.wait_for_url(f"**/claims/{claim_23}")
    pg.get_by_label("What is wrong").select_option("wrong_figure")
    pg.get_by_label("Note").fill("The ISPR statement says 23 martyred")
    pg.get_by_role("button", name="Flag").click()
    pg.wait_for_url(f"**/claims/{claim_23}#flags")
    expect(pg.locator("#flags + ul li")).to_contain_text("wrong figure")
    shot(pg, "review-claim")
    pg.goto(f"/incidents/{incident_id}")
    expect(pg.locator(".badge-flagged").first).to_contain_text("1 flag")
    pg.goto("/")
    pg.get_by_label("Flagged only").check()
    pg.wait_for_url("**/?flagged=1")
    expect(pg.locator(".incident-list li")).to_have_count(1)
    expect(pg.locator(".incident-list li .badge-flagged")).to_contain_text("1")
    shot(pg, "review-flagged-list")
    assert pg.errors == []


def test_an_editor_works_through_the_queue_with_the_keyboard(browser: Any, live: tuple[str, Any]) -> None:
    base, engine = live
    pg = _page(browser, base, "editor")
    pg.goto("/review?kind=unreviewed")
    items = pg.locator(".queue-item")
    first_id = items.nth(0).get_attribute("data-claim")
    second_id = items.nth(1).get_attribute("data-claim")
    expect(items.nth(0)).to_be_focused()
    pg.keyboard.press("c")
    first = pg.locator(f"#queue-claim-{first_id}")
    expect(first).to_contain_text("Confirmed by Editor")
    second = pg.locator(f"#queue-claim-{second_id}")
    expect(second).to_be_focused()
    pg.keyboard.press("d")  # a dispute asks for its reason first
    expect(second.locator(".queue-note")).to_be_focused()
    pg.keyboard.type("Only one outlet carries it")
    pg.keyboard.press("Enter")
    expect(second).to_contain_text("Disputed by Editor: “Only one outlet carries it”")
    shot(pg, "review-queue")
    with Session(engine) as s:
        states = {c.id: (c.review_status, c.review_note) for c in s.exec(select(Claim)).all()}
    assert states[int(first_id or 0)] == ("confirmed", "")
    assert states[int(second_id or 0)] == ("disputed", "Only one outlet carries it")
    assert pg.errors == []


def test_an_editor_corrects_a_value_and_merges_two_incidents(browser: Any, live: tuple[str, Any]) -> None:
    base, engine = live
    incident_id, claim_23, _ = _big(engine)
    pg = _page(browser, base, "editor")
    pg.goto(f"/claims/{claim_23}")
    pg.locator("#correct-form").get_by_label("Value", exact=True).fill("24")
    pg.locator("#correct-form").get_by_label("Why").fill("the statement says 24")
    # The answer comes back to the same URL: wait for the navigation itself, not for the URL.
    with pg.expect_navigation(url=f"**/claims/{claim_23}"):
        pg.get_by_role("button", name="Save correction").click()
    expect(pg.locator("h1")).to_contain_text("24")
    pg.locator("a", has_text="←").first.click()  # back to the article: the figure reads 24 there too
    pg.wait_for_url("**/articles/*")
    expect(pg.locator(f"#row-{claim_23}")).to_contain_text("24")
    expect(pg.locator(f"#row-{claim_23}")).to_contain_text("corrected by an editor")
    shot(pg, "review-article")
    with Session(engine) as s:
        other = s.exec(select(Incident).where(Incident.id != incident_id).order_by(Incident.id)).first()
        assert other is not None
        other_id, total = other.id, (other.claim_count + (s.get(Incident, incident_id).claim_count))  # type: ignore[union-attr]
    pg.goto(f"/incidents/{incident_id}")
    pg.locator("summary", has_text="Merge another incident").click()
    pg.get_by_label("Incident number").fill(str(other_id))
    with pg.expect_navigation(url=f"**/incidents/{incident_id}"):
        pg.get_by_role("button", name="Merge").click()
    row = pg.locator("table.grid tr", has_text="Pakistani soldiers killed")
    expect(row).to_contain_text("24")
    shot(pg, "review-merged-incident")
    pg.goto("/")
    expect(pg.locator(f'.incident-list a[href="/incidents/{other_id}"]')).to_have_count(0)
    listed = pg.locator(".incident-list li", has=pg.locator(f'a[href="/incidents/{incident_id}"]'))
    expect(listed).to_have_count(1)
    with urllib.request.urlopen(f"{base}/api/incidents/{incident_id}") as r:
        headline = json.loads(r.read())["headline"]
    expect(listed.locator(".headline")).to_have_text(headline)  # the merged incident's figures
    with urllib.request.urlopen(f"{base}/incidents.csv") as r:
        rows = list(csv.DictReader(io.StringIO(r.read().decode())))
    merged = next(r for r in rows if r["id"] == str(incident_id))
    assert merged["headline"] == headline and int(merged["claims"]) == total
    assert str(other_id) not in [r["id"] for r in rows]
    assert pg.errors == []


def test_an_editor_adds_a_missed_figure_by_selecting_its_sentence(browser: Any, live: tuple[str, Any]) -> None:
    base, engine = live
    _, claim_23, _ = _big(engine)
    with Session(engine) as s:
        article_id = s.get(Claim, claim_23).article_id  # type: ignore[union-attr]
    pg = _page(browser, base, "editor")
    pg.goto(f"/articles/{article_id}")
    sentence = "The clashes unfolded in multiple locations along the Durand Line"
    # Select the sentence as a reader would with the mouse: a range over the text, then mouseup.
    pg.evaluate("""(sentence) => {
        const root = document.getElementById("article-text");
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(sentence);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + sentence.length);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                return;
            }
        }
        throw new Error("sentence not found");
    }""", sentence)
    expect(pg.locator("#add-selected")).to_have_text(sentence)
    start = int(pg.locator("#add-start").input_value())
    form = pg.locator("#add-claim-form")
    form.get_by_label("Claimant").fill("afghanistan")
    form.get_by_label("Whose").fill("pakistan")
    form.get_by_label("Metric").select_option("posts_attacked")
    form.get_by_label("Value").fill("7")
    with pg.expect_navigation(url=f"**/articles/{article_id}*"):
        form.get_by_role("button", name="Add the figure").click()
    expect(pg.locator("tr", has_text="added by an editor")).to_have_count(1)
    with Session(engine) as s:
        added = s.exec(select(Claim).where(Claim.origin == "editor")).one()
    assert (added.evidence, added.evidence_start, added.value, added.metric) == (sentence, start, 7, "posts_attacked")
    assert pg.errors == []
