"""部门系统 (Ctrl+Shift+D): each department's system as the delivery sees it — reachable, slow,
down, credentials rejected, answering garbage, refusing — with its queue depth and the oldest
case still waiting, and the reason a delivery was parked.

F5 reads again (it also refreshes by itself while shown), F9 sends the selected department's
parked cases again, Ctrl+K opens 部门账号 (the credentials screen), Esc returns to intake.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.gui import screen_parts as parts
from counter_app.services import department_health as dh

REFRESH_MS = 3000
BAD = dh.TROUBLE
WAIT = (dh.SLOW, dh.UNTRIED)


def _age(tr, at: dt.datetime | None, now: dt.datetime) -> str:
    if at is None:
        return "—"
    minutes = max(int((now - at).total_seconds() // 60), 0)
    if minutes < 60:
        return tr("departments.gui.minutes", n=minutes)
    return tr("departments.gui.hours", n=minutes // 60)


class DepartmentHealthScreen(QWidget):
    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.ctx, self.host, self.tr_ = ctx, host, ctx.tr
        tr = self.tr_
        self.rows: list[dh.DepartmentHealth] = []
        self.problems: list[str] = []
        self.now = None                    # a fixed clock for screenshots (None: the PC's)
        self.header = QLabel(tr("departments.gui.title"))
        self.header.setObjectName("header")
        self.message = parts.message_line()
        self.table = parts.table([tr("departments.gui.col.department"), tr("departments.gui.col.system"),
                                  tr("departments.gui.col.state"), tr("departments.gui.col.waiting"),
                                  tr("departments.gui.col.parked"), tr("departments.gui.col.oldest"),
                                  tr("departments.gui.col.reason")], stretch=6)
        self.summary = QLabel()
        self.refresh_button = QPushButton(tr("departments.gui.refresh"))
        self.resend_button = QPushButton(tr("departments.gui.resend"))
        self.credentials_button = QPushButton(tr("departments.gui.credentials"))
        self.refresh_button.clicked.connect(self.refresh)
        self.resend_button.clicked.connect(self.resend_selected)
        self.credentials_button.clicked.connect(lambda: host.show("credentials"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.refresh_button, self.resend_button, self.credentials_button):
            buttons.addWidget(b)
        v = QVBoxLayout(self)
        v.addWidget(self.header)
        v.addWidget(self.message)
        v.addWidget(self.table, 1)
        v.addLayout(buttons)
        v.addWidget(parts.hints(tr("departments.gui.keys")))
        parts.keys(self, {"F5": self.refresh, "F9": self.resend_selected,
                          "Ctrl+K": lambda: host.show("credentials")})
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)

    # ------------------------------------------------------------------ host hooks
    def activated(self, **_kwargs) -> None:
        self.refresh()
        self._timer.start()
        self.table.setFocus()
        if self.table.rowCount() and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def title(self) -> str:
        return self.tr_("departments.gui.title")

    def _tick(self) -> None:
        if not self.isVisible():
            self._timer.stop()
            return
        self.refresh()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        from counter_app.connectors.registry import Registry

        data_dir = self.ctx.data_dir

        def read(store):
            registry = Registry.for_station(data_dir)
            return dh.health(store, registry), [p.text(self.tr_) for p in registry.problems]
        self.ctx.ops.write(read, name="department health", owner=self).success(self.show_rows)

    def show_rows(self, result) -> None:
        self.rows, self.problems = result
        tr, now = self.tr_, self.now or dt.datetime.now()
        selected = self.table.currentRow()
        table_rows, colours = [], []
        for r in self.rows:
            table_rows.append([f"{r.name}（{r.department}）", r.system or tr("departments.gui.no_system"),
                               tr(f"departments.state.{r.state}"), str(r.waiting), str(r.parked),
                               f"{r.oldest_case}  {_age(tr, r.oldest_at, now)}" if r.oldest_case else "—",
                               tr(r.reason) if r.reason else ""])
            colours.append(parts.BAD_ROW if r.state in BAD else parts.WAIT_ROW if r.state in WAIT
                           else parts.OK_ROW if r.state in (dh.REACHABLE,) else None)
        parts.fill(self.table, table_rows, colours)
        if 0 <= selected < len(self.rows):
            self.table.selectRow(selected)
        waiting = sum(r.waiting for r in self.rows)
        parked = sum(r.parked for r in self.rows)
        down = sum(r.state in BAD for r in self.rows)
        self.summary.setText(tr("departments.gui.summary", n=len(self.rows), waiting=waiting, parked=parked,
                                bad=down))
        if self.problems:
            parts.say(self.message, "\n".join(self.problems), "bad")
        elif not self.rows:
            parts.say(self.message, tr("departments.gui.none"), "warn")
        else:
            parts.say(self.message, "")

    def resend_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        dept = self.rows[row]
        from counter_app.services.delivery import resend_department

        def done(n: int) -> None:
            parts.say(self.message, self.tr_("departments.gui.resent", n=n, department=dept.name), "ok")
            driver = getattr(self.host.window, "delivery_driver", None)
            if driver is not None:
                driver.wake()
            self.refresh()
        self.ctx.ops.write(lambda store: resend_department(store, dept.department), name="resend",
                           owner=self).success(done)


def build(ctx, host) -> QWidget:
    return DepartmentHealthScreen(ctx, host)
