"""bundle search keys: pinyin of bundle names stored at import, so startup needs no pypinyin

Revision ID: 0002_bundle_keys
Revises: 0001_initial
Create Date: 2026-11-28 06:32:40.776998
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0002_bundle_keys'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bundle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_keys', sa.JSON(), nullable=False, server_default='[]'))
    # bundles imported before this revision get their keys now
    from counter_app.domain.pinyin_keys import item_keys

    con = op.get_bind()
    for code, name in con.execute(sa.text("SELECT code, name FROM bundle")).all():
        con.execute(sa.text("UPDATE bundle SET search_keys = :k WHERE code = :c"),
                    {"k": json.dumps(item_keys(name, ())), "c": code})


def downgrade() -> None:
    with op.batch_alter_table('bundle', schema=None) as batch_op:
        batch_op.drop_column('search_keys')
