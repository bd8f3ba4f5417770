"""Printing a PDF through Qt: each page rendered by QtPdf at the printer's own resolution.

``paint_pdf(printer, path)`` asks the printer for its resolution (203 dpi on thermal
printers, 300/600 on lasers), renders every page with QPdfDocument at exactly that many
pixels and paints it 1:1, so bars and modules land on whole printer dots. On printers of
300 dpi or less the page is thresholded to black and white first: a thermal head cannot
print grey, and dithered edges make barcodes unreadable.

``silent_print`` prints to the configured printer without a dialog; ``dialog_print``
shows the system's print dialog first. Failures raise :class:`UserError` (``printer.qt_*``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

from counter_app.errors import NEEDS_USER, TRANSIENT, UserError

THRESHOLD_DPI = 300


def load_pdf(path: Path, parent=None) -> QPdfDocument:
    """The PDF at ``path`` (an archive file is sealed: it is opened into memory, never read by Qt
    from the disk)."""
    from counter_app.documents.archive import read_path

    doc = QPdfDocument(parent)
    try:
        data = read_path(path)
    except OSError:
        data = b""
    doc._source = QBuffer(doc)      # kept with the document: Qt reads pages from it while printing
    doc._source.setData(QByteArray(data))
    doc._source.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(doc._source)
    if not data or doc.status() == QPdfDocument.Status.Error or doc.pageCount() < 1:
        raise UserError("documents.not_archived", kind=TRANSIENT, number=Path(path).parent.name,
                        doc_kind=Path(path).stem)
    return doc


def _page_layout(doc: QPdfDocument, index: int) -> QPageLayout:
    pts = doc.pagePointSize(index)
    size = QPageSize(QSizeF(pts.width(), pts.height()), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def render_page(doc: QPdfDocument, index: int, dpi: int) -> QImage:
    pts = doc.pagePointSize(index)
    size = QSize(round(pts.width() / 72.0 * dpi), round(pts.height() / 72.0 * dpi))
    image = doc.render(index, size)
    white = QImage(size, QImage.Format.Format_RGB32)
    white.fill(Qt.GlobalColor.white)
    p = QPainter(white)
    p.drawImage(0, 0, image)
    p.end()
    if dpi <= THRESHOLD_DPI:
        white = white.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
    return white


def paint_pdf(printer: QPrinter, path: Path) -> int:
    """Print every page of the PDF at ``path``; returns the number of pages."""
    doc = load_pdf(path)
    pages = doc.pageCount()
    if pages < 1:
        raise UserError("documents.not_archived", kind=TRANSIENT, number=Path(path).parent.name,
                        doc_kind=Path(path).stem)
    printer.setFullPage(True)
    printer.setPageLayout(_page_layout(doc, 0))
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("printer.qt_failed", kind=TRANSIENT, printer=printer.printerName() or "—")
    try:
        for i in range(pages):
            if i:
                printer.setPageLayout(_page_layout(doc, i))
                printer.newPage()
            dpi = printer.resolution()
            image = render_page(doc, i, dpi)
            painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
    finally:
        painter.end()
    return pages


def make_printer(name: str) -> QPrinter:
    """The configured printer (empty: the system default), or UserError if it is not there."""
    if name:
        known = [p.printerName() for p in QPrinterInfo.availablePrinters()]
        if name not in known:
            raise UserError("printer.qt_no_printer", kind=NEEDS_USER, printer=name)
    elif QPrinterInfo.defaultPrinter().isNull():
        raise UserError("printer.cups_no_default", kind=NEEDS_USER)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        printer.setPrinterName(name)
    if not printer.isValid():
        raise UserError("printer.qt_no_printer", kind=NEEDS_USER, printer=name or "—")
    return printer


def silent_print(path: Path, printer_name: str, *, title: str = "") -> int:
    printer = make_printer(printer_name)
    printer.setDocName(title or Path(path).stem)
    return paint_pdf(printer, path)


def dialog_print(parent, path: Path, printer_name: str, *, title: str = "") -> bool:
    """Show the print dialog (preselecting the configured printer); False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setDocName(title or Path(path).stem)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pdf(printer, path)
    return True
