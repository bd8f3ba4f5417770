"""Process start → intake screen shown, as a ratio to a bare PySide6 window on the same machine.

    python bench/bench_startup.py [--runs 7]

Both are measured the same way: a fresh Python process is spawned, and it prints the wall
clock once its window has been shown and painted. For the intake screen it then prints when
the catalog is searchable and when the write path is ready (both on the writer thread, which
opens the store after the first paint). Runs alternate
between the two so machine noise hits both alike. Target: ratio under 2.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1440, 900); w.show()
w.repaint()
print(time.time(), flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""

OURS = """
import sys, time
from PySide6.QtCore import QTimer
from counter_app.gui.app import start
app, window = start(data_dir=sys.argv[1])
assert window is not None
window.repaint()                            # painted, as the bare window is when its timer fires
print(time.time(), flush=True)              # the intake screen is on screen
def shown():
    QTimer.singleShot(0, searchable)
def searchable():
    if window.ctx.catalog is None:
        QTimer.singleShot(1, searchable)
        return
    assert window.ctx.catalog.search("gtgsh")
    print(time.time(), flush=True)          # ... and finds items
    QTimer.singleShot(0, ready)
def ready():
    if not window.ctx.ops.store_is_open:    # opened on the writer thread
        QTimer.singleShot(1, ready)
        return
    print(time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def once(code: str, *args: str) -> list[float]:
    """Milliseconds from spawn to each time stamp the child prints."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout
    return [(float(x) - t0) * 1000 for x in out.strip().splitlines()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from counter_app.gui.app import prepare_demo

    data_dir = prepare_demo(Path(tempfile.mkdtemp()), keep=True)
    once(BARE)
    once(OURS, str(data_dir))           # warm the file cache for both
    bare, ours, searchable, ready = [], [], [], []
    for _ in range(a.runs):
        bare.append(once(BARE)[0])
        shown_ms, searchable_ms, ready_ms = once(OURS, str(data_dir))
        ours.append(shown_ms)
        searchable.append(searchable_ms)
        ready.append(ready_ms)
    figures = {"runs": a.runs, "bare_median_ms": round(statistics.median(bare), 1),
               "app_median_ms": round(statistics.median(ours), 1),
               "ratio": round(statistics.median(ours) / statistics.median(bare), 2),
               "searchable_median_ms": round(statistics.median(searchable), 1),
               "searchable_ratio": round(statistics.median(searchable) / statistics.median(bare), 2),
               "write_path_ready_median_ms": round(statistics.median(ready), 1),
               "ready_ratio": round(statistics.median(ready) / statistics.median(bare), 2), "target_ratio": 2.0}
    print(f"bare PySide6 window: median {figures['bare_median_ms']} ms  ({', '.join(f'{x:.0f}' for x in bare)})")
    print(f"intake screen shown: median {figures['app_median_ms']} ms  ({', '.join(f'{x:.0f}' for x in ours)})")
    print(f"catalog searchable:  median {figures['searchable_median_ms']} ms  ({figures['searchable_ratio']}x)")
    print(f"write path ready:    median {figures['write_path_ready_median_ms']} ms (store opened on the writer thread)")
    print(f"ratio shown/bare: {figures['ratio']}x (target under 2x); ready/bare: {figures['ready_ratio']}x")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
