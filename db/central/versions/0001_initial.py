"""Central server: halls, devices, clerks, catalogs, calendar, cases, events, change feed, idempotency

Revision ID: 0001_initial
Revises: 
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('calendar_version',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_version'))
    )
    op.create_table('case_change',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('txid', sa.BigInteger(), nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_case_change'))
    )
    with op.batch_alter_table('case_change', schema=None) as batch_op:
        batch_op.create_index('ix_case_change_hall_cursor', ['hall_code', 'txid', 'seq'], unique=False)

    op.create_table('catalog_version',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_version'))
    )
    op.create_table('central_case',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('window_code', sa.String(length=16), nullable=False),
    sa.Column('clerk', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('last_event', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_central_case')),
    sa.UniqueConstraint('number', name=op.f('uq_central_case_number'))
    )
    with op.batch_alter_table('central_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_central_case_hall_code'), ['hall_code'], unique=False)

    op.create_table('hall',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_hall'))
    )
    op.create_table('idempotency_record',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'key', name=op.f('pk_idempotency_record'))
    )
    op.create_table('case_event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('clerk', sa.String(length=64), nullable=False),
    sa.Column('window_code', sa.String(length=16), nullable=False),
    sa.Column('occurred_at', sa.String(length=40), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['central_case.id'], name=op.f('fk_case_event_case_id_central_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event'))
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_case_id'), ['case_id'], unique=False)

    op.create_table('clerk',
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['hall_code'], ['hall.code'], name=op.f('fk_clerk_hall_code_hall')),
    sa.PrimaryKeyConstraint('login', name=op.f('pk_clerk'))
    )
    with op.batch_alter_table('clerk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clerk_hall_code'), ['hall_code'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('window_code', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hall_code'], ['hall.code'], name=op.f('fk_device_hall_code_hall')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_device_token_hash'))
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_hall_code'), ['hall_code'], unique=False)

    op.create_table('enrol_code',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('hall_code', sa.String(length=16), nullable=False),
    sa.Column('window_code', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['hall_code'], ['hall.code'], name=op.f('fk_enrol_code_hall_code_hall')),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_enrol_code'))
    )



def downgrade() -> None:

    op.drop_table('enrol_code')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_hall_code'))

    op.drop_table('device')
    with op.batch_alter_table('clerk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clerk_hall_code'))

    op.drop_table('clerk')
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_case_id'))

    op.drop_table('case_event')
    op.drop_table('idempotency_record')
    op.drop_table('hall')
    with op.batch_alter_table('central_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_central_case_hall_code'))

    op.drop_table('central_case')
    op.drop_table('catalog_version')
    with op.batch_alter_table('case_change', schema=None) as batch_op:
        batch_op.drop_index('ix_case_change_hall_cursor')

    op.drop_table('case_change')
    op.drop_table('calendar_version')

