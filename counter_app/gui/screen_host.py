"""One main window, many screens: intake, case list, issuing, handover, supervision, ...

The intake window is the host (DESIGN.md, "a screen host"). Its central widget is a stack whose
first page is the intake form; every other screen is a page built the first time it is shown,
from a :class:`ScreenSpec` listed in :mod:`counter_app.gui.screens`. Menus and keys reach a
screen through the host by name, never through another screen's attributes.

A screen is a plain ``QWidget`` made by ``factory(ctx, host)``. It may define
``activated(**kwargs)`` (called each time it is shown, e.g. with a case number) and
``title()`` (the window title while it is shown). Esc on a screen returns to intake unless the
screen sets ``handles_escape = True`` and calls ``host.back()`` itself.

Shortcuts of the intake page are parented to that page: Qt does not fire a shortcut whose widget
is hidden, so F9 cannot accept a case while the clerk is on another screen.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QWidget

log = logging.getLogger(__name__)
INTAKE = "intake"


@dataclass(frozen=True)
class ScreenSpec:
    name: str               # how menus, keys and other screens ask for it
    title_key: str          # translation key of its menu entry and window title
    key: str                # its key from anywhere in the window ("" for menu only)
    module: str             # imported when the screen is first shown
    factory: str = "build"  # module.factory(ctx, host) -> QWidget


class ScreenHost(QObject):
    shown = Signal(str)     # the name of the screen now on the window

    def __init__(self, window, intake_page: QWidget, specs=()) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.tr_ = window.tr_
        self.stack = QStackedWidget()
        self.stack.addWidget(intake_page)
        self._intake_page = intake_page
        self._title = window.windowTitle()
        self.specs: dict[str, ScreenSpec] = {}
        self.pages: dict[str, QWidget] = {}
        self._actions: dict[str, QAction] = {}
        self._menu = None
        window.setCentralWidget(self.stack)
        for spec in specs:
            self.register(spec)

    # ---------------------------------------------------------------- registry
    def register(self, spec: ScreenSpec) -> None:
        if spec.name in self.specs or spec.name == INTAKE:
            raise ValueError(f"screen {spec.name!r} is registered twice")
        self.specs[spec.name] = spec
        act = QAction(self.tr_(spec.title_key), self.window)
        if spec.key:
            act.setShortcut(QKeySequence(spec.key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda _=False, n=spec.name: self.show(n))
        self.window.addAction(act)           # the key works even before the menu is built
        self._actions[spec.name] = act
        if self._menu is not None:
            self._menu.addAction(act)

    def fill_menu(self, menu) -> None:
        """The 屏幕 menu: intake first, then every registered screen with its key."""
        back = QAction(self.tr_("screen.intake"), self.window)
        back.triggered.connect(self.back)
        menu.addAction(back)
        self._menu = menu
        for act in self._actions.values():
            menu.addAction(act)

    # ---------------------------------------------------------------- switching
    @property
    def current(self) -> str:
        page = self.stack.currentWidget()
        if page is self._intake_page:
            return INTAKE
        return next((n for n, p in self.pages.items() if p is page), INTAKE)

    def on_intake(self) -> bool:
        return self.stack.currentWidget() is self._intake_page

    def page(self, name: str) -> QWidget:
        """The screen's widget, built once (its module imported on first use)."""
        if name == INTAKE:
            return self._intake_page
        if name not in self.pages:
            spec = self.specs[name]
            factory = getattr(importlib.import_module(spec.module), spec.factory)
            widget = factory(self.ctx, self)
            if not getattr(widget, "handles_escape", False):
                QShortcut(QKeySequence(Qt.Key.Key_Escape), widget, activated=self.back,
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.stack.addWidget(widget)
            self.pages[name] = widget
        return self.pages[name]

    def show(self, name: str, **kwargs) -> QWidget:
        """Put a screen on the window; ``kwargs`` go to its ``activated``."""
        if name == INTAKE:
            self.back()
            return self._intake_page
        widget = self.page(name)
        self.stack.setCurrentWidget(widget)
        title = widget.title() if hasattr(widget, "title") else self.tr_(self.specs[name].title_key)
        self.window.setWindowTitle(f"{self._title} · {title}")
        activated = getattr(widget, "activated", None)
        if activated is not None:
            activated(**kwargs)
        if not widget.isAncestorOf(widget.focusWidget() or widget):
            widget.setFocus()
        self.shown.emit(name)
        return widget

    def back(self) -> None:
        """Return to the intake form, with the hands on the item search."""
        self.stack.setCurrentWidget(self._intake_page)
        self.window.setWindowTitle(self._title)
        self.window.focus_search()
        self.shown.emit(INTAKE)
