"""The same window code enrolled twice: refused with a clear message (two PCs as one window would
issue the same case numbers), or re-enrolled explicitly with ``enrol-code --replace``, which revokes
the old device. Enforced by a partial unique index, so two codes racing cannot both win."""

import httpx
import pytest
from sqlalchemy import select

from counter_app.central import admin
from counter_app.central.cli import main as central_main
from counter_app.central.models import Device
from counter_app.errors import UserError
from counter_app.i18n import Translator
from tests.central.conftest import enrol


def test_a_second_code_for_an_enrolled_window_is_refused_with_the_way_out(db):
    admin.enrol(db, admin.new_enrolment_code(db, hall="330402001", window="W01")[0])
    with pytest.raises(UserError) as refused:
        admin.new_enrolment_code(db, hall="330402001", window="W01")
    assert refused.value.key == "central.window_enrolled"
    text = Translator("zh_CN").error(refused.value)
    assert "W01" in text and "--replace" in text
    admin.new_enrolment_code(db, hall="330411002", window="W01")     # the same code in another hall is fine


def test_two_codes_issued_before_either_was_spent_enrol_one_device_only(db):
    first, _ = admin.new_enrolment_code(db, hall="330402001", window="W03")
    second, _ = admin.new_enrolment_code(db, hall="330402001", window="W03")
    admin.enrol(db, first)
    with pytest.raises(UserError) as refused:
        admin.enrol(db, second)
    assert refused.value.key == "central.window_enrolled"
    with db.transaction() as s:
        live = s.scalars(select(Device).where(Device.window_code == "W03", Device.revoked_at.is_(None))).all()
    assert len(live) == 1


def test_re_enrolment_revokes_the_old_device(db, live):
    old = enrol(db, live.url, window="W04")
    assert old.get("/api/v1/me").status_code == 200
    code, _ = admin.new_enrolment_code(db, hall="330402001", window="W04", replace=True)
    reply = httpx.post(f"{live.url}/api/v1/enrol", json={"code": code})
    assert reply.status_code == 200
    new = httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {reply.json()['token']}"})
    assert new.get("/api/v1/me").json()["window_code"] == "W04"
    live.server.config.app.state.devices._seen.clear()             # the 30 s credential cache, for the test
    assert old.get("/api/v1/me").status_code == 401
    old.close()
    new.close()


def test_the_api_and_the_command_line_say_why(db, live, tmp_path, capsys):
    enrol(db, live.url, window="W05").close()
    code = admin.new_enrolment_code(db, hall="330402001", window="W07")[0]
    with db.transaction() as s:              # as if another PC became W07 after the code was printed
        s.add(Device(id="twin", hall_code="330402001", window_code="W07", token_hash="y" * 64,
                     enrolled_at=admin.utcnow()))
    reply = httpx.post(f"{live.url}/api/v1/enrol", json={"code": code})
    assert reply.status_code == 403 and reply.json()["detail"]["code"] == "central.window_enrolled"
    assert httpx.post(f"{live.url}/api/v1/enrol", json={"code": code}).status_code == 403   # still refused, not spent by the refusal

    url = str(db.engine.url.render_as_string(hide_password=False))
    capsys.readouterr()
    assert central_main(["enrol-code", "--hall", "330402001", "--window", "W05", "--database-url", url]) == 2
    assert "--replace" in capsys.readouterr().err
    assert central_main(["enrol-code", "--hall", "330402001", "--window", "W05", "--replace",
                         "--database-url", url]) == 0
    assert capsys.readouterr().out.strip()
