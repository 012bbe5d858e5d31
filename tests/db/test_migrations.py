"""The migration chain: empty → head → base on every engine, and the models match it."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.migrate import downgrade, include_object, upgrade
from app.models import metadata
from tests.conftest import Database

TABLES = {"article", "claim", "incident", "incident_province", "incident_party", "incident_unit", "party",
          "app_user", "audit_entry", "web_page", "article_html", "source", "source_entry"}


def test_models_match_the_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        diff = compare_metadata(context, metadata)
    assert diff == [], f"models and migrations differ; run alembic revision --autogenerate: {diff}"


def test_downgrade_to_base_and_back_to_head(db: Database) -> None:
    downgrade(db.url, "base")
    with db.engine.connect() as conn:
        left = set(inspect(conn).get_table_names()) & TABLES
    assert left == set()
    upgrade(db.url, "head")
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= TABLES


def test_web_page_migration_keeps_the_sqlite_search_triggers_both_ways(db: Database) -> None:
    if db.kind != "sqlite":
        pytest.skip("the search triggers are SQLite's (PostgreSQL uses an index)")
    from sqlalchemy import text

    def triggers() -> set[str]:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
        return {r[0] for r in rows if r[0].startswith("article_fts")}

    expected = {"article_fts_ai", "article_fts_ad", "article_fts_au"}
    assert triggers() == expected
    downgrade(db.url, "i12_facet_day")
    assert triggers() == expected
    upgrade(db.url, "head")
    assert triggers() == expected


def test_last_reported_and_metric_rows_are_filled_in_for_existing_incidents(db: Database) -> None:
    from sqlalchemy import text

    from tests.helpers import ingest_seeds

    ingest_seeds(db)
    query = ("SELECT (SELECT count(*) FROM incident_party WHERE role = 'metric'), "
             "(SELECT count(*) FROM incident WHERE last_reported IS NOT NULL)")
    with db.engine.connect() as conn:
        before = conn.execute(text(query)).one()
    assert before[0] > 0 and before[1] > 0
    downgrade(db.url, "0003")
    upgrade(db.url, "head")
    with db.engine.connect() as conn:
        assert conn.execute(text(query)).one() == before
