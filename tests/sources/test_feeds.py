"""Reading feeds and sitemaps: RSS, Atom, news sitemaps, and clear errors for everything else."""

from __future__ import annotations

import pytest

from app.sources.feeds import FeedError, read_items
from tests.pages import atom, news_sitemap, rss

BASE = "http://news.example/feed"


def test_rss_items_give_guid_link_title_and_date() -> None:
    items = read_items(rss([
        {"title": "One", "link": "http://news.example/1", "guid": "urn:1", "pubDate": "Sun, 12 Oct 2025 08:00:00 GMT"},
        {"title": "Two", "link": "http://news.example/2"},
    ]).encode(), base_url=BASE)
    assert [(i.key, i.url, i.title) for i in items] == [("urn:1", "http://news.example/1", "One"),
                                                        ("http://news.example/2", "http://news.example/2", "Two")]
    assert items[0].marker and "2025" in items[0].marker


def test_atom_entries_are_read() -> None:
    items = read_items(atom([{"title": "A", "link": "http://news.example/a", "id": "tag:a",
                              "updated": "2025-10-13T10:00:00Z"}]).encode(), base_url=BASE)
    assert [(i.key, i.url, i.marker) for i in items] == [("tag:a", "http://news.example/a", "2025-10-13T10:00:00Z")]


def test_a_news_sitemap_lists_its_urls_with_titles() -> None:
    items = read_items(news_sitemap([("http://news.example/s1", "Story 1"), ("http://news.example/s2", "Story 2")])
                       .encode(), base_url=BASE)
    assert [(i.url, i.title) for i in items] == [("http://news.example/s1", "Story 1"),
                                                 ("http://news.example/s2", "Story 2")]


def test_a_sitemap_index_asks_for_one_of_its_sitemaps() -> None:
    doc = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           b"<sitemap><loc>http://news.example/s.xml</loc></sitemap></sitemapindex>")
    with pytest.raises(FeedError, match="sitemap index"):
        read_items(doc, base_url=BASE)


def test_a_sitemap_with_an_external_entity_is_not_expanded() -> None:
    doc = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://news.example/&x;</loc>'
           b"</url></urlset>")
    items = read_items(doc, base_url=BASE)
    assert all("root:" not in i.url for i in items)


@pytest.mark.parametrize(("doc", "message"), [
    (b"", "empty document"),
    (b"<rss><channel><item><title>broken", "not a readable feed"),
    (b"<html><body>Just a page</body></html>", "neither an RSS or Atom feed nor a sitemap"),
    (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>x", "not a readable sitemap"),
])
def test_malformed_or_foreign_documents_get_a_clear_error(doc: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        read_items(doc, base_url=BASE)


def test_items_without_an_http_link_and_repeated_items_are_skipped() -> None:
    items = read_items(rss([
        {"title": "a", "link": "javascript:alert(1)"},
        {"title": "b", "link": "http://news.example/b"},
        {"title": "b again", "link": "http://news.example/b"},
    ]).encode(), base_url=BASE)
    assert [i.url for i in items] == ["http://news.example/b"]
