"""The department delivery at the window (issue 9), for scripts/screenshots.py.

``OUT_DIR/departments_<size>_<lang>_<n>_<state>.png``: a case accepted and its department's
reference number arrived on it (the header's last-case label); the health panel (Ctrl+Shift+D)
with departments reachable, slow, down, answering garbage, refusing credentials and waiting for
credentials; the credentials screen with one system to enter.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

FAULTS = {5: {"fault": "down"}, 6: {"fault": "malformed"}, 7: {"fault": "reject_credentials", "auth": "bearer"},
          8: {"auth": "hmac"}, 9: {"delay": 1.5}}


def start_departments(data_dir: Path):
    from counter_app.connectors import credentials
    from counter_app.dept_sim import config, descriptions
    from counter_app.dept_sim.runner import SimRunner
    from counter_app.paths import resource
    from counter_app.settings import load_settings

    cat = json.loads((resource("catalog") / "sample_catalog.json").read_text(encoding="utf-8"))
    names = [(d["code"], d["name"]) for d in cat["departments"]]
    cfg = config.generated(len(names), names=names, kinds=(("http_json", "none"),),
                           statuses=(("01", 0.0), ("02", 1.0), ("03", 600.0)))
    deps = list(cfg.departments)
    for i, change in FAULTS.items():
        deps[i] = config.complete(replace(deps[i], credentials={}, **change))
    runner = SimRunner(replace(cfg, departments=tuple(deps))).start()
    descriptions.write_all(runner.sim, Path(data_dir) / "connectors", timeout=2.0, poll_seconds=1.0,
                           max_failures=2)
    clerk = load_settings(data_dir).clerk
    for system, c in descriptions.credentials(runner.sim).items():
        if not system.endswith(deps[8].code):            # the HMAC gateway's keys: not entered yet
            credentials.save(clerk, system, c)
    return runner


def _pump(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def render_states(app, data_dir: Path, lang: str, size: tuple[int, int], out: Path, *, shoot, wait_ops,
                  open_window) -> list[Path]:
    import keyring

    from counter_app.services.demo_cases import make_demo_cases
    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())          # screenshots never touch the PC's own keyring
    from screenshots import DemoCard

    runner = start_departments(data_dir)
    shots = []
    w, finish = open_window(data_dir, lang, size)
    stem = f"departments_{size[0]}x{size[1]}_{'zh' if lang == 'zh_CN' else 'en'}"
    ctx = w.ctx
    make_demo_cases(store=ctx.store, settings=ctx.settings, catalog=ctx.catalog, calendar=ctx.calendar,
                    count=60, seed=5, now=dt.datetime.now() - dt.timedelta(minutes=25))

    w.on_card(DemoCard())
    wait_ops(app, w)
    QTest.keyClicks(w.picker.search, "gtgsh")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    QTest.keyClick(w.picker.search, Qt.Key_F5)
    w.submit("accept")
    wait_ops(app, w)
    w.delivery_driver.wake()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and ("·" not in w.last_case_label.text()):
        _pump(app, 0.1)
    _pump(app, 6)                                  # the faulty departments fail and park
    if w.preview_dock is not None:
        w.preview_dock.close()
    shots.append(shoot(app, w, out, stem, 1, "reference_arrived"))
    w.screens.show("departments")
    _pump(app, 0.5)
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 2, "health_panel"))
    w.screens.show("credentials")
    _pump(app, 1.0)
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 3, "credentials"))
    w.screens.back()
    finish(w)
    runner.stop()
    keyring.set_keyring(previous)
    return shots
