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


def test_known_revisions_are_alembics_history():
    from counter_app.store.sqlite_file import KNOWN_REVISIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    history = [r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()]
    assert list(KNOWN_REVISIONS) == list(reversed(history))


def test_database_from_a_newer_version_is_left_untouched(tmp_path):
    import sqlite3
    import subprocess
    import sys

    import pytest

    from counter_app.errors import UserError

    Store(tmp_path).close()
    db = tmp_path / "counter.db"
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(UserError) as err:
        Store(tmp_path)
    assert err.value.key == "store.newer_schema"
    p = subprocess.run([sys.executable, "-m", "counter_app", "catalog", "search", "x", "--data-dir", str(tmp_path)],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "更新版本" in p.stderr and "Traceback" not in p.stderr
    assert db.read_bytes() == before


def test_read_only_folder_is_called_read_only_not_damaged(tmp_path):
    import shutil
    import subprocess
    import sys

    import pytest

    from tests.conftest import MINI_CATALOG

    station = tmp_path / "st"
    subprocess.run([sys.executable, "-m", "counter_app", "catalog", "import", str(MINI_CATALOG),
                    "--data-dir", str(station)], check=True, capture_output=True)
    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    script = (f"mount --bind {station} {station} && mount -o remount,bind,ro {station} && "
              f"{sys.executable} -m counter_app catalog search gtgsh --data-dir {station}")
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    if "mount:" in p.stderr:
        pytest.skip("cannot mount read-only here: " + p.stderr.strip()[:100])
    assert p.returncode == 2, p.stderr
    assert "只读" in p.stderr and "损坏" not in p.stderr
