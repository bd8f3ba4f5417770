"""The applicant's screen: the monitor (or tablet) facing the applicant across the counter.

It follows the intake window (``attach``): the hall and the window at the top; while the clerk
works, the items chosen and each material's state in plain words, with what is still missing
(the one-time notice, before it is printed); after the outcome, the case number as the receipt's
QR code and the promised date; then the 好差评 (``rating_panel``), recorded through the writer
(``services.evaluation``). Personal data is masked as on the receipt: the ID number shows its
region and check digits only.

With a second screen (``QGuiApplication.screens()``) it fills that screen; with one, it is a
window the clerk can move, opened beside the intake window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from counter_app.domain import evaluation as ev
from counter_app.gui.customer_pages import CaseDonePage, WorkingPage, centred_label
from counter_app.gui.rating_panel import RatingPanel

log = logging.getLogger(__name__)
THANKS_MS = 8000            # the thank-you stays this long, then the welcome page
IDLE, WORKING, DONE, THANKS = range(4)

STYLE = """
QWidget#customerScreen { background: #f4f7fb; }
QLabel#hallName { font-size: %(h1)dpx; font-weight: bold; color: #ffffff; }
QLabel#windowName { font-size: %(h2)dpx; color: #ffffff; }
QWidget#customerTop { background: #1d4f91; }
QWidget#customerTop QLabel { background: transparent; }
QLabel#welcome { font-size: %(h1)dpx; color: #1d4f91; font-weight: bold; }
QLabel#welcomeHint, QLabel#rateHint, QLabel#rateMessage { font-size: %(body)dpx; color: #3e4c59; }
QLabel#sectionTitle { font-size: %(h2)dpx; font-weight: bold; color: #1d4f91; }
QLabel#applicantLine, QLabel#itemLine { font-size: %(body)dpx; color: #1f2933; }
QLabel#missingBox { font-size: %(body)dpx; background: #fff4e0; color: #7a4b00; border: 1px solid #f0c57a;
                    border-radius: 6px; padding: 8px 12px; }
QLabel#caseNumber { font-size: %(h1)dpx; font-weight: bold; color: #1f2933; }
QLabel#promised, QLabel#outcomeLine { font-size: %(h2)dpx; color: #14532d; }
QLabel#rateTitle { font-size: %(h2)dpx; font-weight: bold; color: #1d4f91; }
QLabel#thanks { font-size: %(h1)dpx; font-weight: bold; color: #1d4f91; }
QPushButton#levelButton { font-size: %(h2)dpx; padding: 8px 4px; min-height: %(button)dpx; max-height: %(tall)dpx;
                          border-radius: 8px; }
