"""A hall admin's machine-wide defaults (Windows installer /HALL= ..., Linux /etc) become a new
user's station settings; a user's own settings are never replaced by them."""

from __future__ import annotations

import json

import pytest

from counter_app.settings import load_settings


@pytest.fixture
def machine_file(tmp_path, monkeypatch):
    path = tmp_path / "etc" / "station.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"version": 2, "hall": {"code": "330402007"}, "window": "W03",
                                "central_url": "https://central.hall.example/api"}), encoding="utf-8")
    monkeypatch.setenv("ONEWINDOW_MACHINE_SETTINGS", str(path))
    return path


def test_a_new_user_starts_from_the_machine_defaults(machine_file, tmp_path):
    station = tmp_path / "alice"
    settings = load_settings(station)
    assert (settings.hall.code, settings.window) == ("330402007", "W03")
    copied = json.loads((station / "station.json").read_text(encoding="utf-8"))
    assert copied["central_url"] == "https://central.hall.example/api"      # kept, not dropped
    machine_file.write_text(json.dumps({"version": 2, "window": "W09"}), encoding="utf-8")
    assert load_settings(station).window == "W03"        # copied once: the user's own file now


def test_a_user_who_has_settings_keeps_them(machine_file, tmp_path):
    station = tmp_path / "bob"
    station.mkdir()
    (station / "station.json").write_text(json.dumps({"version": 2, "window": "W05"}), encoding="utf-8")
    assert load_settings(station).window == "W05"


def test_no_machine_defaults_means_the_built_in_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("ONEWINDOW_MACHINE_SETTINGS", str(tmp_path / "none.json"))
    assert load_settings(tmp_path / "carol").window == "W01"
    assert not (tmp_path / "carol" / "station.json").exists()
