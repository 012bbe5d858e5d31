"""incident.last_reported: the latest publication date of an incident's articles, to sort by

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
    with op.batch_alter_table("incident") as batch:
        batch.add_column(sa.Column("last_reported", sa.Date(), nullable=True))
        batch.create_index("ix_incident_last_reported", ["last_reported"])
    # Existing incidents: the latest publication date of their claims' articles.
    op.execute(
        "UPDATE incident SET last_reported = (SELECT max(article.published) FROM claim "
        "JOIN article ON article.id = claim.article_id WHERE claim.incident_id = incident.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("incident") as batch:
        batch.drop_index("ix_incident_last_reported")
        batch.drop_column("last_reported")
