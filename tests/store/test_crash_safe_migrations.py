"""Killing the app while it creates or upgrades its database never bricks the station.

Each kill is a real ``kill -9`` of a process opening the store, at a random moment of the
migration; the next start must open the store at the head revision with nothing lost. CI runs a
few kills (``KILL_COUNT``, default 6 per test); the hardening run used ``KILL_COUNT=120``.
"""

from __future__ import annotations

from counter_app.store import sqlite_file
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.store.database import Store
from counter_app.store.migrations import head_revision
from counter_app.store.sqlite_file import MIGRATIONS, current_revision

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("KILL_COUNT", "6"))
CHILD = ("import sys\nfrom pathlib import Path\nimport alembic.command, alembic.config, alembic.script\n"
         "from counter_app.store.database import Store\n"
         "print('go', flush=True)\nStore(Path(sys.argv[1])).close()\nprint('done', flush=True)\n")


def _kill_while_opening(data_dir: Path, window: float, rng: random.Random) -> bool:
    """Start a process that opens the store and kill it at a random moment; True if it was killed."""
    p = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "go", p.stderr.read()
    time.sleep(rng.uniform(0, window))
    p.send_signal(signal.SIGKILL)
    _, err = p.communicate()
    assert "Traceback" not in err, err
    return p.returncode == -signal.SIGKILL


def _assert_opens_at_head(data_dir: Path) -> None:
    store = Store(data_dir)                  # the next start: must work
    try:
        with store.engine.connect() as con:
            assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            tables = {r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        store.close()
    assert current_revision(store.path) == head_revision()
    assert not any(t.startswith("_alembic_tmp") for t in tables)


def _timed_open(data_dir: Path) -> float:
    p = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "go"
    t = time.perf_counter()
    assert p.stdout.readline().strip() == "done"
    elapsed = time.perf_counter() - t
    p.wait()
    return elapsed


@pytest.fixture(scope="module")
def first_revision_db(tmp_path_factory) -> Path:
    """A station database at the oldest revision, with a bundle and a case in it."""
    from alembic import command
    from alembic.config import Config

    path = tmp_path_factory.mktemp("r0001") / "counter.db"
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0001_initial")
    con = sqlite_file.connect(path)
    con.execute("INSERT INTO department (code, name, position) VALUES ('D1', '市场监管局', 0)")
    con.execute("INSERT INTO bundle (code, name, position, items) VALUES ('B1', '开办企业一件事', 0, '[\"X\"]')")
    cols = [r[1] for r in con.execute("PRAGMA table_info(case_record)")]
    con.execute(f"INSERT INTO case_record ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [{"created_at": "2026-11-27 09:30:00", "number": "330402001-W01-20261127-0001",
                  "id": "c1"}.get(c, "") for c in cols])
    con.execute("INSERT INTO case_item (case_id, position, item_code, item_name, department, snapshot) "
                "VALUES ('c1', 0, 'X', '个体工商户注销登记', 'D1', '{}')")
    con.commit()
    con.execute("PRAGMA journal_mode=WAL")     # as every station's file is
    con.close()
    return path


def test_killed_during_first_start_the_next_start_works(tmp_path):
    rng = random.Random(1401)
    window = _timed_open(tmp_path / "timing") * 1.2
    killed = 0
    for n in range(KILLS):
        station = tmp_path / f"s{n}"
        killed += _kill_while_opening(station, window, rng)
        _assert_opens_at_head(station)
    assert killed >= KILLS // 2          # most kills must land before the migration finished


