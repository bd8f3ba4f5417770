from counter_app.store import sqlite_file
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.config import Config

from counter_app.store.database import Store
from counter_app.store.migrations import head_revision, known_revisions
from counter_app.store.sqlite_file import MIGRATIONS, current_revision
from counter_app.store.models import Base


def test_upgrade_head_equals_the_models(tmp_path):
    store = Store(tmp_path)
    with store.engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con), Base.metadata)
    assert diff == []


def test_a_new_database_is_at_the_newest_script(tmp_path):
    """The head is read from the scripts: a new revision file is picked up without a constant."""
    newest = max(p.name for p in (MIGRATIONS / "versions").glob("0*.py"))
    assert head_revision().split("_")[0] == newest.split("_")[0]
    store = Store(tmp_path)
    assert current_revision(store.path) == head_revision()


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
    con = sqlite_file.connect(path)
    con.execute("INSERT INTO bundle (code, name, position, items) VALUES ('B1', '开办企业一件事', 0, '[\"X\"]')")
    con.commit()
    con.close()
    Store(tmp_path)                       # a normal start migrates to head
    con = sqlite_file.connect(path)
    name, keys = con.execute("SELECT name, search_keys FROM bundle").fetchone()
    assert name == "开办企业一件事"
    assert json.loads(keys) == [["kaibanqiyeyijianshi", "kbqyyjs"]]


def test_known_revisions_run_from_the_first_to_the_head():
    revisions = known_revisions()
    assert revisions[0] == "0001_initial" and revisions[-1] == head_revision()
    assert len(revisions) == len(list((MIGRATIONS / "versions").glob("0*.py")))


def test_database_from_a_newer_version_is_left_untouched(tmp_path):
    import sqlite3
    import subprocess
    import sys

    import pytest

    from counter_app.errors import UserError

    Store(tmp_path).close()
    db = tmp_path / "counter.db"
    con = sqlite_file.connect(db)
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


def test_a_database_of_the_previous_version_gets_named_constraints_and_keeps_its_cases(tmp_path):
    """tests/fixtures/counter-0003.db was written by the app at revision 0003 (two cases, the
    catalog tables emptied): SQLite kept its UNIQUE and FOREIGN KEY constraints unnamed."""
    import shutil
    import sqlite3

    from sqlalchemy import inspect

    from counter_app.store import case_events, case_repo
    from tests.conftest import FIXTURES

    station = tmp_path / "station"
    station.mkdir()
    shutil.copy(FIXTURES / "counter-0003.db", station / "counter.db")
    con = sqlite_file.connect(station / "counter.db")
    ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = 'case_material'").fetchone()[0]
    con.close()
    assert "CONSTRAINT" not in ddl          # as it was: unnamed

    store = Store(station)
    insp = inspect(store.engine)
    assert [u["name"] for u in insp.get_unique_constraints("case_record")] == ["uq_case_record_number"]
    assert [u["name"] for u in insp.get_unique_constraints("case_material")] == ["uq_case_material_case_id_key"]
    assert [f["name"] for f in insp.get_foreign_keys("case_item")] == ["fk_case_item_case_id_case_record"]
    with store.session() as s:
        first = case_repo.load_case(s, "330402001-W01-20261127-0001")
        second = case_repo.load_case(s, "330402001-W01-20261127-0002")
        assert case_events.of_case(s, first.id) == []     # cases from before events: none invented
    assert first.status == "accepted" and len(first.items) == 1 and len(first.materials) >= 1
    assert second.status == "notified"
    with store.engine.connect() as con:
        assert compare_metadata(MigrationContext.configure(con), Base.metadata) == []
    store.close()
