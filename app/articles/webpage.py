"""A fetched web page as an article: main text and metadata (trafilatura), canonical URL, refusals.

Pure apart from the HTML parsing: no database, no network. `app.pipeline.fetch_page` fetches
and calls `read_page`; the stored HTML can be read again with `read_html` to re-derive the text.
"""

from __future__ import annotations

import codecs
import gzip
import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

import courlan
import trafilatura
from selectolax.lexbor import LexborHTMLParser
from trafilatura.utils import decode_file

from app.errors import Invalid
from app.fetch import Fetched, FetchError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})
# Below this many characters of main text a page is not read as an article.
MIN_TEXT_CHARS = 200
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WALL_WORDS = re.compile(r"\b(subscribe|subscription|subscribers?|sign in|log in|login|register|paywall)\b", re.I)


class NotAnArticle(Invalid):
    """A page that is not a readable article (a PDF, an image, a login wall, no main text)."""


@dataclass(frozen=True, slots=True)
class Page:
    """What an article page gives: its text and metadata, where it lives, and its HTML."""

    canonical_url: str
    final_url: str
    fetched_url: str
    title: str | None
    outlet: str | None
    author: str | None
    published: date | None
    text: str
    html: bytes
    content_type: str
    charset: str | None


def canonical_url(url: str) -> str:
    """`url` without tracking parameters and fragment, host in lower case, query sorted."""
    try:
        cleaned = courlan.normalize_url(url, strict=True)
    except ValueError:
        return url
    return cleaned or url


def _same_site(a: str, b: str) -> bool:
    """True when two URLs' hosts share their last two labels (www.x.org, amp.x.org, x.org)."""
    ha, hb = (urlsplit(u).hostname or "" for u in (a, b))
    return bool(ha) and ha.split(".")[-2:] == hb.split(".")[-2:]


def decode(content: bytes, charset: str | None) -> str:
    """The page's text, decoded by the HTTP charset, else the <meta> charset, else UTF-8, else a guess."""
    candidates = [charset]
    found = _META_CHARSET.search(content[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", "replace"))
    for name in candidates:
        if not name:
            continue
        try:
            codecs.lookup(name)
            return content.decode(name, errors="replace")
        except LookupError:
            continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return str(decode_file(content))


def _refuse_non_html(fetched: Fetched) -> None:
    url, kind = fetched.final_url, fetched.content_type
    if fetched.status in (401, 403, 407):
        raise NotAnArticle(f"{url} answered HTTP {fetched.status}: it is behind a login wall or forbidden.")
    if fetched.status >= 500 or fetched.status in (408, 429):
        raise FetchError(f"{url} answered HTTP {fetched.status}; try again later.")
    if fetched.status >= 400:
        raise NotAnArticle(f"{url} answered HTTP {fetched.status}; there is no article to read.")
    if fetched.status != 200:
        raise NotAnArticle(f"{url} answered HTTP {fetched.status} instead of a page.")
    if kind == "application/pdf" or fetched.content.startswith(b"%PDF-"):
        raise NotAnArticle(f"{url} is a PDF; Counterclaim reads web pages. Save its text and add it as a file.")
    if kind.startswith("image/"):
        raise NotAnArticle(f"{url} is an image ({kind}), not an article.")
    if kind not in HTML_TYPES:
        raise NotAnArticle(f"{url} is {kind}, not a web page.")


def _canonical(html: str, final_url: str) -> str:
    tree = LexborHTMLParser(html)
    for node in tree.css("link[rel]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        href = (node.attributes.get("href") or "").strip()
        if "canonical" in rels and href:
            candidate = urljoin(final_url, href)
            # A page may name its own canonical address, not another site's: else one site could
            # overwrite another's articles with new "versions".
            if candidate.startswith(("http://", "https://")) and _same_site(candidate, final_url):
                return canonical_url(candidate)
    return canonical_url(final_url)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        found = date.fromisoformat(value[:10])
    except ValueError:
        return None
    # A page dated in the future has a wrong date; keep the article, not the date.
    return found if found <= date.today() + timedelta(days=1) else None


def read_html(html: str, *, url: str) -> tuple[str, dict[str, str | None]]:
    """The main text and metadata (title, outlet, author, date) of a page's HTML."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True, deduplicate=False)
    if doc is None or isinstance(doc, dict):
        return "", {}
    meta = {"title": doc.title, "outlet": doc.sitename, "author": doc.author, "date": doc.date}
    return (doc.text or "").strip(), meta


def read_page(fetched: Fetched) -> Page:
    """The article on a fetched page, or NotAnArticle with the reason."""
    _refuse_non_html(fetched)
    html = decode(fetched.content, fetched.charset)
    if not html.strip():
        raise NotAnArticle(f"{fetched.final_url} is an empty page.")
    text, meta = read_html(html, url=fetched.final_url)
    if len(text) < MIN_TEXT_CHARS:
        lowered = html.lower()
        if 'type="password"' in lowered or "type=password" in lowered or _WALL_WORDS.search(text or html[:20000]):
            raise NotAnArticle(f"{fetched.final_url} shows no article text: it seems to be behind a login "
                               "wall or paywall. Paste the text instead.")
        raise NotAnArticle(f"{fetched.final_url} has no main text that reads as an article "
                           f"({len(text)} characters found). Paste the text instead.")
    host = urlsplit(fetched.final_url).hostname
    outlet = meta.get("outlet") or host
    return Page(
        canonical_url=_canonical(html, fetched.final_url),
        final_url=fetched.final_url,
        fetched_url=fetched.url,
        title=meta.get("title"),
        outlet=outlet[:200] if outlet else None,
        author=(meta.get("author") or None) and str(meta["author"])[:300],
        published=_date(meta.get("date")),
        text=text,
        html=fetched.content,
        content_type=fetched.content_type or "text/html",
        charset=fetched.charset,
    )


def compress(html: bytes) -> bytes:
    """The page's bytes, gzip-compressed for storage."""
    return gzip.compress(html, compresslevel=6)


def decompress(data: bytes) -> bytes:
    """The page's bytes as fetched."""
    return gzip.decompress(data)
