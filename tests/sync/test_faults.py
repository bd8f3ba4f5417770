"""Faults between the windows and the server, verified by counting what the server holds afterwards:
every case exactly once, with all its events."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select, text

from counter_app.central.models import Case, CaseEvent
from counter_app.store.models import CaseEventRow
from counter_app.sync import config
from counter_app.sync.engine import sync_once
from counter_app.sync.session import open_client
from tests.central.conftest import free_port
from tests.sync.loopback_proxy import CuttingProxy


def local_events(station) -> set[str]:
    store = station.store()
    with store.session() as s:
        ids = set(s.scalars(select(CaseEventRow.id)))
    store.close()
    return ids


def server_holds(db) -> tuple[int, int, Counter]:
    with db.transaction() as s:
        cases = s.scalar(select(func.count()).select_from(Case))
        events = s.scalar(select(func.count()).select_from(CaseEvent))
        per_case = Counter(dict(s.execute(select(CaseEvent.case_id, func.count()).group_by(CaseEvent.case_id)).all()))
    return cases, events, per_case


def point_at(station, url) -> None:
    e = config.load(station.path)
    config.save(station.path, config.Enrolment(**{**e.__dict__, "url": url}))


def sync_report(station):
    store = station.store()
    _, client = open_client(station.path)
    try:
        return sync_once(store, client)
    finally:
        client.close()
        store.close()


def test_connection_cut_after_the_server_committed_then_retry_counts_once(station, live, db):
    w1 = station("W01")
    w1.run("demo", "cases", "--count", 3)
    proxy = CuttingProxy(live.port)
    point_at(w1, proxy.url)
    proxy.cut_replies = True
    from counter_app.errors import UserError

    with pytest.raises(UserError) as cut:
        sync_report(w1)
    assert cut.value.kind == "transient" and proxy.cuts >= 1
    assert server_holds(db)[:2] == (3, 6)                 # the server had committed the batch
    store = w1.store()
    from counter_app.store import outbox

    with store.session() as s:
        assert outbox.backlog(s).pending == 6             # the window never heard: nothing marked sent
    store.close()
    proxy.cut_replies = False
    report = sync_report(w1)                              # same key, same entries: the stored reply
    assert (report.pushed + report.duplicates, report.rejected, report.pending) == (6, 0, 0)
    cases, events, per_case = server_holds(db)
    assert (cases, events) == (3, 6) and set(per_case.values()) == {2}
    proxy.close()


def _serve(where: list[str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "counter_app.central.cli", "serve", *where, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)


def _hold_writes(db):
    """A connection that keeps the server's batch waiting halfway (PostgreSQL: after its cases are
    written, in the statement that writes the events and the change feed; SQLite: at its first write)."""
    con = db.engine.connect()
    trans = con.begin()
    if db.postgres:
        con.execute(text("LOCK TABLE case_change IN EXCLUSIVE MODE"))
    else:
        con.exec_driver_sql("INSERT INTO hall (code, name, created_at) VALUES ('HOLD', 'x', '2026-01-01')")
    return con, trans


def _server_waiting(db) -> bool:
    if not db.postgres:
        return True
    with db.engine.connect() as con:
        return bool(con.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                     "AND query LIKE '%INSERT INTO case_change%'")).scalar())


def test_server_killed_mid_batch_and_restarted_counts_once(station, live, db):
    w1 = station("W01")
    w1.run("demo", "cases", "--count", 5)
    port = free_port()
    where = ["--database-url", db.url]
    proc = _serve(where, port)
    point_at(w1, f"http://127.0.0.1:{port}")
    con, trans = _hold_writes(db)
    outcome = {}
    pushing = threading.Thread(target=lambda: outcome.setdefault("error", _try(sync_report, w1)))
    pushing.start()
    deadline = time.monotonic() + 20
    while not _server_waiting(db):
        assert time.monotonic() < deadline, "the server never reached the held write"
        time.sleep(0.05)
    time.sleep(0.3 if not db.postgres else 0)   # SQLite: the write is attempted at once; give it a moment
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    pushing.join(30)
    trans.rollback()
    con.close()
    assert outcome["error"] is not None and outcome["error"].kind == "transient"
    assert server_holds(db)[:2] == (0, 0)          # nothing half-applied survives the kill
    proc = _serve(where, port)
    try:
        report = sync_report(w1)
    finally:
        proc.terminate()
        proc.wait(10)
    assert (report.pushed, report.rejected, report.pending) == (10, 0, 0)
    cases, events, per_case = server_holds(db)
    assert (cases, events) == (5, 10) and set(per_case.values()) == {2}


def _try(fn, *args):
    try:
        fn(*args)
    except Exception as exc:   # noqa: BLE001 - the test inspects it
        return exc
    return None


def test_two_windows_offline_for_a_day_with_200_cases_each_reconnect_at_once(station, db):
    w1, w2 = station("W01"), station("W02")
    w1.run("demo", "cases", "--count", 200, "--days-back", 1, "--seed", 11)
    w2.run("demo", "cases", "--count", 200, "--days-back", 1, "--seed", 12)
    errors = []
    threads = [threading.Thread(target=lambda w=w: errors.append(_try(sync_report, w))) for w in (w1, w2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == [None, None]
    cases, events, per_case = server_holds(db)
    assert (cases, events) == (400, 800) and set(per_case.values()) == {2}
    for w in (w1, w2):
        report = sync_report(w)
        assert report.pending == 0 and report.rejected == 0
    assert local_events(w1) == local_events(w2) and len(local_events(w1)) == 800
