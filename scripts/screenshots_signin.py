"""The clerk's sign-in, the lock and the station's guard warning, for scripts/screenshots.py.

``OUT_DIR/signin_<size>_<lang>_<n>_<state>.png``: the window locked with a case open (the demo
clerk's), the supervisor sign-out fields, the sign-in page after it, a refused password, and the
intake screen with the status bar's warning (entries unsent too long, the catalog too old).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def render_states(app, data_dir: Path, lang: str, size: tuple[int, int], out: Path, *, shoot, wait_ops,
                  open_window) -> list[Path]:
    from PySide6.QtTest import QTest

    from counter_app.services.station_guards import Facts

    w, finish = open_window(data_dir, lang, size)
    stem = f"signin_{size[0]}x{size[1]}_{'zh' if lang == 'zh_CN' else 'en'}"
    shots = []
    lock, page = w.clerk_lock, w.clerk_lock.page
    QTest.keyClicks(w.picker.search, "gtgsh")             # a case begun: it stays through the lock
    lock.lock()
    shots.append(shoot(app, w, out, stem, 1, "locked"))
    page.supervisor_button.click()
    shots.append(shoot(app, w, out, stem, 2, "supervisor_sign_out"))
    lock.sign_out()
    shots.append(shoot(app, w, out, stem, 3, "sign_in"))
    page.login.setText("zhang")
    page.password.setText("wrong-password")
    page._submit()
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 4, "refused"))
    page.login.setText(w.ctx.settings.clerk)
    from counter_app.services.demo_station import DEMO_CLERK_PASSWORD

    page.password.setText(DEMO_CLERK_PASSWORD)
    page._submit()
    wait_ops(app, w)
    now = dt.datetime.now()
    w.guards.show_facts(Facts(now - dt.timedelta(hours=30), 14, now - dt.timedelta(days=45)), now)
    shots.append(shoot(app, w, out, stem, 5, "guard_warning"))
    finish(w)
    return shots
