"""Supervisors live in supervisors.json (readable by the station's user only), never in station.json."""

import json
import os
import stat
import subprocess
import sys
import time

import pytest

from counter_app import supervisors
from counter_app.domain.supervisor import FIRST_LOCK, MAX_FAILURES
from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.settings import SETTINGS_VERSION, load_settings


def cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "counter_app", *map(str, args)], input=stdin,
                          capture_output=True, text=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_hashes_are_readable_by_the_station_user_only(tmp_path):
    os.umask(0o022)
    supervisors.add(tmp_path, "王科长", "246813", iterations=1000)
    mode = stat.S_IMODE((tmp_path / supervisors.FILE).stat().st_mode)
    assert mode == 0o600
    assert "246813" not in (tmp_path / supervisors.FILE).read_text(encoding="utf-8")
    assert not (tmp_path / "station.json").exists() or "王科长" not in (tmp_path / "station.json").read_text()


def test_wrong_pins_lock_the_name_and_the_lock_survives_a_restart(tmp_path):
    supervisors.add(tmp_path, "王科长", "246813", iterations=1000)
    now = time.time()
    for left in range(MAX_FAILURES - 1, 0, -1):
        with pytest.raises(UserError) as err:
            supervisors.check(tmp_path, "王科长", "000001", now=now)
        assert err.value.key == "supervisor.wrong_pin" and err.value.params["tries"] == left
    with pytest.raises(UserError) as err:
        supervisors.check(tmp_path, "王科长", "000001", now=now)
    assert err.value.key == "supervisor.locked"
    # the right PIN does not help while locked, in this process or a new one
    with pytest.raises(UserError) as err:
        supervisors.check(tmp_path, "王科长", "246813", now=now + 60)
    assert err.value.key == "supervisor.locked" and err.value.params["minutes"] == 14
    p = cli("supervisor", "list", "--data-dir", tmp_path)
    assert p.returncode == 0 and "王科长" in p.stdout and "锁定" in p.stdout
    supervisors.check(tmp_path, "王科长", "246813", now=now + FIRST_LOCK)     # the lock ends
    # a new PIN from the admin lifts a lock at once
    for _ in range(MAX_FAILURES):
        with pytest.raises(UserError):
            supervisors.check(tmp_path, "王科长", "000001", now=now + FIRST_LOCK)
    supervisors.add(tmp_path, "王科长", "135792", iterations=1000)
    supervisors.check(tmp_path, "王科长", "135792", now=now + FIRST_LOCK)


def test_add_remove_and_list_from_the_command_line(tmp_path):
    p = cli("supervisor", "add", "王科长", "--pin-stdin", "--data-dir", tmp_path, stdin="1234\n")
    assert p.returncode == 2 and "至少 6 位数字" in p.stderr and "Traceback" not in p.stderr
    p = cli("supervisor", "add", "王科长", "--pin-stdin", "--data-dir", tmp_path, stdin="123456\n")
    assert p.returncode == 2 and "太简单" in p.stderr
    assert cli("supervisor", "add", "王科长", "--pin-stdin", "--data-dir", tmp_path, stdin="246813\n").returncode == 0
    assert cli("supervisor", "add", "李主任", "--pin-stdin", "--data-dir", tmp_path, stdin="975318\n").returncode == 0
    assert cli("supervisor", "list", "--data-dir", tmp_path).stdout.split() == ["李主任", "王科长"]
    p = cli("supervisor", "remove", "王科长", "--data-dir", tmp_path)
    assert p.returncode == 0 and "已删除" in p.stdout
    assert cli("supervisor", "list", "--data-dir", tmp_path).stdout.split() == ["李主任"]
    p = cli("supervisor", "remove", "王科长", "--data-dir", tmp_path, "--lang", "en")
    assert p.returncode == 2 and "no supervisor" in p.stderr
    with pytest.raises(UserError):
        supervisors.check(tmp_path, "王科长", "246813")


def test_an_old_station_json_loses_its_hashes_and_the_pins_must_be_reset(tmp_path):
    old = {"window": "W03", "supervisors": ["王科长|pbkdf2_sha256|120000|00ff|abcd"], "printer_tray": 2}
    (tmp_path / "station.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.window == "W03"
    upgraded = json.loads((tmp_path / "station.json").read_text(encoding="utf-8"))
    assert upgraded["version"] == SETTINGS_VERSION and "supervisors" not in upgraded
    assert upgraded["printer_tray"] == 2                     # a key this version does not know is kept
    assert supervisors.names(tmp_path) == ["王科长"]
    with pytest.raises(UserError) as err:
        supervisors.check(tmp_path, "王科长", "1234")
    assert err.value.key == "supervisor.must_reset"
    assert "supervisor add 王科长" in Translator().error(err.value)
    assert "needs a new PIN" in cli("supervisor", "list", "--data-dir", tmp_path, "--lang", "en").stdout
    supervisors.add(tmp_path, "王科长", "246813", iterations=1000)
    supervisors.check(tmp_path, "王科长", "246813")
