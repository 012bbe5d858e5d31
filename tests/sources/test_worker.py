"""The watch worker end to end, against a local site: feeds polled, entries ingested once, versions,
errors with backoff, politeness, robots.txt, a SIGKILLed worker, two workers on PostgreSQL."""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from app.articles.models import Article, WebPage
from app.claims.models import Claim
from app.config import Settings
from app.db import session_scope
from app.sources import service as sources
from app.sources.models import Source, SourceEntry
from app.sources.worker import Courtesy, Tally, poll_due, run_once
from tests.conftest import SECRET, Database
from tests.pages import numbered_story, rss
from tests.webserver import Page, Site


def watch_settings(db: Database, **changes: object) -> Settings:
    values: dict[str, object] = {"fetch_allow_hosts": "127.0.0.1", "fetch_host_delay_seconds": 0, **changes}
    return db.settings(**values)


def publish(site: Site, count: int, *, changed: frozenset[int] = frozenset(), etag: str = '"v1"',
            prefix: str = "/story") -> None:
    """A feed of `count` stories at /feed.xml and the story pages (those in `changed` with new text)."""
    items = []
    for n in range(count):
        updated = n in changed
        site.pages[f"{prefix}/{n}"] = Page(numbered_story(n, changed=updated))
        items.append({"title": f"Story {n}", "link": site.url(f"{prefix}/{n}"), "guid": f"story-{n}",
                      "pubDate": "Mon, 13 Oct 2025 09:00:00 GMT" if updated else "Sun, 12 Oct 2025 08:00:00 GMT"})
    site.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml", etag=etag)


def add_source(db: Database, url: str, interval: int = 30) -> int:
    with session_scope(db.engine) as s:
        source = sources.create(session=s, name="Frontier Post", url=url, interval_minutes=interval)
        assert source.id is not None
        return source.id


def make_due(db: Database) -> None:
    with session_scope(db.engine) as s:
        s.execute(update(Source).values(next_poll_at=sources.now() - timedelta(seconds=1)))


def count(db: Database, model: type, *where: object) -> int:
    with Session(db.engine) as s:
        return int(s.exec(select(func.count()).select_from(model).where(*where)).one())  # type: ignore[arg-type]


def source_row(db: Database, source_id: int) -> Source:
    with Session(db.engine) as s:
        source = s.get(Source, source_id)
        assert source is not None
        return source


def test_a_feed_of_20_polled_twice_gives_20_articles_once_and_two_changed_items_two_new_versions(
    db: Database, site: Site
) -> None:
    settings = watch_settings(db)
    publish(site, 20)
    source_id = add_source(db, site.url("/feed.xml"))

    first = run_once(engine=db.engine, settings=settings)
    assert (first.polls, first.ingested, first.failed) == (1, 20, 0)
    assert count(db, Article) == 20
    assert source_row(db, source_id).last_new == 20

    make_due(db)
    second = run_once(engine=db.engine, settings=settings)
    assert (second.polls, second.ingested) == (1, 0)
    assert source_row(db, source_id).last_status == "not modified"  # the ETag matched: a 304
    assert site.seen[-1].headers.get("if-none-match") == '"v1"'
    assert count(db, Article) == 20
    assert all(site.hits(f"/story/{n}") == 1 for n in range(20))

    publish(site, 20, changed=frozenset({3, 7}), etag='"v2"')
    make_due(db)
    third = run_once(engine=db.engine, settings=settings)
    assert (third.polls, third.ingested, third.failed) == (1, 2, 0)
    status = source_row(db, source_id)
    assert (status.last_status, status.last_new, status.last_known) == ("ok", 0, 20)
    assert count(db, Article) == 22
    assert count(db, WebPage) == 20
    with Session(db.engine) as s:
        versions = s.exec(select(Article).where(Article.version == 2)).all()
        assert sorted(a.url or "" for a in versions) == sorted(site.url(f"/story/{n}") for n in (3, 7))
        assert count(db, Article, col(Article.superseded).is_(True)) == 2


