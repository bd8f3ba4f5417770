"""The applicant's screen and the supervisor's view, offscreen, for scripts/screenshots.py.

``customer_<size>_<lang>_<n>_<state>.png``: welcome, during intake (items, materials, what is
missing), after acceptance (number, QR, promised date, the rating), a 差评 chosen with reasons,
the thanks. ``supervision_<size>_<lang>_<n>_<tab>.png``: the supervisor's view on a station with
demo cases and ratings, each tab.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def render_states(app, data_dir: Path, lang: str, size, out: Path, *, shoot, wait_ops, open_window) -> list[Path]:
    """The applicant's screen beside the intake of ``data_dir``, then the supervisor's view of another
    demo station with rated cases (scripts/screenshots.py's ``other_screens`` calls it)."""
    from screenshots import DemoCard, prepare_demo, settle

    code = "zh" if lang == "zh_CN" else "en"
    w, finish = open_window(data_dir, lang, size)
    shots = render_customer(app, w, out, f"customer_{size[0]}x{size[1]}_{code}", size, settle, wait_ops, DemoCard())
    finish(w)
    rated = prepare_demo(Path(tempfile.mkdtemp()), keep=True)
    demo_station_with_ratings(rated)
    w, finish = open_window(rated, lang, size)
    shots += render_supervision(app, w, out, f"supervision_{size[0]}x{size[1]}_{code}", settle, wait_ops)
    finish(w)
    return shots


def render_customer(app, w, out: Path, stem: str, size, settle, wait_ops, card) -> list[Path]:
    from counter_app.gui.customer_screen import attach

    screen = attach(w, show=False)
    screen.resize(*size)
    screen.show()
    shots = []

    def shot(n, state):
        settle(app, 0.15)
        path = out / f"{stem}_{n}_{state}.png"
        screen.grab().save(str(path))
        shots.append(path)

    shot(1, "welcome")
    w.on_card(card)
    QTest.keyClicks(w.picker.search, "gtgsh")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    QTest.keyClicks(w.picker.search, "spjy")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    w.mark_all_received()
    gap = missing = None
    for row, line in enumerate(w.draft.lines):
        if line.gap_allowed and line.required and gap is None:
            gap = row
        elif line.required and missing is None:
            missing = row
    if missing is not None:
        w.checklist.set_state(missing, "missing")
    shot(2, "during_intake")
    if missing is not None:
        w.checklist.set_state(missing, "pending")
        w.mark_all_received()
    if gap is not None:
        w.checklist.set_state(gap, "gap")
    w.submit("accept_gaps" if gap is not None else "accept")
    wait_ops(app, w)
    shot(3, "accepted_rate")
    screen.rating.setFocus()
    QTest.keyClick(screen.rating, Qt.Key_2)
    next(iter(screen.rating.reason_buttons.values())).setChecked(True)
    shot(4, "bad_rating_chosen")
    QTest.keyClick(screen.rating, Qt.Key_Return)
    wait_ops(app, w)
    shot(5, "thanks")
    screen.close()
    screen.deleteLater()
    return shots


def demo_station_with_ratings(data_dir: Path, *, count: int = 160, days_back: int = 25, seed: int = 11) -> None:
    """Demo cases over the last weeks, rated as applicants rate (mostly 5 and 4, a few 差评)."""
    from counter_app.services.catalog_view import CatalogView
    from counter_app.services.demo_cases import make_demo_cases
    from counter_app.services.demo_ratings import rate_demo_cases
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import load_settings
    from counter_app.store.database import Store

    store = Store(data_dir)
    try:
        settings, calendar = load_settings(data_dir), load_calendar(data_dir)
        records = make_demo_cases(store=store, settings=settings, catalog=CatalogView.load(store), calendar=calendar,
                                  count=count, days_back=days_back, seed=seed)
        rate_demo_cases(store=store, settings=settings, calendar=calendar, records=records, seed=seed)
        conclude_some(store, records, seed)
    finally:
        store.close()


def conclude_some(store, records, seed: int) -> None:
    """The back office decided and concluded most of the older accepted cases (so the view has a
    time to completion, and overdue cases are the ones really left)."""
    import random

    from counter_app.services.lifecycle import transition

    rng = random.Random(seed)
    now = dt.datetime.now()
    for r in records:
        if r.outcome != "accept" or r.promised_date is None or rng.random() > 0.7:
            continue
        days = sorted(rng.sample(range(1, 8), 3))
        moments = [r.created_at + dt.timedelta(days=d, hours=rng.randint(0, 3)) for d in days]
        if moments[-1] > now:
            continue
        for step, at in zip(("review", "approve", "conclude"), moments):
            transition(store, r.number, step, who="back-office", window="B01", at=at)


def render_supervision(app, w, out: Path, stem: str, settle, wait_ops) -> list[Path]:
    shots = []
    page = w.screens.show("supervision", unlocked=True)
    page.start.setDate(today() - dt.timedelta(days=27))
    page.end.setDate(today())
    page.show_period("period")
    wait_ops(app, w)
    settle(app, 0.4)
    for n in range(page.tabs.count()):
        page.tabs.setCurrentIndex(n)
        settle(app, 0.3)
        path = out / f"{stem}_{n + 1}_{page.tab_names[n]}.png"
        w.grab().save(str(path))
        shots.append(path)
    w.screens.back()
    return shots


def today() -> dt.date:
    return dt.date.today()
