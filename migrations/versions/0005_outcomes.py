"""Outcomes: the therapist's per-client outcome settings (the baseline pain is compared with,
leading the guided session with the clearly best direction) and the Patient-Specific Functional
Scale (up to three activities a client names, each rated 0-10 once a local week).

Existing data: nothing changes; no row of outcome_settings means the defaults.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

ACTIVE_ACTIVITY = sa.text('retired_at IS NULL')


def upgrade():
    op.create_table('outcome_settings',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('lead_with_best', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('baseline', sa.String(length=24), server_default='first-week', nullable=False),
    sa.Column('baseline_program_version', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('client_id')
    )
    op.create_table('psfs_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('slot BETWEEN 1 AND 3', name='ck_psfs_activities_slot'),
    sa.ForeignKeyConstraint(['client_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('psfs_activities', schema=None) as batch_op:
        batch_op.create_index('uq_psfs_activities_active_slot', ['client_id', 'slot'],
                              unique=True, sqlite_where=ACTIVE_ACTIVITY,
                              postgresql_where=ACTIVE_ACTIVITY)

    op.create_table('psfs_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 10', name='ck_psfs_ratings_score'),
    sa.ForeignKeyConstraint(['activity_id'], ['psfs_activities.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('psfs_ratings', schema=None) as batch_op:
        batch_op.create_index('uq_psfs_ratings_client_activity_week',
                              ['client_id', 'activity_id', 'week_start'], unique=True)


def downgrade():
    with op.batch_alter_table('psfs_ratings', schema=None) as batch_op:
        batch_op.drop_index('uq_psfs_ratings_client_activity_week')
    op.drop_table('psfs_ratings')
    with op.batch_alter_table('psfs_activities', schema=None) as batch_op:
        batch_op.drop_index('uq_psfs_activities_active_slot', sqlite_where=ACTIVE_ACTIVITY,
                            postgresql_where=ACTIVE_ACTIVITY)
    op.drop_table('psfs_activities')
    op.drop_table('outcome_settings')