def test_an_atom_feed_and_a_news_sitemap_are_followed_too(db: Database, site: Site) -> None:
    from tests.pages import atom, news_sitemap

    for n in range(3):
        site.pages[f"/a/{n}"] = Page(numbered_story(n))
    site.pages["/atom.xml"] = Page(atom([{"title": f"A{n}", "link": site.url(f"/a/{n}")} for n in range(2)]),
                                   content_type="application/atom+xml")
    site.pages["/news-sitemap.xml"] = Page(news_sitemap([(site.url(f"/a/{n}"), f"S{n}") for n in (1, 2)]),
                                           content_type="application/xml")
    add_source(db, site.url("/atom.xml"))
    with session_scope(db.engine) as s:
        sources.create(session=s, name="Sitemap", url=site.url("/news-sitemap.xml"))
    tally = run_once(engine=db.engine, settings=watch_settings(db))
    assert tally.polls == 2
    assert count(db, Article) == 3  # /a/1 is in both: stored once
    assert count(db, SourceEntry, SourceEntry.state == "done") == 4


@pytest.mark.parametrize(("page", "reason"), [
    (Page("boom", status=500, content_type="text/plain"), "answered HTTP 500"),
    (Page("<rss><channel><item><title>broken", content_type="application/rss+xml"), "not a readable feed"),
    (Page("<html><body>hello</body></html>"), "neither an RSS or Atom feed"),
])
def test_a_failing_feed_is_marked_with_the_reason_and_polled_later_with_backoff(
    db: Database, site: Site, page: Page, reason: str
) -> None:
    site.pages["/feed.xml"] = page
    source_id = add_source(db, site.url("/feed.xml"), interval=10)
    run_once(engine=db.engine, settings=watch_settings(db))
    first = source_row(db, source_id)
    assert first.last_status == "error" and reason in (first.last_error or "") and first.error_count == 1
    assert first.last_polled_at is not None
    assert first.next_poll_at - first.last_polled_at == timedelta(minutes=10)
    make_due(db)
    run_once(engine=db.engine, settings=watch_settings(db))
    second = source_row(db, source_id)
    assert second.error_count == 2
    assert second.last_polled_at is not None
    assert second.next_poll_at - second.last_polled_at == timedelta(minutes=20)


def test_a_feed_that_recovers_is_polled_at_its_interval_again(db: Database, site: Site) -> None:
    site.pages["/feed.xml"] = Page("down", status=503, content_type="text/plain")
    source_id = add_source(db, site.url("/feed.xml"), interval=10)
    run_once(engine=db.engine, settings=watch_settings(db))
    publish(site, 2)
    make_due(db)
    run_once(engine=db.engine, settings=watch_settings(db))
    status = source_row(db, source_id)
    assert (status.last_status, status.error_count, status.last_error) == ("ok", 0, None)
    assert count(db, Article) == 2


def test_entries_that_are_not_articles_fail_with_the_reason_and_transient_errors_are_retried(
    db: Database, site: Site
) -> None:
    site.pages["/pdf"] = Page(b"%PDF-1.4", content_type="application/pdf")
    site.pages["/down"] = Page("try later", status=503, content_type="text/plain")
    site.pages["/ok"] = Page(numbered_story(1))
    items = [{"title": t, "link": site.url(f"/{t}")} for t in ("pdf", "down", "ok")]
    site.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml")
    add_source(db, site.url("/feed.xml"))
    tally = run_once(engine=db.engine, settings=watch_settings(db))
    assert (tally.ingested, tally.failed) == (1, 2)
    with Session(db.engine) as s:
        rows = {e.url.rsplit("/", 1)[1]: e for e in s.exec(select(SourceEntry)).all()}
    assert rows["pdf"].state == "failed" and "is a PDF" in (rows["pdf"].last_error or "")
    assert rows["down"].state == "pending" and rows["down"].attempts == 1
    assert "HTTP 503" in (rows["down"].last_error or "")
    assert rows["down"].next_attempt_at > sources.now()
    assert rows["ok"].state == "done" and rows["ok"].article_id is not None


def test_robots_txt_is_respected_for_feeds_and_pages(db: Database, site: Site) -> None:
    site.pages["/robots.txt"] = Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.pages["/private/1"] = Page(numbered_story(1))
    site.pages["/public/2"] = Page(numbered_story(2))
    items = [{"title": "p", "link": site.url("/private/1")}, {"title": "q", "link": site.url("/public/2")}]
    site.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml")
    site.pages["/private/feed.xml"] = Page(rss(items), content_type="application/rss+xml")
    add_source(db, site.url("/feed.xml"))
    hidden = add_source(db, site.url("/private/feed.xml"))
    run_once(engine=db.engine, settings=watch_settings(db))
    assert site.hits("/private/1") == 0 and site.hits("/private/feed.xml") == 0 and site.hits("/public/2") == 1
    assert site.hits("/robots.txt") == 1
    assert "robots.txt" in (source_row(db, hidden).last_error or "")
    with Session(db.engine) as s:
        failed = s.exec(select(SourceEntry).where(SourceEntry.state == "failed")).one()
        assert failed.url == site.url("/private/1") and "robots.txt" in (failed.last_error or "")


