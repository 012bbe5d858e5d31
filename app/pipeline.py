"""The one path from an article's text to stored claims and incidents.

The CLI, the seed loader, the web upload form and the JSON API all call `ingest_article`;
none of them repeats a step. The caller owns the transaction: everything below happens in the
caller's session, so an article is stored with all its claims and incidents, or not at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.articles import service as articles
from app.articles.models import Article, ArticleHtml, WebPage
from app.articles.webpage import Page, compress, read_page
from app.claims import service as claims
from app.config import Settings
from app.db import serialize_ingest
from app.errors import Invalid
from app.extraction import EXTRACTOR_VERSION, Extraction, extract
from app.fetch import fetch
from app.incidents import grouping
from app.incidents import service as incidents
from app.incidents.models import IncidentUnit
from app.parties import service as parties
from app.review.models import Flag

MAX_TEXT_CHARS = 500_000
# Enough for MAX_TEXT_CHARS of UTF-8 text plus form fields: the upload routes' body limit.
MAX_UPLOAD_BODY = 4 * MAX_TEXT_CHARS + 200_000


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one article did."""

    article_id: int
    created: bool  # False when the same text was stored before (nothing changed)
    claims: int
    incidents: tuple[int, ...]
    version: int | None = None  # of a web page: 1 for its first text, 2 when the text changed, ...


def ingest_article(
    *,
    session: Session,
    settings: Settings,
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
    source_name: str | None = None,
    author: str | None = None,
    page_id: int | None = None,
    version: int | None = None,
    extraction: Extraction | None = None,
) -> IngestResult:
    """The result of storing one article, its claims and their incidents (idempotent by text).

    When another transaction stores the same text meanwhile, this one is rolled back (it held
    nothing else yet) and the stored article is the result, with `created` False.
    """
    text = articles.normalise_text(text)
    _validate(text=text, published=published, url=url)
    articles.check_fields(title=_clean(title), outlet=_clean(outlet), url=_clean(url), source_name=_clean(source_name))
    digest = articles.content_hash(text)
    existing = articles.by_hash(session=session, digest=digest)
    if existing is not None:
        return _stored(session=session, article=existing)

    if extraction is None:
        extraction = extract(text, published=published, title=_clean(title))
    serialize_ingest(session)
    existing = articles.by_hash(session=session, digest=digest)  # stored by another process meanwhile?
    if existing is not None:
        return _stored(session=session, article=existing)
    article = Article(
        url=_clean(url),
        outlet=_clean(outlet),
        title=_clean(title) or _headline(text),
        published=published,
        text=text,
        content_hash=digest,
        source_name=_clean(source_name),
        ingested_at=datetime.now(UTC),
        extractor_version=extraction.version or EXTRACTOR_VERSION,
        story_count=max(1, len(extraction.stories)),
        author=_clean(author),
        page_id=page_id,
        version=version,
    )
    session.add(article)
    try:
        session.flush()
    except IntegrityError:
        # Another transaction stored the same text since we looked (clients posting it at once):
        # the unique content hash refused ours. Nothing else was written in this transaction yet,
        # so roll it back and answer with the stored article, as if we had found it first.
        session.rollback()
        existing = articles.by_hash(session=session, digest=digest)
        if existing is None:
            raise
        return _stored(session=session, article=existing)
    assert article.id is not None

    parties.ensure(
        session=session,
        ids={c.claimant for c in extraction.claims} | {c.agent for c in extraction.claims if c.agent},
    )
    rows = claims.create_many(
        session=session, article_id=article.id, claims=extraction.claims, version=extraction.version
    )
    units = grouping.units_from_extraction(
        extraction, text, article_key=digest[:16], published=published, outlet=_clean(outlet)
    )
    touched = incidents.place_units(
        session=session,
        article_id=article.id,
        units=units,
        claim_ids=[r.id for r in rows if r.id is not None],
        window_days=settings.incident_window_days,
    )
    incidents.refresh(session=session, incident_ids=touched, tolerance=settings.contest_tolerance)
    return IngestResult(
        article_id=article.id, created=True, claims=len(rows), incidents=tuple(sorted(touched)), version=version
    )


