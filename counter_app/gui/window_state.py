"""UI state (the window's size and place) in QSettings, apart from the station settings.

station.json says what the station is (hall, window, printers) and is copied between stations;
where a window sat on this desktop is not part of that (DESIGN.md rule 6).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings

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
    window.installEventFilter(_SaveOnClose(window, store, key))
    return restored
