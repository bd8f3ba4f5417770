"""A screen for the screen-host tests: a search field and what it was shown with."""

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget


class SampleScreen(QWidget):
    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.host = host
        self.field = QLineEdit()
        self.shown_with: list[dict] = []
        QVBoxLayout(self).addWidget(self.field)
        self.setFocusProxy(self.field)

    def activated(self, **kwargs) -> None:
        self.shown_with.append(kwargs)
        self.field.setFocus()


def build(ctx, host):
    return SampleScreen(ctx, host)
