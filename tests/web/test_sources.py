"""Source pages: editors add and remove feeds; everyone sees each source's last poll and failures."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.sources.models import Source
from app.sources.worker import run_once
from tests.conftest import Database
from tests.pages import numbered_story, rss
from tests.web.conftest import sign_in
from tests.webserver import Page, Site


def test_an_editor_adds_a_source_and_sees_its_status_after_a_poll(db: Database, client: TestClient,
                                                                   site: Site) -> None:
    site.pages["/ok"] = Page(numbered_story(1))
    site.pages["/gone"] = Page("gone", status=404, content_type="text/plain")
    site.pages["/feed.xml"] = Page(rss([{"title": "Good story", "link": site.url("/ok")},
                                        {"title": "Missing story", "link": site.url("/gone")}]),
                                   content_type="application/rss+xml")
    token = sign_in(client, db, "editor")
    r = client.post("/sources", data={"csrf_token": token, "name": "Frontier <Post>", "url": site.url("/feed.xml"),
                                      "interval": "15"}, follow_redirects=False)
    assert r.status_code == 303
    source_id = int(r.headers["location"].rsplit("/", 1)[1])

    run_once(engine=db.engine, settings=db.settings(fetch_allow_hosts="127.0.0.1", fetch_host_delay_seconds=0))

    listing = client.get("/sources").text
    assert "Frontier &lt;Post&gt;" in listing and "Frontier <Post>" not in listing
    row = re.search(r"Frontier &lt;Post&gt;.*?</tr>", listing, re.S)
    assert row is not None
    assert "ok" in row.group(0) and "2 / 0" in row.group(0)
    page = client.get(f"/sources/{source_id}").text
    assert "Missing story" in page and "answered HTTP 404" in page
    assert 'href="/articles/' in page
    data = client.get("/api/sources").json()
    assert data[0]["entries"] == {"done": 1, "pending": 0, "failed": 1}
    assert data[0]["last_poll"] == {"new": 2, "known": 0}
    detail = client.get(f"/api/sources/{source_id}").json()
    assert detail["failed"][0]["last_error"].endswith("there is no article to read.")


def test_a_bad_source_gets_a_clear_message(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    r = client.post("/sources", data={"csrf_token": token, "name": "x", "url": "ftp://example.org/feed"})
    assert r.status_code == 422 and "is not an http(s) address" in r.text
    r = client.post("/sources", data={"csrf_token": token, "name": "x", "url": "http://example.org/f",
                                      "interval": "0"})
    assert r.status_code == 422


def test_adding_and_removing_sources_needs_an_editor_and_csrf(db: Database, client: TestClient) -> None:
    r = client.post("/sources", data={"name": "x", "url": "http://example.org/feed"}, follow_redirects=False)
    assert r.status_code in (401, 403, 303)
    token = sign_in(client, db, "viewer")
    r = client.post("/sources", data={"csrf_token": token, "name": "x", "url": "http://example.org/feed"})
    assert r.status_code == 403
    with Session(db.engine) as s:
        assert s.exec(select(Source)).all() == []


def test_an_editor_removes_a_source(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    client.post("/sources", data={"csrf_token": token, "name": "x", "url": "http://example.org/feed"})
    with Session(db.engine) as s:
        (source,) = s.exec(select(Source)).all()
    assert client.post(f"/sources/{source.id}/delete", data={}).status_code == 403  # no CSRF token
    r = client.post(f"/sources/{source.id}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    with Session(db.engine) as s:
        assert s.exec(select(Source)).all() == []
    assert client.get(f"/sources/{source.id}").status_code == 404
