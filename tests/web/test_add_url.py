"""Adding an article by URL: the form, the JSON API and the CLI fetch the page through the one pipeline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.articles.models import Article
from app.cli import app as cli
from app.config import get_settings
from app.main import create_app
from tests.conftest import Database
from tests.pages import article_html, numbered_story
from tests.web.conftest import sign_in
from tests.webserver import Page, Site


@pytest.fixture
def web_client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings(fetch_allow_hosts="127.0.0.1"))) as c:
        yield c


def test_the_form_fetches_a_url_given_alone_and_shows_the_article(db: Database, web_client: TestClient,
                                                                  site: Site) -> None:
    site.pages["/news/a"] = Page(article_html())
    token = sign_in(web_client, db, "editor")
    r = web_client.post("/articles", data={"csrf_token": token, "url": site.url("/news/a?utm_source=rss")},
                        follow_redirects=True)
    assert r.status_code == 200, r.text
    assert "Taliban claim 58 Pakistani soldiers killed in border clashes" in r.text
    assert "The Frontier Post" in r.text
    with Session(db.engine) as s:
        (article,) = s.exec(select(Article)).all()
        assert article.url == site.url("/news/a")


def test_the_form_shows_why_a_page_cannot_be_read(db: Database, web_client: TestClient, site: Site) -> None:
    site.pages["/doc.pdf"] = Page(b"%PDF-1.5", content_type="application/pdf")
    token = sign_in(web_client, db, "editor")
    r = web_client.post("/articles", data={"csrf_token": token, "url": site.url("/doc.pdf")})
    assert r.status_code == 422 and "is a PDF" in r.text
    r = web_client.post("/articles", data={"csrf_token": token, "url": "http://169.254.169.254/latest/"})
    assert r.status_code == 422 and "private, loopback" in r.text


def test_the_form_shows_page_text_as_text_never_as_html(db: Database, web_client: TestClient, site: Site) -> None:
    from tests.pages import BODY

    evil = [p + ' <img src=x onerror="alert(1)"> <script>alert(2)</script>' for p in BODY]
    site.pages["/evil"] = Page(article_html(headline="<b>Bold</b> headline & co", paragraphs=evil))
    token = sign_in(web_client, db, "editor")
    r = web_client.post("/articles", data={"csrf_token": token, "url": site.url("/evil")}, follow_redirects=True)
    assert r.status_code == 200
    assert "<script>alert(2)</script>" not in r.text and '<img src=x onerror="alert(1)">' not in r.text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in r.text


def test_the_api_ingests_a_url_once_and_a_changed_page_as_a_new_version(db: Database, web_client: TestClient,
                                                                        site: Site) -> None:
    site.pages["/s"] = Page(numbered_story(1))
    token = sign_in(web_client, db, "editor")
    headers = {"X-CSRF-Token": token}
    first = web_client.post("/api/articles", json={"url": site.url("/s")}, headers=headers)
    assert first.status_code == 201, first.text
    assert first.json()["version"] == 1
    again = web_client.post("/api/articles", json={"url": site.url("/s")}, headers=headers)
    assert again.status_code == 200 and again.json()["article_id"] == first.json()["article_id"]
    site.pages["/s"] = Page(numbered_story(1, changed=True))
    changed = web_client.post("/api/articles", json={"url": site.url("/s")}, headers=headers)
    assert changed.status_code == 201 and changed.json()["version"] == 2


def test_the_api_refuses_a_private_url_and_a_body_without_text_or_url(db: Database, web_client: TestClient) -> None:
    token = sign_in(web_client, db, "editor")
    headers = {"X-CSRF-Token": token}
    r = web_client.post("/api/articles", json={"url": "http://[::ffff:127.0.0.1]:9/"}, headers=headers)
    assert r.status_code == 422 and "private, loopback" in r.json()["detail"]
    r = web_client.post("/api/articles", json={"url": "http://10.1.2.3/a"}, headers=headers)
    assert r.status_code == 422 and "10.1.2.3" in r.json()["detail"]
    r = web_client.post("/api/articles", json={"title": "x"}, headers=headers)
    assert r.status_code == 422 and "url" in r.json()["detail"]


def test_the_api_url_ingest_needs_an_editor(db: Database, web_client: TestClient, site: Site) -> None:
    site.pages["/s"] = Page(numbered_story(1))
    r = web_client.post("/api/articles", json={"url": site.url("/s")})
    assert r.status_code in (401, 403)
    assert site.seen == []


def test_the_cli_ingests_urls_and_reports_failures(db: Database, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERCLAIM_DATABASE_URL", db.url)
    monkeypatch.setenv("COUNTERCLAIM_FETCH_ALLOW_HOSTS", "127.0.0.1")
    get_settings.cache_clear()
    site.pages["/1"] = Page(numbered_story(1))
    site.pages["/2"] = Page(numbered_story(2))
    site.pages["/img"] = Page(b"GIF89a", content_type="image/gif")
    try:
        runner = CliRunner()
        r = runner.invoke(cli, ["ingest", site.url("/1"), site.url("/2"), site.url("/img")])
        assert r.exit_code == 1, r.output
        assert "2 new article(s)" in r.output and "is an image" in r.output
        r = runner.invoke(cli, ["ingest", site.url("/1")])
        assert r.exit_code == 0 and "1 already stored" in r.output
    finally:
        get_settings.cache_clear()
    with Session(db.engine) as s:
        assert len(s.exec(select(Article)).all()) == 2


def test_the_preview_shows_what_the_page_gives_before_anything_is_stored(db: Database, web_client: TestClient,
                                                                         site: Site) -> None:
    site.pages["/news/a"] = Page(article_html())
    token = sign_in(web_client, db, "editor")
    r = web_client.post("/articles/preview", data={"csrf_token": token, "url": site.url("/news/a")})
    assert r.status_code == 200, r.text
    for shown in ("Taliban claim 58 Pakistani soldiers killed in border clashes", "The Frontier Post", "Amina Yusuf",
                  "12 Oct 2025", "Claims found", "58 Pakistani soldiers were killed", "Store this article"):
        assert shown in r.text, shown
    with Session(db.engine) as s:
        assert s.exec(select(Article)).all() == []
    bad = web_client.post("/articles/preview", data={"csrf_token": token, "url": "http://0x7f000001/"})
    assert bad.status_code == 422 and "private, loopback" in bad.text


def test_the_article_pages_show_versions_of_a_changed_page(db: Database, web_client: TestClient, site: Site) -> None:
    site.pages["/s"] = Page(numbered_story(5))
    token = sign_in(web_client, db, "editor")
    headers = {"X-CSRF-Token": token}
    first = web_client.post("/api/articles", json={"url": site.url("/s")}, headers=headers).json()
    site.pages["/s"] = Page(numbered_story(5, changed=True))
    second = web_client.post("/api/articles", json={"url": site.url("/s")}, headers=headers).json()
    listing = web_client.get("/articles").text
    assert "version 1, superseded" in listing and "version 2" in listing
    old = web_client.get(f"/articles/{first['article_id']}").text
    assert "superseded" in old and f'href="/articles/{second["article_id"]}"' in old
    data = web_client.get(f"/api/articles/{second['article_id']}").json()
    assert (data["version"], data["superseded"], data["author"]) == (2, False, "Amina Yusuf")
    assert [v["version"] for v in data["versions"]] == [1, 2]
