"""UI state (the window's size and place) in QSettings, apart from the station settings.

station.json says what the station is (hall, window, printers) and is copied between stations;
where a window sat on this desktop is not part of that (DESIGN.md rule 6).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt

GEOMETRY_KEY = "intake/geometry"


class _SaveOnClose(QObject):
    def __init__(self, window, store: QSettings, key: str) -> None:
        super().__init__(window)
        self._window, self._store, self._key = window, store, key

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if obj is self._window and event.type() == QEvent.Type.Close:
            self._store.setValue(self._key, self._window.saveGeometry())
            self._store.sync()
        return False


def remember_geometry(window, store: QSettings | None = None, key: str = GEOMETRY_KEY) -> bool:
    """Put ``window`` where it was last closed (True when there was a place) and keep it on close."""
    store = store if store is not None else QSettings()
    saved = store.value(key)
    restored = bool(saved) and window.restoreGeometry(saved)
    if not restored:
        fit_to_screen(window)
    window.installEventFilter(_SaveOnClose(window, store, key))
    return restored


def fit_to_screen(window) -> bool:
    """A first start on a screen smaller than the window's preferred size (a 1366x768 counter
    monitor): open maximized within the screen's free area instead of past its edges. True if so."""
    screen = window.screen()
    if screen is None:
        return False
    free = screen.availableGeometry()
    if window.width() <= free.width() and window.height() <= free.height():
        return False
    window.resize(min(window.width(), free.width()), min(window.height(), free.height()))
    window.move(free.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return True
