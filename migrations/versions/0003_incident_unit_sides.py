"""incident_unit.sides: a unit's sides in a column, so candidate units are filtered in SQL

Revision ID: 0003
Revises: 0002
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

units = sa.table("incident_unit", sa.column("key", sa.String), sa.column("features", sa.JSON),
                 sa.column("sides", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("incident_unit") as batch:
        batch.add_column(sa.Column("sides", sa.String(length=400), nullable=False, server_default=""))
    # Existing units: the sides are in their stored features (the same encoding as
    # app.incidents.service.sides_column; written out here so the migration never changes with the app).
    conn = op.get_bind()
    rows = conn.execute(sa.select(units.c.key, units.c.features)).all()
    updates = []
    for key, features in rows:
        data = json.loads(features) if isinstance(features, str) else features
        parties = sorted(str(p) for p in (data or {}).get("parties", []))
        if parties:
            updates.append({"k": key, "s": "|" + "|".join(parties) + "|"})
    if updates:
        conn.execute(units.update().where(units.c.key == sa.bindparam("k")).values(sides=sa.bindparam("s")), updates)


def downgrade() -> None:
    with op.batch_alter_table("incident_unit") as batch:
        batch.drop_column("sides")
