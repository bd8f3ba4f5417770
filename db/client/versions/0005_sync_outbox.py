"""sync outbox and sync state

The events still owed to the central server, and the pull cursor. Events written before this
revision are queued too: a window upgraded offline still sends everything it did.

Revision ID: 0005_sync_outbox
Revises: 0004_case_events
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_sync_outbox'
down_revision = '0004_case_events'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_state',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state'))
    )
    op.create_table('sync_outbox',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('batch_key', sa.String(length=64), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['case_event.id'], name=op.f('fk_sync_outbox_event_id_case_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_sync_outbox'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_batch_key'), ['batch_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_state'), ['state'], unique=False)
    op.execute("INSERT INTO sync_outbox (event_id, case_id, state, queued_at, attempts, reason) "
               "SELECT id, case_id, 'pending', at, 0, '' FROM case_event")


def downgrade() -> None:
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_state'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_batch_key'))

    op.drop_table('sync_outbox')
    op.drop_table('sync_state')
