"""Archive first, then print; a failed printer loses nothing and the reprint is the same paper."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.documents import archive, printing
from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.settings import StationSettings
from tests.conftest import set_up_station

from .conftest import NOW
from .loopback import LoopbackPrinter, free_port


@pytest.fixture
def printer():
    p = LoopbackPrinter()
    yield p
    p.close()


def test_issue_archives_then_prints_and_reprint_sends_the_same_bytes(tmp_path, cases, printer):
    record = cases["receipt"]
    settings = dataclasses.replace(set_up_station(), escpos_target=f"tcp:127.0.0.1:{printer.port}", paper="80mm")
    results = printing.issue(record, ["receipt", "gap_promise"], settings, tmp_path, now=NOW)
    assert [r.ok for r in results] == [True, True]
    assert archive.archived_kinds(tmp_path, record.number) == ["receipt", "gap_promise"]
    for r in results:
        assert r.path == tmp_path / "archive" / record.number / f"{r.kind}.pdf"
        assert archive.read_path(r.path).startswith(b"%PDF")
    first = printer.wait_jobs(2)[0]
    printing.reprint(record.number, "receipt", settings, tmp_path)
    assert printer.wait_jobs(3)[2] == first


def test_dead_printer_keeps_the_archive_for_a_later_reprint(tmp_path, cases):
    record = cases["rejection"]
    settings = dataclasses.replace(set_up_station(), escpos_target=f"tcp:127.0.0.1:{free_port()}", paper="58mm")
    results = printing.issue(record, ["rejection"], settings, tmp_path, now=NOW)
    assert results[0].error.key == "printer.unreachable"
    assert results[0].path.exists()
    p = LoopbackPrinter()
    try:
        live = dataclasses.replace(settings, escpos_target=f"tcp:127.0.0.1:{p.port}")
        printing.reprint(record.number, "rejection", live, tmp_path)
        assert p.wait_jobs(1)[0].startswith(b"\x10\x04\x04\x1b@")
    finally:
        p.close()


def test_a_changed_document_never_overwrites_the_one_handed_out(tmp_path):
    archive.store(tmp_path, "330402001-W01-20261127-0001", "delivery", b"%PDF first")
    archive.store(tmp_path, "330402001-W01-20261127-0001", "delivery", b"%PDF first")     # same: no copy
    archive.store(tmp_path, "330402001-W01-20261127-0001", "delivery", b"%PDF second")
    folder = tmp_path / "archive" / "330402001-W01-20261127-0001"
    assert sorted(p.name for p in folder.iterdir()) == ["delivery-1.pdf", "delivery.pdf"]
    assert archive.read_path(folder / "delivery-1.pdf") == b"%PDF first"
    assert archive.load(tmp_path, "330402001-W01-20261127-0001", "delivery") == b"%PDF second"
    assert archive.archived_kinds(tmp_path, "330402001-W01-20261127-0001") == ["delivery"]


@pytest.mark.parametrize("number", ["../etc", "a/b", "", ".hidden"])
def test_archive_refuses_names_that_leave_its_folder(tmp_path, number):
    with pytest.raises(UserError) as e:
        archive.store(tmp_path, number, "receipt", b"%PDF")
    assert e.value.key == "documents.bad_archive_name"


def test_reprint_of_a_document_never_printed_is_a_clear_error(tmp_path):
    with pytest.raises(UserError) as e:
        printing.reprint("330402001-W01-20261127-0099", "receipt", StationSettings(), tmp_path)
    assert e.value.key == "documents.not_archived"


def test_official_documents_are_refused_with_the_demo_halls_values(tmp_path, cases, printer):
    from .conftest import pdftotext

    record = cases["receipt"]
    unconfigured = dataclasses.replace(StationSettings(), escpos_target=f"tcp:127.0.0.1:{printer.port}")
    with pytest.raises(UserError) as err:
        printing.issue(record, ["receipt"], unconfigured, tmp_path, now=NOW)
    assert err.value.key == "documents.demo_values" and "站点设置" in Translator().error(err.value)
    assert archive.archived_kinds(tmp_path, record.number) == [] and printer.jobs == []
    # the demo station prints them (it is a demo), and so does a station an admin has set up
    printing.prepare(record, ["receipt"], dataclasses.replace(unconfigured, demo=True), tmp_path / "demo", now=NOW)
    done = printing.prepare(record, ["receipt"], set_up_station(), tmp_path / "real", now=NOW)
    text = pdftotext(done[0].path)
    assert "0573-82000001" in text          # the hall the admin set up
