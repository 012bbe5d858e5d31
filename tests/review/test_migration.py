"""Migration 0004 (review) keeps every stored row: on SQLite its table copies must not cascade."""

from __future__ import annotations

from sqlalchemy import text

from app.migrate import downgrade, upgrade
from tests.conftest import Database
from tests.helpers import ingest_seeds

COUNTS = "SELECT (SELECT count(*) FROM claim), (SELECT count(*) FROM claim WHERE incident_id IS NOT NULL)," \
         " (SELECT count(*) FROM incident_unit), (SELECT count(*) FROM incident), (SELECT count(*) FROM article)"


def test_down_and_up_across_the_review_migration_keeps_claims_units_and_incidents(db: Database) -> None:
    ingest_seeds(db)
    with db.engine.connect() as conn:
        before = conn.execute(text(COUNTS)).one()
        placed = conn.execute(text("SELECT id, incident_id FROM claim ORDER BY id")).all()
    assert before[1] == before[0] > 0 and before[2] > 0
    try:
        downgrade(db.url, "0004_web_sources")
        with db.engine.connect() as conn:
            assert conn.execute(text(COUNTS)).one() == before
        upgrade(db.url, "head")
        with db.engine.connect() as conn:
            assert conn.execute(text(COUNTS)).one() == before
            assert conn.execute(text("SELECT id, incident_id FROM claim ORDER BY id")).all() == placed
            grades = dict(conn.execute(text("SELECT grade, count(*) FROM incident GROUP BY grade")).all())
        assert grades.get("contested", 0) >= 1  # the seeds' border clashes, graded by the migration
    finally:
        upgrade(db.url, "head")
