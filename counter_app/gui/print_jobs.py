"""Print a saved case's documents from the GUI; see ``print_preview`` for the API summary.

What to print, in which order and how failures are reported is ``documents.printing`` (the
same code the command line uses); this module only picks where the sending runs:

- ``escpos_target`` set: ESC/POS over the network, USB or serial on the network pool
  (``network=ctx.ops.network``; a thread of its own when none is given), so a dead printer
  never freezes the window (DESIGN.md rule 3);
- otherwise: Qt silent printing to ``settings.printer`` at the printer's resolution, on the GUI
  thread as Qt printing must be.

The :class:`PrintJob` emits ``finished(PrintReport)`` once, always after the call returned.
Failures are shown in a non-modal message box (``show_errors``) saying the case is saved.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.documents import kinds_for, printing
from counter_app.documents.printing import Prepared, PrintReport
from counter_app.errors import UserError

__all__ = ["PrintJob", "PrintReport", "print_documents", "print_prepared", "reprint_documents"]


class PrintJob(QObject):
    finished = Signal(object)          # PrintReport
    _done = Signal(object)             # from the worker thread to the GUI thread

    def __init__(self, parent, tr, show_errors: bool) -> None:
        super().__init__(parent)
        self.tr = tr
        self.show_errors = show_errors
        self.report: PrintReport | None = None
        self._done.connect(self._finish)

    def _finish(self, report: PrintReport) -> None:
        self.report = report
        if self.show_errors and not report.ok:
            messages = list(dict.fromkeys(self.tr.error(e) for e in report.errors)) + [self.tr("printer.case_saved")]
            parent = self.parent() if isinstance(self.parent(), QWidget) else None
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("print.failed_title"), "\n\n".join(messages),
                              QMessageBox.StandardButton.Ok, parent)
            box.setModal(False)
            box.show()
            self._box = box
        self.finished.emit(report)


def print_prepared(parent, settings, number: str, docs: list[Prepared], tr, *, show_errors: bool = True,
                   network: Callable[[Callable[[], object]], object] | None = None) -> PrintJob:
    """Send already archived documents of case ``number`` to the station's printer."""
    job = PrintJob(parent, tr, show_errors)
    if settings.escpos_target:
        deliver = printing.to_printer(settings)

        def work() -> None:
            job._done.emit(printing.send(number, docs, deliver))

        if network is not None:
            network(work)
        else:                         # no station context (a preview of a sample): a thread of its own
            threading.Thread(target=work, name=f"print-{number}", daemon=True).start()
        return job

    from counter_app.gui.print_qt import silent_print

    def qt_deliver(doc: Prepared) -> None:
        silent_print(doc.path, settings.printer, title=doc.title)

    QTimer.singleShot(0, lambda: job._finish(printing.send(number, docs, qt_deliver)))
    return job


def _failed(parent, tr, show_errors: bool, number: str, error: UserError) -> PrintJob:
    job = PrintJob(parent, tr, show_errors)
    QTimer.singleShot(0, lambda: job._finish(PrintReport(number, (), error)))
    return job


def print_documents(parent, settings, record, kinds=None, tr=None, data_dir=None, *, show_errors: bool = True,
                    now=None, network=None) -> PrintJob:
    """Render, archive and print ``kinds`` (default: what the outcome hands out) for a case record.
    The intake window prints what the case owes instead (``services.case_documents``)."""
    kinds = tuple(kinds) if kinds else kinds_for(record)
    try:
        docs = printing.prepare(record, kinds, settings, Path(data_dir), now=now)
    except UserError as exc:
        return _failed(parent, tr, show_errors, record.number, exc)
    return print_prepared(parent, settings, record.number, docs, tr, show_errors=show_errors, network=network)


def reprint_documents(parent, settings, number: str, kinds=None, tr=None, data_dir=None, *,
                      show_errors: bool = True, network=None) -> PrintJob:
    """Print archived documents of a case again (all archived kinds by default)."""
    try:
        docs = printing.archived(Path(data_dir), number, kinds)
    except UserError as exc:
        return _failed(parent, tr, show_errors, number, exc)
    return print_prepared(parent, settings, number, docs, tr, show_errors=show_errors, network=network)
