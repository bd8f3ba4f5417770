from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.config import Config
from sqlalchemy import create_engine

from counter_app.store.database import HEAD_REVISION, MIGRATIONS, Store, current_revision
from counter_app.store.models import Base


def test_upgrade_head_equals_the_models(tmp_path):
    store = Store(tmp_path)
    engine = create_engine(f"sqlite:///{store.path}")
    with engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con), Base.metadata)
    assert diff == []


def test_head_revision_constant_is_alembics_head(tmp_path):
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION
    store = Store(tmp_path)
    assert current_revision(store.path) == HEAD_REVISION


def test_database_is_in_wal_mode(tmp_path):
    store = Store(tmp_path)
    with store.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