def test_requests_to_one_host_are_spaced_by_the_politeness_delay(db: Database, site: Site) -> None:
    publish(site, 4)
    add_source(db, site.url("/feed.xml"))
    run_once(engine=db.engine, settings=watch_settings(db, fetch_host_delay_seconds=0.25))
    times = [s.at for s in site.seen]
    assert len(times) == 6  # robots.txt, the feed, four stories
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.24, gaps


def test_removing_a_source_keeps_its_articles(db: Database, site: Site) -> None:
    publish(site, 2)
    source_id = add_source(db, site.url("/feed.xml"))
    run_once(engine=db.engine, settings=watch_settings(db))
    with session_scope(db.engine) as s:
        sources.delete(session=s, source_id=source_id)
    assert count(db, Source) == 0 and count(db, SourceEntry) == 0 and count(db, Article) == 2


def test_a_source_needs_a_name_an_http_url_and_a_sane_interval(db: Database) -> None:
    from app.errors import Invalid

    with session_scope(db.engine) as s:
        for name, url, interval, message in [
            ("", "http://x.example/feed", 30, "name"),
            ("x", "file:///etc/passwd", 30, "http"),
            ("x", "http://x.example/feed", 0, "interval"),
        ]:
            with pytest.raises(Invalid, match=message):
                sources.create(session=s, name=name, url=url, interval_minutes=interval)
        sources.create(session=s, name="x", url="http://x.example/feed")
        with pytest.raises(Invalid, match="already a source"):
            sources.create(session=s, name="y", url="http://x.example/feed")


# --- separate worker processes -------------------------------------------------------------------


def worker_env(db: Database) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERCLAIM_")}
    env.update(COUNTERCLAIM_ENV="test", COUNTERCLAIM_SECRET_KEY=SECRET, COUNTERCLAIM_DATABASE_URL=db.url,
               COUNTERCLAIM_FETCH_ALLOW_HOSTS="127.0.0.1", COUNTERCLAIM_FETCH_HOST_DELAY_SECONDS="0",
               COUNTERCLAIM_WATCH_IDLE_SECONDS="0.2")
    return env


def start_worker(db: Database, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "app.cli", "watch", *args], env=worker_env(db),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def assert_whole(db: Database) -> None:
    """Every stored article has its claims and a done entry; every done entry has its article."""
    with Session(db.engine) as s:
        articles = s.exec(select(Article)).all()
        done = s.exec(select(SourceEntry).where(SourceEntry.state == "done")).all()
        assert sorted(e.article_id or 0 for e in done) == sorted(a.id or 0 for a in articles)
        for article in articles:
            assert s.exec(select(func.count()).select_from(Claim).where(Claim.article_id == article.id)).one() > 0
        assert len({a.content_hash for a in articles}) == len(articles)


def test_a_worker_killed_mid_batch_leaves_nothing_partial_and_its_restart_nothing_twice(
    db: Database, site: Site
) -> None:
    publish(site, 20)
    for n in range(20):
        site.pages[f"/story/{n}"] = Page(numbered_story(n), delay=0.25)
    add_source(db, site.url("/feed.xml"))
    worker = start_worker(db)
    try:
        deadline = time.monotonic() + 60
        while count(db, Article) < 4 and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.05)
        # Kill it while it waits on a slow page, inside the transaction of the next entry.
        while not any(s.path.startswith("/story/") for s in site.seen[-1:]):
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    stored = count(db, Article)
    assert 4 <= stored < 20
    assert_whole(db)
    assert count(db, SourceEntry, SourceEntry.state == "pending") == 20 - stored

    again = start_worker(db, "--once")
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0, out
    assert count(db, Article) == 20
    assert count(db, SourceEntry, SourceEntry.state == "done") == 20
    assert_whole(db)
    # Only the page in flight at the kill was fetched twice.
    assert sum(site.hits(f"/story/{n}") for n in range(20)) <= 21


