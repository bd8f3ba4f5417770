"""``counter-central``: the admin commands as the issue writes them, and ``serve`` as a real process."""

import io
import json
import os
import subprocess
import sys
import time

import httpx
import pytest

from counter_app.central.cli import main
from tests.central.conftest import free_port
from tests.central.entries import new_case
from tests.conftest import MINI_CATALOG


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def where(db_url, tmp_path):
    return ["--database-url", db_url]


def test_admin_commands_set_up_a_hall_and_list_its_cases(db_url, tmp_path, capsys, monkeypatch):
    w = where(db_url, tmp_path)
    assert run(["hall", "add", "330402001", "南湖区政务服务中心", *w], capsys)[0] == 0
    code, _, err = run(["hall", "add", "330402001", "again", *w, "--lang", "en"], capsys)
    assert code == 2 and "exists already" in err
    assert run(["clerk", "add", "zhang", "--hall", "330402001", "--role", "supervisor", "--password-stdin", *w],
               capsys, stdin="longpassword\n", monkeypatch=monkeypatch)[0] == 0
    code, _, err = run(["clerk", "add", "li", "--hall", "330402001", "--role", "clerk", "--password-stdin", *w],
                       capsys, stdin="short\n", monkeypatch=monkeypatch)
    assert code == 2 and "8" in err
    code, out, err = run(["enrol-code", "--hall", "330402001", "--window", "W03", *w], capsys)
    enrol_code = out.strip()
    assert code == 0 and len(enrol_code) == 14 and "有效期至" in err
    code, out, _ = run(["catalog", "publish", str(MINI_CATALOG), *w], capsys)
    assert code == 0
    from counter_app.central import admin, push
    from counter_app.central.database import Database

    db = Database(db_url)
    device = admin.enrol(db, enrol_code)
    from counter_app.central.models import Device

    with db.transaction() as s:
        push.apply_in(s, s.get(Device, device.device_id), new_case(1, window="W03"))
    code, out, _ = run(["cases", "--hall", "330402001", "--json", *w], capsys)
    rows = json.loads(out)
    assert [(r["number"], r["window"], r["status"]) for r in rows] == [("330402001-W03-20261201-0001", "W03",
                                                                       "accepted")]
    code, out, _ = run(["cases", "--hall", "330402001", *w], capsys)
    assert out.split("\t")[0] == "330402001-W03-20261201-0001"
    assert admin.current_catalog(db, "330402001") is not None
    db.close()


def test_a_command_without_a_database_says_so(capsys):
    code, _, err = run(["cases", "--hall", "X", "--lang", "en"], capsys)
    assert code == 2 and "--data-dir" in err


def test_serve_on_a_data_dir_migrates_at_start_and_answers(tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "counter_app.central.cli", "serve", "--data-dir",
                             str(tmp_path / "central"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ | {"PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert (tmp_path / "central" / "central.db").exists()
        assert "openapi" in httpx.get(f"http://127.0.0.1:{port}/openapi.json").json()
    finally:
        proc.terminate()
        proc.wait(10)
