"""Issue 9's acceptance run: 28 simulated departments at once — one down, one hanging, one
answering malformed JSON, one refusing the credentials, one behind an HMAC gateway, one 前置库 on
a real PostgreSQL — every other department's cases arrive exactly once (counted in the
simulator), the stuck ones are parked with their reasons."""

import time

from sqlalchemy import select

from counter_app.store.models import DeliveryRow
from tests.departments.conftest import departments, new_db

PER_DEPARTMENT = 2


def test_28_departments_with_faults(sim_station, postgres_cluster):
    cfg = departments(28, i0={"fault": "down"}, i1={"fault": "hang", "auth": "none"},
                      i2={"fault": "malformed", "kind": "http_json", "auth": "none"},
                      i3={"fault": "reject_credentials"}, i4={"auth": "hmac", "kind": "http_json"},
                      i5={"kind": "front_db", "database_url": new_db(postgres_cluster)},
                      i6={"fail_first": 2})
    st = sim_station(cfg, timeout=1.0)
    codes = [d.code for d in cfg.departments]
    stuck = {codes[0]: "departments.unreachable", codes[1]: "departments.timeout",
             codes[2]: "departments.garbage", codes[3]: "departments.credentials_rejected"}
    records = st.accept(codes, per_department=PER_DEPARTMENT)
    d = st.deliverer()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        d.kick()
        with st.store.session() as s:
            states = [(r.department, r.state) for r in s.scalars(select(DeliveryRow))]
        if all(state == "parked" if dept in stuck else state == "done" for dept, state in states):
            break
        time.sleep(0.1)
    with st.store.session() as s:
        rows = list(s.scalars(select(DeliveryRow)))
    counts = st.counts()
    numbers = {r.number: r.items[0].department for r in records}
    for code in codes:
        mine = [r for r in rows if r.department == code]
        assert len(mine) == PER_DEPARTMENT
        if code in stuck:
            assert {(r.state, r.reason) for r in mine} == {("parked", stuck[code])}, code
            continue
        assert {r.state for r in mine} == {"done"}, (code, [(r.state, r.reason, r.detail) for r in mine])
        c = counts[code]
        assert c["total"] == c["distinct"] == PER_DEPARTMENT, (code, c)
        assert sorted(n for n, dep in numbers.items() if dep == code) == c["cases"]
        assert all(r.reference.startswith(code + "-") for r in mine)
    assert counts[codes[0]]["requests"] == 0 and counts[codes[3]]["total"] == 0
    assert counts[codes[4]]["distinct"] == PER_DEPARTMENT                 # HMAC-signed requests accepted
    assert counts[codes[6]]["requests"] > PER_DEPARTMENT                  # 503 twice, then accepted once each
