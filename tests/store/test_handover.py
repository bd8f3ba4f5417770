from counter_app.documents import archive
import datetime as dt
import subprocess
import sys

import pytest

from counter_app.domain.case import ACCEPT, NOTICE
from counter_app.errors import UserError
from counter_app.services.catalog_view import CatalogView
from counter_app.services.handover import make_handover
from tests.conftest import set_up_station
from tests.store.test_intake import NOW, _all_received, _submit


def test_the_days_promised_cases_go_on_one_sheet(store, tmp_path):
    view = CatalogView.load(store)
    promised_a = _submit(store, view, codes=["000131130000"], checks=_all_received(view, ["000131130000"]))
    immediate = _submit(store, view, codes=["000131128000"])
    _submit(store, view, codes=["000112009000"], checks=(), outcome=NOTICE)
    promised_b = _submit(store, view, codes=["000112009000"], checks=_all_received(view, ["000112009000"]))
    _submit(store, view, codes=["000131130000"], checks=_all_received(view, ["000131130000"]),
            now=NOW + dt.timedelta(days=1))
    sheet = make_handover(store=store, settings=set_up_station(), data_dir=store.data_dir, day=NOW.date())
    assert [c.number for c in sheet.cases] == [promised_a.number, promised_b.number]
    assert sheet.path.exists() and archive.read_path(sheet.path) == sheet.pdf
    out = tmp_path / "h.pdf"
    out.write_bytes(sheet.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "交接单" in text and promised_a.number in text and promised_b.number in text
    assert immediate.number not in text
    with pytest.raises(UserError) as err:
        make_handover(store=store, settings=set_up_station(), data_dir=store.data_dir,
                      day=NOW.date() - dt.timedelta(days=3))
    assert err.value.key == "handover.nothing"


def test_handover_command(store, tmp_path):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=["000131130000"], checks=_all_received(view, ["000131130000"]))
    store.close()
    out = tmp_path / "sheet.pdf"
    args = [sys.executable, "-m", "counter_app", "documents", "handover", "--date", NOW.date().isoformat(),
            "--out", str(out), "--data-dir", str(store.data_dir)]
    p = subprocess.run(args, capture_output=True, text=True)      # the demo hall's values: refused
    assert p.returncode == 2 and "演示" in p.stderr and not out.exists()
    from counter_app.settings import save_settings

    save_settings(store.data_dir, set_up_station())
    p = subprocess.run([sys.executable, "-m", "counter_app", "documents", "handover", "--date", NOW.date().isoformat(),
                        "--out", str(out), "--data-dir", str(store.data_dir)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "1 件" in p.stdout and out.exists()
    p = subprocess.run([sys.executable, "-m", "counter_app", "documents", "handover", "--date", "2026-01-05",
                        "--data-dir", str(store.data_dir)], capture_output=True, text=True)
    assert p.returncode == 2 and "没有需要移交" in p.stderr
    assert rec.outcome == ACCEPT
