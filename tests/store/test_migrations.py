from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.config import Config
from sqlalchemy import create_engine

from counter_app.store.database import Store
from counter_app.store.sqlite_file import HEAD_REVISION, MIGRATIONS, current_revision
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


def test_upgrade_from_first_revision_keeps_data_and_fills_bundle_keys(tmp_path):
    import json
    import sqlite3

    from alembic import command

    path = tmp_path / "counter.db"
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0001_initial")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO bundle (code, name, position, items) VALUES ('B1', '开办企业一件事', 0, '[\"X\"]')")
    con.commit()
    con.close()
    Store(tmp_path)                       # a normal start migrates to head
    con = sqlite3.connect(path)
    name, keys = con.execute("SELECT name, search_keys FROM bundle").fetchone()
    assert name == "开办企业一件事"
    assert json.loads(keys) == [["kaibanqiyeyijianshi", "kbqyyjs"]]
