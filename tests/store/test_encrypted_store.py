"""The station's database at rest (issue 13): SQLCipher with a random key kept in the keyring, an
earlier version's plain file converted in place (copy, verify, swap) and never lost to a kill, no
keyring no clear data, the demo's labelled key file, the passphrase escape hatch."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest

from counter_app.errors import UserError
from counter_app.services.catalog_view import CatalogView
from counter_app.store import sqlite_file, station_keys
from counter_app.store.database import Store
from tests.conftest import MINI_CATALOG
from tests.store.test_intake import NOW, _all_received, _submit
from tests.sync.memory_keyring import MemoryKeyring

ROOT = Path(__file__).parents[2]
KILLS = int(os.environ.get("KILL_COUNT", "6" if os.environ.get("CI") else "12"))
ID_NUMBER = "11010519491231002X"     # _submit's applicant (tests.store.test_intake.PERSON)


def _cases(store, n):
    view = CatalogView.load(store)
    codes = ["000131128000"]
    return [_submit(store, view, codes=codes, checks=_all_received(view, codes), now=NOW).number for _ in range(n)]


def plain_copy(store: Store, dest: Path) -> Path:
    """The station's file decrypted (sqlcipher_export to a keyless database): what an earlier
    version kept, or what someone holding the key could edit with plain SQL."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite_file.connect(store.path, key=store.key)
    try:
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(dest),))
        con.execute("SELECT sqlcipher_export('plain')").fetchall()
        con.execute("DETACH DATABASE plain")
    finally:
        con.close()
    return dest


def test_the_file_is_unreadable_without_the_key_and_holds_no_id_number_in_clear(store):
    _cases(store, 3)
    store.close()
    raw = store.path.read_bytes() + b"".join(p.read_bytes() for p in store.data_dir.glob("counter.db-*"))
    assert not raw.startswith(sqlite_file.PLAIN_HEADER)
    assert ID_NUMBER.encode() not in raw and "张三".encode() not in raw
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(store.path).execute("SELECT count(*) FROM case_record").fetchone()
    # the key is in the keyring, not next to the database
    info = station_keys.read_info(store.data_dir)
    assert info.source == station_keys.KEYRING
    key_hex = keyring.get_password(station_keys.SERVICE, info.key_id)
    assert key_hex and len(key_hex) == 64
    for f in store.data_dir.rglob("*"):
        if f.is_file():
            assert key_hex.encode() not in f.read_bytes(), f
    again = Store(store.data_dir)
    with again.session() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM case_record").scalar() == 3
    again.close()


def test_a_plain_database_of_the_earlier_version_is_encrypted_at_first_start_keeping_its_cases(store, tmp_path):
    numbers = _cases(store, 4)
    station = tmp_path / "old"
    plain_copy(store, station / "counter.db")
    store.close()
    assert sqlite_file.is_plain(station / "counter.db")
    converted = Store(station)
    try:
        assert not sqlite_file.is_plain(converted.path)
        with converted.session() as s:
            got = [r[0] for r in s.connection().exec_driver_sql("SELECT number FROM case_record ORDER BY number")]
        assert got == sorted(numbers)
        assert ID_NUMBER.encode() not in converted.path.read_bytes()
        assert not list(station.glob("*.encrypting*"))
    finally:
        converted.close()


CHILD = ("import sys\nfrom pathlib import Path\nfrom counter_app.store.database import Store\n"
         "print('go', flush=True)\nStore(Path(sys.argv[1])).close()\nprint('done', flush=True)\n")


