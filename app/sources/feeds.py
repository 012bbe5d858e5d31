"""Reading a source's document: RSS and Atom feeds (feedparser) and news sitemaps, as a list of items.

Pure: bytes in, items out. XML is parsed without entities or network access.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import feedparser
from lxml import etree

from app.errors import Invalid

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_ITEMS = 2_000


class FeedError(Invalid):
    """A document that is neither a readable feed nor a sitemap."""


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a feed or sitemap: its stable key, its page's URL, its title, and a change marker."""

    key: str
    url: str
    title: str | None
    marker: str | None  # changes when the feed says the item changed (updated date, or a hash)


def _is_sitemap(content: bytes) -> bool:
    head = content[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def read_items(content: bytes, *, base_url: str) -> list[Item]:
    """The items of a feed or sitemap, in document order, at most MAX_ITEMS; FeedError if unreadable."""
    if not content.strip():
        raise FeedError(f"{base_url} answered with an empty document.")
    items = _sitemap(content, base_url) if _is_sitemap(content) else _feed(content, base_url)
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.key not in seen and item.url.lower().startswith(("http://", "https://")):
            seen.add(item.key)
            unique.append(item)
    return unique[:MAX_ITEMS]


def _clip(value: object, size: int) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text[:size] or None


def _feed(content: bytes, base_url: str) -> list[Item]:
    parsed = feedparser.parse(content, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{base_url} is neither an RSS or Atom feed nor a sitemap.")
    out = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        # dict.get: FeedParserDict maps a missing "updated" to "published" with a warning.
        marker = dict.get(entry, "updated") or dict.get(entry, "published")
        if not marker:
            summary = (entry.get("title") or "") + "\n" + (entry.get("summary") or "")
            marker = hashlib.sha256(summary.encode("utf-8")).hexdigest()[:32]
        out.append(Item(key=_clip(entry.get("id") or link, 2048) or link, url=link[:2048],
                        title=_clip(entry.get("title"), 500), marker=_clip(marker, 200)))
    # feedparser reads slightly broken feeds as well as it can; a broken one with nothing usable is an error.
    if not out and parsed.get("bozo"):
        raise FeedError(f"{base_url} is not a readable feed: {parsed.get('bozo_exception')}.")
    return out


def _sitemap(content: bytes, base_url: str) -> list[Item]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"{base_url} is not a readable sitemap: {exc}.") from None
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        raise FeedError(f"{base_url} is a sitemap index; add one of the sitemaps it lists (a news sitemap).")
    out = []
    for node in root.iter(f"{SITEMAP_NS}url"):
        loc = (node.findtext(f"{SITEMAP_NS}loc") or "").strip()
        if not loc:
            continue
        title = node.findtext(f"{NEWS_NS}news/{NEWS_NS}title")
        marker = node.findtext(f"{SITEMAP_NS}lastmod") or node.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")
        out.append(Item(key=loc[:2048], url=loc[:2048], title=_clip(title, 500), marker=_clip(marker, 200)))
    return out
