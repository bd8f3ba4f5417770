"""The handover (Ctrl+H) and issuing (F8) screens in their typical states, for scripts/screenshots.py.

``OUT_DIR/handover_<size>_<lang>_<n>_<state>.png``: cases waiting for the slot, the sheets made
(previewed beside the screen), a batch confirmed with a case missing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def _demo_cases(ctx, day: dt.date, count: int = 40):
    from counter_app.services.catalog_view import CatalogView
    from counter_app.services.demo_cases import make_demo_cases

    store = ctx.store
    return make_demo_cases(store=store, settings=ctx.settings, catalog=ctx.catalog or CatalogView.load(store),
                           calendar=ctx.calendar, count=count, seed=11,
                           now=dt.datetime.combine(day, dt.time(10, 15)))


def render_handover_states(app, w, out: Path, stem: str, shoot, wait_ops) -> list[Path]:
    """``w`` an intake window of a demo station (cases are added to its database)."""
    today = dt.date.today()
    _demo_cases(w.ctx, today)
    shots = []
    screen = w.screens.show("handover")          # Ctrl+H (offscreen windows are never active: no shortcuts)
    screen.now = dt.datetime.combine(today, dt.time(10, 20))
    screen.refresh()
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 1, "pending"))
    QTest.keyClick(screen.scan, Qt.Key_F9)
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 2, "sheets_made"))
    if w.preview_dock is not None:
        w.preview_dock.close()
    batch = max(screen.day.batches, key=lambda b: len(b.cases))
    QTest.keyClicks(screen.scan, batch.code)
    QTest.keyClick(screen.scan, Qt.Key_Return)
    wait_ops(app, w)
    for case in batch.cases[1:]:                 # every file but the first
        QTest.keyClicks(screen.scan, case.number)
        QTest.keyClick(screen.scan, Qt.Key_Return)
        wait_ops(app, w)
    if len(batch.cases) > 1:
        QTest.keyClick(screen.scan, Qt.Key_F10)
        wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 3, "confirmed_missing"))
    w.screens.back()
    return shots


def render_states(app, data_dir: Path, lang: str, size: tuple[int, int], out: Path, *, shoot, wait_ops,
                  open_window) -> list[Path]:
    w, finish = open_window(data_dir, lang, size)
    stem = f"{{}}_{size[0]}x{size[1]}_{'zh' if lang == 'zh_CN' else 'en'}"
    shots = render_handover_states(app, w, out, stem.format("handover"), shoot, wait_ops)
    finish(w)
    return shots
