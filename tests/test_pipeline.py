"""The one ingest pipeline: stored article, claims with valid provenance, incidents; atomic, idempotent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.articles.models import Article
from app.claims.models import Claim
from app.errors import Invalid
from app.incidents import service as incidents_service
from app.incidents.models import Incident
from tests.conftest import SEEDS, Database
from tests.helpers import ingest_seeds, ingest_text, partition


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_seeds_store_articles_claims_and_incidents(db: Database, session: Session) -> None:
    results = ingest_seeds(db)
    assert len(results) == 5 and all(r.created for r in results)
    assert _count(session, Article) == 5
    claims = session.exec(select(Claim)).all()
    assert len(claims) >= 15
    for claim in claims:
        article = session.get(Article, claim.article_id)
        assert article is not None
        assert article.text[claim.evidence_start:claim.evidence_end] == claim.evidence
        assert claim.incident_id is not None, f"claim {claim.id} has no incident"


def test_border_clash_incident_holds_both_parties_death_tolls(db: Database, session: Session) -> None:
    ingest_seeds(db)
    afghan = session.exec(select(Claim).where(Claim.claimant == "afghanistan", Claim.metric == "killed",
                                              Claim.subject == "pakistan", Claim.value == 58)).all()
    pakistani = session.exec(select(Claim).where(Claim.claimant == "pakistan", Claim.metric == "killed",
                                                 Claim.subject == "pakistan", Claim.value == 23)).all()
    assert afghan and pakistani
    assert {c.incident_id for c in afghan} == {pakistani[0].incident_id}
    incident = session.get(Incident, pakistani[0].incident_id)
    assert incident is not None
    assert incident.first_date == date(2025, 10, 11)
    assert incident.contested
    assert "58" in incident.headline and "23" in incident.headline


def test_same_text_twice_is_stored_once(db: Database, session: Session) -> None:
    first = ingest_seeds(db)
    claims_before = _count(session, Claim)
    again = ingest_seeds(db)
    assert [r.created for r in again] == [False] * 5
    assert [r.article_id for r in again] == [r.article_id for r in first]
    assert _count(session, Article) == 5 and _count(session, Claim) == claims_before


def test_whitespace_and_line_endings_do_not_make_a_new_article(db: Database, session: Session) -> None:
    text = "The army said 23 of its soldiers were killed on Saturday.\nOfficials confirmed it."
    a = ingest_text(db, text, published=date(2025, 10, 12))
    b = ingest_text(db, "\ufeff" + text.replace("\n", "\r\n") + "\n\n", published=date(2025, 10, 12))
    assert a.created and not b.created and a.article_id == b.article_id


def test_a_failure_half_way_leaves_nothing_behind(db: Database, session: Session,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> set[int]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(incidents_service, "place_units", broken)
    with pytest.raises(RuntimeError):
        ingest_text(db, "Pakistan's army said 23 soldiers were killed in Kurram on Saturday.",
                    published=date(2025, 10, 12))
    assert _count(session, Article) == 0
    assert _count(session, Claim) == 0


@pytest.mark.parametrize(
    ("text", "meta", "message"),
    [
        ("   \n ", {}, "no text"),
        ("Some text.", {"published": date.today() + timedelta(days=30)}, "future"),
        ("Some text.", {"url": "javascript:alert(1)"}, "http"),
        ("Bad \x00 bytes", {}, "NUL"),
    ],
)
def test_bad_articles_are_refused_with_a_reason(db: Database, text: str, meta: dict[str, object],
                                                message: str) -> None:
    with pytest.raises(Invalid, match=message):
        ingest_text(db, text, **meta)


def test_arrival_order_does_not_change_the_incidents(db: Database, session: Session) -> None:
    ingest_seeds(db)
    forward = partition(session)
    session.rollback()  # end the read transaction: emptying the tables needs their locks
    db.empty()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    ingest_seeds(db, order=list(reversed(names)))
    session.expire_all()
    assert partition(session) == forward


def test_regroup_reproduces_the_incremental_grouping(db: Database, session: Session) -> None:
    ingest_seeds(db)
    before = partition(session)
    settings = db.settings()
    result = incidents_service.regroup(session=session, window_days=settings.incident_window_days,
                                       tolerance=settings.contest_tolerance)
    session.commit()
    session.expire_all()
    assert result.units >= result.incidents >= 4
    assert partition(session) == before
