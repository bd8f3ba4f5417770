"""The admin's station settings screen, and the first-run screen built from the same form.

First run (outside demo mode, while :func:`counter_app.settings.demo_values` names anything):
the hall, the window and the clerk, nothing else; the demo hall's values are refused there,
since official documents are not printed with them. The full screen (File → Station settings)
adds the devices: the printers that exist on this machine (QPrinterInfo), the paper, a thermal
printer's address, and the card reader (the PC/SC readers connected now, the simulator, or a
serial port typed in). Saving writes station.json; what changed takes effect for the next case,
except the reader and the language, which apply at the next start (the screen says so).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QVBoxLayout, QWidget,
)

from counter_app.domain.case_number import valid_code
from counter_app.errors import UserError
from counter_app.settings import DEMO_HALL, PAPERS, StationSettings, demo_values, save_settings

DEFAULT_PRINTER = ""          # the combo's data for "the system's default printer"


def printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def reader_names() -> list[str]:
    from counter_app.cards.station import available_readers

    return available_readers()


class StationSettingsDialog(QDialog):
    """``first_run``: only who and where, with a word on why. ``result_settings`` after accept."""

    def __init__(self, settings: StationSettings, tr, data_dir, *, first_run: bool = False, parent=None,
                 printers=None, readers=None) -> None:
        super().__init__(parent)
        self.tr_, self.data_dir, self.first_run = tr, data_dir, first_run
        self.original = settings
        self.result_settings: StationSettings | None = None
        self.setWindowTitle(tr("settings.first_run_title" if first_run else "settings.title"))
        layout = QVBoxLayout(self)
        if first_run:
            intro = QLabel(tr("settings.first_run_intro"))
            intro.setWordWrap(True)
            layout.addWidget(intro)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        left.addWidget(self._hall_group(settings))
        left.addWidget(self._window_group(settings))
        if not first_run:
            columns.addLayout(right, 1)
            right.addWidget(self._devices_group(settings, printers, readers))
            right.addStretch(1)
        left.addStretch(1)
        layout.addLayout(columns, 1)
        self.error = QLabel()
        self.error.setObjectName("hint")
        self.error.setProperty("state", "bad")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(tr("settings.save"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(tr("settings.quit" if first_run else "settings.cancel"),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.hall_name.setFocus()
        if first_run and "hall" in demo_values(settings):
            for edit in (self.hall_name, self.hall_code, self.hall_phone, self.hall_address):
                edit.clear()        # the demo hall is not offered as the answer
            self.clerk_name.clear()
            self.clerk.clear()
        if first_run and "hall.query_url" in demo_values(settings):
            self.query_url.clear()

    # ------------------------------------------------------------------ groups
    def _line(self, text: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setMinimumWidth(300)           # a hall's full name and a query link fit
        if hint:
            edit.setPlaceholderText(self.tr_(hint))
        return edit

    def _hall_group(self, s: StationSettings) -> QGroupBox:
        box = QGroupBox(self.tr_("settings.hall"))
        form = QFormLayout(box)
        self.hall_name = self._line(s.hall.name, "settings.hall_name_hint")
        self.hall_code = self._line(s.hall.code, "settings.code_hint")
        self.hall_phone = self._line(s.hall.phone)
        self.hall_address = self._line(s.hall.address)
        self.query_url = self._line(s.hall.query_url, "settings.query_url_hint")
        form.addRow(self.tr_("settings.hall_name"), self.hall_name)
        form.addRow(self.tr_("settings.hall_code"), self.hall_code)
        form.addRow(self.tr_("settings.hall_phone"), self.hall_phone)
        form.addRow(self.tr_("settings.hall_address"), self.hall_address)
        form.addRow(self.tr_("settings.query_url"), self.query_url)
        return box

    def _window_group(self, s: StationSettings) -> QGroupBox:
        box = QGroupBox(self.tr_("settings.window_and_clerk"))
        form = QFormLayout(box)
        self.window_code = self._line(s.window, "settings.code_hint")
        self.window_name = self._line(s.window_name, "settings.window_name_hint")
        self.clerk = self._line(s.clerk, "settings.clerk_hint")
        self.clerk_name = self._line(s.clerk_name)
        form.addRow(self.tr_("settings.window_code"), self.window_code)
        form.addRow(self.tr_("settings.window_name"), self.window_name)
        form.addRow(self.tr_("settings.clerk_id"), self.clerk)
        form.addRow(self.tr_("settings.clerk_name"), self.clerk_name)
        return box

    def _devices_group(self, s: StationSettings, printers, readers) -> QGroupBox:
        box = QGroupBox(self.tr_("settings.devices"))
        form = QFormLayout(box)
        self.printer = QComboBox()
        self.printer.addItem(self.tr_("settings.default_printer"), DEFAULT_PRINTER)
        names = printer_names() if printers is None else list(printers)
        for name in names:
            self.printer.addItem(name, name)
        if s.printer and s.printer not in names:    # keep what is set, and say it is not there
            self.printer.addItem(self.tr_("settings.not_found", name=s.printer), s.printer)
        self.printer.setCurrentIndex(max(0, self.printer.findData(s.printer)))
        if not names:
            self.printer.setToolTip(self.tr_("settings.no_printers"))
        self.paper = QComboBox()
        for paper in PAPERS:
            self.paper.addItem(self.tr_(f"settings.paper.{paper}"), paper)
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.paper)))
        self.escpos = self._line(s.escpos_target, "settings.escpos_hint")
        self.reader = QComboBox()
        self.reader.setEditable(True)          # "serial:/dev/ttyUSB0" is typed
        self.reader.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reader.addItem(self.tr_("settings.reader_auto"), "auto")
        self.reader.addItem(self.tr_("settings.reader_simulator"), "simulator")
        for name in reader_names() if readers is None else readers:
            self.reader.addItem(name, name)
        index = self.reader.findData(s.reader)
        if index < 0:
            self.reader.addItem(s.reader, s.reader)
            index = self.reader.count() - 1
        self.reader.setCurrentIndex(index)
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        form.addRow(self.tr_("settings.printer"), self.printer)
        form.addRow(self.tr_("settings.paper"), self.paper)
        form.addRow(self.tr_("settings.escpos"), self.escpos)
        form.addRow(self.tr_("settings.reader"), self.reader)
        form.addRow(self.tr_("settings.language"), self.language)
        note = QLabel(self.tr_("settings.restart_note"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        return box

    # ------------------------------------------------------------------ result
    def _reader_value(self) -> str:
        text = self.reader.currentText().strip()
        index = self.reader.findText(text, Qt.MatchFlag.MatchExactly)
        return str(self.reader.itemData(index)) if index >= 0 else text

    def edited(self) -> StationSettings:
        s = self.original
        hall = dataclasses.replace(s.hall, name=self.hall_name.text().strip(), code=self.hall_code.text().strip(),
                                   phone=self.hall_phone.text().strip(), address=self.hall_address.text().strip(),
                                   query_url=self.query_url.text().strip())
        out = dataclasses.replace(s, hall=hall, window=self.window_code.text().strip(),
                                  window_name=self.window_name.text().strip(), clerk=self.clerk.text().strip(),
                                  clerk_name=self.clerk_name.text().strip())
        if not self.first_run:
            out = dataclasses.replace(out, printer=str(self.printer.currentData() or ""),
                                      paper=str(self.paper.currentData()), escpos_target=self.escpos.text().strip(),
                                      reader=self._reader_value() or "auto", language=str(self.language.currentData()))
        return out

    def problem(self, s: StationSettings) -> str | None:
        """What keeps these settings from being saved, in words, or None."""
        tr = self.tr_
        for label, value in ((tr("settings.hall_name"), s.hall.name), (tr("settings.window_name"), s.window_name),
                             (tr("settings.clerk_id"), s.clerk), (tr("settings.clerk_name"), s.clerk_name)):
            if not value:
                return tr("settings.required", field=label)
        for label, value in ((tr("settings.hall_code"), s.hall.code), (tr("settings.window_code"), s.window)):
            if not valid_code(value):
                return tr("settings.bad_code_field", field=label, value=value)
        if not s.demo and demo_values(s):
            return tr("settings.still_demo", hall=DEMO_HALL.name)
        if s.escpos_target:
            from counter_app.documents.escpos import parse_target

            try:
                parse_target(s.escpos_target)
            except UserError as exc:
                return tr.error(exc)
        return None

    def _save(self) -> None:
        settings = self.edited()
        problem = self.problem(settings)
        if problem:
            self.error.setText(problem)
            return
        try:
            save_settings(self.data_dir, settings)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), self.tr_.error(exc))
            return
        self.result_settings = settings
        self.accept()


def needs_first_run(settings: StationSettings) -> bool:
    return not settings.demo and bool(demo_values(settings))


def first_run_dialog(ctx, parent: QWidget | None = None) -> StationSettingsDialog:
    dialog = StationSettingsDialog(ctx.settings, ctx.tr, ctx.data_dir, first_run=True, parent=parent)
    dialog.resize(max(600, dialog.sizeHint().width()), dialog.sizeHint().height())
    return dialog


def run_first_run(ctx) -> bool:
    """The first-run screen, before the intake window; False when the admin quit it."""
    dialog = first_run_dialog(ctx)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    ctx.settings = dialog.result_settings
    return True


def open_settings(window) -> StationSettings | None:
    """File → Station settings: saved settings go to the window's context at once."""
    ctx = window.ctx
    dialog = StationSettingsDialog(ctx.settings, ctx.tr, ctx.data_dir, parent=window)
    dialog.resize(max(900, dialog.sizeHint().width()), dialog.sizeHint().height())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    ctx.settings = dialog.result_settings
    window.set_catalog(ctx.catalog)          # the header shows the hall, window and clerk
    window.show_banner(ctx.tr("settings.saved"), "ok")
    return ctx.settings
