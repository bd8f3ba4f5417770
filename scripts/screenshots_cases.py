"""The case list (F7) and the case detail in their typical states, for scripts/screenshots.py.

``OUT_DIR/cases_<size>_<lang>_<n>_<state>.png``: the whole hall with red and yellow rows, only
the late ones, an overdue case's detail with its history and steps, the step dialog of a
special procedure, the detail after that step, a case in 收件 past the one-time-notice limit,
a case whose 容缺 promise was not kept.
"""

from __future__ import annotations

from pathlib import Path


def render_states(app, data_dir: Path, lang: str, size: tuple[int, int], out: Path, *, shoot, wait_ops,
                  open_window) -> list[Path]:
    from counter_app.gui.case_detail import StepDialog
    from counter_app.services.demo_lifecycle import make_lifecycle_cases

    w, finish = open_window(data_dir, lang, size)
    ctx = w.ctx
    made = make_lifecycle_cases(store=ctx.store, settings=ctx.settings, catalog=ctx.catalog, calendar=ctx.calendar)
    stem = f"cases_{size[0]}x{size[1]}_{'zh' if lang == 'zh_CN' else 'en'}"
    shots = []

    def snap(n: int, state: str) -> None:
        wait_ops(app, w)
        shots.append(shoot(app, w, out, stem, n, state))

    screen = w.screens.show("cases")          # F7 (offscreen windows are never active: no shortcuts)
    screen.scope.setCurrentIndex(3)           # the whole hall
    snap(1, "hall_list")
    screen.colour.setCurrentIndex(1)          # overdue and near only
    snap(2, "late_only")
    screen.colour.setCurrentIndex(0)
    wait_ops(app, w)
    screen.show_case(made["overdue"])
    snap(3, "detail_overdue")
    dialog = StepDialog(ctx.tr, "suspend", screen.detail.detail, w)
    dialog.show()
    dialog.reason.setPlainText("申请人要求听证" if lang == "zh_CN" else "The applicant asked for a hearing")
    wait_ops(app, w)
    path = out / f"{stem}_4_step_dialog.png"
    app.processEvents()
    dialog.grab().save(str(path))
    shots.append(path)
    dialog.accept()
    screen.detail.step("suspend", dialog=dialog)
    snap(5, "detail_after_step")
    screen.show_case(made["deemed"])
    snap(6, "detail_received_timer")
    screen.show_case(made["broken_promise"])
    snap(7, "detail_broken_promise")
    w.screens.back()
    finish(w)
    return shots
