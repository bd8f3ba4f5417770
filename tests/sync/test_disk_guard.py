"""A nearly full disk refuses the intake with a message before anything is written."""

import shutil
from collections import namedtuple

import pytest

from counter_app.cli import main as app_main
from counter_app.i18n import Translator
from tests.conftest import MINI_CATALOG

Usage = namedtuple("Usage", "total used free")


def test_a_nearly_full_disk_refuses_the_case_and_keeps_what_was_saved(tmp_path, monkeypatch, capsys):
    from sqlalchemy import func, select

    from counter_app.store.database import Store
    from counter_app.store.models import CaseRow

    station = tmp_path / "station"
    assert app_main(["catalog", "import", str(MINI_CATALOG), "--data-dir", str(station)]) == 0
    assert app_main(["demo", "cases", "--count", "1", "--data-dir", str(station)]) == 0
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Usage(10**10, 10**10 - 50 * 2**20, 50 * 2**20))
    capsys.readouterr()
    assert app_main(["demo", "cases", "--count", "1", "--data-dir", str(station)]) == 75
    assert "磁盘快满了（剩余 50 MB" in capsys.readouterr().err
    monkeypatch.setattr(shutil, "disk_usage", real)
    store = Store(station)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(CaseRow)) == 1
    store.close()
    assert Translator("en")("intake.disk_nearly_full", free_mb=50, path="/x").startswith("The disk is nearly full")
