"""ESC/POS raster printing to a loopback port-9100 printer, a serial pty, and the errors a clerk sees."""

from __future__ import annotations

import dataclasses
import os
import threading

import pytest

from counter_app.documents import escpos, printing
from counter_app.documents.raster import rasterize
from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.settings import StationSettings

from .conftest import zbar
from .loopback import LoopbackPrinter, free_port, raster_images


@pytest.fixture
def printer():
    p = LoopbackPrinter()
    yield p
    p.close()


def station(target: str, paper: str = "80mm") -> StationSettings:
    return dataclasses.replace(StationSettings(), escpos_target=target, paper=paper)


@pytest.mark.parametrize("paper,dots", [("80mm", 576), ("58mm", 384)])
def test_receipt_arrives_as_init_raster_cut_and_still_scans(printer, rendered, cases, tmp_path, paper, dots):
    pdf = rendered[("receipt", paper)].read_bytes()
    printing.print_pdf(pdf, station(f"tcp:127.0.0.1:{printer.port}", paper))
    status, job = printer.wait_jobs(1)[0][:3], printer.jobs[0][3:]
    assert status == escpos.STATUS_PAPER
    assert job.startswith(b"\x1b@")                          # ESC @ initialise
    assert job[2:5] == b"\x1dv0"                             # GS v 0 raster, first block
    assert job[6] | job[7] << 8 == dots // 8                 # bytes per row: the print head's width
    assert b"\x1dV" in job[-8:]                              # GS V cut at the end
    image = raster_images(job)
    expected = rasterize(pdf, dpi=203, width_dots=dots)[0]
    assert image.size == expected.size and image.tobytes() == expected.tobytes()
    png = tmp_path / "printed.png"
    image.save(png)
    assert ("CODE-128", cases["receipt"].number) in zbar(png)


def test_printer_out_of_paper_is_told_and_gets_no_data(rendered):
    p = LoopbackPrinter(status=b"\x72")                     # paper-end bits set
    try:
        with pytest.raises(UserError) as e:
            printing.print_pdf(rendered[("receipt", "80mm")].read_bytes(), station(f"tcp:127.0.0.1:{p.port}"))
        assert e.value.key == "printer.out_of_paper"
        assert p.wait_jobs(1)[0] == escpos.STATUS_PAPER
    finally:
        p.close()


def test_printer_that_does_not_answer_status_still_prints(rendered):
    p = LoopbackPrinter(status=None)
    try:
        printing.print_pdf(rendered[("notice", "58mm")].read_bytes(), station(f"tcp:127.0.0.1:{p.port}", "58mm"))
        assert len(p.wait_jobs(1)[0]) > 10_000
    finally:
        p.close()


def test_unreachable_printer_is_a_clear_message_in_both_languages(rendered):
    with pytest.raises(UserError) as e:
        printing.print_pdf(rendered[("receipt", "80mm")].read_bytes(), station(f"tcp:127.0.0.1:{free_port()}"))
    assert e.value.key == "printer.unreachable" and e.value.kind == "transient"
    zh = Translator("zh_CN").error(e.value)
    en = Translator("en").error(e.value)
    assert "无法连接打印机" in zh and "127.0.0.1" in zh
    assert "Cannot reach the printer" in en and "switched on" in en


@pytest.mark.parametrize("text", ["tcp:", "lpt1", "usb:zz:11", "serial:", "tcp:host:port"])
def test_bad_target_is_a_user_error(text):
    with pytest.raises(UserError) as e:
        escpos.parse_target(text)
    assert e.value.key == "printer.bad_target"


def test_targets_parse():
    assert escpos.parse_target("tcp:192.0.2.7") == escpos.Target("tcp", "192.0.2.7", 9100)
    assert escpos.parse_target("tcp:192.0.2.7:9101").port == 9101
    assert escpos.parse_target("usb:0x0416:0x5011") == escpos.Target("usb", "0x0416:0x5011", 0, 0x0416, 0x5011)
    assert escpos.parse_target("serial:/dev/ttyS0:115200") == escpos.Target("serial", "/dev/ttyS0", 115200)
    assert escpos.parse_target("cups:thermal") == escpos.Target("cups", "thermal")


def test_serial_printer_gets_the_bytes(rendered):
    master, slave = os.openpty()
    got = bytearray()

    def drain():
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            got.extend(chunk)

    t = threading.Thread(target=drain, daemon=True)
    t.start()
    try:
        pdf = rendered[("rejection", "58mm")].read_bytes()
        data = printing.escpos_bytes(pdf, 384)
        escpos.send(escpos.parse_target(f"serial:{os.ttyname(slave)}:115200"), data)
        deadline = __import__("time").monotonic() + 10
        while len(got) < len(data) and __import__("time").monotonic() < deadline:
            __import__("time").sleep(0.02)
        assert bytes(got) == data
    finally:
        os.close(slave)
        os.close(master)


def test_missing_serial_port_and_usb_printer_are_clear_errors():
    with pytest.raises(UserError) as e:
        escpos.send(escpos.parse_target("serial:/dev/does-not-exist"), b"\x1b@")
    assert e.value.key == "printer.unreachable"
    with pytest.raises(UserError) as e:
        escpos.send(escpos.parse_target("usb:0x0416:0x5011"), b"\x1b@")
    assert e.value.key in ("printer.usb_not_found", "printer.usb_unavailable")
    assert Translator("zh_CN").has(e.value.key)


def test_printer_that_drops_the_connection_is_a_clear_message(rendered):
    """A printer that reads the status query and then resets the connection."""
    import socket
    import struct

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]

    def drop() -> None:
        conn, _ = srv.accept()
        conn.recv(3)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))   # RST on close
        conn.close()

    t = threading.Thread(target=drop, daemon=True)
    t.start()
    try:
        with pytest.raises(UserError) as e:
            printing.print_pdf(rendered[("receipt", "80mm")].read_bytes(), station(f"tcp:127.0.0.1:{port}"))
        assert e.value.key in ("printer.send_failed", "printer.stalled")
        assert "打印机" in Translator().error(e.value)
    finally:
        t.join(5)
        srv.close()


@pytest.mark.parametrize("paper,dots", [("80mm", 576), ("58mm", 384)])
def test_receipts_of_any_length_scan_on_thermal_rolls(cases, context, tmp_path, paper, dots):
    """The barcode must scan whatever the receipt's length (a roll is as long as its content)."""
    from counter_app.documents import render

    rec = cases["receipt"]
    failed = []
    for n in range(24):
        address = "浙江省嘉兴市南湖区东栅街道" + "广益路" * (n % 13) + f"{n}号"
        r = dataclasses.replace(rec, applicant=dataclasses.replace(rec.applicant, address=address),
                                items=rec.items[: 1 + n % len(rec.items)])
        image = rasterize(render("receipt", r, context, paper=paper), dpi=203, width_dots=dots)[0]
        png = tmp_path / f"r{n}.png"
        image.save(png)
        if ("CODE-128", r.number) not in zbar(png):
            failed.append(n)
    assert failed == []
