"""The Qt side: preview loads the archived PDF, silent printing at 203 dpi still scans, jobs report."""

from __future__ import annotations

import dataclasses
import subprocess

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from counter_app.documents import render  # noqa: E402
from counter_app.gui.print_preview import (  # noqa: E402
    PrintPreviewDialog, preview_documents, print_documents, reprint_documents,
)
from counter_app.documents import archive  # noqa: E402
from counter_app.gui.print_qt import paint_pdf  # noqa: E402
from counter_app.i18n import Translator  # noqa: E402
from tests.conftest import set_up_station  # noqa: E402

from .conftest import NOW, png_pages, zbar  # noqa: E402
from .loopback import LoopbackPrinter, free_port  # noqa: E402
from .test_render import stress_case  # noqa: E402

pytestmark = pytest.mark.gui
TR = Translator("zh_CN")


def test_preview_loads_every_document_with_its_pages(qtbot, tmp_path, cases):
    settings = dataclasses.replace(set_up_station(), paper="a4")
    dialog = preview_documents(None, settings, stress_case(), None, TR, tmp_path, now=NOW)
    qtbot.addWidget(dialog)
    assert [k for k, _ in dialog.docs] == ["receipt", "gap_promise"]
    plain = tmp_path / "unsealed.pdf"        # the archive file is sealed: pdfinfo reads the PDF inside
    plain.write_bytes(archive.read_path(dialog.docs[0][1]))
    pages = int(subprocess.run(["pdfinfo", str(plain)], capture_output=True, text=True)
                .stdout.split("Pages:")[1].split()[0])
    assert pages >= 2 and dialog.page_count() == pages
    assert dialog.pages.text() == f"共 {pages} 页"
    dialog.choice.setCurrentIndex(1)
    assert dialog.page_count() >= 1
    assert dialog.windowTitle().endswith(cases["receipt"].number)


def test_qt_printing_at_203_dpi_keeps_codes_scannable(qtbot, tmp_path, cases, context):
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render("receipt", cases["receipt"], context, paper="58mm"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(203)
    out = tmp_path / "spooled.pdf"
    printer.setOutputFileName(str(out))
    assert paint_pdf(printer, pdf) == 1
    codes = zbar(png_pages(out)[0])
    r = cases["receipt"]
    assert ("CODE-128", r.number) in codes
    assert ("QR-Code", f"{context.hall.query_url}?n={r.number}&c={r.query_code}") in codes


def test_print_documents_archives_and_prints_off_the_gui_thread(qtbot, tmp_path, cases):
    p = LoopbackPrinter()
    try:
        settings = dataclasses.replace(set_up_station(), escpos_target=f"tcp:127.0.0.1:{p.port}", paper="80mm")
        job = print_documents(None, settings, cases["receipt"], None, TR, tmp_path, now=NOW)
        with qtbot.waitSignal(job.finished, timeout=20000) as blocker:
            pass
        report = blocker.args[0]
        assert report.ok and [r.kind for r in report.results] == ["receipt", "gap_promise"]
        assert all(r.path.exists() for r in report.results)
        assert len(p.wait_jobs(2)) == 2
        again = reprint_documents(None, settings, cases["receipt"].number, ["receipt"], TR, tmp_path)
        with qtbot.waitSignal(again.finished, timeout=20000):
            pass
        assert p.wait_jobs(3)[2] == p.jobs[0]
    finally:
        p.close()


def test_dead_printer_shows_a_clear_message_and_keeps_the_pdf(qtbot, tmp_path, cases):
    settings = dataclasses.replace(set_up_station(), escpos_target=f"tcp:127.0.0.1:{free_port()}", paper="58mm")
    job = print_documents(None, settings, cases["rejection"], None, TR, tmp_path, now=NOW)
    with qtbot.waitSignal(job.finished, timeout=20000) as blocker:
        pass
    report = blocker.args[0]
    assert not report.ok and report.errors[0].key == "printer.unreachable"
    assert report.results[0].path.exists()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("办件已保存" in b.text() for b in boxes)
    for b in boxes:
        b.close()


def test_missing_qt_printer_is_reported(qtbot, tmp_path, cases):
    settings = dataclasses.replace(set_up_station(), printer="no_such_printer_at_this_window", paper="a4")
    job = print_documents(None, settings, cases["receipt"], ["receipt"], TR, tmp_path, show_errors=False, now=NOW)
    with qtbot.waitSignal(job.finished, timeout=20000) as blocker:
        pass
    assert blocker.args[0].errors[0].key == "printer.qt_no_printer"


def test_preview_dialog_print_button_uses_the_archive(qtbot, tmp_path, cases):
    p = LoopbackPrinter()
    try:
        settings = dataclasses.replace(set_up_station(), escpos_target=f"tcp:127.0.0.1:{p.port}", paper="80mm")
        dialog = preview_documents(None, settings, cases["notice"], None, TR, tmp_path, now=NOW)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, PrintPreviewDialog) and dialog.page_count() == 1
        job = dialog.print_current()
        with qtbot.waitSignal(job.finished, timeout=20000) as blocker:
            pass
        assert blocker.args[0].ok and len(p.wait_jobs(1)) == 1
    finally:
        p.close()
