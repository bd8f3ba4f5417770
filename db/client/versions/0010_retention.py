"""personal data kept no longer than needed: when a case's photo and personal data were removed

Revision ID: 0010_retention
Revises: 0009_department_delivery
Create Date: 2026-12-02 10:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_retention'
down_revision = '0009_department_delivery'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case_record') as batch:
        batch.add_column(sa.Column('photo_removed_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('personal_removed_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case_record') as batch:
        batch.drop_column('personal_removed_at')
        batch.drop_column('photo_removed_at')