def test_two_workers_on_postgresql_ingest_200_entries_with_none_twice(db: Database, site: Site) -> None:
    if db.kind != "postgres":
        pytest.skip("several workers need PostgreSQL's row locks (one worker on SQLite)")
    publish(site, 200)
    for n in range(200):
        site.pages[f"/story/{n}"] = Page(numbered_story(n), delay=0.02)
    add_source(db, site.url("/feed.xml"))
    poll_due(engine=db.engine, settings=watch_settings(db), courtesy=Courtesy(watch_settings(db)), tally=Tally())
    assert count(db, SourceEntry, SourceEntry.state == "pending") == 200

    workers = [start_worker(db, "--once") for _ in range(2)]
    outputs = [w.communicate(timeout=300)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    ingested = [int(m.group(1)) for out in outputs for m in [re.search(r"(\d+) article\(s\) ingested", out)] if m]
    print(f"two workers ingested {ingested[0]} + {ingested[1]} of 200 entries")
    with Session(db.engine) as s:
        retried = [(e.url, e.last_error) for e in s.exec(select(SourceEntry).where(SourceEntry.attempts > 0))]
    assert len(ingested) == 2 and sum(ingested) == 200 and min(ingested) > 0, (outputs, retried)
    assert count(db, Article) == 200
    assert count(db, SourceEntry, SourceEntry.state == "done") == 200
    with Session(db.engine) as s:
        retried = [(e.url, e.last_error) for e in s.exec(select(SourceEntry).where(SourceEntry.attempts > 0))]
    assert retried == []
    assert site.most_in_flight == 1  # one request at a time to the host, across both workers
    twice = [(n, [(x.at, x.headers.get("user-agent")) for x in site.seen if x.path == f"/story/{n}"])
             for n in range(200) if site.hits(f"/story/{n}") != 1]
    assert twice == [], (twice, outputs)
    assert_whole(db)


def test_an_unexpected_error_is_recorded_and_the_worker_goes_on(db: Database, site: Site,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.sources import worker

    publish(site, 2)
    source_id = add_source(db, site.url("/feed.xml"))

    def broken_read_page(*_args: object, **_kwargs: object) -> None:
        raise ValueError("parser fell over")

    monkeypatch.setattr(worker, "read_page", broken_read_page)
    tally = run_once(engine=db.engine, settings=watch_settings(db))
    assert (tally.ingested, tally.failed) == (0, 2)
    with Session(db.engine) as s:
        entries = s.exec(select(SourceEntry)).all()
    assert all(e.state == "pending" and e.attempts == 1 for e in entries)
    assert all("unexpected error: ValueError: parser fell over" in (e.last_error or "") for e in entries)

    def broken_items(*_args: object, **_kwargs: object) -> None:
        raise ValueError("feed parser fell over")

    monkeypatch.setattr(worker, "read_items", broken_items)
    publish(site, 2, etag='"v2"')
    make_due(db)
    run_once(engine=db.engine, settings=watch_settings(db))
    assert "unexpected error: ValueError: feed parser fell over" in (source_row(db, source_id).last_error or "")


def test_sigterm_lets_the_worker_finish_the_entry_at_hand_and_stop(db: Database, site: Site) -> None:
    publish(site, 6)
    for n in range(6):
        site.pages[f"/story/{n}"] = Page(numbered_story(n), delay=0.4)
    add_source(db, site.url("/feed.xml"))
    worker = start_worker(db)
    try:
        deadline = time.monotonic() + 60
        while count(db, Article) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        while not site.seen[-1].path.startswith("/story/"):
            time.sleep(0.01)
        worker.send_signal(signal.SIGTERM)
        out, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, out
    stored = count(db, Article)
    assert 2 <= stored < 6  # the entry being fetched at the signal was finished, the rest left waiting
    assert_whole(db)
    assert count(db, SourceEntry, SourceEntry.state == "pending") == 6 - stored


def test_robots_txt_is_read_once_a_day_per_host(db: Database, site: Site) -> None:
    now = [1000.0]
    site.pages["/robots.txt"] = Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    courtesy = Courtesy(watch_settings(db), clock=lambda: now[0])
    courtesy.check(site.url("/public/1"))
    courtesy.check(site.url("/public/2"))
    assert site.hits("/robots.txt") == 1
    site.pages["/robots.txt"] = Page("User-agent: *\nDisallow: /\n", content_type="text/plain")
    now[0] += 25 * 3600
    from app.sources.worker import RobotsDisallow

    with pytest.raises(RobotsDisallow):
        courtesy.check(site.url("/public/3"))
    assert site.hits("/robots.txt") == 2
