"""A QR code drawn on screen from the same matrix the receipt prints (``documents.codes.qr_matrix``):
whole-pixel modules with a quiet zone, black on white, so a phone reads it off the monitor."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET = 4


class QrWidget(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self.data = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    def set_data(self, data: str) -> None:
        from counter_app.documents.codes import qr_matrix

        self.data = data
        self._matrix = qr_matrix(data) if data else ()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(260, 260)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return width

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        if not self._matrix:
            return
        n = len(self._matrix) + 2 * QUIET
        side = min(self.width(), self.height())
        module = max(1, side // n)               # whole pixels: no blurred edges
        size = module * n
        x0, y0 = (self.width() - size) // 2, (self.height() - size) // 2
        p = QPainter(self)
        p.fillRect(QRect(x0, y0, size, size), QColor("white"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("black"))
        for r, row in enumerate(self._matrix):
            for c, dark in enumerate(row):
                if dark:
                    p.drawRect(x0 + (c + QUIET) * module, y0 + (r + QUIET) * module, module, module)
        p.end()
