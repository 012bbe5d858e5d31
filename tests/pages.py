"""HTML pages and feeds written for the tests, in the shapes real news sites use."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from html import escape

BODY = [
    "Afghan Taliban forces said on Sunday that 58 Pakistani soldiers were killed in overnight clashes "
    "along the border in Kunar province, a figure Pakistan's army rejected.",
    "Pakistan's military said 23 of its soldiers died in the fighting and that more than 200 Taliban "
    "fighters and affiliated militants were killed in retaliatory strikes.",
    "Residents of the border villages described hours of heavy artillery fire that forced families to "
    "leave their homes before dawn, and local officials said the crossing would stay closed.",
    "The clashes followed weeks of rising tension over militant attacks that Islamabad blames on groups "
    "sheltering across the frontier, an accusation the authorities in Kabul deny.",
]

CHROME_TOP = """
<header class="site-header"><a class="logo" href="/">The Frontier Post</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="ad ad-leaderboard">Advertisement: Buy the best phones at low prices today</div>
"""
CHROME_BOTTOM = """
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a/1">Cricket board announces new season schedule</a></li>
<li><a href="/a/2">Markets close higher on energy stocks</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader123: This comment should never be read as part of the article, really.</p></div>
</section>
<footer><p>© 2025 The Frontier Post. All rights reserved. Privacy policy. Cookie settings.</p></footer>
"""


def article_html(
    *,
    headline: str = "Taliban claim 58 Pakistani soldiers killed in border clashes",
    paragraphs: list[str] | None = None,
    canonical: str | None = None,
    published: str = "2025-10-12T08:30:00+05:00",
    author: str = "Amina Yusuf",
    outlet: str = "The Frontier Post",
    amp: bool = False,
    charset: str = "utf-8",
) -> str:
    """A news article page: JSON-LD NewsArticle, navigation, ads, related links and comments around it."""
    paragraphs = paragraphs if paragraphs is not None else BODY
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": published,
        "author": [{"@type": "Person", "name": author}],
        "publisher": {"@type": "Organization", "name": outlet},
    }
    head = [
        f'<meta charset="{charset}">',
        f"<title>{escape(headline)} | {escape(outlet)}</title>",
        f'<meta property="og:site_name" content="{escape(outlet)}">',
        f'<meta name="author" content="{escape(author)}">',
        f'<script type="application/ld+json">{json.dumps(ld)}</script>',
    ]
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if amp:
        head.append('<script async src="https://cdn.ampproject.org/v0.js"></script>')
        head.append("<style amp-boilerplate>body{visibility:hidden}</style>")
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html_attr = ' amp lang="en"' if amp else ' lang="en"'
    return (
        f"<!doctype html><html{html_attr}><head>{''.join(head)}</head><body>{CHROME_TOP}"
        f'<main><article class="story"><h1>{escape(headline)}</h1>'
        f'<p class="byline">By {escape(author)}</p>{body}</article></main>{CHROME_BOTTOM}</body></html>'
    )


def paywall_html() -> str:
    """A paywall stub: a teaser line and a subscription box, no article."""
    return (
        "<!doctype html><html><head><title>Subscribe to read | The Ledger</title></head><body>"
        f"{CHROME_TOP}<article><h1>Border clashes: what we know</h1>"
        "<p>Subscribe to continue reading.</p>"
        '<div class="paywall"><p>Already a subscriber? Sign in.</p>'
        '<form action="/login"><input name="email"><input type="password" name="pw">'
        "<button>Log in</button></form></div></article></body></html>"
    )


def nav_only_html() -> str:
    """A section front: links and chrome, no main text."""
    links = "".join(f'<li><a href="/a/{i}">Headline number {i}</a></li>' for i in range(30))
    return f"<!doctype html><html><head><title>World</title></head><body><ul>{links}</ul></body></html>"


def rss(items: list[dict[str, str]], *, title: str = "The Frontier Post") -> str:
    """An RSS 2.0 feed of `items` (keys: title, link, guid, pubDate)."""
    body = "".join(
        "<item>"
        f"<title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
        f"<guid isPermaLink=\"false\">{escape(i.get('guid', i['link']))}</guid>"
        f"<pubDate>{escape(i.get('pubDate', 'Sun, 12 Oct 2025 08:00:00 GMT'))}</pubDate>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link><description>news</description>"
        f"{body}</channel></rss>"
    )


def atom(items: list[dict[str, str]]) -> str:
    """An Atom feed of `items` (keys: title, link, id, updated)."""
    body = "".join(
        f"<entry><title>{escape(i['title'])}</title><link href=\"{escape(i['link'])}\"/>"
        f"<id>{escape(i.get('id', i['link']))}</id><updated>{i.get('updated', '2025-10-12T08:00:00Z')}</updated>"
        "</entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom news</title><id>urn:x</id><updated>2025-10-12T08:00:00Z</updated>"
        f"{body}</feed>"
    )


def news_sitemap(urls: list[tuple[str, str]]) -> str:
    """A Google News sitemap of (url, title)."""
    when = (datetime.now(UTC) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>Post</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{when}"
        f"</news:publication_date><news:title>{escape(t)}</news:title></news:news></url>"
        for u, t in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + body + "</urlset>"
    )


def numbered_story(n: int, *, changed: bool = False) -> str:
    """The n-th of many distinct article pages (text differs per n; `changed` gives an updated text)."""
    paragraphs = [
        f"Officials in Kunar province said on Sunday that {n + 3} civilians were wounded when shells hit "
        f"the village of Dara number {n} during clashes along the border.",
        f"Report {n}: residents said the shelling went on for several hours and that at least {n % 7 + 2} homes "
        "were destroyed, while the district governor called for calm and promised help to families.",
        "Border crossings in the area remained closed and traders said hundreds of lorries were waiting.",
    ]
    if changed:
        paragraphs.append(f"Update: the provincial health department later raised the toll of report {n} "
                          f"to {n + 9} wounded.")
    return article_html(headline=f"Shelling wounds civilians in Dara {n}", paragraphs=paragraphs,
                        published="2025-10-12T08:30:00+05:00")
