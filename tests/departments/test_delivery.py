"""The delivery queue against the simulated departments: rows written with the case, each case
arriving once, retries through 5xx, parking with reasons, credentials resuming, resend, and the
department's reference and statuses coming back as case events that sync."""

import time

from sqlalchemy import select

from counter_app.domain.case_status import DEPT_DELIVERED, DEPT_STATUS
from counter_app.store import case_events, delivery
from counter_app.store.models import CaseRow, DeliveryRow, OutboxRow
from tests.departments.conftest import departments


def work_until(deliverer, done, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        deliverer.run_once(timeout=30)
        if done():
            return True
        time.sleep(0.05)
    return False


def rows(store):
    with store.session() as s:
        return {(r.department, r.case_id): r for r in s.scalars(select(DeliveryRow))}


def test_every_kind_of_system_gets_each_case_once_and_its_reference_comes_back(sim_station):
    st = sim_station(departments(7))         # none, hmac, xml+body token, basic, bearer, oauth2, sm
    codes = [d.code for d in st.sim.config.departments]
    records = st.accept(codes, per_department=2)
    with st.store.session() as s:                # written in the case's transaction, before any delivery
        assert s.scalar(select(DeliveryRow).where(DeliveryRow.state != "pending")) is None
        assert len(list(s.scalars(select(DeliveryRow)))) == 14
    d = st.deliverer()
    assert work_until(d, lambda: all(r.state == "done" for r in rows(st.store).values())), [x for x in _debug(st) if x[1] != "done"]
    counts = st.counts()
    by_number = {r.number: r for r in records}
    for code in codes:
        assert counts[code]["total"] == counts[code]["distinct"] == 2, (code, counts[code])
        assert all(by_number[n].items[0].department == code for n in counts[code]["cases"])
    with st.store.session() as s:
        for r in records:
            events = case_events.of_case(s, r.id)
            kinds = [e.kind for e in events]
            assert kinds.count(DEPT_DELIVERED) == 1 and DEPT_STATUS in kinds
            ref = next(e for e in events if e.kind == DEPT_DELIVERED).payload["reference"]
            assert ref.startswith(r.items[0].department + "-")
            assert events[-1].payload["status"] == "done"
            # the events go to the central server like every other case event
            assert {o.event_id for o in s.scalars(select(OutboxRow).where(OutboxRow.case_id == r.id))} >= \
                {e.id for e in events}


def test_a_notice_or_rejection_is_not_sent_to_any_department(sim_station):
    from counter_app.domain.case import MaterialCheck
    from counter_app.services.holidays import load_calendar
    from counter_app.services.intake import IntakeRequest, submit_intake
    from counter_app.services.demo_cases import random_applicant
    import datetime as dt
    import random

    st = sim_station(departments(1))
    item = st.catalog.item(st.items[st.sim.config.departments[0].code])
    req = IntakeRequest(applicant=random_applicant(random.Random(3), dt.date.today()), item_codes=(item.code,),
                        checks=(("申请表", MaterialCheck("missing", remark="没有")),), outcome="notice")
    submit_intake(store=st.store, settings=st.settings, catalog=st.catalog, calendar=load_calendar(st.dir),
                  request=req)
    assert rows(st.store) == {}


def test_5xx_for_the_first_requests_is_retried_and_still_arrives_once(sim_station):
    st = sim_station(departments(1, i0={"fail_first": 3}))
    st.accept([st.sim.config.departments[0].code], per_department=2)
    from counter_app.services.delivery import Policy

    d = st.deliverer(Policy(max_failures=10, backoff_base=0.02, backoff_cap=0.05))
    assert work_until(d, lambda: all(r.state == "done" for r in rows(st.store).values()))
    c = st.counts()[st.sim.config.departments[0].code]
    assert c["requests"] > 3 and c["total"] == c["distinct"] == 2


def test_stuck_departments_park_with_their_reasons_and_resend_brings_them_back(sim_station, capsys):
    st = sim_station(departments(4, i0={"fault": "down"}, i1={"fault": "malformed"},
                                 i2={"fault": "reject_credentials"}), timeout=1.0)
    codes = [d.code for d in st.sim.config.departments]
    records = st.accept(codes)
    d = st.deliverer()
    assert work_until(d, lambda: sum(r.state in ("parked", "done") for r in rows(st.store).values()) == 4)
    by_dept = {dept: r for (dept, _), r in rows(st.store).items()}
    assert (by_dept[codes[0]].state, by_dept[codes[0]].reason) == ("parked", "departments.unreachable")
    assert (by_dept[codes[1]].state, by_dept[codes[1]].reason) == ("parked", "departments.garbage")
    assert (by_dept[codes[2]].state, by_dept[codes[2]].reason) == ("parked", "departments.credentials_rejected")
    assert by_dept[codes[0]].attempts == 3 and by_dept[codes[2]].attempts == 1   # refused credentials: at once
    assert by_dept[codes[3]].state == "done"
    # the clerk fixes nothing but resends: the down department is still down
    from counter_app.cli import main

    number = next(r.number for r in records if r.items[0].department == codes[0])
    assert main(["departments", "resend", number, "--data-dir", str(st.dir)]) == 0
    assert "1" in capsys.readouterr().out
    assert rows(st.store)[(codes[0], by_dept[codes[0]].case_id)].state == "pending"
    assert main(["departments", "resend", "NO-SUCH-CASE", "--data-dir", str(st.dir)]) == 2


def test_missing_credentials_park_until_the_clerk_enters_them_then_go_out_by_themselves(sim_station):
    from counter_app.connectors import credentials
    from counter_app.dept_sim import descriptions
    from counter_app.services.delivery import credentials_saved

    st = sim_station(departments(2), enter_credentials=False)     # 0: no auth, 1: hmac
    codes = [d.code for d in st.sim.config.departments]
    st.accept(codes)
    d = st.deliverer()
    assert work_until(d, lambda: sum(r.state in ("parked", "done") for r in rows(st.store).values()) == 2)
    parked = [r for r in rows(st.store).values() if r.state == "parked"]
    assert [(r.department, r.failure, r.reason) for r in parked] == \
        [(codes[1], "credentials", "departments.credentials_missing")]
    assert st.counts()[codes[1]]["requests"] == 0           # nothing was sent without credentials
    system = f"sim-{codes[1]}"
    credentials.save(st.settings.clerk, system, descriptions.credentials(st.sim)[system])
    assert credentials_saved(st.store, st.settings.clerk, [codes[1]]) == 1
    assert work_until(d, lambda: all(r.state == "done" for r in rows(st.store).values()))
    assert st.counts()[codes[1]]["distinct"] == 1


def test_a_hanging_department_holds_only_its_own_lane(sim_station):
    st = sim_station(departments(3, i0={"fault": "hang"}), timeout=3.0)
    codes = [d.code for d in st.sim.config.departments]
    st.accept(codes, per_department=2)
    d = st.deliverer()
    started = time.monotonic()
    d.kick()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        r = rows(st.store)
        if all(x.state != "pending" for (dept, _), x in r.items() if dept != codes[0]):
            break
        time.sleep(0.05)
    assert time.monotonic() - started < 2.5        # the others were delivered while the first still hangs
    assert st.counts()[codes[1]]["distinct"] == 2 and st.counts()[codes[2]]["distinct"] == 2
    assert all(x.state == "pending" for (dept, _), x in rows(st.store).items() if dept == codes[0])


def _debug(st):
    return [(r.department, r.state, r.reason, r.detail, r.dept_status, r.reference) for r in rows(st.store).values()]


def test_a_manual_department_goes_on_the_sheet_and_its_answer_is_entered_by_hand(sim_station, capsys):
    from counter_app.cli import main

    st = sim_station(departments(1))
    (st.dir / "connectors" / "manual.toml").write_text(
        'name = "民政 人工交接"\ndepartments = ["MANUAL1"]\nkind = "manual"\n', encoding="utf-8")
    # a department of the catalog with no system at all is manual too: the simulated one has a file
    from counter_app.connectors.registry import Registry

    st.registry = Registry.for_station(st.dir)
    records = st.accept([st.sim.config.departments[0].code])
    with st.store.transaction() as s:                  # a second row, to the manual department
        delivery.queue_case(s, type("R", (), {"id": records[0].id, "clerk": "c07", "items": [
            type("I", (), {"department": "MANUAL1"})()]})(), now=records[0].created_at)
    d = st.deliverer()
    assert work_until(d, lambda: {r.state for r in rows(st.store).values()} == {"done", "manual"})
    assert sum(c["requests"] for c in st.counts().values()) >= 1      # only the system was asked
    number = records[0].number
    assert main(["departments", "answer", number, "--department", "MANUAL1", "--status", "done",
                 "--reference", "MZ-2026-7", "--data-dir", str(st.dir)]) == 0
    manual_row = next(r for (dept, _), r in rows(st.store).items() if dept == "MANUAL1")
    assert (manual_row.state, manual_row.reference, manual_row.dept_status) == ("done", "MZ-2026-7", "done")
    with st.store.session() as s:
        events = [e for e in case_events.of_case(s, records[0].id) if e.payload.get("department") == "MANUAL1"]
    assert [(e.kind, e.payload["reference"], e.payload["by_hand"]) for e in events] == [(DEPT_DELIVERED, "MZ-2026-7", True)]
    assert main(["departments", "answer", number, "--department", "MANUAL1", "--status", "done",
                 "--data-dir", str(st.dir)]) == 2                     # nothing left to answer
