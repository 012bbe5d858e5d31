"""facet_month: facet_day summed per calendar month, kept by triggers on facet_day

Revision ID: i12_facet_month
Revises: i10_review

A date window's facet counts then read whole months here and only the days at the window's two ends
in facet_day (a quarter: ~4,500 rows instead of ~8,500 for a thousand provinces). The triggers sit
on facet_day, whose own triggers (migration i12_facet_day) follow every write to incident_province
and incident_party, so the month roll-up changes in the same transaction as the incidents. A later
migration that recreates facet_day must create them again: tests/db/test_facet_day.py fails if
they are missing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i12_facet_month"
down_revision: str | Sequence[str] | None = "i10_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_triggers() -> list[str]:
    def month(row: str) -> str:
        return f"date({row}.day, 'start of month')"

    def subtract(row: str) -> str:
        return (f"UPDATE facet_month SET incidents = incidents - {row}.incidents WHERE facet = {row}.facet "
                f"AND value = {row}.value AND month = {month(row)};")

    def add(row: str) -> str:
        return (f"INSERT INTO facet_month (facet, value, month, incidents) VALUES ({row}.facet, {row}.value, "
                f"{month(row)}, {row}.incidents) "
                f"ON CONFLICT (facet, value, month) DO UPDATE SET incidents = incidents + excluded.incidents;")

    return [
        f"CREATE TRIGGER facet_month_insert AFTER INSERT ON facet_day BEGIN {add('NEW')} END",
        f"CREATE TRIGGER facet_month_delete AFTER DELETE ON facet_day BEGIN {subtract('OLD')} END",
        f"CREATE TRIGGER facet_month_update AFTER UPDATE ON facet_day BEGIN {subtract('OLD')} {add('NEW')} END",
    ]


def _postgresql_triggers() -> list[str]:
    return [
        "CREATE FUNCTION facet_month_bump() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN UPDATE facet_month SET incidents = incidents - OLD.incidents "
        "WHERE facet = OLD.facet AND value = OLD.value AND month = date_trunc('month', OLD.day)::date; END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO facet_month (facet, value, month, incidents) "
        "VALUES (NEW.facet, NEW.value, date_trunc('month', NEW.day)::date, NEW.incidents) "
        "ON CONFLICT (facet, value, month) DO UPDATE SET incidents = facet_month.incidents + excluded.incidents; "
        "END IF; RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER facet_month AFTER INSERT OR UPDATE OR DELETE ON facet_day "
        "FOR EACH ROW EXECUTE FUNCTION facet_month_bump()",
    ]


def upgrade() -> None:
    op.create_table(
        "facet_month",
        sa.Column("facet", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("incidents", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("facet IN ('province', 'claimant', 'subject', 'metric')",
                           name=op.f("ck_facet_month_facet")),
        sa.PrimaryKeyConstraint("facet", "value", "month", name=op.f("pk_facet_month")),
    )
    op.create_index("ix_facet_month_facet_month_value", "facet_month", ["facet", "month", "value", "incidents"])
    dialect = op.get_bind().dialect.name
    month = "date_trunc('month', day)::date" if dialect == "postgresql" else "date(day, 'start of month')"
    op.execute(f"INSERT INTO facet_month (facet, value, month, incidents) "
               f"SELECT facet, value, {month}, sum(incidents) FROM facet_day GROUP BY facet, value, {month}")
    for statement in _postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS facet_month ON facet_day")
        op.execute("DROP FUNCTION IF EXISTS facet_month_bump()")
    else:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS facet_month_{event}")
    op.drop_index("ix_facet_month_facet_month_value", table_name="facet_month")
    op.drop_table("facet_month")
