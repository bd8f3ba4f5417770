"""Issue 13: looking up a person's history, printing a document again and exporting are case
events (who, where, when, which case), so a supervisor sees who looked at whose data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import threading

from counter_app.cli import main
from counter_app.documents import archive
from counter_app.domain import case_status as cs
from counter_app.services.access_log import Viewer
from counter_app.services.catalog_view import CatalogView
from counter_app.services.intake import person_history
from counter_app.settings import StationSettings, save_settings
from counter_app.store import case_events
from tests.conftest import set_up_station
from tests.store.test_intake import NOW, PERSON, _submit


def _kinds(store, record):
    with store.session() as s:
        return [e for e in case_events.of_case(s, record.id) if e.kind in cs.ACCESS_KINDS]


def test_a_history_shown_at_a_window_is_recorded_on_each_case_with_who_and_where(store):
    view = CatalogView.load(store)
    first = _submit(store, view)
    second = _submit(store, view, now=NOW + dt.timedelta(minutes=3))
    settings = StationSettings()
    person_history(store=store, id_number_text=PERSON.id_number)              # the app's own reads: not a viewing
    assert _kinds(store, first) == []
    hist = person_history(store=store, id_number_text=PERSON.id_number, viewer=Viewer.of(settings, "c042"))
    assert {c.number for c in hist.cases} == {first.number, second.number}
    for record in (first, second):
        (event,) = _kinds(store, record)
        assert (event.kind, event.clerk, event.window, event.hall) == (cs.LOOKED_UP, "c042", settings.window,
                                                                        settings.hall.code)
        assert event.payload == {"number": record.number}                     # the case, never the person
    with store.session() as s:                                                 # synced like the rest
        from sqlalchemy import select

        from counter_app.store.models import OutboxRow
        queued = set(s.scalars(select(OutboxRow.event_id)))
    assert _kinds(store, first)[0].id in queued


class _Printer:
    """An ESC/POS printer on 127.0.0.1: counts the bytes of each job it receives."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.jobs: list[int] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                con, _ = self.sock.accept()
            except OSError:
                return
            with con:
                n = 0
                while chunk := con.recv(65536):
                    n += len(chunk)
                self.jobs.append(n)


def test_printing_again_is_recorded(store, data_dir, tmp_path):
    printer = _Printer()
    settings = dataclasses.replace(set_up_station(), paper="80mm",
                                   escpos_target=f"tcp:127.0.0.1:{printer.sock.getsockname()[1]}")
    save_settings(data_dir, settings)
    view = CatalogView.load(store)
    record = _submit(store, view, settings=settings)
    from counter_app.services.case_documents import archive_owed

    assert archive_owed(store=store, settings=settings, data_dir=data_dir, number=record.number).prepared
    kinds = archive.archived_kinds(data_dir, record.number)
    store.close()
    assert main(["documents", "reprint", record.number, "--data-dir", str(data_dir)]) == 0
    assert len(printer.jobs) == len(kinds) and all(printer.jobs)
    from counter_app.store.database import Store

    again = Store(data_dir)
    try:
        (event,) = _kinds(again, record)
        assert event.kind == cs.REPRINTED and event.payload["kinds"] == list(kinds)
        assert event.clerk == settings.clerk
    finally:
        again.close()
    printer.sock.close()


def test_an_export_is_recorded_on_each_case_it_lists(store, data_dir, tmp_path):
    save_settings(data_dir, set_up_station())
    view = CatalogView.load(store)
    late = _submit(store, view, now=dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=40))   # overdue now
    day = late.created_at.date().isoformat()
    assert main(["report", "--from", day, "--to", dt.date.today().isoformat(), "--xlsx", str(tmp_path / "r.xlsx"),
                 "--data-dir", str(data_dir)]) == 0
    (event,) = _kinds(store, late)
    assert event.kind == cs.EXPORTED and event.payload == {"number": late.number, "what": "xlsx"}
