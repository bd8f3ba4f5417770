"""Two windows of one hall and a central server over real HTTP: everything each window did reaches
the server exactly once, and each window then holds the other's cases."""

import json

import pytest
from sqlalchemy import func, select

from counter_app.central import admin
from counter_app.central.models import CaseEvent
from counter_app.store import outbox
from counter_app.store.models import CaseEventRow, CaseRow, OutboxRow
from counter_app.sync import credential


def server_events(db) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(CaseEvent))


def local_cases(station) -> set[str]:
    store = station.store()
    with store.session() as s:
        numbers = set(s.scalars(select(CaseRow.number)))
    store.close()
    return numbers


def test_two_windows_see_each_others_cases_after_a_sync(station, db, capsys, memory_keyring):
    w1, w2 = station("W01"), station("W02")
    credentials = [t for (service, _), t in memory_keyring.secrets.items() if service == credential.SERVICE]
    assert len(credentials) == 2 and all(len(t) > 30 for t in credentials)
    assert w1.run("demo", "cases", "--count", 5, "--days-back", 3, "--seed", 1) == 0
    assert w2.run("demo", "cases", "--count", 3, "--seed", 2) == 0
    assert w1.sync(capsys) == {"pushed": 10, "duplicates": 0, "rejected": 0, "pending": 0, "pulled": 0}
    assert w2.sync(capsys) == {"pushed": 6, "duplicates": 0, "rejected": 0, "pending": 0, "pulled": 10}
    assert w1.sync(capsys) == {"pushed": 0, "duplicates": 0, "rejected": 0, "pending": 0, "pulled": 6}
    assert local_cases(w1) == local_cases(w2)
    on_server = admin.cases_of_hall(db, "330402001")
    assert {c["number"] for c in on_server} == local_cases(w1)
    assert len(on_server) == 8 and {c["window"] for c in on_server} == {"W01", "W02"}
    assert server_events(db) == 16
    assert w1.sync(capsys)["pulled"] == 0


def test_a_pulled_case_is_found_by_the_applicants_id_number_at_the_other_window(station, capsys):
    from counter_app.services.intake import person_history

    w1, w2 = station("W01"), station("W02")
    w1.run("demo", "cases", "--count", 1, "--seed", 7)
    w1.sync(capsys)
    w2.sync(capsys)
    store1, store2 = w1.store(), w2.store()
    with store1.session() as s:
        row = s.scalars(select(CaseRow)).one()
        id_number, number = row.applicant_id_number, row.number
    history = person_history(store=store2, id_number_text=id_number)
    assert [c.number for c in history.cases] == [number]
    assert history.cases[0].items and history.cases[0].materials
    store1.close(), store2.close()


def test_the_outbox_is_written_in_the_cases_transaction(station, monkeypatch):

    w1 = station("W01")
    monkeypatch.setattr(outbox, "queue", lambda s, events: (_ for _ in ()).throw(RuntimeError("disk gone")))
    with pytest.raises(RuntimeError):
        w1.run("demo", "cases", "--count", 1)
    assert local_cases(w1) == set()


def test_server_down_keeps_everything_pending_then_sends_it(station, live, db, capsys):
    w1 = station("W01")
    w1.run("demo", "cases", "--count", 2)
    live.stop()
    capsys.readouterr()
    assert w1.run("sync", "--once", "--json") == 75          # transient: try later
    assert "中心服务器" in capsys.readouterr().err
    capsys.readouterr()
    w1.run("sync", "status", "--json")
    status = json.loads(capsys.readouterr().out)
    assert status["pending"] == 4 and status["oldest_pending"]
    from tests.central.conftest import LiveServer

    again = LiveServer(db)
    try:
        from counter_app.sync import config

        enrolment = config.load(w1.path)
        config.save(w1.path, type(enrolment)(**{**enrolment.__dict__, "url": again.url}))
        assert w1.sync(capsys) == {"pushed": 4, "duplicates": 0, "rejected": 0, "pending": 0, "pulled": 0}
    finally:
        again.stop()
    assert server_events(db) == 4


def test_a_rejected_entry_is_shown_with_the_reason_and_not_retried(station, capsys):
    w1 = station("W01")
    # a case numbered for another hall (the station was set up for it before enrolling here)
    store = w1.store()
    import dataclasses

    from counter_app.settings import load_settings, save_settings

    settings = load_settings(w1.path)
    save_settings(w1.path, dataclasses.replace(settings, hall=dataclasses.replace(settings.hall, code="330411002")))
    store.close()
    w1.run("demo", "cases", "--count", 1)
    report = w1.sync(capsys)
    assert (report["pushed"], report["rejected"], report["pending"]) == (0, 2, 0)
    w1.run("sync", "status", "--json")
    status = json.loads(capsys.readouterr().out)
    assert status["rejected"] == 2 and {r["reason"] for r in status["rejections"]} == {"wrong_hall", "unknown_case"}
    assert w1.sync(capsys)["rejected"] == 0                  # never retried blindly
    store = w1.store()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.state == "rejected")) == 2
        assert s.scalar(select(func.count()).select_from(CaseEventRow)) == 2   # the case stays at the window
    store.close()


def test_sync_brings_the_halls_new_catalog_and_calendar_by_version(station, db, capsys, tmp_path):
    from counter_app.paths import resource
    from counter_app.store import catalog_read
    from tests.conftest import MINI_CATALOG

    w1 = station("W01")
    newer = json.loads(MINI_CATALOG.read_text(encoding="utf-8"))
    newer["version"] = "2026.12.01"
    admin.publish_catalog(db, json.dumps(newer, ensure_ascii=False))
    calendar_text = resource("calendar", "cn_holidays.json").read_text(encoding="utf-8")
    calendar_version = admin.publish_calendar(db, calendar_text)
    w1.sync(capsys)
    store = w1.store()
    with store.session() as s:
        assert catalog_read.current_version(catalog_read.session_rows(s))[0] == "2026.12.01"
    store.close()
    assert (w1.path / "cn_holidays.json").read_text(encoding="utf-8") == calendar_text
    capsys.readouterr()
    assert w1.run("sync", "--once", "--json") == 0
    err = capsys.readouterr().err
    assert "目录" not in err and "日历" not in err          # nothing new: nothing pulled again
    assert calendar_version