def test_killed_during_upgrade_from_first_revision_the_next_start_works(tmp_path, first_revision_db):
    rng = random.Random(1402)
    probe = tmp_path / "timing"
    probe.mkdir()
    shutil.copy(first_revision_db, probe / "counter.db")
    window = _timed_open(probe) * 1.2
    killed = 0
    for n in range(KILLS):
        station = tmp_path / f"s{n}"
        station.mkdir()
        shutil.copy(first_revision_db, station / "counter.db")
        killed += _kill_while_opening(station, window, rng)
        _assert_opens_at_head(station)
        con = sqlite_file.connect(station / "counter.db")
        try:     # nothing already saved is lost, and the later revisions' data was filled in
            assert con.execute("SELECT name, search_keys FROM bundle").fetchall() == [
                ("开办企业一件事", '[["kaibanqiyeyijianshi", "kbqyyjs"]]')]
            assert con.execute("SELECT item_name, department_name FROM case_item").fetchall() == [
                ("个体工商户注销登记", "市场监管局")]
        finally:
            con.close()
    assert killed >= KILLS // 2


SPILL_AND_DIE = ("import os, signal, sqlite3, sys\n"
                 "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                 "con.execute('PRAGMA cache_size=1')\n"      # pages reach the file before COMMIT
                 "con.execute('BEGIN IMMEDIATE')\n"
                 "con.execute('CREATE TABLE filler (x BLOB)')\n"
                 "for _ in range(200): con.execute('INSERT INTO filler VALUES (randomblob(3000))')\n"
                 "os.kill(os.getpid(), signal.SIGKILL)\n")


def test_killed_while_a_migration_wrote_into_the_file_the_next_start_rolls_back(tmp_path, first_revision_db):
    """The rare kill (1 in 120 above) that lands while a migration's pages are in the file: the
    next start finds a hot journal and must roll it back, not read the file read-only."""
    shutil.copy(first_revision_db, tmp_path / "counter.db")
    sqlite_file.connect(tmp_path / "counter.db").execute("PRAGMA journal_mode=DELETE").fetchall()
    subprocess.run([sys.executable, "-c", SPILL_AND_DIE, str(tmp_path / "counter.db")])
    assert (tmp_path / "counter.db-journal").exists()
    _assert_opens_at_head(tmp_path)


def test_half_created_database_of_an_older_build_is_set_aside_and_redone(tmp_path, first_revision_db):
    """Builds before this fix left first-start databases with some tables and no revision."""
    con = sqlite_file.connect(tmp_path / "counter.db")
    con.execute("CREATE TABLE bundle (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(500) NOT NULL)")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.commit()
    con.close()
    _assert_opens_at_head(tmp_path)
    kept = list(tmp_path.glob("counter.db.incomplete-*"))
    assert len(kept) == 1                  # set aside, never deleted


def test_database_with_cases_but_no_revision_is_never_set_aside(tmp_path, first_revision_db):
    from counter_app.errors import UserError

    shutil.copy(first_revision_db, tmp_path / "counter.db")
    con = sqlite_file.connect(tmp_path / "counter.db")
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    before = (tmp_path / "counter.db").read_bytes()
    with pytest.raises(UserError) as err:
        Store(tmp_path)
    assert err.value.key == "store.unknown_schema"
    assert (tmp_path / "counter.db").read_bytes() == before


def test_full_disk_during_first_start_then_space_freed_the_station_opens(tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    station = tmp_path / "st"
    station.mkdir()
    from tests.conftest import MINI_CATALOG

    run = f"{sys.executable} -m counter_app catalog import {MINI_CATALOG} --data-dir {station}"
    script = (f"mount -t tmpfs -o size=48k tmpfs {station} || exit 77; "
              f"{run}; echo \"rc=$?\"; echo ===; "
              f"mount -o remount,size=50m {station}; {run}; echo \"rc=$?\"")
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                       env={**os.environ, "LANG": "zh_CN.UTF-8"})
    if p.returncode == 77:
        pytest.skip("cannot mount a tmpfs here: " + p.stderr.strip()[:100])
    full, freed = p.stdout.split("===")
    assert "rc=2" in full and "磁盘已满" in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert "rc=0" in freed, p.stderr


def test_every_commit_waits_for_the_disk(tmp_path):
    """synchronous=FULL (2): a case the receipt calls 已受理 survives a power cut; NORMAL (1) in WAL
    mode may lose the last commits."""
    store = Store(tmp_path)
    try:
        with store.transaction() as s:
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
        with store.session() as s:
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        store.close()
