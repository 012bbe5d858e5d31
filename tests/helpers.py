"""Shared helpers for tests that load articles through the real pipeline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import Settings
from app.db import session_scope
from app.extraction.sources import load_manifest, read_sources
from app.incidents.models import Incident, IncidentParty, IncidentProvince
from app.incidents.queries import facet_cache
from app.parties.models import Party
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


def add_incidents(db: Database | Engine, counts: dict[str, int], *, day: date = date(2025, 3, 10),
                  claimant: str = "pakistan") -> None:
    """`n` incidents in each province of `counts` (one province each), on `day`; the triggers count them."""
    engine = db if isinstance(db, Engine) else db.engine
    with engine.begin() as conn:
        first = int(conn.execute(select(func.coalesce(func.max(Incident.__table__.c.id), 0))).scalar_one()) + 1
        incidents, places, parties = [], [], []
        for province, n in counts.items():
            for _ in range(n):
                incidents.append({
                    "id": first, "title": f"Clash in {province}", "summary": "", "first_date": day,
                    "last_date": day, "provinces": [province], "parties": [claimant], "status": "open",
                    "discrepancy": 0.0, "contested": False, "headline": "", "headline_data": {},
                    "claim_count": 1, "article_count": 1, "outlet_count": 1, "updated_at": datetime.now(UTC),
                    "last_reported": day,
                })
                places.append({"incident_id": first, "province": province, "first_date": day})
                parties.append({"incident_id": first, "role": "claimant", "party": claimant, "first_date": day})
                first += 1
        if conn.execute(select(Party.__table__.c.id).where(Party.__table__.c.id == claimant)).first() is None:
            conn.execute(insert(Party), [{"id": claimant, "display_name": claimant.title(), "kind": "state"}])
        conn.execute(insert(Incident), incidents)
        conn.execute(insert(IncidentProvince), places)
        conn.execute(insert(IncidentParty), parties)
    facet_cache.clear()