def _state(path: Path, key: bytes) -> tuple[str, int]:
    """Which file counter.db is now (plain or encrypted) and how many cases it holds."""
    kind = "plain" if sqlite_file.is_plain(path) else "encrypted"
    con = sqlite_file.connect(path, key=None if kind == "plain" else key, mode="rw")
    try:
        return kind, con.execute("SELECT count(*) FROM case_record").fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_killed_while_converting_the_station_keeps_the_old_or_the_new_file_never_neither(store, tmp_path):
    _cases(store, 40)
    with store.transaction() as s:     # a bigger file: the copy takes long enough to be hit
        s.connection().exec_driver_sql("CREATE TABLE filler (x BLOB)")
        for _ in range(600):
            s.connection().exec_driver_sql("INSERT INTO filler VALUES (randomblob(4000))")
    template = plain_copy(store, tmp_path / "template" / "counter.db")
    key = store.key
    store.close()
    rng = random.Random(1301)
    seen = set()

    def fresh(n):
        station = tmp_path / f"s{n}"
        station.mkdir()
        (station / "counter.db").write_bytes(template.read_bytes())
        for f in ("keys.json",):     # the same station: its key is already in the keyring
            (station / f).write_bytes((store.data_dir / f).read_bytes())
        return station

    probe = fresh("probe")
    p = subprocess.Popen([sys.executable, "-c", CHILD, str(probe)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert p.stdout.readline().strip() == "go"
    t = time.perf_counter()
    assert p.stdout.readline().strip() == "done"
    window = (time.perf_counter() - t) * 1.3
    p.wait()
    for n in range(KILLS):
        station = fresh(n)
        p = subprocess.Popen([sys.executable, "-c", CHILD, str(station)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert p.stdout.readline().strip() == "go", p.stderr.read()
        time.sleep(rng.uniform(0, window))
        p.send_signal(signal.SIGKILL)
        _, err = p.communicate()
        assert "Traceback" not in err, err
        kind, count = _state(station / "counter.db", key)      # usable as it was left
        assert count == 40
        seen.add(kind)
        again = Store(station)                                  # and the next start finishes
        with again.session() as s:
            assert s.connection().exec_driver_sql("SELECT count(*) FROM case_record").scalar() == 40
        again.close()
        assert not sqlite_file.is_plain(station / "counter.db")
        assert not list(station.glob("*.encrypting*"))
    assert "plain" in seen       # some kills landed before the swap


def test_no_usable_keyring_stops_before_anything_is_written(tmp_path, monkeypatch):
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(UserError) as err:
            Store(tmp_path / "station", demo=False)
        assert err.value.key == "keys.no_keyring"
        assert not (tmp_path / "station" / "counter.db").exists()
        p = subprocess.run([sys.executable, "-m", "counter_app", "catalog", "import", str(MINI_CATALOG),
                            "--data-dir", str(tmp_path / "cli"), "--lang", "en"], capture_output=True, text=True,
                           env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
        assert p.returncode == 2 and "No usable OS keyring" in p.stderr and "Traceback" not in p.stderr
        assert not (tmp_path / "cli" / "counter.db").exists()
    finally:
        keyring.set_keyring(previous)


def test_demo_on_a_bare_machine_keeps_a_labelled_key_file_in_its_folder(tmp_path):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    p = subprocess.run([sys.executable, "-m", "counter_app", "demo", "cases", "--count", "2",
                        "--data-dir", str(tmp_path)], capture_output=True, text=True, env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    key_file = tmp_path / station_keys.DEMO_KEY_FILE
    assert "DEMO ONLY" in key_file.read_text() and "仅供演示" in key_file.read_text()
    assert station_keys.read_info(tmp_path).source == station_keys.DEMO_FILE
    assert not sqlite_file.is_plain(tmp_path / "counter.db")
    p = subprocess.run([sys.executable, "-m", "counter_app", "keys", "status", "--data-dir", str(tmp_path),
                        "--lang", "en"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert "DEMO ONLY" in p.stdout and "encrypted" in p.stdout


def test_the_passphrase_escape_hatch_opens_only_with_the_right_passphrase(tmp_path):
    previous = keyring.get_keyring()
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    station = tmp_path / "station"
    try:
        station_keys.use_passphrase(station, "a long hall passphrase")
        station_keys.set_passphrase_prompt(lambda _d: "a long hall passphrase")
        store = Store(station, demo=False)
        _cases_done = store.path.exists()
        store.close()
        assert _cases_done and not sqlite_file.is_plain(store.path)
        station_keys.forget_cached()
        station_keys.set_passphrase_prompt(lambda _d: "the wrong passphrase!")
        with pytest.raises(UserError) as err:
            Store(station, demo=False)
        assert err.value.key == "keys.wrong_passphrase"
        with pytest.raises(UserError) as err:
            station_keys.use_passphrase(station, "another long one")
        assert err.value.key == "keys.already_set"
    finally:
        station_keys.set_passphrase_prompt(None)
        station_keys.forget_cached()
        keyring.set_keyring(previous)


def test_a_key_missing_from_this_keyring_is_said_so_and_nothing_is_touched(store):
    store.close()
    before = store.path.read_bytes()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())        # another PC's (empty) keyring
    station_keys.forget_cached()
    try:
        with pytest.raises(UserError) as err:
            Store(store.data_dir)
        assert err.value.key == "keys.not_in_keyring"
        assert store.path.read_bytes() == before
    finally:
        keyring.set_keyring(previous)
        station_keys.forget_cached()


def test_a_script_pipes_the_passphrase_to_every_command(tmp_path):
    """An admin's script on a machine without a keyring: set up once, then each command reads the
    passphrase from stdin; nothing piped is told as 'no passphrase', not as a wrong one."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    station = str(tmp_path / "station")

    def app(*args, typed):
        return subprocess.run([sys.executable, "-m", "counter_app", *args, "--data-dir", station], env=env,
                              input=typed, capture_output=True, text=True, timeout=120)
    typed = "柜台口令 2026 hall\n"
    assert app("keys", "use-passphrase", "--passphrase-stdin", typed=typed).returncode == 0
    done = app("catalog", "import", str(MINI_CATALOG), typed=typed)
    assert done.returncode == 0, done.stderr
    assert app("keys", "status", "--json", typed="").stdout.count('"encrypted"') == 1
    wrong = app("catalog", "search", "ylqx", typed="not the passphrase\n")
    assert wrong.returncode != 0 and "口令不正确" in wrong.stderr + wrong.stdout
    none = app("catalog", "search", "ylqx", typed="")
    assert none.returncode != 0 and "请在启动时输入口令" in none.stderr + none.stdout
    assert "GetPassWarning" not in done.stderr + wrong.stderr + none.stderr
