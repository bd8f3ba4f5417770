"""The intake screen: applicant, items, checklist and the four outcomes, keyboard first.

Keys: F2 applicant · F3 search · F4 remark on a material · F5 all received · F6 checklist ·
1-6 a material's state · F9 受理 · F10 容缺受理 · F11 一次性告知 · F12 不予受理 ·
Ctrl+N next applicant · Ctrl+P print again · F1 the list of keys.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from counter_app.domain.catalog import LEGAL_ENTITY
from counter_app.domain.draft import IntakeDraft
from counter_app.errors import UserError
from counter_app.gui.applicant_panel import ApplicantPanel
from counter_app.gui.checklist_panel import ChecklistPanel
from counter_app.gui.history_panel import HistoryPanel
from counter_app.gui.item_picker import ItemPicker
from counter_app.gui.main_menu import build_menu
from counter_app.gui.outcome_bar import OutcomeBar
from counter_app.domain.applicant import type_mismatch


log = logging.getLogger(__name__)
CALENDAR_LOOKAHEAD_DAYS = 60


class IntakeWindow(QMainWindow):
    case_saved = Signal(object)          # CaseRecord, after it is committed
    draft_changed = Signal()             # the form's case changed: the applicant's screen follows it

    def __init__(self, ctx, parent=None, *, loading: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        tr = self.tr_ = ctx.tr
        self.draft = IntakeDraft()
        self.last_case = None
        self.after_save = []             # callables(record) run after a case is committed (printing)
        self.reprint = None              # callable(case number) for Ctrl+P, set by intake_printing
        self.preview_archived = None     # callable(case number) for Ctrl+Shift+P
        self.prints_documents = False    # the station prints (set by intake_printing): recorded with the case
        self.saving = False              # a case is being committed on the writer thread
        self.preview_dock = None         # the document preview, docked at the right once first shown
        self.setWindowTitle(tr("gui.title"))

        self.header = QLabel()
        self.header.setObjectName("header")
        self.header.setWordWrap(True)         # two lines rather than a window wider than the screen
        self.reader_status = QLabel(tr("gui.reader_none"))
        self.reader_status.setObjectName("readerStatus")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self._banner_is_saved = False    # the last case's "✔ 已受理": goes once the next one is begun
        self.last_case_label = QLabel()
        self.last_case_label.setObjectName("lastCase")
        self.catalog_label = QLabel()     # in the menu bar's free corner: the header stays one line at 1366
        self.catalog_label.setObjectName("catalogVersion")

        self.applicant = ApplicantPanel(tr)
        self.history = HistoryPanel(tr)
        self.picker = ItemPicker(tr)
        self.checklist = ChecklistPanel(tr, ctx.calendar)
        self.outcomes = OutcomeBar(tr)
        self.checklist.bind(self.draft)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        # never squeezed below what its rows need (fields overlapped at 768 px high); the list of
        # earlier cases gives way instead
        self.applicant.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        lv.addWidget(self.applicant)
        lv.addWidget(self.history, 1)
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.picker)
        right.addWidget(self.checklist)
        right.setStretchFactor(0, 0)          # the search is compact: its results drop down over the rest
        right.setStretchFactor(1, 1)
        body = QSplitter(Qt.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 5)
        body.setSizes([520, 920])

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.last_case_label)
        top.addWidget(self.reader_status)
        central = QWidget()
        v = QVBoxLayout(central)
        v.addLayout(top)
        v.addWidget(self.banner)
        v.addWidget(body, 1)
        v.addWidget(self.outcomes)
        self.intake_page = central
        from counter_app.gui.screen_host import ScreenHost
        from counter_app.gui.screens import SCREENS

        self.screens = ScreenHost(self, central, SCREENS)   # the other screens, each on its key

        self.applicant.changed.connect(self._refresh_verdict)
        self.applicant.changed.connect(self._next_begun)
        self.picker.search.textEdited.connect(self._next_begun)
        self.applicant.id_complete.connect(self._load_history)
        self.picker.items_chosen.connect(self._add_items)
        self.picker.item_removed.connect(self._remove_item)
        self.checklist.edited.connect(self._refresh_verdict)
        self.outcomes.chosen.connect(self.submit)
        self._shortcuts()
        build_menu(self)
        self.catalog_label.setContentsMargins(0, 0, 8, 0)
        self.menuBar().setCornerWidget(self.catalog_label, Qt.Corner.TopRightCorner)
        self.loading = loading           # the catalog is read right after the first paint
        self.set_catalog(ctx.catalog)
        if not loading:
            self._check_calendar()
        self.resize(1440, 900)

    # ---------------------------------------------------------------- setup
    def _shortcuts(self) -> None:
        keys = {
            "F2": lambda: self.applicant.name.setFocus(),
            "F3": self.focus_search, "Ctrl+F": self.focus_search,
            "F4": self._edit_remark,
            "F5": self.mark_all_received,
            "F6": lambda: self.checklist.table.setFocus(),
            "Ctrl+N": self.new_intake,
            "Ctrl+P": self.print_again,
            "Ctrl+Shift+P": self.preview_again,
            "F1": self._show_keys,
        }
        for key, slot in keys.items():
            # on the intake page, not the window: hidden while another screen is shown, so inert there
            QShortcut(QKeySequence(key), self.intake_page, activated=slot, context=Qt.WindowShortcut)

    def set_catalog(self, catalog) -> None:
        self.ctx.catalog = catalog
        self.picker.set_catalog(catalog)
        self.refresh_header()
        if catalog is None and not self.loading:
            self.show_banner(self.tr_("gui.no_catalog_banner"), "warn")
        self._refresh_verdict()

    def refresh_header(self) -> None:
        """Hall, window, the clerk accepting cases now, the catalog's version."""
        s, catalog = self.ctx.settings, self.ctx.catalog
        version = catalog.catalog.version if catalog is not None else \
            self.tr_("gui.catalog_loading" if self.loading else "gui.no_catalog")
        self.header.setText(self.tr_("gui.header", hall=s.hall.name, window=s.window_name,
                                     clerk=self.ctx.clerk_login_name[1]))
        self.catalog_label.setText(self.tr_("gui.catalog_version", version=version))

    def finish_loading(self, load) -> None:
        """Read the catalog (``load()`` → CatalogView or None) once the window is on screen."""
        self.loading = False
        try:
            catalog = load()
        except UserError as exc:
            self.set_catalog(None)
            self.show_banner(self.tr_.error(exc), "bad")
            return
        self.set_catalog(catalog)
        self._check_calendar()

    def _check_calendar(self, today: dt.date | None = None) -> None:
        """Deadlines need next months' holidays: tell the admin before the calendar runs out."""
        ahead = (today or dt.date.today()) + dt.timedelta(days=CALENDAR_LOOKAHEAD_DAYS)
        if self.ctx.catalog is not None and not self.ctx.calendar.covers(ahead):
            self.show_banner(self.tr_("gui.calendar_ends", year=ahead.year), "warn")

    def show_banner(self, text: str, state: str = "ok") -> None:
        self._banner_is_saved = False
        self.banner.setText(text)
        self.banner.setProperty("state", state)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setVisible(bool(text))
        QTimer.singleShot(0, self.picker, self.picker.place_results)   # the form below moved

    def show_note(self, text: str, state: str = "ok") -> None:
        """Add a line to the banner without replacing it: the last case's 已受理 stays."""
        current = self.banner.text() if self.banner.isVisible() else ""
        if text in current.split("\n"):
            return
        saved = self._banner_is_saved
        keep = self.banner.property("state") if current and state == "ok" else state
        self.show_banner(f"{current}\n{text}" if current else text, keep)
        self._banner_is_saved = saved

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    # ---------------------------------------------------------------- card
    def on_card(self, card) -> None:
        """A card was read (from the reader bridge, on the GUI thread): fill in, then search.
        On another screen the card is that screen's (issuing: whose result), if it takes cards."""
        if not self.screens.on_intake():
            page = self.screens.page(self.screens.current)
            if hasattr(page, "on_card"):
                page.on_card(card)
            return
        self.applicant.fill_from_card(card)
        self.show_banner(self.tr_("gui.card_read_ok"), "warn" if getattr(card, "expired", False) else "ok")
        self.focus_search()

    def on_card_failed(self, message: str) -> None:
        self.show_banner(message, "bad")

    def on_reader_status(self, text: str) -> None:
        self.reader_status.setText(text)

    # ---------------------------------------------------------------- items and materials
    def _add_items(self, codes: list) -> None:
        added = False
        for code in codes:
            item = self.ctx.catalog.item(code) if self.ctx.catalog else None
            if item is not None:
                added |= self.draft.add_item(item)
        self.picker.show_chosen(self.draft.items)
        self.checklist.refresh()
        self._refresh_verdict()
        if not added and codes:
            self.show_banner(self.tr_("gui.already_chosen"), "warn")
        self._warn_repeats()

    def _repeat_text(self) -> str:
        repeats = self.draft.same_day_repeats()
        if not repeats:
            return ""
        item, number = repeats[0]
        return self.tr_("gui.same_day_repeat", name=self.applicant.applicant().name, item=item.name, number=number)

    def _warn_repeats(self) -> None:
        """The same person, the same item, already accepted today: say so before it is filed twice."""
        text = self._repeat_text()
        if text and text != self.banner.text():
            self.show_banner(text, "warn")

    def _remove_item(self, code: str) -> None:
        self.draft.remove_item(code)
        self.picker.show_chosen(self.draft.items)
        self.checklist.refresh()
        self._refresh_verdict()

    def mark_all_received(self) -> None:
        self.draft.mark_all_received()
        self.checklist.refresh()
        self._refresh_verdict()

    def _edit_remark(self) -> None:
        row = self.checklist.table.currentRow()
        if not (0 <= row < len(self.draft.lines)):
            return
        from PySide6.QtWidgets import QInputDialog

        line = self.draft.lines[row]
        text, ok = QInputDialog.getText(self, self.tr_("gui.remark_title"),
                                        self.tr_("gui.remark_prompt", name=line.name),
                                        text=self.draft.check(line.key).remark)
        if ok:
            self.draft.set_remark(line.key, text.strip())
            self.checklist.refresh()

    def _load_history(self, number: str) -> None:
        from counter_app.services.intake import person_history   # SQLAlchemy: not needed to show the window

        applicant = self.applicant.applicant()
        credit = applicant.credit_code if applicant.kind == LEGAL_ENTITY else None
        asked = (applicant.id_number, credit)

        def show(hist) -> None:
            now = self.applicant.applicant()
            if (now.id_number, now.credit_code if now.kind == LEGAL_ENTITY else None) != asked:
                return                   # the clerk moved on to someone else meanwhile
            self.history.show_history(hist)
            self.applicant.apply_history(hist.phone, hist.address)
            self.draft.set_reusable(hist.reusable)
            self.draft.set_earlier(hist.cases)
            self.checklist.refresh()
            self._refresh_verdict()
            self._warn_repeats()

        from counter_app.services.access_log import Viewer

        viewer = Viewer.of(self.ctx.settings, self.ctx.clerk_login_name[0])      # recorded on each case shown
        self.ctx.ops.write(lambda store: person_history(store=store, id_number_text=number, credit_code=credit,
                                                        viewer=viewer), name="history", owner=self) \
            .success(show).failure(lambda exc: self.show_banner(self.tr_.error(exc), "bad"))

    def _refresh_verdict(self) -> None:
        problem = self.applicant.problem() or type_mismatch(self.draft.items, self.applicant.kind.currentData())
        applicant = self.applicant.applicant()
        self.draft.set_applicant(applicant, not problem)
        if self.draft.set_identity(applicant.id_type, self.applicant.card_read()):
            self.checklist.refresh()
        self.outcomes.show_assessment(self.draft.assessment(), problem, bool(self.draft.items))
        self.draft_changed.emit()

    # ---------------------------------------------------------------- outcome
    def submit(self, outcome: str) -> None:
        if self.saving:
            return
        self._refresh_verdict()
        if outcome not in self.draft.assessment().allowed:
            return
        from counter_app.gui.outcome_dialogs import ask_details   # loaded when first needed

        applicant = self.applicant.applicant()
        details = ask_details(self, self.tr_, outcome, applicant, self._repeat_text(), self.ctx.data_dir)
        if details is None:
            return                       # the clerk went back to the case
        reason, basis, supervisor, supervisor_pin = details
        from counter_app.services.intake import IntakeRequest, submit_intake

        ctx = self.ctx
        request = IntakeRequest(
            applicant=applicant, item_codes=tuple(i.code for i in self.draft.items),
            checks=tuple(self.draft.checks.items()), outcome=outcome, agent=self.applicant.agent(),
            reason=reason, legal_basis=basis, supervisor=supervisor, supervisor_pin=supervisor_pin,
            photo=self.applicant.photo_bytes(), clerk=ctx.clerk_login_name[0], clerk_name=ctx.clerk_login_name[1],
            started_at=self.draft.started_at)
        self.saving = True               # one case at a time: F9 again does nothing until it is saved
        self.outcomes.setEnabled(False)

        def saved(record) -> None:
            self._end_saving()
            # The case is committed: the form is cleared first, so nothing that follows can make
            # the clerk save it a second time.
            self.last_case = record
            self._clear_form()
            promised = record.promised_date.isoformat() if record.promised_date else "—"
            self.show_banner(self.tr_(f"gui.saved.{outcome}", number=record.number, date=promised), "ok")
            self._banner_is_saved = True
            self.last_case_label.setText(self.tr_("gui.last_case", number=record.number))
            self.last_case_label.setToolTip(self.tr_("gui.last_case_keys"))
            self._after_commit(record)

        def not_saved(exc: BaseException) -> None:
            from PySide6.QtWidgets import QMessageBox

            self._end_saving()
            # nothing is cleared: the clerk can try again once the cause is fixed
            if isinstance(exc, UserError):
                QMessageBox.warning(self, self.tr_("gui.not_saved"), self.tr_.error(exc))
                return
            # submit_intake commits all or nothing before it returns
            where = traceback.extract_tb(exc.__traceback__)[-1]     # not the message: it may hold personal data
            log.error("submitting a case failed: %s at %s:%s", type(exc).__name__, where.filename, where.lineno)
            QMessageBox.warning(self, self.tr_("gui.not_saved"),
                                self.tr_("gui.not_saved_unexpected", detail=type(exc).__name__))

        ctx.ops.write(lambda store: submit_intake(store=store, settings=ctx.settings, catalog=ctx.catalog,
                                                  request=request, calendar=ctx.calendar,
                                                  print_documents=self.prints_documents),
                      name="submit", owner=self).success(saved).failure(not_saved)

    def _end_saving(self) -> None:
        self.saving = False
        self.outcomes.setEnabled(True)

    def _after_commit(self, record) -> None:
        """Search ranking, listeners and printing; a failure here is reported, the case stays saved."""
        def failed(exc: BaseException) -> None:
            log.warning("after saving a case: %s", getattr(exc, "key", type(exc).__name__))
            self.show_banner(self.tr_("gui.saved_but", number=record.number, what=self.tr_.error(exc)), "warn")

        catalog = self.ctx.catalog       # refresh_usage swaps one dict: safe from the writer thread
        self.ctx.ops.write(catalog.refresh_usage, name="usage", owner=self).failure(failed)
        for step in (self.case_saved.emit, *self.after_save):
            try:
                step(record)
            except Exception as exc:  # noqa: BLE001 - the case is saved; say what failed and go on
                failed(exc)

    def _clear_form(self) -> None:
        self.draft.clear()
        self.applicant.clear()
        self.history.clear()
        self.picker.clear()
        self.checklist.refresh()
        self._refresh_verdict()
        self.focus_search()

    def print_again(self) -> None:
        if self.last_case is not None and self.reprint is not None:
            self.reprint(self.last_case.number)

    def preview_again(self) -> None:
        if self.last_case is not None and self.preview_archived is not None:
            self.preview_archived(self.last_case.number)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Esc that no field used (the search box clears itself first) closes the preview."""
        if event.key() == Qt.Key.Key_Escape and self.preview_dock is not None and self.preview_dock.isVisible():
            self.preview_dock.close()
            return
        super().keyPressEvent(event)

    def _next_begun(self, *_args) -> None:
        """The clerk started on the next applicant: the last case's banner must not look like theirs."""
        if self._banner_is_saved and self.case_open():
            self.show_banner("")

    def case_open(self) -> bool:
        """Something of a case not yet submitted is on the screen."""
        a = self.applicant.applicant()
        return bool(self.draft.items or a.name or a.id_number or a.org_name or self.picker.search.text().strip())

    def may_quit(self) -> bool:
        """In the middle of a case the clerk is asked first; the safe answer (取消) is the default."""
        if not self.case_open():
            return True
        from counter_app.gui.outcome_dialogs import confirm

        who = self.applicant.applicant().name or self.tr_("gui.unnamed_applicant")
        return confirm(self, self.tr_, self.tr_("gui.quit_title"), self.tr_("gui.quit_open_case", who=who),
                       self.tr_("gui.quit_yes"))

    def request_quit(self) -> None:
        """Ctrl+Q / 文件 → 退出."""
        if self.may_quit():
            self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # The window's own close button asks as Ctrl+Q does; a close from code (shutdown, tests) does not.
        if event.spontaneous() and not self.may_quit():
            event.ignore()
            return
        super().closeEvent(event)

    def new_intake(self) -> None:
        self._clear_form()
        self.show_banner("")

    def _show_keys(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, self.tr_("gui.keys_title"), self.tr_("gui.keys_text"))
