"""Nothing lost or sent twice when the delivering process is killed: ``counter-app departments
deliver`` runs in a child process and is killed with SIGKILL at random moments mid-delivery, then
started again; at the end every case is counted in the simulator once per department (distinct
client ids), and the reference on each case is the one the department issued. Resends after a
kill show as total > distinct and are absorbed by the client id. "Mid-delivery" is counted by what the
simulator holds (some of the cases arrived during that run, not all of them), not by queue rows, which
are settled a round at a time. Full runs: KILL_COUNT=20 or more;
CI: 5 (the default)."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.store.models import DeliveryRow
from tests.departments.conftest import departments
from tests.departments.env_keyring import seed

KILLS = int(os.environ.get("KILL_COUNT", "5" if os.environ.get("CI") else "20"))
ROOT = Path(__file__).resolve().parents[2]


def _child(data_dir, keyring_seed):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHON_KEYRING_BACKEND="tests.departments.env_keyring.EnvKeyring",
               COUNTER_TEST_KEYRING=keyring_seed)
    return subprocess.Popen([sys.executable, "-m", "counter_app", "departments", "deliver", "--data-dir",
                             str(data_dir)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_kill_9_mid_delivery_loses_nothing_and_sends_nothing_twice(sim_station, memory_keyring):
    slow = {"delay": 0.15}             # each lane ~6 cases a second: a kill 0–0.6 s in leaves most still to go
    cfg = departments(4, i0=slow, i1=slow, i2=slow, i3=slow)
    st = sim_station(cfg)              # none, hmac, xml + body token, basic: credentials from the keyring
    codes = [d.code for d in cfg.departments]
    per = max(KILLS * 8, 40)          # enough that the delivery spans all of the kills
    st.accept(codes, per_department=per)
    rng = random.Random(int(os.environ.get("KILL_SEED", "9")))
    keyring_seed = seed(memory_keyring)
    kills = mid = 0

    def arrived():                               # what the departments' systems hold, distinct cases
        return sum(c["distinct"] for c in st.counts().values())
    total = per * len(codes)
    for _ in range(KILLS):
        before = arrived()
        proc = _child(st.dir, keyring_seed)
        started = time.monotonic()               # once it has delivered something, at a random moment after
        while arrived() == before and proc.poll() is None and time.monotonic() - started < 20:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        after = arrived()
        mid += before < after < total            # it had delivered some, and some were still to go
    proc = _child(st.dir, keyring_seed)           # the last run finishes the queue
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with st.store.session() as s:
            left = s.scalar(select(DeliveryRow.id).where(DeliveryRow.state.in_(("pending", "delivered"))).limit(1))
        if left is None:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert kills >= KILLS * 0.8, kills
    assert mid >= min(3, KILLS // 2), mid        # the kills did land in the middle of deliveries
    counts = st.counts()
    with st.store.session() as s:
        rows = list(s.scalars(select(DeliveryRow)))
    assert {r.state for r in rows} == {"done"}, err.decode(errors="replace")[-2000:]
    resent = 0
    for code in codes:
        c = counts[code]
        assert c["distinct"] == per, (code, c)                    # nothing lost, nothing taken twice
        assert len(set(c["cases"])) == per
        refs = [r.reference for r in rows if r.department == code]
        assert len(set(refs)) == per and all(ref.startswith(code + "-") for ref in refs)
        assert max(int(ref.rsplit("-", 1)[1]) for ref in refs) == per   # no second reference was ever issued
        resent += c["total"] - c["distinct"]
    print(f"kills={kills} mid-delivery={mid} cases={per * len(codes)} resent-after-kill={resent} "
          "(absorbed by the client id)")
