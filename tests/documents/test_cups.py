"""Printing through CUPS to a raw queue whose device is a loopback socket we listen on."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import time

import pytest

from counter_app.documents import cups, printing
from counter_app.errors import UserError
from counter_app.settings import StationSettings

from .loopback import LoopbackPrinter


def _scheduler_running() -> bool:
    r = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    return "scheduler is running" in r.stdout


@pytest.fixture(scope="module")
def cupsd():
    for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run scripts/setup.sh --test")
    started = None
    if not _scheduler_running():
        started = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            if time.monotonic() > deadline or started.poll() is not None:
                pytest.fail("cupsd did not start")
            time.sleep(0.1)
    yield
    if started is not None:
        started.terminate()
        started.wait(10)


@pytest.fixture(scope="module")
def raw_queue(cupsd):
    listener = LoopbackPrinter(status=None)
    name = f"onewindow_test_{os.getpid()}"
    subprocess.run(["lpadmin", "-p", name, "-E", "-v", f"socket://127.0.0.1:{listener.port}", "-m", "raw"],
                   check=True, capture_output=True)
    yield name, listener
    subprocess.run(["lpadmin", "-x", name], capture_output=True)
    listener.close()


def test_pdf_arrives_byte_for_byte(raw_queue, rendered):
    name, listener = raw_queue
    before = len(listener.jobs)
    pdf = rendered[("receipt", "a4")].read_bytes()
    job = printing.print_pdf(pdf, dataclasses.replace(StationSettings(), printer=name))
    assert job is None
    jobs = listener.wait_jobs(before + 1)
    assert jobs[before] == pdf


def test_escpos_through_a_raw_cups_queue(raw_queue, rendered):
    name, listener = raw_queue
    before = len(listener.jobs)
    settings = dataclasses.replace(StationSettings(), escpos_target=f"cups:{name}", paper="58mm")
    pdf = rendered[("notice", "58mm")].read_bytes()
    printing.print_pdf(pdf, settings)
    data = listener.wait_jobs(before + 1)[before]
    assert data == printing.escpos_bytes(pdf, 384)
    assert data.startswith(b"\x1b@") and b"\x1dv0" in data


def test_stopped_queue_is_reported_before_anything_is_queued(raw_queue, rendered):
    name, listener = raw_queue
    subprocess.run(["cupsdisable", name], check=True)
    try:
        with pytest.raises(UserError) as e:
            cups.lp(name, b"%PDF-1.4 test")
        assert e.value.key == "printer.cups_stopped"
        queued = subprocess.run(["lpstat", "-o", name], capture_output=True, text=True).stdout
        assert queued.strip() == ""
    finally:
        subprocess.run(["cupsenable", name], check=True)


def test_unknown_queue_is_a_clear_error(cupsd):
    with pytest.raises(UserError) as e:
        cups.lp("no_such_printer_here", b"%PDF-1.4")
    assert e.value.key == "printer.cups_unknown_queue"
