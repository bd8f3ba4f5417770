"""The window works the documents a case owes from the rows saved with it: after the commit,
and at the next start for what a crash left owed."""

import dataclasses

from PySide6.QtCore import Qt

from counter_app.documents import archive
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import save_settings
from counter_app.store import document_jobs
from tests.documents.loopback import LoopbackPrinter
from tests.gui.test_intake_window import Card, settled
from tests.store.test_intake import _submit


def test_a_case_saved_before_a_crash_gets_its_documents_when_the_window_starts(qtbot, store):
    from counter_app.gui.app import start

    record = _submit(store, CatalogView.load(store))                # committed; then the power went
    folder = archive.case_dir(store.data_dir, record.number)
    folder.mkdir(parents=True)
    (folder / "receipt.tmp").write_bytes(b"%PDF-1.4 half")
    store.close()
    from tests.conftest import set_up_station

    save_settings(store.data_dir, set_up_station())        # else the first-run screen comes first
    _app, w = start(data_dir=store.data_dir)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "补归档" in w.banner.text(), timeout=20000)
    assert "1 份" in w.banner.text()
    assert sorted(p.name for p in folder.iterdir()) == ["receipt.pdf"]
    assert archive.load(store.data_dir, record.number, "receipt").startswith(b"%PDF")
    qtbot.waitUntil(lambda: getattr(w, "card_bridge", None) is not None, timeout=5000)
    w.card_bridge.stop()


def test_after_f9_the_receipt_is_archived_and_printed_and_the_rows_say_so(qtbot, store):
    from counter_app.gui.app import build_window, open_context
    from counter_app.i18n import Translator

    printer = LoopbackPrinter()
    try:
        from tests.conftest import set_up_station

        settings = dataclasses.replace(set_up_station(), escpos_target=f"tcp:127.0.0.1:{printer.port}",
                                       paper="80mm")
        save_settings(store.data_dir, settings)
        ctx = open_context(store.data_dir, Translator())
        w = build_window(ctx)
        qtbot.addWidget(w)
        with qtbot.waitActive(w):
            w.show()
            w.activateWindow()
        w.on_card(Card())
        settled(qtbot, w)
        qtbot.keyClicks(w.picker.search, "gtgsh")
        qtbot.keyClick(w.picker.search, Qt.Key_Return)
        qtbot.keyClick(w, Qt.Key_F5)
        qtbot.keyClick(w, Qt.Key_F9)
        qtbot.waitUntil(lambda: getattr(w, "_print_job", None) is not None and w._print_job.report is not None,
                        timeout=20000)
        settled(qtbot, w)
        assert w._print_job.report.ok and len(printer.wait_jobs(1)) == 1
        with ctx.store.session() as s:
            jobs = document_jobs.of_case(s, w.last_case.number)
        assert [(j.kind, j.archived, j.printed) for j in jobs] == [("receipt", True, True)]
    finally:
        printer.close()
