"""Qt's own texts (the buttons of message boxes, file and input dialogs) in the screen's language.

Qt ships its translations (qtbase_zh_CN: 确定 / 取消 / 是 / 否); without loading one, every
QMessageBox says "OK" on a Chinese screen. English needs nothing: it is Qt's source language.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator

QT_CATALOGS = {"zh_CN": "qtbase_zh_CN"}


def install_qt_translations(app, language: str) -> QTranslator | None:
    """Load Qt's catalog for ``language`` into ``app``; None for English or when Qt has none."""
    name = QT_CATALOGS.get(language)
    if name is None:
        return None
    translator = QTranslator(app)
    if not translator.load(name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return None      # a stripped Qt: our own dialogs still label their buttons themselves
    app.installTranslator(translator)
    return translator
