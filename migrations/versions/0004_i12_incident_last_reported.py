"""incident.last_reported (to sort by recency of reporting); incident_party rows for metrics (facet)

Revision ID: i12_last_reported
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i12_last_reported"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incident", recreate="never") as batch:
        batch.add_column(sa.Column("last_reported", sa.Date(), nullable=True))
        batch.create_index("ix_incident_last_reported", ["last_reported"])
    # Existing incidents: the latest publication date of their claims' articles.
    op.execute(
        "UPDATE incident SET last_reported = (SELECT max(article.published) FROM claim "
        "JOIN article ON article.id = claim.article_id WHERE claim.incident_id = incident.id)"
    )
    with op.batch_alter_table("incident_party") as batch:
        batch.drop_constraint(op.f("ck_incident_party_role"), type_="check")
        batch.create_check_constraint("role", "role IN ('claimant', 'subject', 'metric')")
    op.execute(
        "INSERT INTO incident_party (incident_id, role, party, first_date) "
        "SELECT DISTINCT claim.incident_id, 'metric', claim.metric, incident.first_date FROM claim "
        "JOIN incident ON incident.id = claim.incident_id"
    )


def downgrade() -> None:
    op.execute("DELETE FROM incident_party WHERE role = 'metric'")
    with op.batch_alter_table("incident_party") as batch:
        batch.drop_constraint(op.f("ck_incident_party_role"), type_="check")
        batch.create_check_constraint("role", "role IN ('claimant', 'subject')")
    # Never recreate `incident` on SQLite: dropping the old table would cascade to its claims' links.
    with op.batch_alter_table("incident", recreate="never") as batch:
        batch.drop_index("ix_incident_last_reported")
        batch.drop_column("last_reported")
