"""kill -9 at random moments while a window takes cases: every case the service reported saved is
there, whole (items, materials, events, document jobs), no number twice, and the next start takes
the next number. Counted, not assumed. CI: KILL_COUNT (default 4) kills; the hardening run used 110.
"""

from __future__ import annotations

from counter_app.store import sqlite_file
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.store.test_crash_safe_migrations import _assert_opens_at_head

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("KILL_COUNT", "4"))
ROOT = Path(__file__).parents[2]
CHILD = """
import sys
from pathlib import Path
from counter_app.services.catalog_view import CatalogView
from counter_app.store.database import Store
from tests.store.test_intake import NOW, _all_received, _submit
store = Store(Path(sys.argv[1]))
view = CatalogView.load(store)
codes = ["000131128000", "000131130000"]
print("go", flush=True)
while True:
    print(_submit(store, view, codes=codes, checks=_all_received(view, codes), now=NOW).number, flush=True)
"""


def test_killed_during_intake_nothing_reported_saved_is_lost(store):
    store.close()
    rng = random.Random(1403)
    reported: list[str] = []
    for _ in range(KILLS):
        p = subprocess.Popen([sys.executable, "-c", CHILD, str(store.data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert p.stdout.readline().strip() == "go", p.stderr.read()
        time.sleep(rng.uniform(0.05, 0.6))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate()
        reported += [n for n in out.split("\n") if n.count("-") == 3]   # a cut last line is not a report
        _assert_opens_at_head(store.data_dir)
    con = sqlite_file.connect(store.data_dir / "counter.db")
    try:
        numbers = [r[0] for r in con.execute("SELECT number FROM case_record")]
        assert set(reported) <= set(numbers)                     # every reported case arrived
        assert len(numbers) == len(set(numbers))                 # no number twice
        seqs = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
        assert seqs == list(range(1, len(seqs) + 1))             # no gap, no reuse
        half = con.execute("""SELECT count(*) FROM case_record c WHERE
                              (SELECT count(*) FROM case_item i WHERE i.case_id = c.id) != 2
                              OR (SELECT count(*) FROM case_material m WHERE m.case_id = c.id) = 0
                              OR (SELECT count(*) FROM case_event e WHERE e.case_id = c.id) != 2
                              OR (SELECT count(*) FROM document_job j WHERE j.case_id = c.id) = 0""").fetchone()[0]
        assert half == 0                                         # no half-saved case
    finally:
        con.close()
    assert len(reported) >= KILLS                                 # the kills did land among intakes
