"""Shared helpers for tests that load articles through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from app.config import Settings
from app.db import session_scope
from app.extraction.sources import load_manifest, read_sources
from app.pipeline import IngestResult, ingest_article
from tests.conftest import SEEDS, Database


def ingest_text(db: Database, text: str, settings: Settings | None = None, **meta: object) -> IngestResult:
    """Ingest one text in its own transaction."""
    with session_scope(db.engine) as session:
        return ingest_article(session=session, settings=settings or db.settings(), text=text, **meta)  # type: ignore[arg-type]


def ingest_seeds(db: Database, order: list[str] | None = None, folder: Path = SEEDS) -> list[IngestResult]:
    """Ingest the seed articles (in `order` of file names if given), one transaction each."""
    manifest = load_manifest(folder / "manifest.json")
    sources = list(read_sources([folder], manifest=manifest))
    if order:
        sources.sort(key=lambda s: order.index(s.name))
    out = []
    for s in sources:
        with session_scope(db.engine) as session:
            out.append(ingest_article(session=session, settings=db.settings(), text=s.text, title=s.title,
                                      outlet=s.outlet, url=s.url, published=s.published, source_name=s.name))
    return out


def partition(session: Session) -> set[frozenset[tuple[str, int, int]]]:
    """The grouping as a set of incidents, each the set of (article hash, start, value) of its claims."""
    from sqlmodel import select

    from app.articles.models import Article
    from app.claims.models import Claim

    groups: dict[int | None, set[tuple[str, int, int]]] = {}
    for claim, article in session.exec(select(Claim, Article).where(Claim.article_id == Article.id)).all():
        groups.setdefault(claim.incident_id, set()).add(
            (article.content_hash, claim.evidence_start, claim.value if claim.value is not None else -1)
        )
    return {frozenset(g) for g in groups.values()}
