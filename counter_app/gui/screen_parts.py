"""Small pieces the handover and issuing screens share: the message line, read-only tables, the
scan field (USB scanners type like a keyboard and end with Enter), the key hints, and paper out
(printed at a station with a printer, else previewed beside the screen)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QLineEdit, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

BAD_ROW = QColor("#fdecea")
OK_ROW = QColor("#e3f4e8")
WAIT_ROW = QColor("#fff4e0")


class ArrowKeys(QObject):
    """↑/↓ in a scan field move the screen's selection (``screen.move_selection(±1)``), so the
    hands never leave the field the scanner types into."""

    def __init__(self, screen) -> None:
        super().__init__(screen)
        self.screen = screen

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.screen.move_selection(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return False


def message_line() -> QLabel:
    label = QLabel()
    label.setObjectName("banner")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def say(label: QLabel, text: str, state: str = "ok") -> None:
    label.setText(text)
    mark(label, state)
    label.setVisible(bool(text))


def mark(label: QLabel, state: str) -> None:
    """The theme's colour for ``state`` (ok / warn / bad) on a banner or hint label."""
    label.setProperty("state", state)
    label.style().unpolish(label)
    label.style().polish(label)


def scan_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName("search")
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    return field


def table(headers: list[str], *, stretch: int = -1) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(True)
    t.verticalHeader().setVisible(False)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[list[str]], colours: list[QColor | None] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if colours and colours[r] is not None:
                item.setBackground(colours[r])
            t.setItem(r, c, item)
    t.resizeRowsToContents()


def split(orientation, *parts) -> QSplitter:
    """A splitter of ``(widget, stretch)`` parts."""
    splitter = QSplitter(orientation)
    for n, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(n, stretch)
    return splitter


def frame(screen, *, header, row, message, body, keys_text: str, focus) -> None:
    """The screens' common frame: the title, the scan row, the message line, the body, the keys;
    the keyboard goes to ``focus`` whenever the screen is given it."""
    v = QVBoxLayout(screen)
    v.addWidget(header)
    v.addLayout(row)
    v.addWidget(message)
    v.addWidget(body, 1)
    v.addWidget(hints(keys_text))
    screen.setFocusProxy(focus)


def hints(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def keys(widget, mapping: dict[str, object]) -> None:
    """Keys of a screen: live only while the screen is shown (its widget is visible)."""
    for key, slot in mapping.items():
        QShortcut(QKeySequence(key), widget, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)


def paper_out(window, ctx, number: str, docs) -> None:
    """Print archived documents on the station's printer; in demo mode without one, preview them
    docked beside the screen (the keys stay with the screen)."""
    from counter_app.gui.intake_printing import previews_instead
    from counter_app.gui.print_preview import print_prepared, show_preview

    if previews_instead(ctx.settings):
        window._preview = show_preview(window, [(d.kind, d.path) for d in docs], number=number,
                                       settings=ctx.settings, tr=ctx.tr, data_dir=ctx.data_dir)
        return
    print_prepared(window, ctx.settings, number, list(docs), ctx.tr, network=ctx.ops.network)
