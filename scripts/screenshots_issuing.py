"""The handover (Ctrl+H) and issuing (F8) screens in their typical states, for scripts/screenshots.py.

``OUT_DIR/handover_<size>_<lang>_<n>_<state>.png``: cases waiting for the slot, the sheets made
(previewed beside the screen), a batch confirmed with a case missing.
``OUT_DIR/issuing_<size>_<lang>_<n>_<state>.png``: the empty screen, a result not ready (when it
is due), a ready one with the applicant's card read, an agent with the authorisation noted, the
送达回执 previewed after F9, the posting form.
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


def _card(key: str):
    from counter_app.cards.decode import decode_record
    from counter_app.cards.samples import sample

    s = sample(key)
    return decode_record(s.text, s.photo)


def _case_for(ctx, card, when: dt.datetime):
    """A promised case of the card's holder, everything received, accepted at ``when``."""
    from counter_app.domain.case import RECEIVED_ORIGINAL, Applicant, MaterialCheck, merge_materials
    from counter_app.domain.catalog import PROMISED
    from counter_app.services.intake import IntakeRequest, submit_intake

    store, catalog = ctx.store, ctx.catalog
    item = next(i for i in catalog.catalog.items if i.kind == PROMISED and "person" in i.applicant_types)
    checks = tuple((ln.key, MaterialCheck(RECEIVED_ORIGINAL)) for ln in merge_materials([item]))
    applicant = Applicant(name=card.name, id_number=card.id_number, phone="13905730000", address=card.address or "")
    return submit_intake(store=store, settings=ctx.settings, catalog=catalog, calendar=ctx.calendar, now=when,
                         request=IntakeRequest(applicant=applicant, item_codes=(item.code,), checks=checks,
                                               outcome="accept"))


def render_issuing_states(app, w, out: Path, stem: str, shoot, wait_ops) -> list[Path]:
    from counter_app.services.lifecycle import transition

    ctx = w.ctx
    today = dt.date.today()
    resident = _card("resident")
    waiting = _case_for(ctx, resident, dt.datetime.combine(today, dt.time(9, 0)))
    ready = _case_for(ctx, resident, dt.datetime.combine(today, dt.time(9, 5)))
    for step in ("review", "approve", "conclude", "result_ready"):
        transition(ctx.store, ready.number, step, who="back", window="HB1")
    shots = []
    screen = w.screens.show("issuing")            # F8
    shots.append(shoot(app, w, out, stem, 1, "empty"))
    screen.find(waiting.number)
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 2, "not_ready"))
    screen.on_card(resident)                       # no ready case shown: the card finds the person's cases
    wait_ops(app, w)
    screen.on_card(resident)                       # and, with the ready one shown, checks the collector
    shots.append(shoot(app, w, out, stem, 3, "ready_own_card"))
    screen.on_card(_card("hkmo_tw_permit"))
    screen.authorisation.setText("授权委托书一份，已核对签名" if ctx.tr.language == "zh_CN"
                                 else "letter of authorisation, signature checked")
    shots.append(shoot(app, w, out, stem, 4, "agent"))
    screen.hand_over()
    wait_ops(app, w)
    wait_ops(app, w)
    shots.append(shoot(app, w, out, stem, 5, "issued_receipt"))
    if w.preview_dock is not None:
        w.preview_dock.close()
    other = _case_for(ctx, resident, dt.datetime.combine(today, dt.time(9, 10)))
    for step in ("review", "approve", "conclude", "result_ready"):
        transition(ctx.store, other.number, step, who="back", window="HB1")
    screen.find(other.number)
    wait_ops(app, w)
    screen.post()
    QTest.keyClicks(screen.tracking, "SF1234567890123")
    shots.append(shoot(app, w, out, stem, 6, "post_form"))
    w.screens.back()
    return shots


def render_states(app, data_dir: Path, lang: str, size: tuple[int, int], out: Path, *, shoot, wait_ops,
                  open_window) -> list[Path]:
    w, finish = open_window(data_dir, lang, size)
    stem = f"{{}}_{size[0]}x{size[1]}_{'zh' if lang == 'zh_CN' else 'en'}"
    shots = render_handover_states(app, w, out, stem.format("handover"), shoot, wait_ops)
    shots += render_issuing_states(app, w, out, stem.format("issuing"), shoot, wait_ops)
    finish(w)
    return shots
