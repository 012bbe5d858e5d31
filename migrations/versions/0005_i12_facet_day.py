"""facet_day, facet_total: incidents per (day and) facet value, kept by triggers, for fast facet counts

Revision ID: i12_facet_day
Revises: i12_last_reported

Triggers on incident_province and incident_party add and subtract in the same transaction as
every write, whoever writes (the pipeline, regroup, merges, a bulk loader), so the roll-up never
drifts. A later migration that recreates either table (Alembic's batch mode on SQLite does) drops
its triggers and must create them again: tests/db/test_facet_day.py fails if they are missing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i12_facet_day"
down_revision: str | Sequence[str] | None = "i12_last_reported"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNDATED = "0001-01-01"
# (table, trigger name stem, facet expression, value column)
SOURCES = (("incident_province", "province", "'province'", "province"),
           ("incident_party", "party", "{row}.role", "party"))


def _sqlite_triggers() -> list[str]:
    out = []
    for table, stem, facet, value in SOURCES:
        def bump(row: str, n: int, facet: str = facet, value: str = value) -> str:
            f = facet.format(row=row)
            if n > 0:
                return (f"INSERT INTO facet_day (facet, value, day, incidents) VALUES ({f}, {row}.{value}, "
                        f"coalesce({row}.first_date, '{UNDATED}'), 1) "
                        "ON CONFLICT (facet, value, day) DO UPDATE SET incidents = incidents + 1; "
                        f"INSERT INTO facet_total (facet, value, incidents) VALUES ({f}, {row}.{value}, 1) "
                        "ON CONFLICT (facet, value) DO UPDATE SET incidents = incidents + 1;")
            return (f"UPDATE facet_day SET incidents = incidents - 1 WHERE facet = {f} AND value = {row}.{value} "
                    f"AND day = coalesce({row}.first_date, '{UNDATED}'); "
                    f"UPDATE facet_total SET incidents = incidents - 1 WHERE facet = {f} AND value = {row}.{value};")
        out += [
            f"CREATE TRIGGER facet_day_{stem}_insert AFTER INSERT ON {table} BEGIN {bump('NEW', 1)} END",
            f"CREATE TRIGGER facet_day_{stem}_delete AFTER DELETE ON {table} BEGIN {bump('OLD', -1)} END",
            f"CREATE TRIGGER facet_day_{stem}_update AFTER UPDATE ON {table} BEGIN "
            f"{bump('OLD', -1)} {bump('NEW', 1)} END",
        ]
    return out


def _postgresql_triggers() -> list[str]:
    out = [
        "CREATE FUNCTION facet_day_bump(f text, v text, d date, n integer) RETURNS void AS $$ BEGIN "
        "INSERT INTO facet_day (facet, value, day, incidents) "
        f"VALUES (f, v, coalesce(d, DATE '{UNDATED}'), n) "
        "ON CONFLICT (facet, value, day) DO UPDATE SET incidents = facet_day.incidents + n; "
        "INSERT INTO facet_total (facet, value, incidents) VALUES (f, v, n) "
        "ON CONFLICT (facet, value) DO UPDATE SET incidents = facet_total.incidents + n; "
        "END $$ LANGUAGE plpgsql",
    ]
    for table, stem, facet, value in SOURCES:
        old, new = facet.format(row="OLD"), facet.format(row="NEW")
        out += [
            f"CREATE FUNCTION facet_day_{stem}() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM facet_day_bump({old}, OLD.{value}, OLD.first_date, -1); "
            "END IF; "
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM facet_day_bump({new}, NEW.{value}, NEW.first_date, 1); "
            "END IF; RETURN NULL; END $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER facet_day_{stem} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION facet_day_{stem}()",
        ]
    return out


def upgrade() -> None:
    op.create_table(
        "facet_day",
        sa.Column("facet", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("incidents", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("facet IN ('province', 'claimant', 'subject', 'metric')", name=op.f("ck_facet_day_facet")),
        sa.PrimaryKeyConstraint("facet", "value", "day", name=op.f("pk_facet_day")),
    )
    op.create_table(
        "facet_total",
        sa.Column("facet", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
        sa.Column("incidents", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("facet IN ('province', 'claimant', 'subject', 'metric')",
                           name=op.f("ck_facet_total_facet")),
        sa.PrimaryKeyConstraint("facet", "value", name=op.f("pk_facet_total")),
    )
    op.create_index("ix_facet_day_facet_value_day", "facet_day", ["facet", "value", "day", "incidents"])
    op.create_index("ix_facet_day_facet_day_value", "facet_day", ["facet", "day", "value", "incidents"])
    # What is stored already, then the triggers for everything written from now on.
    op.execute(
        "INSERT INTO facet_day (facet, value, day, incidents) "
        f"SELECT 'province', province, coalesce(first_date, '{UNDATED}'), count(*) FROM incident_province "
        f"GROUP BY province, coalesce(first_date, '{UNDATED}')"
    )
    op.execute(
        "INSERT INTO facet_day (facet, value, day, incidents) "
        f"SELECT role, party, coalesce(first_date, '{UNDATED}'), count(*) FROM incident_party "
        f"GROUP BY role, party, coalesce(first_date, '{UNDATED}')"
    )
    op.execute("INSERT INTO facet_total (facet, value, incidents) "
               "SELECT facet, value, sum(incidents) FROM facet_day GROUP BY facet, value")
    dialect = op.get_bind().dialect.name
    for statement in _postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stem in ("province", "party"):
            table = "incident_province" if stem == "province" else "incident_party"
            op.execute(f"DROP TRIGGER IF EXISTS facet_day_{stem} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS facet_day_{stem}()")
        op.execute("DROP FUNCTION IF EXISTS facet_day_bump(text, text, date, integer)")
    else:
        for stem in ("province", "party"):
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS facet_day_{stem}_{event}")
    op.drop_index("ix_facet_day_facet_day_value", table_name="facet_day")
    op.drop_index("ix_facet_day_facet_value_day", table_name="facet_day")
    op.drop_table("facet_day")
    op.drop_table("facet_total")
