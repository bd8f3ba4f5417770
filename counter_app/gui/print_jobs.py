"""Print a saved case's documents from the GUI; see ``print_preview`` for the API summary.

Rendering and archiving run at once on the GUI thread (milliseconds; the archive exists when
the call returns). Device I/O depends on the station settings:

- ``escpos_target`` set: ESC/POS over the network, USB or serial on a worker thread, so a
  dead printer never freezes the window (DESIGN.md rule 3);
- otherwise: Qt silent printing to ``settings.printer`` at the printer's resolution.

The :class:`PrintJob` emits ``finished(PrintReport)`` once, always after the call returned.
Failures are shown in a non-modal message box (``show_errors``) saying the case is saved.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.documents import TITLES, archive, kinds_for, printing
from counter_app.documents.printing import Printed
from counter_app.errors import UserError


@dataclass(frozen=True)
class PrintReport:
    number: str
    results: tuple[Printed, ...]
    error: UserError | None = None     # rendering or archiving failed: nothing was printed

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.ok for r in self.results)

    @property
    def errors(self) -> tuple[UserError, ...]:
        return ((self.error,) if self.error else ()) + tuple(r.error for r in self.results if r.error)


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


@dataclass(frozen=True)
class _Doc:
    kind: str
    title: str
    path: Path
    pdf: bytes


def print_documents(parent, settings, record, kinds=None, tr=None, data_dir=None, *, show_errors: bool = True,
                    now=None) -> PrintJob:
    """Render, archive and print ``kinds`` (default: what the outcome hands out) for a saved case."""
    job = PrintJob(parent, tr, show_errors)
    kinds = tuple(kinds) if kinds else kinds_for(record)
    try:
        docs = [_Doc(p.kind, p.title, p.path, p.pdf)
                for p in printing.prepare(record, kinds, settings, Path(data_dir), now=now)]
    except UserError as exc:
        QTimer.singleShot(0, lambda err=exc: job._finish(PrintReport(record.number, (), err)))
        return job
    _start(job, record.number, docs, settings)
    return job


def reprint_documents(parent, settings, number: str, kinds=None, tr=None, data_dir=None, *,
                      show_errors: bool = True) -> PrintJob:
    """Print archived documents of a case again (all archived kinds by default)."""
    job = PrintJob(parent, tr, show_errors)
    try:
        kinds = tuple(kinds) if kinds else tuple(archive.archived_kinds(Path(data_dir), number))
        if not kinds:
            raise UserError("documents.nothing_archived", number=number)
        docs = [_Doc(k, f"{TITLES.get(k, k)} {number}", archive.path_of(Path(data_dir), number, k),
                     archive.load(Path(data_dir), number, k)) for k in kinds]
    except UserError as exc:
        QTimer.singleShot(0, lambda err=exc: job._finish(PrintReport(number, (), err)))
        return job
    _start(job, number, docs, settings)
    return job


def _start(job: PrintJob, number: str, docs: list[_Doc], settings) -> None:
    if settings.escpos_target:
        def work() -> None:
            results = []
            for d in docs:
                try:
                    printing.print_pdf(d.pdf, settings, title=d.title)
                    results.append(Printed(d.kind, d.path))
                except UserError as exc:
                    results.append(Printed(d.kind, d.path, exc))
                except Exception as exc:  # never lose the report: an unexpected error is shown too
                    results.append(Printed(d.kind, d.path, UserError("error.unexpected", detail=type(exc).__name__)))
            job._done.emit(PrintReport(number, tuple(results)))

        threading.Thread(target=work, name=f"print-{number}", daemon=True).start()
        return

    from counter_app.gui.print_qt import silent_print

    def qt_print() -> None:
        results = []
        for d in docs:
            try:
                silent_print(d.path, settings.printer, title=d.title)
                results.append(Printed(d.kind, d.path))
            except UserError as exc:
                results.append(Printed(d.kind, d.path, exc))
            except Exception as exc:  # noqa: BLE001 - never lose the report, as on the worker path
                results.append(Printed(d.kind, d.path, UserError("error.unexpected", detail=type(exc).__name__)))
        job._finish(PrintReport(number, tuple(results)))

    QTimer.singleShot(0, qt_print)
