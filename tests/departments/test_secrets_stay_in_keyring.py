"""Credentials live in the keyring only: after cases were delivered with them (and one system
refused them), no secret is found in the database file, its WAL, the settings, the archive, the
logs or anything else in the data folder, nor in what was logged or printed; a secret of 1 KB or
more is refused; a station without a usable keyring says so and stores nothing anywhere."""

import logging

import keyring
import pytest
from keyring.backends import fail

from counter_app.cli import main
from counter_app.connectors import credentials
from counter_app.errors import UserError
from counter_app.i18n import Translator
from tests.departments.conftest import departments
from tests.departments.test_delivery import rows, work_until


def test_no_secret_outside_the_keyring(sim_station, memory_keyring, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    st = sim_station(departments(7, i6={"fault": "reject_credentials", "auth": "bearer"}))
    st.accept([d.code for d in st.sim.config.departments], per_department=2)
    d = st.deliverer()
    assert work_until(d, lambda: all(r.state in ("done", "parked") for r in rows(st.store).values()))
    assert main(["departments", "status", "--json", "--data-dir", str(st.dir)]) == 0
    secrets = [v for c in st.sim.states.values() for k, v in c.dept.credentials.items()
               if k not in ("username", "client_id", "access_key", "app_id")]
    assert len(secrets) >= 5 and all(len(s) > 8 for s in secrets)
    stored = "".join(memory_keyring.secrets.values())
    assert all(s in stored for s in secrets)                     # they are in the keyring
    files = [p for p in st.dir.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "counter.db" in names and "station.json" in names
    st.store.close()                                             # (the WAL is checked before its checkpoint too)
    files = [p for p in st.dir.rglob("*") if p.is_file()] + files
    for path in files:
        if not path.exists():
            continue
        data = path.read_bytes()
        for s in secrets:
            assert s.encode() not in data, f"a secret in {path.relative_to(st.dir)}"
    said = caplog.text + capsys.readouterr().out
    assert not any(s in said for s in secrets)


def test_a_secret_of_1kb_or_more_is_refused():
    with pytest.raises(UserError) as err:
        credentials.save("c07", "sys", {"token": "x" * 1100})
    assert "1024" in Translator("zh_CN").error(err.value)
    credentials.save("c07", "sys", {"token": "x" * 900})
    assert credentials.load("c07", "sys") == {"token": "x" * 900}


def test_no_usable_keyring_says_so_and_keeps_nothing(sim_station, tmp_path):
    # the station (its database key in the keyring, issue 13) exists before the keyring goes away
    st = sim_station(departments(2), enter_credentials=False)     # 1: HMAC, needs keys
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(credentials.KeyringUnavailable) as err:
            credentials.save("c07", "sys", {"token": "t-123456789"})
        text = Translator("zh_CN").error(err.value)
        assert "密钥环" in text and "明文" in text
        assert "keyring" in Translator("en").error(err.value)
        assert credentials.available() != ""
        st.accept([d.code for d in st.sim.config.departments])
        d = st.deliverer()
        assert work_until(d, lambda: all(r.state in ("done", "parked") for r in rows(st.store).values()))
        parked = [r for r in rows(st.store).values() if r.state == "parked"]
        assert [(r.failure, r.reason) for r in parked] == [("credentials", "departments.no_keyring")]
        assert not any("t-123456789".encode() in p.read_bytes() for p in st.dir.rglob("*") if p.is_file())
    finally:
        keyring.set_keyring(previous)
