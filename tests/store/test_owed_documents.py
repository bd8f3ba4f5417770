"""Issue 14, "a receipt that can never be reprinted": a kill or a full disk between saving a case
and archiving its PDF must not lose the case's documents. The documents a case owes are rows
written with it; they are rendered and archived after the commit, and again at the next start."""

import os
import subprocess
import sys
import textwrap

import pytest

from counter_app.documents import archive
from counter_app.domain.case import NOTICE
from counter_app.errors import UserError
from counter_app.services import case_documents
from counter_app.services.catalog_view import CatalogView
from counter_app.store import document_jobs
from tests.conftest import set_up_station
from tests.store.test_intake import _submit

KILLED_WHILE_ARCHIVING = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from counter_app.documents import archive
    from counter_app.services import case_documents
    from counter_app.services.catalog_view import CatalogView
    from counter_app.store.database import Store
    from tests.conftest import set_up_station
    from tests.store.test_intake import _submit

    store = Store(Path(sys.argv[1]))
    record = _submit(store, CatalogView.load(store))          # committed
    print(record.number, flush=True)
    real_replace = Path.replace

    def killed(self, target):                                 # receipt.tmp written, not yet renamed
        if self.suffix == ".tmp":
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(self, target)

    Path.replace = killed
    case_documents.archive_owed(store=store, settings=set_up_station(), data_dir=store.data_dir,
                                number=record.number)
""")


def _owed(store):
    with store.session() as s:
        return document_jobs.not_archived(s)


def test_killed_between_saving_and_archiving_the_receipt_is_archived_at_the_next_start(store):
    store.close()
    p = subprocess.run([sys.executable, "-c", KILLED_WHILE_ARCHIVING, str(store.data_dir)],
                       capture_output=True, text=True, cwd=os.getcwd())
    assert p.returncode == -9, p.stderr
    number = p.stdout.split()[0]
    folder = archive.case_dir(store.data_dir, number)
    assert [f.name for f in folder.iterdir()] == ["receipt.tmp"]          # what the kill left
    assert archive.archived_kinds(store.data_dir, number) == []           # the .tmp is no document
    with pytest.raises(UserError):
        archive.load(store.data_dir, number, "receipt")

    from counter_app.store.database import Store

    again = Store(store.data_dir)                                          # the next start
    done = case_documents.recover(store=again, settings=set_up_station(), data_dir=again.data_dir)
    assert done.archived == 1 and done.cleaned == 1 and done.failed == 0
    assert sorted(f.name for f in folder.iterdir()) == ["receipt.pdf"]
    assert archive.load(again.data_dir, number, "receipt").startswith(b"%PDF")
    assert _owed(again) == []
    assert case_documents.recover(store=again, settings=set_up_station(), data_dir=again.data_dir).archived == 0
    again.close()


def test_a_full_disk_while_archiving_keeps_the_document_owed_until_it_can_be_written(store, monkeypatch):
    view = CatalogView.load(store)
    record = _submit(store, view, checks=(), outcome=NOTICE)
    real = archive._write

    def full(path, pdf):
        raise UserError("documents.archive_failed", path=str(path.parent))

    monkeypatch.setattr(archive, "_write", full)
    done = case_documents.archive_owed(store=store, settings=set_up_station(), data_dir=store.data_dir,
                                       number=record.number)
    assert done.prepared == () and [e.key for e in done.errors] == ["documents.archive_failed"]
    assert [j.kind for j in _owed(store)] == ["notice"]                    # still owed
    monkeypatch.setattr(archive, "_write", real)                           # space again
    done = case_documents.recover(store=store, settings=set_up_station(), data_dir=store.data_dir)
    assert done.archived == 1
    assert archive.archived_kinds(store.data_dir, record.number) == ["notice"]


def test_a_document_archived_just_before_a_kill_is_not_rendered_twice(store):
    view = CatalogView.load(store)
    record = _submit(store, view)
    pdf = b"%PDF-1.4 as printed\n"
    archive.store(store.data_dir, record.number, "receipt", pdf)          # archived, row not yet marked
    done = case_documents.recover(store=store, settings=set_up_station(), data_dir=store.data_dir)
    assert done.archived == 1
    assert archive.load(store.data_dir, record.number, "receipt") == pdf   # the paper handed out, kept
    assert [p.name for p in archive.case_dir(store.data_dir, record.number).iterdir()] == ["receipt.pdf"]
