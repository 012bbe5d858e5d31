"""review: who reviewed a claim and why, human decisions, flags, incident grades, API tokens

Revision ID: i10_review
Revises: 0004_web_sources
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "i10_review"
down_revision: str | Sequence[str] | None = "0004_web_sources"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRADES = "'confirmed', 'fair', 'weak', 'contested', 'discounted'"


def upgrade() -> None:
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint("scope IN ('read', 'write')", name=op.f('ck_api_token_scope')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_api_token_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    op.create_table('flag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('resolved_by', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('resolution_note', sa.Text(), server_default='', nullable=False),
    sa.CheckConstraint("reason IN ('wrong_figure', 'wrong_claimant', 'wrong_subject', 'wrong_incident', 'duplicate', 'disputed_by_source', 'other')", name=op.f('ck_flag_reason')),
    sa.CheckConstraint("status IN ('open', 'resolved')", name=op.f('ck_flag_status')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_flag_claim_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_flag_created_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_flag_incident_id_incident'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by'], ['app_user.id'], name=op.f('fk_flag_resolved_by_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag'))
    )
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.create_index('ix_flag_claim_status', ['claim_id', 'status'], unique=False)
        batch_op.create_index('ix_flag_incident_status', ['incident_id', 'status'], unique=False)
        batch_op.create_index('ix_flag_status_created', ['status', 'created_at'], unique=False)

    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviewed_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('review_note', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('origin', sa.String(length=16), server_default='extractor', nullable=False))
        batch_op.add_column(sa.Column('corrected', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('incident_locked', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_claim_reviewed_by_app_user'), 'app_user', ['reviewed_by'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint("origin", "origin IN ('extractor', 'editor')")

    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('open_flags', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('grade', sa.String(length=16), server_default='weak', nullable=False))
        batch_op.add_column(sa.Column('grade_override', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('grade_note', sa.String(length=1000), server_default='', nullable=False))
        batch_op.add_column(sa.Column('pinned', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_incident_open_flags', ['open_flags'], unique=False)
        batch_op.create_check_constraint("grade", f"grade IN ({GRADES})")
        batch_op.create_check_constraint("grade_override", f"grade_override IN ({GRADES})")

    # Grades of the incidents stored before (app.incidents.grading, written out here so that the
    # migration never changes with the app); the next refresh of an incident computes it again.
    op.execute(
        "UPDATE incident SET grade = CASE"
        " WHEN EXISTS (SELECT 1 FROM claim c WHERE c.incident_id = incident.id)"
        "  AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.incident_id = incident.id"
        "   AND c.review_status <> 'rejected') THEN 'discounted'"
        " WHEN contested OR EXISTS (SELECT 1 FROM claim c WHERE c.incident_id = incident.id"
        "  AND c.review_status = 'disputed') THEN 'contested'"
        " WHEN EXISTS (SELECT 1 FROM claim c WHERE c.incident_id = incident.id"
        "  AND c.review_status = 'confirmed') THEN 'confirmed'"
        " WHEN outlet_count >= 2 THEN 'fair' ELSE 'weak' END"
    )



def downgrade() -> None:
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_constraint("grade_override", type_="check")
        batch_op.drop_constraint("grade", type_="check")
        batch_op.drop_index('ix_incident_open_flags')
        batch_op.drop_column('pinned')
        batch_op.drop_column('grade_note')
        batch_op.drop_column('grade_override')
        batch_op.drop_column('grade')
        batch_op.drop_column('open_flags')

    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_constraint("origin", type_="check")
        batch_op.drop_constraint(batch_op.f('fk_claim_reviewed_by_app_user'), type_='foreignkey')
        batch_op.drop_column('incident_locked')
        batch_op.drop_column('corrected')
        batch_op.drop_column('origin')
        batch_op.drop_column('review_note')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by')

    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('active')

    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.drop_index('ix_flag_status_created')
        batch_op.drop_index('ix_flag_incident_status')
        batch_op.drop_index('ix_flag_claim_status')

    op.drop_table('flag')
    op.drop_table('api_token')