QPushButton#reasonButton { font-size: %(body)dpx; padding: 8px 8px; }
QPushButton#reasonButton:checked { background: #1d4f91; color: white; }
QPushButton#rateSend { font-size: %(body)dpx; padding: 8px 18px; background: #1d4f91; color: white; }
QLineEdit#rateText { font-size: %(body)dpx; min-height: 34px; }
QTableWidget#materials { font-size: %(body)dpx; }
QTableWidget#materials QHeaderView::section { font-size: %(small)dpx; font-weight: bold; padding: 4px; }
"""


def style_for(height: int) -> str:
    """Type sizes for the screen's height: read from a metre away on 768 to 1080 lines."""
    body = max(16, height // 40)
    return STYLE % {"h1": int(body * 1.7), "h2": int(body * 1.25), "body": body, "small": int(body * 0.85),
                    "button": int(body * 4.2), "tall": int(body * 8)}


class CustomerScreen(QWidget):
    rating_wanted = Signal(str, str, int, tuple, str)     # case id, stage, level, reasons, text

    def __init__(self, tr, settings, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.settings = settings
        self.setObjectName("customerScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(tr("customer.title"))
        self.case_id = ""
        self.stage = ev.STAGE_INTAKE
        top = QWidget()
        top.setObjectName("customerTop")
        top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hall = QLabel(settings.hall.name)
        self.hall.setObjectName("hallName")
        self.window_name = QLabel(settings.window_name)
        self.window_name.setObjectName("windowName")
        th = QHBoxLayout(top)
        th.setContentsMargins(24, 12, 24, 12)
        th.addWidget(self.hall, 1)
        th.addWidget(self.window_name)
        self.stack = QStackedWidget()
        idle = QWidget()
        iv = QVBoxLayout(idle)
        iv.addStretch(1)
        iv.addWidget(centred_label(tr("customer.welcome"), "welcome"))
        iv.addWidget(centred_label(tr("customer.welcome_hint"), "welcomeHint"))
        iv.addStretch(1)
        self.working = WorkingPage(tr)
        self.done = CaseDonePage(tr)
        self.rating = RatingPanel(tr)
        self.done.set_rating(self.rating)
        thanks = QWidget()
        tv = QVBoxLayout(thanks)
        self.thanks = centred_label("", "thanks")
        tv.addStretch(1)
        tv.addWidget(self.thanks)
        tv.addStretch(1)
        for page in (idle, self.working, self.done, thanks):
            self.stack.addWidget(page)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(top)
        body = QVBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        body.addWidget(self.stack, 1)
        v.addLayout(body, 1)
        self.rating.submitted.connect(self._submit)
        self._idle_timer = QTimer(self, singleShot=True, timeout=self.show_idle)
        self._expire = QTimer(self, singleShot=True, timeout=self._rating_expired)
        self.restyle(768)

    def restyle(self, height: int) -> None:
        self.setStyleSheet(style_for(height))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.restyle(event.size().height())
        super().resizeEvent(event)

    # ------------------------------------------------------------ what the clerk does
    def show_idle(self) -> None:
        self._expire.stop()
        self.case_id = ""
        self.stack.setCurrentIndex(IDLE)

    def show_draft(self, draft, applicant, catalog=None) -> None:
        """The form's case as the clerk works on it; an empty form leaves a shown case (and its
        rating) on the screen."""
        if not draft.items and not (applicant and (applicant.name or applicant.id_number)):
            if self.stack.currentIndex() == WORKING:
                self.show_idle()
            return
        self._idle_timer.stop()
        self._expire.stop()
        self.case_id = ""
        self.working.show_draft(draft, applicant, catalog)
        self.stack.setCurrentIndex(WORKING)

    def show_case(self, record, query_link: str) -> None:
        """The case was saved: its number, QR code and promised date, and the rating."""
        self.case_id = record.id
        self.stage = ev.STAGE_INTAKE
        self.done.show_case(record, query_link)
        self._ask_rating()

    def ask_rating(self, case_id: str, number: str, stage: str) -> None:
        """Ask for a rating of another stage (the issuing screen calls it when a result is handed over)."""
        self.case_id, self.stage = case_id, stage
        self.done.show_issued(number)
        self._ask_rating()

    def _ask_rating(self) -> None:
        self.rating.reset()
        self.stack.setCurrentIndex(DONE)
        self._expire.start(self.settings.evaluation.rating_minutes * 60_000)
        self.rating.setFocus()

    def _rating_expired(self) -> None:
        if self.stack.currentIndex() == DONE:
            self.show_idle()

    def _submit(self, level: int, reasons: tuple, text: str) -> None:
        if self.case_id:
            self.rating_wanted.emit(self.case_id, self.stage, level, reasons, text)

    def rated(self, rated) -> None:
        """The rating is recorded: thank the applicant (and say a 差评 will be followed up)."""
        self._expire.stop()
        if rated.follow_up is not None:
            self.thanks.setText(self.tr_("customer.thanks_bad", days=self.settings.evaluation.follow_up_days))
        else:
            self.thanks.setText(self.tr_("customer.thanks"))
        self.stack.setCurrentIndex(THANKS)
        self._idle_timer.start(THANKS_MS)

    def not_rated(self, text: str) -> None:
        self.rating.failed(text)

    def page(self) -> int:
        return self.stack.currentIndex()


def place(screen: CustomerScreen, window) -> None:
    """Full screen on a second monitor; else a movable window beside the intake window."""
    screen.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)   # the clerk's hands stay where they are
    screens = QGuiApplication.screens()
    own = window.screen() if window is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    if others:
        target = others[0]
        screen.setGeometry(target.geometry())
        screen.showFullScreen()
        return
    screen.resize(960, 640)
    avail = own.availableGeometry() if own is not None else None
    if window is not None and avail is not None:
        x = window.frameGeometry().right() + 8
        if x + 960 > avail.right():
            x = max(avail.left(), avail.right() - 960)
        screen.move(x, max(avail.top(), window.frameGeometry().top()))
    screen.show()


def _menu_entry(window, screen: CustomerScreen) -> None:
    """屏幕 → 办事人屏: shows the applicant's screen again after the clerk closed it."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    title = window.tr_("menu.screens")
    # the menus by title (QAction.menu() on PySide6 6.8 hands back menus already deleted)
    menu = next((m for m in window.menuBar().findChildren(QMenu) if m.title() == title), None)
    if menu is None:
        return
    menu.addSeparator()
    act = QAction(window.tr_("customer.title"), window)
    act.triggered.connect(lambda: place(screen, window) if not screen.isVisible() else screen.raise_())
    menu.addAction(act)


def attach(window, *, show: bool = True) -> CustomerScreen:
    """The applicant's screen following ``window`` (the intake window): its ``draft_changed`` and
    ``case_saved`` signals; the rating is written on the writer thread."""
    from counter_app.documents.codes import query_link

    ctx = window.ctx
    screen = CustomerScreen(ctx.tr, ctx.settings)
    screen.setWindowFlag(Qt.WindowType.Window, True)
    window.customer_screen = screen
    window.draft_changed.connect(
        lambda: screen.show_draft(window.draft, window.applicant.applicant(), ctx.catalog))
    window.case_saved.connect(
        lambda record: screen.show_case(record, query_link(ctx.settings.hall.query_url, record.number,
                                                           record.query_code)))

    def write(case_id: str, stage: str, level: int, reasons: tuple, text: str) -> None:
        from counter_app.services.evaluation import rate

        ctx.ops.write(lambda store: rate(store=store, settings=ctx.settings, calendar=ctx.calendar,
                                         case_id=case_id, stage=stage, level=level, reasons=reasons, text=text),
                      name="rating").success(screen.rated).failure(lambda exc: screen.not_rated(ctx.tr.error(exc)))

    screen.rating_wanted.connect(write)
    window.destroyed.connect(screen.close)
    _menu_entry(window, screen)
    if show:
        place(screen, window)
    return screen
