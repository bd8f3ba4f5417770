"""Paper for the intake screen: after a case is committed, archive and print (or, in demo mode
without a printer, show a preview docked beside the form) the documents the case owes, from the
rows saved with it (``services.case_documents``; what a crash left owed is archived at the
next start). Ctrl+P prints the last
case again from the archive; Ctrl+Shift+P shows what was printed for it.

The preview never takes the keyboard: the next applicant is served while it is open.
QtPdf is imported only when the first document is printed, not at startup.
"""

from __future__ import annotations


def previews_instead(settings) -> bool:
    """Demo mode without a printer: documents are shown, not printed."""
    return settings.demo and not settings.printer and not settings.escpos_target


def attach_printing(window, ctx) -> None:
    window.prints_documents = not previews_instead(ctx.settings)

    def after_save(record) -> None:
        """The case's owed documents (rows saved with it) are rendered and archived on the writer
        thread, then printed or shown; what reached the printer is written back."""
        from counter_app.services.case_documents import archive_owed

        ctx.ops.write(lambda store: archive_owed(store=store, settings=ctx.settings, data_dir=ctx.data_dir,
                                                 number=record.number), name="archive") \
            .success(lambda done: hand_out(record, done)) \
            .failure(lambda exc: saved_but(record, exc))

    def saved_but(record, exc) -> None:
        window.show_banner(ctx.tr("gui.saved_but", number=record.number, what=ctx.tr.error(exc)), "warn")

    def hand_out(record, done) -> None:
        from counter_app.gui.print_preview import print_prepared, show_preview
        from counter_app.services.case_documents import mark_printed

        if done.errors:                 # still owed: archived at the next start
            saved_but(record, done.errors[0])
        if not done.prepared:
            return
        settings = ctx.settings
        if previews_instead(settings):
            # docked beside the form; the keys stay with the next applicant
            window._preview = show_preview(window, [(d.kind, d.path) for d in done.prepared], number=record.number,
                                           settings=settings, tr=ctx.tr, data_dir=ctx.data_dir)
            window.focus_search()
            return
        job = print_prepared(window, settings, record.number, list(done.prepared), ctx.tr, network=ctx.ops.network)
        job.finished.connect(lambda report: ctx.ops.write(lambda store: mark_printed(store=store, report=report),
                                                          name="printed"))
        window._print_job = job

    def reprint(number: str) -> None:
        from counter_app.gui.print_preview import reprint_documents
        from counter_app.services.access_log import Viewer, note_numbers

        window._print_job = reprint_documents(window, ctx.settings, number, None, ctx.tr, ctx.data_dir,
                                              network=ctx.ops.network)
        who = Viewer.of(ctx.settings, ctx.clerk_login_name[0])
        ctx.ops.write(lambda store: note_numbers(store, "reprinted", [number], who, kinds="all"), name="reprint-record")

    def preview(number: str) -> None:
        from counter_app.gui.print_preview import preview_archived

        window._preview = preview_archived(window, ctx.settings, number, ctx.tr, ctx.data_dir)

    window.after_save.append(after_save)
    window.reprint = reprint
    window.preview_archived = preview
