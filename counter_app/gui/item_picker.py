"""Item search with instant results (type, arrows, Enter) and the list of items chosen.

The results drop down over the screen below the search box (a child of the window, not a
popup: the search box keeps the keyboard), as tall as the window allows and never showing
half a row, so a dozen or more results are in sight even at 1366×768; long item names wrap
instead of being cut.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget,
)

from counter_app.domain.catalog import IMMEDIATE

RESULT_LIMIT = 30
CHOSEN_HEIGHT = 124              # px: four chosen items in sight (a bundle scrolls); the checklist gets the rest
RESULTS_BOTTOM_MARGIN = 64       # px kept free at the window's bottom: the outcome buttons stay in sight


class ItemPicker(QGroupBox):
    items_chosen = Signal(list)      # item codes to add (one item, or a bundle's items)
    item_removed = Signal(str)

    def __init__(self, tr, parent: QWidget | None = None) -> None:
        super().__init__(tr("gui.items"), parent)
        self.tr_ = tr
        self.catalog = None
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("gui.search_placeholder"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.setFocusPolicy(Qt.NoFocus)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setVisible(False)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.chosen_label = QLabel(tr("gui.chosen_items"))
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosen")
        self.chosen.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.chosen.setWordWrap(True)
        self.chosen.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.chosen.setMaximumHeight(CHOSEN_HEIGHT)

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.hint)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.chosen_label)
        right.addWidget(self.chosen, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

        self.search.textEdited.connect(self._on_query)
        self.search.installEventFilter(self)
        self.chosen.installEventFilter(self)
        self.results.itemActivated.connect(lambda _i: self._choose())
        self.results.itemDoubleClicked.connect(lambda _i: self._choose())

    def set_catalog(self, catalog) -> None:
        self.catalog = catalog

    # ---------------------------------------------------------------- the drop-down
    def place_results(self) -> None:
        """Lay the results out again after the screen above them moved (a banner came or went)."""
        if self.results.isVisible():
            self._place_results()

    def _place_results(self) -> None:
        """Lay the results over the window from below the hint down, in whole rows."""
        host = self.window()
        if self.results.count() == 0 or host is self:
            self.results.setVisible(False)
            return
        if self.results.parentWidget() is not host:
            self.results.setParent(host)
        inner = self.contentsRect()
        top = self.hint.mapTo(host, QPoint(0, self.hint.height()))
        left = self.mapTo(host, QPoint(inner.left(), 0)).x()
        width = inner.width()
        frame = 2 * self.results.frameWidth()
        room = host.height() - top.y() - RESULTS_BOTTOM_MARGIN - frame
        self.results.setGeometry(left, top.y(), width, 400)      # rows wrap to this width first
        used = 0
        for row in range(self.results.count()):
            h = self.results.sizeHintForRow(row)
            if used + h > room:
                break
            used += h
        self.results.setGeometry(left, top.y(), width, max(used, self.results.sizeHintForRow(0)) + frame)
        self.results.raise_()
        self.results.setVisible(True)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.results.isVisible():
            self._place_results()

    def _hide_results(self) -> None:
        self.results.clear()
        self.results.setVisible(False)

    # ---------------------------------------------------------------- search
    def _on_query(self, text: str) -> None:
        self._hide_results()
        if not text.strip() or self.catalog is None:
            self.hint.setText("" if self.catalog else self.tr_("catalog.empty_store"))
            return
        hits = self.catalog.search(text, RESULT_LIMIT)
        for h in hits:
            if h.kind == "bundle":
                bundle = self.catalog.bundle(h.code)
                label = self.tr_("gui.bundle_row", name=h.name, n=len(bundle.items) if bundle else 0)
            else:
                item = self.catalog.item(h.code)
                kind = self.tr_("gui.immediate" if item and item.kind == IMMEDIATE else "gui.promised")
                label = f"{h.name}　·　{self.catalog.department_name(h.department)}　·　{kind}"
            row = QListWidgetItem(label)
            row.setData(Qt.UserRole, (h.kind, h.code))
            row.setToolTip(f"{h.name}\n{h.code}")
            self.results.addItem(row)
        if hits:
            self.results.setCurrentRow(0)
            self._place_results()
            self.hint.setText(self.tr_("gui.search_hint", n=len(hits)))
        else:
            self.hint.setText(self.tr_("search.no_results", query=text.strip()))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.KeyPress:
            return False
        key = event.key()
        if obj is self.search:
            if key in (Qt.Key_Down, Qt.Key_Up, Qt.Key_PageDown, Qt.Key_PageUp):
                step = {Qt.Key_Down: 1, Qt.Key_Up: -1, Qt.Key_PageDown: 8, Qt.Key_PageUp: -8}[key]
                n = self.results.count()
                if n:
                    row = min(max(self.results.currentRow() + step, 0), n - 1)
                    self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ControlModifier:
                self._choose()
                return True
            if key == Qt.Key_Escape and self.search.text():
                self.search.clear()
                self._on_query("")
                return True
        if obj is self.chosen and key in (Qt.Key_Delete, Qt.Key_Backspace):
            row = self.chosen.currentItem()
            if row is not None:
                self.item_removed.emit(row.data(Qt.UserRole))
            return True
        return False

    def _choose(self) -> None:
        row = self.results.currentItem()
        if row is None:
            return
        kind, code = row.data(Qt.UserRole)
        if kind == "bundle":
            bundle = self.catalog.bundle(code)
            codes = list(bundle.items) if bundle else []
        else:
            codes = [code]
        self.search.clear()
        self._hide_results()
        self.hint.clear()
        self.items_chosen.emit(codes)

    # ---------------------------------------------------------------- chosen
    def show_chosen(self, items) -> None:
        self.chosen.clear()
        for item in items:
            row = QListWidgetItem(f"{item.name}　（{self.catalog.department_name(item.department)}）")
            row.setToolTip(item.name)
            row.setData(Qt.UserRole, item.code)
            self.chosen.addItem(row)
        self.chosen_label.setText(self.tr_("gui.chosen_items_n", n=len(items)))

    def clear(self) -> None:
        self.search.clear()
        self._hide_results()
        self.hint.clear()
        self.chosen.clear()
        self.chosen_label.setText(self.tr_("gui.chosen_items"))