def _stored(*, session: Session, article: Article) -> IngestResult:
    """The result for an article that was stored before (created False, nothing changed)."""
    assert article.id is not None
    stored = claims.list_for_article(session=session, article_id=article.id)
    return IngestResult(
        article_id=article.id,
        created=False,
        claims=len(stored),
        incidents=tuple(sorted({c.incident_id for c in stored if c.incident_id is not None})),
        version=article.version,
    )


def fetch_page(*, settings: Settings, url: str) -> Page:
    """The article read from the page at `url` (fetched safely; see app.fetch), not yet stored.

    Raises FetchError or NotAnArticle (both Invalid-like, with a message a person can act on).
    """
    return read_page(fetch(url, settings=settings))


def ingest_page(*, session: Session, settings: Settings, page: Page) -> IngestResult:
    """The result of storing a fetched page: stored once per canonical URL and text.

    The same text again is not stored again; a changed text becomes the next version of the
    page's article, and the version before it leaves its incidents (its claims and reviews stay).
    """
    now = datetime.now(UTC)
    text = articles.normalise_text(page.text)
    # Read the text before taking the ingest lock: only the storing is one at a time.
    extraction = extract(text, published=page.published, title=_clean(page.title)) if text.strip() else None
    serialize_ingest(session)
    web = session.exec(select(WebPage).where(WebPage.canonical_url == page.canonical_url)).first()
    existing = articles.by_hash(session=session, digest=articles.content_hash(text))
    if existing is not None:
        if web is not None:
            web.last_fetched_at = now
            session.add(web)
        return _stored(session=session, article=existing)
    if web is None:
        web = WebPage(canonical_url=page.canonical_url, first_seen_at=now, last_fetched_at=now)
        session.add(web)
        session.flush()
    else:
        web.last_fetched_at = now
        session.add(web)
    assert web.id is not None
    previous = session.exec(
        select(Article).where(Article.page_id == web.id).order_by(col(Article.version).desc()).limit(1)
    ).first()
    result = ingest_article(
        session=session, settings=settings, text=page.text, title=page.title, outlet=page.outlet,
        url=page.canonical_url, published=page.published, author=page.author, page_id=web.id,
        version=(previous.version or 0) + 1 if previous is not None else 1, extraction=extraction,
    )
    if not result.created:
        return result  # another process stored this text meanwhile (SQLite): nothing more to add
    session.add(ArticleHtml(
        article_id=result.article_id, fetched_url=page.fetched_url[:2048], final_url=page.final_url[:2048],
        content_type=page.content_type[:200], charset=(page.charset or None) and page.charset[:60],
        fetched_at=now, html_gz=compress(page.html),
    ))
    if previous is not None and previous.id is not None and not previous.superseded:
        previous.superseded = True
        session.add(previous)
        session.flush()
        incidents.withdraw_article(session=session, article_id=previous.id, tolerance=settings.contest_tolerance)
    session.flush()
    return result


def _validate(*, text: str, published: date | None, url: str | None) -> None:
    if not text.strip():
        raise Invalid("The article has no text.")
    if len(text) > MAX_TEXT_CHARS:
        raise Invalid(f"The article is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}.")
    if "\x00" in text:
        raise Invalid("The article contains NUL characters; is it a binary file?")
    articles.check_published(published)
    if url and not url.startswith(("http://", "https://")):
        raise Invalid(f"The URL {url!r} is not an http(s) address.")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _headline(text: str) -> str | None:
    """The first line of the text when it looks like a headline (short, no final full stop, not a byline)."""
    first = text.strip().split("\n", 1)[0].strip()
    if not 0 < len(first) <= 200 or first.endswith((".", ":")) or len(first.split()) < 3:
        return None
    if first.startswith(("-", "•", "*", "By ", "BY ")) or first.lower().startswith(("by ", "source:", "posted")):
        return None
    return first


