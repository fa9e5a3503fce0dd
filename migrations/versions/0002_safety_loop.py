"""The safety loop: flags with a lifecycle (note, what the client was told, evidence), one open
watch flag per client and rule, per-client watch thresholds, and the delivery ledgers of the
therapist's alerts and the mail queue.

Existing rising-trend flags become watch flags with code "rise". Should a client hold several
open ones (the old SELECT-then-INSERT could raise two under overlapping uploads), the earliest
stays open and the others are closed with a note saying why, so the new unique index holds and
no record is lost. told_client is filled for existing red-flag and weakness flags with what the
app showed then: one notice per log, for its most urgent red flag, and "soon" for weakness
alone (the app's wording before this release).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 12:00:00

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

#: The red-flag tiers as the app used them when these flags were raised (frozen here: the
#: migration must not change meaning if the app's table changes later).
_OLD_TIERS = {
    'saddle-numbness': 'emergency', 'bladder-bowel': 'emergency', 'bilateral-leg': 'emergency',
    'progressive-weakness': 'same-day', 'fever-weight-loss': 'soon', 'cancer-history': 'soon',
    'night-pain': 'soon', 'trauma': 'soon',
}
_OLD_ORDER = ('emergency', 'same-day', 'soon')
OPEN_WATCH = sa.text("kind = 'watch' AND acknowledged_at IS NULL")

flags = sa.table(
    'safety_flags',
    sa.column('id', sa.Integer), sa.column('client_id', sa.Integer),
    sa.column('kind', sa.String), sa.column('code', sa.String),
    sa.column('raised_at', sa.DateTime(timezone=True)), sa.column('log_id', sa.Uuid),
    sa.column('told_client', sa.String),
    sa.column('acknowledged_at', sa.DateTime(timezone=True)), sa.column('note', sa.Text),
)
logs = sa.table('symptom_logs', sa.column('id', sa.Uuid), sa.column('red_flags', sa.JSON),
                sa.column('weakness', sa.Boolean))


def _told_client(red_flags, weakness):
    tiers = {_OLD_TIERS.get(code) for code in red_flags or ()}
    for tier in _OLD_ORDER:
        if tier in tiers:
            return tier
    return 'soon' if weakness else None


def _migrate_rows():
    bind = op.get_bind()
    bind.execute(flags.update().where(flags.c.kind == 'rising-trend')
                 .values(kind='watch', code='rise'))
    open_rises = bind.execute(
        sa.select(flags.c.id, flags.c.client_id)
        .where(flags.c.kind == 'watch', flags.c.code == 'rise', flags.c.acknowledged_at.is_(None))
        .order_by(flags.c.client_id, flags.c.raised_at, flags.c.id)).all()
    kept = {}
    now = datetime.now(UTC)
    for flag_id, client_id in open_rises:
        if client_id not in kept:
            kept[client_id] = flag_id
            continue
        bind.execute(flags.update().where(flags.c.id == flag_id).values(
            acknowledged_at=now,
            note=f'Closed when the app was updated: a second open rise flag for this client '
                 f'(flag {kept[client_id]} stays open).'))
    told = bind.execute(
        sa.select(flags.c.id, logs.c.red_flags, logs.c.weakness)
        .join(logs, logs.c.id == flags.c.log_id)
        .where(flags.c.kind.in_(('red-flag', 'weakness')))).all()
    for flag_id, red_flags, weakness in told:
        bind.execute(flags.update().where(flags.c.id == flag_id)
                     .values(told_client=_told_client(red_flags, weakness)))


def upgrade():
    with op.batch_alter_table('safety_flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('told_client', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
    _migrate_rows()
    op.create_index('uq_safety_flags_open_watch', 'safety_flags', ['client_id', 'code'],
                    unique=True, sqlite_where=OPEN_WATCH, postgresql_where=OPEN_WATCH)

    op.create_table('watch_thresholds',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('rise', sa.Float(), nullable=False),
    sa.Column('creep', sa.Float(), nullable=False),
    sa.Column('spread', sa.Integer(), nullable=False),
    sa.Column('nerve_like', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('client_id')
    )
    op.create_table('alert_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('therapist_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=255), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['flag_id'], ['safety_flags.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['therapist_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('flag_id', 'channel', 'round', name='uq_alert_deliveries_round')
    )
    with op.batch_alter_table('alert_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_alert_deliveries_status', ['status', 'due_at'], unique=False)

    op.create_table('mail_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.create_index('ix_mail_messages_status', ['status', 'next_attempt_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_messages_status')
    op.drop_table('mail_messages')
    with op.batch_alter_table('alert_deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_deliveries_status')
    op.drop_table('alert_deliveries')
    op.drop_table('watch_thresholds')
    op.drop_index('uq_safety_flags_open_watch', table_name='safety_flags')
    # The old schema knew one trend flag; every watch rule folds back into it.
    op.get_bind().execute(flags.update().where(flags.c.kind == 'watch')
                          .values(kind='rising-trend', code=''))
    with op.batch_alter_table('safety_flags', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('evidence')
        batch_op.drop_column('told_client')
