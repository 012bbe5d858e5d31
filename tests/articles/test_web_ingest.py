"""Articles from URLs: text and metadata read from realistic pages, canonical URLs, versions, refusals."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from app.articles.models import Article, ArticleHtml, WebPage
from app.articles.webpage import NotAnArticle, canonical_url, decompress, read_html
from app.claims.models import Claim
from app.config import Settings
from app.db import session_scope
from app.fetch import FetchError, Refused
from app.incidents.models import IncidentUnit
from app.pipeline import IngestResult, fetch_page, ingest_page
from tests.conftest import Database
from tests.pages import BODY, article_html, nav_only_html, numbered_story, paywall_html
from tests.webserver import Page, Site


def web_settings(db: Database, **changes: object) -> Settings:
    return db.settings(fetch_allow_hosts="127.0.0.1", **changes)


def ingest_url(db: Database, url: str, **changes: object) -> IngestResult:
    settings = web_settings(db, **changes)
    page = fetch_page(settings=settings, url=url)
    with session_scope(db.engine) as session:
        return ingest_page(session=session, settings=settings, page=page)


def test_a_news_page_gives_its_main_text_and_metadata_without_the_page_chrome(db: Database, site: Site) -> None:
    site.pages["/world/clashes"] = Page(article_html())
    result = ingest_url(db, site.url("/world/clashes"))
    assert result.created and result.version == 1 and result.claims > 0
    with Session(db.engine) as s:
        article = s.get(Article, result.article_id)
        assert article is not None
        assert article.title == "Taliban claim 58 Pakistani soldiers killed in border clashes"
        assert article.outlet == "The Frontier Post"
        assert article.author == "Amina Yusuf"
        assert article.published is not None and article.published.isoformat() == "2025-10-12"
        assert article.url == site.url("/world/clashes")
        for paragraph in BODY:
            assert paragraph in article.text
        for chrome in ("Advertisement", "Related stories", "Reader123", "All rights reserved", "Politics"):
            assert chrome not in article.text
        values = {c.value for c in s.exec(select(Claim).where(Claim.article_id == article.id))}
        assert {58, 23} <= values


def test_the_original_html_is_kept_compressed_and_gives_the_same_text_again(db: Database, site: Site) -> None:
    html = article_html()
    site.pages["/a"] = Page(html)
    result = ingest_url(db, site.url("/a"))
    with Session(db.engine) as s:
        stored = s.get(ArticleHtml, result.article_id)
        article = s.get(Article, result.article_id)
        assert stored is not None and article is not None
        assert len(stored.html_gz) < len(html.encode())
        assert decompress(stored.html_gz) == html.encode()
        text, _ = read_html(decompress(stored.html_gz).decode(), url=stored.final_url)
        assert text == article.text


def test_the_same_page_ingested_twice_is_stored_once(db: Database, site: Site) -> None:
    site.pages["/a"] = Page(article_html())
    first = ingest_url(db, site.url("/a"))
    second = ingest_url(db, site.url("/a"))
    assert first.created and not second.created and second.article_id == first.article_id
    with Session(db.engine) as s:
        assert len(s.exec(select(Article)).all()) == 1
        assert len(s.exec(select(WebPage)).all()) == 1


def test_tracking_parameters_redirects_and_the_canonical_link_lead_to_one_article(db: Database, site: Site) -> None:
    canonical = site.url("/news/clashes-2025")
    site.pages["/news/clashes-2025"] = Page(article_html(canonical=canonical))
    site.pages["/news/clashes-2025?utm_source=twitter&utm_medium=social&fbclid=x1"] = Page(
        article_html(canonical=canonical))
    site.pages["/short/abc"] = Page(status=301, headers={"Location": "/r2"})
    site.pages["/r2"] = Page(status=302, headers={"Location": "/news/clashes-2025?utm_campaign=feed"})
    site.pages["/news/clashes-2025?utm_campaign=feed"] = Page(article_html(canonical=canonical))
    results = [ingest_url(db, site.url(p)) for p in (
        "/news/clashes-2025?utm_source=twitter&utm_medium=social&fbclid=x1", "/short/abc", "/news/clashes-2025")]
    assert [r.created for r in results] == [True, False, False]
    with Session(db.engine) as s:
        (page,) = s.exec(select(WebPage)).all()
        assert page.canonical_url == canonical
        html = s.get(ArticleHtml, results[0].article_id)
        assert html is not None and "utm_source" in html.fetched_url


def test_an_amp_page_is_read_and_filed_under_its_canonical_page(db: Database, site: Site) -> None:
    canonical = site.url("/news/story")
    site.pages["/news/story"] = Page(article_html(canonical=canonical))
    site.pages["/amp/news/story"] = Page(article_html(canonical=canonical, amp=True))
    amp = ingest_url(db, site.url("/amp/news/story"))
    plain = ingest_url(db, site.url("/news/story"))
    assert amp.created and not plain.created
    with Session(db.engine) as s:
        article = s.get(Article, amp.article_id)
        assert article is not None and article.url == canonical and "58 Pakistani soldiers" in article.text


def test_a_canonical_link_to_another_site_is_ignored() -> None:
    html = article_html(canonical="https://other-site.example/news/story")
    from app.articles.webpage import _canonical

    assert _canonical(html, "http://127.0.0.1:8000/story?utm_source=x") == "http://127.0.0.1:8000/story"


def test_a_changed_page_is_stored_as_a_new_version_of_the_same_article(db: Database, site: Site) -> None:
    site.pages["/a"] = Page(numbered_story(4))
    first = ingest_url(db, site.url("/a"))
    site.pages["/a"] = Page(numbered_story(4, changed=True))
    second = ingest_url(db, site.url("/a"))
    third = ingest_url(db, site.url("/a"))
    assert (first.version, second.version, third.version) == (1, 2, 2)
    assert second.created and not third.created and second.article_id != first.article_id
    with Session(db.engine) as s:
        versions = s.exec(select(Article).order_by(Article.version)).all()  # type: ignore[arg-type]
        assert [(a.version, a.superseded) for a in versions] == [(1, True), (2, False)]
        assert versions[0].page_id == versions[1].page_id
        assert "13 wounded" in versions[1].text
        # The superseded version keeps its claims but no longer counts in any incident.
        old_claims = s.exec(select(Claim).where(Claim.article_id == first.article_id)).all()
        assert old_claims and all(c.incident_id is None for c in old_claims)
        assert not s.exec(select(IncidentUnit).where(IncidentUnit.article_id == first.article_id)).all()
        assert s.exec(select(IncidentUnit).where(IncidentUnit.article_id == second.article_id)).all()


def test_a_page_in_windows_1252_declared_by_its_header_is_decoded(db: Database, site: Site) -> None:
    text = [p.replace("Kunar province", "Kunar province (café talks, résumé, naïve “hopes”)") for p in BODY]
    html = article_html(paragraphs=text, charset="windows-1252")
    site.pages["/cp"] = Page(html.encode("cp1252"), content_type="text/html; charset=windows-1252")
    result = ingest_url(db, site.url("/cp"))
    with Session(db.engine) as s:
        article = s.get(Article, result.article_id)
        assert article is not None and "café talks, résumé, naïve “hopes”" in article.text


def test_a_page_in_latin_1_declared_only_in_its_meta_tag_is_decoded(db: Database, site: Site) -> None:
    text = [p + " Señor Müller's aide confirmed it." for p in BODY]
    html = article_html(paragraphs=text, charset="iso-8859-1")
    site.pages["/latin"] = Page(html.encode("latin-1"), content_type="text/html")
    result = ingest_url(db, site.url("/latin"))
    with Session(db.engine) as s:
        article = s.get(Article, result.article_id)
        assert article is not None and "Señor Müller's aide" in article.text


@pytest.mark.parametrize(("page", "message"), [
    (Page(b"%PDF-1.7 binary", content_type="application/pdf"), "is a PDF"),
    (Page(b"\x89PNG\r\n\x1a\n", content_type="image/png"), "is an image"),
    (Page(b"{}", content_type="application/json"), "is application/json, not a web page"),
    (Page(paywall_html()), "login wall or paywall"),
    (Page(nav_only_html()), "no main text"),
    (Page("", content_type="text/html"), "empty page"),
    (Page("denied", status=401, content_type="text/plain"), "login wall"),
    (Page("gone", status=404, content_type="text/plain"), "answered HTTP 404"),
    (Page("gone", status=410, content_type="text/plain"), "answered HTTP 410"),
])
def test_a_page_that_is_not_an_article_gets_a_clear_message(db: Database, site: Site, page: Page,
                                                            message: str) -> None:
    site.pages["/x"] = page
    with pytest.raises(NotAnArticle, match=message):
        ingest_url(db, site.url("/x"))
    with Session(db.engine) as s:
        assert s.exec(select(Article)).all() == []


def test_a_server_error_is_a_fetch_error_to_try_again(db: Database, site: Site) -> None:
    site.pages["/x"] = Page("oops", status=503, content_type="text/plain")
    with pytest.raises(FetchError, match="HTTP 503; try again later"):
        ingest_url(db, site.url("/x"))


def test_a_huge_page_and_a_slow_page_are_refused_with_the_reason(db: Database, site: Site) -> None:
    site.pages["/huge"] = Page(article_html(paragraphs=BODY * 4000))
    site.pages["/slow"] = Page(article_html(), delay=2)
    with pytest.raises(FetchError, match="byte"):
        ingest_url(db, site.url("/huge"), fetch_max_bytes=1_000_000)
    with pytest.raises(FetchError, match="did not answer"):
        ingest_url(db, site.url("/slow"), fetch_timeout_seconds=0.5)


def test_a_url_of_a_private_address_is_refused_without_the_allow_list(db: Database, site: Site) -> None:
    site.pages["/a"] = Page(article_html())
    with pytest.raises(Refused):
        fetch_page(settings=db.settings(), url=site.url("/a"))
    assert site.seen == []


def test_canonical_url_removes_tracking_parameters_and_fragment() -> None:
    assert canonical_url("https://News.Example.org/a/b?utm_source=x&id=7&gclid=3#comments") == \
        "https://news.example.org/a/b?id=7"
