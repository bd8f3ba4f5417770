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
    preview = preview_documents(parent, settings, record, kinds, tr, data_dir)  # shown, non-modal

Where the preview goes: in the intake window it is docked at the right edge (``show_preview``),
so the applicant and the search stay in sight, and it never takes the keyboard; Esc closes it
(from the form once the search box is empty, or from inside the preview). Anywhere else it
is a window of its own, closed with Esc too. Each PDF is read into memory: no archive file
stays open while a preview shows it, or after (on Windows an open file cannot be moved or
deleted by the archive's housekeeping).

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

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from counter_app.documents import TITLES, archive, kinds_for, printing
from counter_app.errors import UserError
from counter_app.gui.print_jobs import PrintJob, PrintReport, print_documents, print_prepared, reprint_documents

__all__ = ["PrintPreview", "PrintPreviewDialog", "PrintJob", "PrintReport", "preview_documents", "print_documents",
           "print_prepared", "reprint_documents", "show_preview"]

DOCK_SHARE = 0.26                 # of the window's width; the form keeps the rest
DOCK_MIN, DOCK_MAX = 330, 520     # px: the page is recognisable, the form still usable at 1366 px


class PrintPreview(QWidget):
    """Archived PDFs of one case: pick a document, look at it, print it."""

    def __init__(self, docs: list[tuple[str, Path]], *, number: str, settings, tr, data_dir, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.settings = settings
        self.data_dir = Path(data_dir)
        self._buffer: QBuffer | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.choice = QComboBox(self)
        self.choice.currentIndexChanged.connect(self._show)
        self.pages = QLabel(self)

        self.print_button = QPushButton(tr("print.print"), self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_current)
        self.dialog_button = QPushButton(tr("print.print_dialog"), self)
        self.dialog_button.clicked.connect(self.print_with_dialog)
        self.close_button = QPushButton(tr("print.close_esc"), self)
        self.close_button.clicked.connect(self.close_preview)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close_preview,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.pages)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for b in (self.print_button, self.dialog_button, self.close_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.last_job: PrintJob | None = None
        self.set_docs(docs, number)

    def set_docs(self, docs: list[tuple[str, Path]], number: str) -> None:
        """Show another case's documents in the same preview (the last case's are released)."""
        self.docs = list(docs)
        self.number = number
        self.setWindowTitle(self.tr_("print.preview_title", number=number))
        self.choice.blockSignals(True)
        self.choice.clear()
        for kind, _ in self.docs:
            self.choice.addItem(self.tr_(f"print.kind.{kind}") if self.tr_.has(f"print.kind.{kind}")
                                else TITLES.get(kind, kind), kind)
        self.choice.blockSignals(False)
        if self.docs:
            self._show(0)
        else:
            self.release()

    def current(self) -> tuple[str, Path]:
        return self.docs[max(0, self.choice.currentIndex())]

    def page_count(self) -> int:
        return self.document.pageCount()

    def _show(self, index: int) -> None:
        kind, path = self.docs[index]
        self.release()
        try:
            data = archive.read_path(path)     # into memory, unsealed: the archive file is not held open
        except (OSError, UserError):
            self.pages.setText(self.tr_("documents.not_archived", number=self.number, doc_kind=kind))
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.pages.setText(self.tr_("print.pages", pages=self.document.pageCount()))

    def release(self) -> None:
        """Let go of the document shown (closing, or before showing another)."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def close_preview(self) -> None:
        self.release()
        dock = self.parentWidget()
        (dock if isinstance(dock, QDockWidget) else self).close()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.release()
        super().closeEvent(event)

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
            QMessageBox.warning(self, self.tr_("print.failed_title"), self.tr_.error(exc))


PrintPreviewDialog = PrintPreview      # its name from when it was always a dialog over the window


class PreviewDock(QDockWidget):
    """The preview docked at the intake window's right edge; closing it releases the document."""

    def __init__(self, preview: PrintPreview, tr, parent) -> None:
        super().__init__(tr("print.preview_dock"), parent)
        self.setObjectName("previewDock")
        self.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setWidget(preview)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.widget().release()
        super().closeEvent(event)


def show_preview(host, docs, *, number: str, settings, tr, data_dir) -> PrintPreview:
    """Show ``docs`` docked in ``host`` when it is a window that docks previews (the intake window:
    it has a ``preview_dock`` attribute), else in a window of its own beside it."""
    if host is None or not hasattr(host, "preview_dock"):
        preview = PrintPreview(docs, number=number, settings=settings, tr=tr, data_dir=data_dir)
        if host is not None:
            preview.setParent(host, Qt.WindowType.Window)
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        preview.resize(720, 860)
        preview.show()
        return preview
    dock = host.preview_dock
    if dock is None:
        preview = PrintPreview(docs, number=number, settings=settings, tr=tr, data_dir=data_dir)
        dock = host.preview_dock = PreviewDock(preview, tr, host)
        host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    else:
        dock.widget().set_docs(docs, number)
    dock.show()
    width = int(min(DOCK_MAX, max(DOCK_MIN, host.width() * DOCK_SHARE)))
    host.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    return dock.widget()


def preview_documents(parent, settings, record, kinds=None, tr=None, data_dir=None, *, now=None) -> PrintPreview | None:
    """Render and archive ``kinds`` for a saved case and show them (non-modal)."""
    kinds = tuple(kinds) if kinds else kinds_for(record)
    try:
        prepared = printing.prepare(record, kinds, settings, Path(data_dir), now=now)
    except UserError as exc:
        QMessageBox.warning(parent, tr("print.failed_title"), tr.error(exc))
        return None
    return show_preview(parent, [(p.kind, p.path) for p in prepared], number=record.number, settings=settings,
                        tr=tr, data_dir=data_dir)


def preview_archived(parent, settings, number: str, tr, data_dir) -> PrintPreview | None:
    """The preview of what was printed for a case (reprint from the case)."""
    kinds = archive.archived_kinds(Path(data_dir), number)
    if not kinds:
        QMessageBox.information(parent, tr("print.failed_title"),
                                tr("documents.not_archived", number=number, doc_kind="*"))
        return None
    docs = [(k, archive.path_of(Path(data_dir), number, k)) for k in kinds]
    return show_preview(parent, docs, number=number, settings=settings, tr=tr, data_dir=data_dir)
