"""Claims: store the extractor's findings and read them back for pages and comparisons."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.articles.models import Article
from app.claims.models import Claim
from app.errors import NotFound
from app.extraction.types import ExtractedClaim
from app.incidents.comparison import ClaimFact


def create_many(
    *, session: Session, article_id: int, claims: Sequence[ExtractedClaim], version: str
) -> list[Claim]:
    """Store the extracted claims of one article, in extraction order."""
    rows = [
        Claim(
            article_id=article_id,
            claimant=c.claimant,
            metric=c.metric,
            subject=c.subject,
            value=c.value,
            value_high=c.value_high,
            qualifier=c.qualifier,
            stance=c.stance,
            event_date=c.event_date,
            date_basis=c.date_basis,
            provinces=list(c.provinces),
            evidence=c.evidence,
            evidence_start=c.start,
            evidence_end=c.end,
            value_text=c.value_text,
            rule=c.rule,
            extractor_version=version,
            story=c.story,
            agent=c.agent,
            claimant_name=c.claimant_name,
        )
        for c in claims
    ]
    session.add_all(rows)
    session.flush()
    return rows


def get(*, session: Session, claim_id: int) -> Claim:
    """The claim with this id, or NotFound."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    return claim


def list_for_article(*, session: Session, article_id: int) -> list[Claim]:
    """The claims of one article, in the order their evidence appears."""
    stmt = select(Claim).where(Claim.article_id == article_id).order_by(col(Claim.evidence_start), col(Claim.id))
    return list(session.exec(stmt).all())


def list_for_incident(*, session: Session, incident_id: int) -> list[tuple[Claim, Article]]:
    """The claims of one incident with their articles, oldest report first."""
    stmt = (
        select(Claim, Article)
        .join(Article, col(Article.id) == col(Claim.article_id))
        .where(Claim.incident_id == incident_id)
        .order_by(col(Article.published).asc().nulls_last(), col(Article.id), col(Claim.evidence_start))
    )
    return [(c, a) for c, a in session.exec(stmt).all()]


def facts(rows: Sequence[tuple[Claim, Article]]) -> list[ClaimFact]:
    """The claims as the comparison sees them (rejected ones left out)."""
    return [
        ClaimFact(
            claim_id=c.id if c.id is not None else 0,
            claimant=c.claimant,
            metric=c.metric,
            subject=c.subject,
            value=c.value,
            value_high=c.value_high,
            qualifier=c.qualifier,
            stance=c.stance,
            article_id=a.id if a.id is not None else 0,
            outlet=a.outlet,
            published=a.published,
            evidence=c.evidence,
        )
        for c, a in rows
        if c.review_status != "rejected"
    ]
