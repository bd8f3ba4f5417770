"""Paper for the intake screen: after a case is committed, print (or, in demo mode without a
printer, show a preview beside the window) what its outcome hands out. Ctrl+P prints the last
case again from the archive; Ctrl+Shift+P shows what was printed for it.

The preview never takes the keyboard: the next applicant is served while it is open.
QtPdf is imported only when the first document is printed, not at startup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt


def _beside(window, dialog) -> None:
    """Show ``dialog`` without taking focus from the intake window."""
    if dialog is None:
        return
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
    dialog.show()
    window.activateWindow()
    window.focus_search()


def previews_instead(settings) -> bool:
    """Demo mode without a printer: documents are shown, not printed."""
    return settings.demo and not settings.printer and not settings.escpos_target


def attach_printing(window, ctx) -> None:
    window.prints_documents = not previews_instead(ctx.settings)

    def after_save(record) -> None:
        from counter_app.gui.print_preview import preview_documents, print_documents

        settings = ctx.settings
        if previews_instead(settings):
            old = getattr(window, "_preview", None)
            if old is not None:
                old.close()
            window._preview = preview_documents(window, settings, record, None, ctx.tr, ctx.data_dir, show=False)
            _beside(window, window._preview)
        else:
            window._print_job = print_documents(window, settings, record, None, ctx.tr, ctx.data_dir)

    def reprint(number: str) -> None:
        from counter_app.gui.print_preview import reprint_documents

        window._print_job = reprint_documents(window, ctx.settings, number, None, ctx.tr, ctx.data_dir)

    def preview(number: str) -> None:
        from counter_app.gui.print_preview import preview_archived

        window._preview = preview_archived(window, ctx.settings, number, ctx.tr, ctx.data_dir)

    window.after_save.append(after_save)
    window.reprint = reprint
    window.preview_archived = preview
