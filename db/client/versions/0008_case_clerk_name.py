"""case clerk name

The name of the clerk signed in when the case was accepted (``clerk`` already held the login).
Cases accepted before are left empty: their documents name the clerk from the station settings.

Revision ID: 0008_case_clerk_name
Revises: 0007_case_delivery
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_case_clerk_name'
down_revision = '0007_case_delivery'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clerk_name', sa.String(length=200), server_default='', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('case_record', schema=None) as batch_op:
        batch_op.drop_column('clerk_name')

