"""Paper for the intake screen: after a case is committed, print (or, in demo mode without a
printer, preview) what its outcome hands out; Ctrl+P prints the last case again from the archive.

QtPdf is imported only when the first document is printed, not at startup.
"""

from __future__ import annotations


def attach_printing(window, ctx) -> None:
    def after_save(record) -> None:
        from counter_app.gui.print_preview import preview_documents, print_documents

        settings = ctx.settings
        if settings.demo and not settings.printer and not settings.escpos_target:
            window._preview = preview_documents(window, settings, record, None, ctx.tr, ctx.data_dir)
        else:
            window._print_job = print_documents(window, settings, record, None, ctx.tr, ctx.data_dir)

    def reprint(number: str) -> None:
        from counter_app.gui.print_preview import reprint_documents

        window._print_job = reprint_documents(window, ctx.settings, number, None, ctx.tr, ctx.data_dir)

    window.after_save.append(after_save)
    window.reprint = reprint
