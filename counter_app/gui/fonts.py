"""The bundled CJK font, so Chinese renders the same on every machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counter_app.paths import resource

UI_POINT_SIZE = 11


def install_fonts(app: QApplication) -> str | None:
    """Register every font in resources/fonts and make the first CJK family the UI font."""
    family = None
    for path in sorted(resource("fonts").glob("*.tt[cf]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and family is None:
            family = families[0]
    font = QFont(family) if family else app.font()
    font.setPointSize(UI_POINT_SIZE)
    app.setFont(font)
    return family
