from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from counter_app.central.models import Base


def test_upgrade_head_equals_the_models_on_both_databases(db):
    with db.engine.connect() as con:
        assert compare_metadata(MigrationContext.configure(con), Base.metadata) == []
