"""one live device per window; re-enrolment codes

Two PCs enrolled as the same window of a hall would issue the same case numbers: a partial unique
index allows one device per (hall, window) that is not revoked. A database that already has such
twins keeps the most recently enrolled one and revokes the others (they could not both be right).
``enrol_code.replaces`` marks a code made with ``enrol-code --replace``: spending it revokes the
window's current device first.

Revision ID: 0002_one_device_per_window
Revises: 0001_initial
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_one_device_per_window'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        UPDATE device SET revoked_at = CURRENT_TIMESTAMP
        WHERE revoked_at IS NULL AND EXISTS (
            SELECT 1 FROM device newer
            WHERE newer.hall_code = device.hall_code AND newer.window_code = device.window_code
              AND newer.revoked_at IS NULL
              AND (newer.enrolled_at > device.enrolled_at
                   OR (newer.enrolled_at = device.enrolled_at AND newer.id > device.id)))
    """)
    with op.batch_alter_table('enrol_code', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaces', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index('uq_device_live_window', ['hall_code', 'window_code'], unique=True,
                              sqlite_where=sa.text('revoked_at IS NULL'),
                              postgresql_where=sa.text('revoked_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index('uq_device_live_window', sqlite_where=sa.text('revoked_at IS NULL'),
                            postgresql_where=sa.text('revoked_at IS NULL'))
    with op.batch_alter_table('enrol_code', schema=None) as batch_op:
        batch_op.drop_column('replaces')
