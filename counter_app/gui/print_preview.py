"""Print preview (QtPdf) and the printing API for screens.

For the intake screen, after a case is committed::

    from counter_app.gui.print_preview import print_documents, preview_documents, reprint_documents

    # silent: render + archive now, print on the station's printer; errors shown non-modally
    job = print_documents(parent, settings, record, kinds, tr, data_dir)
    job.finished.connect(lambda report: ...)        # optional; report.ok, report.errors

    # hook it to the intake window (IntakeWindow.after_save runs after the commit):
    window.after_save.append(lambda record: print_documents(window, ctx.settings, record, None,
                                                            ctx.tr, ctx.data_dir))

    # Ctrl+P "print again": the archived PDFs, exactly as first printed
    reprint_documents(parent, settings, record.number, None, tr, data_dir)

    # look first: the archived documents in a preview with 打印 / 选择打印机… buttons
    dialog = preview_documents(parent, settings, record, kinds, tr, data_dir)   # shown, non-modal

``kinds=None`` means what the outcome hands out (``documents.kinds_for``): 受理 → receipt;
容缺受理 → receipt + 容缺承诺书; 一次性告知 → one-time notice; 不予受理 → rejection notice.
Other kinds: ``"delivery"`` (送达回执, at issuing). Handover sheets are rendered with
``documents.render("handover", records, ...)``.

Where it prints: ``settings.escpos_target`` (thermal printer without a driver, on a worker
thread) or else ``settings.printer`` through Qt at that printer's resolution; the paper is
``settings.paper`` (a4 / 80mm / 58mm). Nothing here writes to the database: the case is
already saved, and every printed PDF is in ``<data_dir>/archive/<case number>/``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
)

from counter_app.documents import TITLES, archive, kinds_for, printing
from counter_app.errors import UserError
from counter_app.gui.print_jobs import PrintJob, PrintReport, print_documents, print_prepared, reprint_documents

__all__ = ["PrintPreviewDialog", "PrintJob", "PrintReport", "preview_documents", "print_documents",
           "print_prepared", "reprint_documents"]


class PrintPreviewDialog(QDialog):
    """Archived PDFs of one case: pick a document, look at it, print it."""

    def __init__(self, docs: list[tuple[str, Path]], *, number: str, settings, tr, data_dir, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.number = number
        self.docs = docs
        self.setWindowTitle(tr("print.preview_title", number=number))
        self.resize(720, 860)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.choice = QComboBox(self)
        for kind, _ in docs:
            self.choice.addItem(TITLES.get(kind, kind), kind)
        self.choice.currentIndexChanged.connect(self._show)
        self.pages = QLabel(self)

        self.print_button = QPushButton(tr("print.print"), self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_current)
        self.dialog_button = QPushButton(tr("print.print_dialog"), self)
        self.dialog_button.clicked.connect(self.print_with_dialog)
        close = QPushButton(tr("print.close"), self)
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.pages)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for b in (self.print_button, self.dialog_button, close):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.last_job: PrintJob | None = None
        if docs:
            self._show(0)

    def current(self) -> tuple[str, Path]:
        return self.docs[max(0, self.choice.currentIndex())]

    def page_count(self) -> int:
        return self.document.pageCount()

    def _show(self, index: int) -> None:
        _, path = self.docs[index]
        self.document.close()
        self.document.load(str(path))
        self.pages.setText(self.tr_("print.pages", pages=self.document.pageCount()))

    def print_current(self) -> PrintJob:
        kind, _ = self.current()
        self.last_job = reprint_documents(self, self.settings, self.number, [kind], self.tr_, self.data_dir)
        return self.last_job

    def print_with_dialog(self) -> None:
        from counter_app.gui.print_qt import dialog_print

        kind, path = self.current()
        try:
            dialog_print(self, path, self.settings.printer, title=f"{TITLES.get(kind, kind)} {self.number}")
        except UserError as exc:
            QMessageBox.warning(self, self.tr_("print.failed_title"),
                                f"{self.tr_.error(exc)}\n\n{self.tr_('printer.case_saved')}")


def preview_documents(parent, settings, record, kinds=None, tr=None, data_dir=None, *, show: bool = True,
                      now=None) -> PrintPreviewDialog | None:
    """Render and archive ``kinds`` for a saved case and open the preview (non-modal)."""
    kinds = tuple(kinds) if kinds else kinds_for(record)
    try:
        prepared = printing.prepare(record, kinds, settings, Path(data_dir), now=now)
    except UserError as exc:
        QMessageBox.warning(parent, tr("print.failed_title"), tr.error(exc))
        return None
    dialog = PrintPreviewDialog([(p.kind, p.path) for p in prepared], number=record.number, settings=settings,
                                tr=tr, data_dir=data_dir, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    if show:
        dialog.show()
    return dialog


def preview_archived(parent, settings, number: str, tr, data_dir) -> PrintPreviewDialog | None:
    """The preview of what was printed for a case (reprint from the case)."""
    kinds = archive.archived_kinds(Path(data_dir), number)
    if not kinds:
        QMessageBox.information(parent, tr("print.failed_title"),
                                tr("documents.nothing_archived", number=number))
        return None
    docs = [(k, archive.path_of(Path(data_dir), number, k)) for k in kinds]
    dialog = PrintPreviewDialog(docs, number=number, settings=settings, tr=tr, data_dir=data_dir, parent=parent)
    dialog.show()
    return dialog
