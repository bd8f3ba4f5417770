"""Who is at the window: the clerk's sign-in at the start, the lock (Ctrl+L, or after the station's
idle time) and unlocking by the same clerk, or a supervisor's sign-out.

- Checking a password (scrypt, perhaps an HTTP call) runs on the network pool, never on the GUI
  thread: :func:`counter_app.sync.clerk_signin.sign_in` — online against the central server,
  offline against the verifier cached at the last online sign-in, or the station's local clerks.
- Locked, the window shows only the sign-in page: the intake page is hidden (its keys are inert,
  :mod:`screen_host`), every menu entry and screen key is disabled and the document preview is
  hidden. Nothing is cleared: the case on the form, the screen the clerk was on and the field
  that had the focus come back as they were on unlocking.
- A lock never cancels a dialog the clerk has open (a rejection reason half typed): it comes when
  the dialog is closed.
- Demo mode signs in the demo clerk by itself. A station with no clerk accounts (not enrolled,
  no local clerks) keeps the clerk of its settings; its lock hides the screen and Enter resumes.
"""

from __future__ import annotations

import dataclasses
import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget

from counter_app.gui.signin_page import RESUME, SIGN_IN, UNLOCK, SignInPage
from counter_app.sync import clerk_signin

log = logging.getLogger(__name__)
LOCK_KEY = "Ctrl+L"
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
            QEvent.Type.TouchBegin}


