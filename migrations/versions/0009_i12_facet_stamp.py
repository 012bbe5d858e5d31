"""facet_clock and facet_day.stamp: on SQLite, which province rows of facet_day changed since when

Revision ID: i12_facet_stamp
Revises: i12_facet_month

Triggers on facet_day (SQLite) count every change of a province row on a clock (facet_clock's one
row) and write the clock's new value on the row, in the writing transaction. SQLite lets one
writer commit at a time, so stamps grow in commit order, and a reader that holds the rows up to
stamp N reads the rows changed since with `stamp > N` (app/incidents/province_counts.py keeps the
province counts of every day in memory that way). Rows of facet_day are never deleted by the
application (a count goes down to 0); a deletion all the same draws a new `epoch`, and so does a
clock row that is created again, and a reader that sees another epoch reads everything again.
facet_month's update trigger now fires on a change of `incidents` only, so that writing a stamp
does not subtract and add a day's count again.

PostgreSQL has the table and the column but no stamps (its writers commit in parallel: a stamp
taken in one transaction can become visible after a larger one) and counts the facet in SQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i12_facet_stamp"
down_revision: str | Sequence[str] | None = "i12_facet_month"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "facet = NEW.facet AND value = NEW.value AND day = NEW.day"
TICK = ("INSERT INTO facet_clock (id, epoch, stamp) VALUES (1, random(), 1) "
        "ON CONFLICT (id) DO UPDATE SET stamp = stamp + 1{also};")


def _month_update(of: str) -> str:
    month_old, month_new = "date(OLD.day, 'start of month')", "date(NEW.day, 'start of month')"
    return (f"CREATE TRIGGER facet_month_update AFTER UPDATE{of} ON facet_day BEGIN "
            f"UPDATE facet_month SET incidents = incidents - OLD.incidents WHERE facet = OLD.facet "
            f"AND value = OLD.value AND month = {month_old}; "
            f"INSERT INTO facet_month (facet, value, month, incidents) VALUES (NEW.facet, NEW.value, "
            f"{month_new}, NEW.incidents) "
            f"ON CONFLICT (facet, value, month) DO UPDATE SET incidents = incidents + excluded.incidents; END")


def upgrade() -> None:
    op.create_table(
        "facet_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.BigInteger(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_facet_clock_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facet_clock")),
    )
    op.add_column("facet_day", sa.Column("stamp", sa.BigInteger(), nullable=True))
    op.create_index("ix_facet_day_facet_stamp", "facet_day", ["facet", "stamp"])
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("INSERT INTO facet_clock (id, epoch, stamp) VALUES (1, random(), 1)")
    op.execute("UPDATE facet_day SET stamp = 1 WHERE facet = 'province'")
    op.execute("DROP TRIGGER IF EXISTS facet_month_update")
    op.execute(_month_update(" OF incidents"))
    for event, of in (("insert", "INSERT"), ("update", "UPDATE OF incidents")):
        op.execute(f"CREATE TRIGGER facet_stamp_{event} AFTER {of} ON facet_day WHEN NEW.facet = 'province' "
                   f"BEGIN {TICK.format(also='')} "
                   f"UPDATE facet_day SET stamp = (SELECT stamp FROM facet_clock WHERE id = 1) WHERE {KEY}; END")
    op.execute("CREATE TRIGGER facet_stamp_delete AFTER DELETE ON facet_day WHEN OLD.facet = 'province' "
               f"BEGIN {TICK.format(also=', epoch = random()')} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS facet_stamp_{event}")
        op.execute("DROP TRIGGER IF EXISTS facet_month_update")
        op.execute(_month_update(""))
    op.drop_index("ix_facet_day_facet_stamp", table_name="facet_day")
    # Not Alembic's batch mode: on SQLite it would recreate facet_day and drop facet_month's triggers.
    op.execute("ALTER TABLE facet_day DROP COLUMN stamp")
    op.drop_table("facet_clock")
