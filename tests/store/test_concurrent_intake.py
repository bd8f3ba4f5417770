"""Two processes taking cases on one data folder (issue 14: a cloned PC with the same window code
made 41 of 800 intakes fail with IntegrityError: the day's sequence was read outside the write).

Real processes on a real SQLite file; verified by counting what arrived. CI runs INTAKE_COUNT=25
per process; the hardening run used 400.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.store import case_repo
from counter_app.store.database import Store

pytestmark = pytest.mark.slow

COUNT = int(os.environ.get("INTAKE_COUNT", "25"))

CHILD = """
import collections, json, sys, time
from pathlib import Path
from counter_app.domain.case import Applicant
from counter_app.errors import UserError
from counter_app.services.catalog_view import CatalogView
from counter_app.services.holidays import load_calendar
from counter_app.settings import StationSettings
from counter_app.store.database import Store
from tests.store.test_intake import _submit
data_dir, count, window = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
store = Store(data_dir)
view = CatalogView.load(store)
settings = StationSettings(window=window)
person = Applicant(name="张三", id_number="11010519491231002X", phone="13800000000", address="北京市朝阳区")
print("ready", flush=True)
sys.stdin.readline()
failed = collections.Counter()
numbers = []
for _ in range(count):
    try:
        numbers.append(_submit(store, view, settings=settings, applicant=person).number)
    except UserError as exc:
        failed[exc.key] += 1
print(json.dumps({"numbers": numbers, "failed": failed}), flush=True)
"""


def _run_together(data_dir: Path, windows: list[str], count: int) -> list[dict]:
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), str(count), w], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=Path(__file__).parents[2]) for w in windows]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:                     # both start at once
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_two_processes_with_the_same_window_code_lose_no_intake(store):
    store.close()
    results = _run_together(store.data_dir, ["W01", "W01"], COUNT)
    failed = [r["failed"] for r in results]
    numbers = [n for r in results for n in r["numbers"]]
    assert failed == [{}, {}]                                  # 0 failed intakes
    assert len(numbers) == len(set(numbers)) == 2 * COUNT      # no number twice
    store = Store(store.data_dir)
    try:
        with store.session() as s:
            assert case_repo.count_cases(s) == 2 * COUNT         # every case arrived
    finally:
        store.close()
    seqs = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert seqs == list(range(1, 2 * COUNT + 1))               # one unbroken day's sequence
