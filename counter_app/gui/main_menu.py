"""The menu bar of the intake window: the admin's catalog import/export and the clerk's case actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence



def build_menu(window) -> None:
    tr = window.tr_
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("menu.file"))
    _action(window, file_menu, tr("menu.import_catalog"), lambda: import_catalog_dialog(window))
    _action(window, file_menu, tr("menu.export_catalog"), lambda: export_catalog_dialog(window))
    file_menu.addSeparator()
    _action(window, file_menu, tr("menu.station_settings"), lambda: station_settings_dialog(window))
    file_menu.addSeparator()
    _action(window, file_menu, tr("menu.quit"), window.request_quit, "Ctrl+Q")
    case_menu = bar.addMenu(tr("menu.case"))
    _action(window, case_menu, tr("menu.new"), window.new_intake, "Ctrl+N", shortcut_elsewhere=True)
    _action(window, case_menu, tr("menu.all_received"), window.mark_all_received, "F5", shortcut_elsewhere=True)
    _action(window, case_menu, tr("menu.print_again"), window.print_again, "Ctrl+P", shortcut_elsewhere=True)
    _action(window, case_menu, tr("menu.preview_again"), window.preview_again, "Ctrl+Shift+P", shortcut_elsewhere=True)
    case_menu.addSeparator()
    _action(window, case_menu, tr("menu.handover"), lambda: handover_dialog(window))
    window.screens.fill_menu(bar.addMenu(tr("menu.screens")))
    help_menu = bar.addMenu(tr("menu.help"))
    _action(window, help_menu, tr("gui.keys_title"), window._show_keys, "F1", shortcut_elsewhere=True)
    window.reader_menu = bar.addMenu(tr("menu.reader"))


def station_settings_dialog(window):
    from counter_app.gui.station_settings import open_settings

    return open_settings(window)


def _action(window, menu, text: str, slot, key: str = "", *, shortcut_elsewhere: bool = False) -> QAction:
    """A menu entry; the key is shown in the menu, and bound here unless the window binds it already."""
    label = f"{text}\t{key}" if key and shortcut_elsewhere else text
    act = QAction(label, window)
    if key and not shortcut_elsewhere:
        act.setShortcut(QKeySequence(key))
    act.triggered.connect(slot)
    menu.addAction(act)
    return act


def import_catalog_dialog(window, path: str | None = None):
    """Import a catalog file on the writer thread; the window searches the new one once it is
    committed. Returns the op (None when no file was chosen); its result says whether it worked."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from counter_app.services.catalog_io import import_catalog
    from counter_app.services.catalog_view import CatalogView

    tr = window.tr_
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, tr("menu.import_catalog"), "", "JSON (*.json)")
        if not path:
            return None
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)   # pinyin keys for every item: a second or two

    def work(store):
        summary = import_catalog(store=store, path=Path(path))
        return summary, CatalogView.load(store)

    def imported(result) -> None:
        QApplication.restoreOverrideCursor()
        summary, view = result
        window.set_catalog(view)
        window.show_banner(tr("catalog.imported", version=summary.version, departments=summary.departments,
                              items=summary.items, bundles=summary.bundles), "ok")

    def failed(failure: BaseException) -> None:
        QApplication.restoreOverrideCursor()
        problems = getattr(failure, "problems", ())
        lines = [tr.error(failure)] + [p.text(tr) for p in problems[:30]]
        if len(problems) > 30:
            lines.append(tr("catalog.more_problems", n=len(problems) - 30))
        QMessageBox.warning(window, tr("menu.import_catalog"), "\n".join(lines))

    return window.ctx.ops.write(work, name="catalog import").success(imported).failure(failed)


def export_catalog_dialog(window) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from counter_app.services.catalog_io import export_catalog

    tr = window.tr_
    path, _ = QFileDialog.getSaveFileName(window, tr("menu.export_catalog"), "catalog.json", "JSON (*.json)")
    if not path:
        return
    window.ctx.ops.write(lambda store: export_catalog(store=store, path=Path(path)), name="catalog export") \
        .success(lambda n: window.show_banner(tr("catalog.exported", items=n, path=path), "ok")) \
        .failure(lambda exc: QMessageBox.warning(window, tr("menu.export_catalog"), tr.error(exc)))


def handover_dialog(window, day=None):
    """Today's 交接单: made and archived on the writer thread, then shown in the preview with its
    print buttons. Returns the op; its result is the dialog (None when there was nothing)."""
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from counter_app.services.handover import make_handover

    ctx, tr = window.ctx, window.tr_

    def show(sheet):
        from counter_app.gui.print_preview import show_preview

        dialog = show_preview(window, [("handover", sheet.path)], number=sheet.batch, settings=ctx.settings, tr=tr,
                              data_dir=ctx.data_dir)
        window.show_banner(tr("handover.made", n=len(sheet.cases), batch=sheet.batch, path=str(sheet.path)), "ok")
        window.handover_preview = dialog
        return dialog

    return ctx.ops.write(lambda store: make_handover(store=store, settings=ctx.settings, data_dir=ctx.data_dir,
                                                    day=day or dt.date.today()), name="handover") \
        .success(show).failure(lambda exc: QMessageBox.information(window, tr("menu.handover"), tr.error(exc)))
