"""What the one writer thread costs and saves (issue 7): cases saved through ``Operations.write``
(the writer thread; the GUI thread only hands the work over and runs the callback) against the
same ``submit_intake`` called directly on the GUI thread, in the same process.

    QT_QPA_PLATFORM=offscreen python bench/bench_writer.py [--cases 200]

Figures per case: GUI-thread CPU time (what can freeze the window) and wall time from F9 to the
"accepted" callback. The ratio writer/direct of the wall time is the price of the hand-over; the
GUI-thread figure is what it buys. Last line: JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_intake import CODE, MINI, PERSON  # noqa: E402  (the same station and case as bench_intake)
from PySide6.QtCore import QCoreApplication  # noqa: E402

from counter_app.domain.case import RECEIVED_ORIGINAL, MaterialCheck, merge_materials  # noqa: E402
from counter_app.gui.operations import Operations  # noqa: E402
from counter_app.services.catalog_io import import_catalog  # noqa: E402
from counter_app.services.catalog_view import CatalogView  # noqa: E402
from counter_app.services.holidays import load_calendar  # noqa: E402
from counter_app.services.intake import IntakeRequest, submit_intake  # noqa: E402
from counter_app.settings import StationSettings  # noqa: E402


def station(folder: Path):
    ops = Operations(folder)
    store = ops.store()
    import_catalog(store=store, path=MINI)
    view = CatalogView.load(store)
    checks = tuple((line.key, MaterialCheck(RECEIVED_ORIGINAL)) for line in merge_materials([view.item(CODE)]))
    request = IntakeRequest(applicant=PERSON, item_codes=(CODE,), checks=checks, outcome="accept")
    settings, calendar = StationSettings(), load_calendar()

    def save(store, n):
        return submit_intake(store=store, settings=settings, catalog=view, request=request, calendar=calendar,
                             now=dt.datetime(2026, 11, 27, 9, 0) + dt.timedelta(seconds=n))
    return ops, store, save


def direct(folder: Path, cases: int) -> tuple[list[float], list[float]]:
    ops, store, save = station(folder)
    walls, gui_cpu = [], []
    for n in range(cases):
        t, c = time.perf_counter(), time.thread_time()
        save(store, n)
        walls.append((time.perf_counter() - t) * 1000)
        gui_cpu.append((time.thread_time() - c) * 1000)
    ops.shutdown()
    return walls, gui_cpu


def through_writer(app, folder: Path, cases: int) -> tuple[list[float], list[float]]:
    ops, _store, save = station(folder)
    walls, gui_cpu = [], []
    for n in range(cases):
        done = []
        t, c = time.perf_counter(), time.thread_time()
        ops.write(lambda store, n=n: save(store, n)).success(done.append)
        while not done:                      # the window's event loop, waiting for the callback
            app.processEvents()
            time.sleep(0.0002)
        walls.append((time.perf_counter() - t) * 1000)
        gui_cpu.append((time.thread_time() - c) * 1000)
    ops.shutdown()
    return walls, gui_cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=200)
    a = ap.parse_args()
    app = QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        direct(Path(tmp) / "warm", 10)
        d_wall, d_cpu = direct(Path(tmp) / "direct", a.cases)
        w_wall, w_cpu = through_writer(app, Path(tmp) / "writer", a.cases)
    med = lambda xs: round(statistics.median(xs), 3)  # noqa: E731
    f = {"cases": a.cases, "direct_wall_ms": med(d_wall), "direct_gui_cpu_ms": med(d_cpu),
         "writer_wall_ms": med(w_wall), "writer_gui_cpu_ms": med(w_cpu)}
    f["wall_ratio"] = round(f["writer_wall_ms"] / f["direct_wall_ms"], 2)
    f["gui_cpu_ratio"] = round(f["writer_gui_cpu_ms"] / f["direct_gui_cpu_ms"], 3)
    print(f"direct on the GUI thread: {f['direct_wall_ms']} ms per case, GUI thread busy {f['direct_gui_cpu_ms']} ms")
    print(f"through the writer:       {f['writer_wall_ms']} ms per case, GUI thread busy {f['writer_gui_cpu_ms']} ms")
    print(f"wall ratio writer/direct {f['wall_ratio']}x; GUI-thread CPU ratio {f['gui_cpu_ratio']}x (median of {a.cases})")
    print(json.dumps(f))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