class ClerkLock(QObject):
    changed = Signal(object)          # the signed-in clerk (clerk_signin.Clerk) or None

    def __init__(self, window, ctx) -> None:
        super().__init__(window)
        self.window, self.ctx, self.tr_ = window, ctx, ctx.tr
        self.clerk: clerk_signin.Clerk | None = None
        self.accounts = ctx.settings.demo or clerk_signin.needs_sign_in(ctx.data_dir)
        self.covered = False
        self._restore: dict = {}
        self.last_login = ""
        self.page = SignInPage(self.tr_)
        s = ctx.settings
        self.page.set_station(self.tr_("signin.station", hall=s.hall.name, window=s.window_name, code=s.window))
        window.screens.stack.addWidget(self.page)
        self.page.submitted.connect(self._check)
        self.page.supervisor_sign_out.connect(self._supervisor)
        self.page.quit_requested.connect(window.close)

        self.idle = QTimer(self, singleShot=True)
        self.idle.timeout.connect(self._idle)
        self.set_idle_ms(ctx.settings.lock_after_minutes * 60_000)
        QApplication.instance().installEventFilter(self)

        self.lock_action = QAction(self.tr_("signin.lock_action"), window)
        self.lock_action.setShortcut(QKeySequence(LOCK_KEY))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock)
        window.addAction(self.lock_action)
        self.sign_out_action = QAction(self.tr_("signin.sign_out_action"), window)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.sign_out_action.setVisible(self.accounts)
        file_menu = _file_menu(window)
        if file_menu is not None:
            first = file_menu.actions()[0] if file_menu.actions() else None
            file_menu.insertAction(first, self.lock_action)
            file_menu.insertAction(first, self.sign_out_action)
            file_menu.insertSeparator(first)

    # ---------------------------------------------------------------- start
    def start(self) -> None:
        if self.ctx.settings.demo:
            s = self.ctx.settings
            self._signed_in(clerk_signin.Clerk(s.clerk, s.clerk_name, "clerk", online=False, local=True))
        elif self.accounts:
            self.require_sign_in()
        else:
            self.idle.start()

    def set_idle_ms(self, ms: int) -> None:
        """The idle time before the window locks (0: never)."""
        self.idle_ms = max(int(ms), 0)
        self.idle.setInterval(max(self.idle_ms, 1))
        if not self.idle_ms:
            self.idle.stop()
        elif not self.covered:
            self.idle.start()

    # ---------------------------------------------------------------- states
    def require_sign_in(self, *, hint: str = "") -> None:
        self.clerk = None
        self.ctx.clerk = None
        self.changed.emit(None)
        self._cover()
        self.page.set_mode(SIGN_IN, login=self.last_login, hint=hint)

    def lock(self) -> None:
        """Ctrl+L, or the idle time passed."""
        if self.covered:
            return
        self._cover()
        if self.clerk is None:
            self.page.set_mode(RESUME)
            return
        from counter_app import supervisors
        from counter_app.services.demo_station import DEMO_CLERK_PASSWORD

        hint = self.tr_("signin.demo_hint", password=DEMO_CLERK_PASSWORD) if self.ctx.settings.demo else ""
        self.page.set_mode(UNLOCK, login=self.clerk.login, name=self.clerk.name,
                           supervisors=supervisors.names(self.ctx.data_dir), hint=hint)
        log.info("window locked (clerk %s)", self.clerk.login)

    def sign_out(self) -> None:
        """The clerk leaves (end of shift): the next one signs in; an open case stays on the form."""
        if self.clerk is not None:
            log.info("clerk %s signed out", self.clerk.login)
        self.require_sign_in()

    @property
    def locked(self) -> bool:
        return self.covered

    # ---------------------------------------------------------------- checking
    def _check(self, login: str, password: str) -> None:
        if self.page.mode == RESUME:
            self._uncover()
            return
        data_dir = self.ctx.data_dir
        self.ctx.ops.network(lambda: clerk_signin.sign_in(data_dir, login, password), name="sign-in",
                             owner=self.page) \
            .success(self._signed_in).failure(self._refused)

    def _signed_in(self, clerk) -> None:
        if not shiboken6.isValid(self.page):       # the window closed while the check was under way
            return
        if self.page.mode == UNLOCK and self.clerk is not None and clerk.login != self.clerk.login:
            self.page.show_error(self.tr_("signin.other_clerk", name=self.clerk.name))
            return
        before, self.clerk = self.clerk, clerk
        self.ctx.clerk = clerk
        # every service that names "the clerk" (handover, lifecycle steps, "my cases") now names this one
        self.ctx.settings = dataclasses.replace(self.ctx.settings, clerk=clerk.login, clerk_name=clerk.name)
        self.last_login = clerk.login
        self._uncover()
        if before is None or before.login != clerk.login:
            log.info("clerk %s signed in (%s)", clerk.login,
                     "local" if clerk.local else "online" if clerk.online else "offline")
            self.changed.emit(clerk)
        if not clerk.online and not clerk.local:
            self.window.show_note(self.tr_("signin.offline_note", name=clerk.name), "warn")

    def _refused(self, exc: BaseException) -> None:
        if shiboken6.isValid(self.page):
            self.page.show_error(self.tr_.error(exc))

    def _supervisor(self, name: str, pin: str) -> None:
        from counter_app import supervisors

        data_dir = self.ctx.data_dir
        self.ctx.ops.network(lambda: supervisors.check(data_dir, name, pin), name="supervisor sign-out",
                             owner=self.page) \
            .success(lambda _: self._signed_out_by(name)).failure(self._refused)

    def _signed_out_by(self, supervisor: str) -> None:
        if not shiboken6.isValid(self.page):
            return
        who = self.clerk.login if self.clerk else ""
        log.info("clerk %s signed out by supervisor %s", who, supervisor)
        self.last_login = ""
        self.require_sign_in(hint=self.tr_("signin.signed_out_by", supervisor=supervisor))

    # ---------------------------------------------------------------- idle
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in ACTIVITY and not self.covered and self.idle_ms and shiboken6.isValid(self.idle):
            self.idle.start()
        return False

    def _idle(self) -> None:
        if self.covered or not self.idle_ms:
            return
        if QApplication.activeModalWidget() is not None:     # never cancel what the clerk has open
            self.idle.start()
            return
        self.lock()

    # ---------------------------------------------------------------- covering the window
    def _cover(self) -> None:
        self.idle.stop()
        if self.covered:
            return
        w = self.window
        stack = w.screens.stack
        self._restore = {
            "page": stack.currentWidget(),
            "focus": QApplication.focusWidget() if w.isAncestorOf(QApplication.focusWidget() or w) else None,
            "actions": [a for a in w.findChildren(QAction) if a.isEnabled() and a is not self.lock_action],
            "docks": [d for d in w.findChildren(QDockWidget) if d.isVisible()],
            "results": _results(w) is not None and _results(w).isVisible(),   # the search's drop-down
        }
        if self._restore["results"]:
            _results(w).setVisible(False)
        for act in self._restore["actions"]:
            act.setEnabled(False)
        for dock in self._restore["docks"]:
            dock.hide()
        w.menuBar().setEnabled(False)
        self.covered = True
        stack.setCurrentWidget(self.page)

    def _uncover(self) -> None:
        if not self.covered:
            return
        w = self.window
        for act in self._restore.get("actions", ()):
            act.setEnabled(True)
        for dock in self._restore.get("docks", ()):
            dock.show()
        if self._restore.get("results"):
            _results(w).setVisible(True)
            w.picker.place_results()
        w.menuBar().setEnabled(True)
        page = self._restore.get("page")
        stack = w.screens.stack
        stack.setCurrentWidget(page if page is not None and page is not self.page else stack.widget(0))
        self.covered = False
        focus = self._restore.get("focus")
        if focus is not None and focus.isVisible():
            focus.setFocus()
        elif stack.currentWidget() is stack.widget(0):
            w.focus_search()
        self._restore = {}
        if self.idle_ms:
            self.idle.start()


def _results(window):
    """The item search's drop-down: it floats over the whole window, not inside the intake page."""
    picker = getattr(window, "picker", None)
    return getattr(picker, "results", None)


def _file_menu(window):
    from PySide6.QtWidgets import QMenu

    title = window.tr_("menu.file")
    # by the menu bar's children: QAction.menu() on PySide6 6.8 hands back menus already deleted
    return next((m for m in window.menuBar().findChildren(QMenu) if m.title() == title), None)


def attach_clerk_lock(window, ctx) -> ClerkLock:
    lock = ClerkLock(window, ctx)
    window.clerk_lock = lock
    lock.changed.connect(lambda _clerk: window.refresh_header())
    lock.start()
    return lock