@dataclass(frozen=True, slots=True)
class ReextractResult:
    """What re-reading one stored article did, and the human decisions it left alone."""

    article_id: int
    version: str
    replaced: int  # claims nobody had touched, replaced by the new reading
    found: int  # claims of the new reading
    kept: int  # claims people reviewed, corrected or moved, kept as they left them
    kept_unmatched: int  # of those, claims the new reading no longer finds (kept all the same)
    added_kept: int  # claims people added, untouched
    incidents: tuple[int, ...]


def _claim_key(start: int, end: int, value_text: str) -> tuple[int, int, str]:
    return (start, end, value_text)


def reextract_article(*, session: Session, settings: Settings, article_id: int) -> ReextractResult:
    """The result of reading a stored article again with the current extractor.

    Claims nobody touched are replaced by the new reading. A claim a person reviewed, corrected
    or moved is kept as it is and stands in for the new reading of the same figure (same evidence);
    claims people added are left alone; incidents people merged or split stay as they are.
    """
    article = articles.get(session=session, article_id=article_id)
    assert article.id is not None
    old = claims.list_for_article(session=session, article_id=article.id)
    # A flag is a person's doubt about that very claim: a flagged claim is kept like a reviewed one.
    flagged = set(session.exec(select(Flag.claim_id).where(col(Flag.claim_id).in_([c.id for c in old]))).all())
    touched_by_people = [c for c in old if c.human or c.id in flagged]
    human = {_claim_key(c.evidence_start, c.evidence_end, c.value_text): c
             for c in touched_by_people if c.origin == "extractor"}
    added = [c for c in old if c.origin != "extractor"]
    machine = [c for c in old if c not in touched_by_people]
    before_incidents = {c.incident_id for c in old if c.incident_id is not None}
    extraction = extract(article.text, published=article.published, title=article.title)
    # Units of this article go; the new reading places its own (under new keys, so that no
    # process's cache of parsed units can serve the old ones).
    old_units = session.exec(select(IncidentUnit).where(IncidentUnit.article_id == article.id)).all()
    pinned = incidents.pinned_ids(session=session, incident_ids={u.incident_id for u in old_units})
    pins = {incidents.unit_suffix(u.key): u.incident_id for u in old_units if u.incident_id in pinned}
    session.execute(delete(IncidentUnit).where(col(IncidentUnit.article_id) == article.id))
    for gone in machine:
        session.delete(gone)
    session.flush()
    parties.ensure(session=session, ids={c.claimant for c in extraction.claims} | {c.agent for c in extraction.claims
                                                                                    if c.agent})
    claim_ids: list[int] = []
    matched: set[int] = set()
    for x in extraction.claims:
        kept = human.get(_claim_key(x.start, x.end, x.value_text))
        if kept is not None and kept.id is not None and kept.id not in matched:
            matched.add(kept.id)
            claim_ids.append(kept.id)
            continue
        (row,) = claims.create_many(session=session, article_id=article.id, claims=[x], version=extraction.version)
        assert row.id is not None
        claim_ids.append(row.id)
    # A kept claim the new reading no longer finds keeps its incident: no unit carries it now.
    unmatched = [c for c in human.values() if c.id not in matched]
    for left in unmatched:
        left.incident_locked = left.incident_id is not None
        session.add(left)
    version = extraction.version or EXTRACTOR_VERSION
    tag = hashlib.sha1(version.encode()).hexdigest()[:6]
    units = grouping.units_from_extraction(extraction, article.text, article_key=f"{article.content_hash[:16]}.{tag}",
                                           published=article.published, outlet=article.outlet)
    touched = incidents.place_units(session=session, article_id=article.id, units=units, claim_ids=claim_ids,
                                    window_days=settings.incident_window_days, pins=pins)
    article.extractor_version = version
    article.story_count = max(1, len(extraction.stories))
    session.add(article)
    session.flush()
    incidents.refresh(session=session, incident_ids=touched | before_incidents
                      | {c.incident_id for c in added if c.incident_id is not None},
                      tolerance=settings.contest_tolerance)
    return ReextractResult(
        article_id=article.id, version=version, replaced=len(machine), found=len(extraction.claims),
        kept=len(human), kept_unmatched=len(unmatched), added_kept=len(added), incidents=tuple(sorted(touched)),
    )
