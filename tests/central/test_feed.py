"""The pull cursor never skips a change that commits late (two transactions committing out of order)."""

import threading

from sqlalchemy import select

from counter_app.central import feed, push
from counter_app.central.models import CaseChange, Device
from tests.central.entries import new_case


def _device(db) -> Device:
    from counter_app.central import admin

    code, _ = admin.new_enrolment_code(db, hall="330402001", window="W01")
    e = admin.enrol(db, code)
    with db.transaction() as s:
        return s.get(Device, e.device_id)


def _pull_all(db, cursor):
    got = []
    while True:
        rows, cursor, more = feed.pull(db, "330402001", cursor, limit=2)
        got += [r["number"] for r in rows if r["event"]["kind"] == "received"]
        if not more:
            return got, cursor


def test_a_late_commit_behind_the_cursor_is_still_pulled(db):
    device = _device(db)
    early, late = new_case(1), new_case(2)
    cursor = feed.Cursor()
    session_a = db._sessions()
    session_a.begin()
    push.apply_in(session_a, device, early)              # A takes the lower seq, does not commit yet
    if db.postgres:
        push.apply_batch(db, device, late)               # B takes a higher seq and commits first
        got, cursor = _pull_all(db, cursor)
        assert got == []                                 # B is held back behind A: not read past A
    else:   # SQLite: B cannot even write until A is done, so seq order is commit order
        b = threading.Thread(target=push.apply_batch, args=(db, device, late))
        b.start()
        b.join(0.5)
        assert b.is_alive()
        got, cursor = _pull_all(db, cursor)
        assert got == []
    session_a.commit()
    session_a.close()
    if not db.postgres:
        b.join(10)
    got2, cursor = _pull_all(db, cursor)
    assert sorted(got + got2) == ["330402001-W01-20261201-0001", "330402001-W01-20261201-0002"]
    with db.transaction() as s:
        seqs = dict(s.execute(select(CaseChange.case_id, CaseChange.seq)).all())
    if db.postgres:   # the scenario really was out of order: a plain "seq > last" cursor would have skipped A
        assert seqs[early[0]["case_id"]] < seqs[late[0]["case_id"]]
    assert _pull_all(db, cursor)[0] == []
