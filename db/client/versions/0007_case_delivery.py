"""case delivery

送达: who collected a result at the window (their card, an agent's authorisation) or where and
how it was posted (courier, tracking number). A table of its own, after 0006 (handover batches)
had landed: a landed revision is never rewritten.

Revision ID: 0007_case_delivery
Revises: 0006_handover_batches
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_case_delivery'
down_revision = '0006_handover_batches'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_delivery',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('clerk', sa.String(length=64), nullable=False),
    sa.Column('window', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('collector_name', sa.String(length=200), nullable=False),
    sa.Column('collector_id_number', sa.String(length=64), nullable=False),
    sa.Column('card_read', sa.Boolean(), nullable=False),
    sa.Column('authorisation', sa.Text(), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('postcode', sa.String(length=16), nullable=False),
    sa.Column('courier', sa.String(length=16), nullable=False),
    sa.Column('tracking_number', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_case_delivery_case_id_case_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['case_event.id'], name=op.f('fk_case_delivery_event_id_case_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_case_delivery'))
    )
    with op.batch_alter_table('case_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_delivery_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_delivery_case_id'))

    op.drop_table('case_delivery')
