"""Which visible labels and buttons of a widget cannot show their whole text (clipped)."""

from PySide6.QtWidgets import QAbstractButton, QLabel


def clipped_labels(root) -> list[str]:
    out = []
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not w.isVisibleTo(root) or not w.text():
            continue
        fm = w.fontMetrics()
        if isinstance(w, QLabel) and w.wordWrap():
            need = fm.boundingRect(0, 0, max(1, w.contentsRect().width()), 100000,
                                   0x1000 | 0x0001, w.text()).height()   # Qt.TextWordWrap | AlignLeft
            if need > w.contentsRect().height() + 2:
                out.append(f"{type(w).__name__} {w.objectName()}: {w.text()[:30]!r} needs {need}px high")
        else:
            lines = w.text().split("\n")
            width = max(fm.horizontalAdvance(line) for line in lines)
            room = w.contentsRect().width() - (16 if isinstance(w, QAbstractButton) else 0)
            if width > room + 2:
                out.append(f"{type(w).__name__} {w.objectName()}: {w.text()[:30]!r} needs {width}px, has {room}")
    return out
