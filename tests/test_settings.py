import json

import pytest

from counter_app.errors import UserError
from counter_app.settings import StationSettings, load_settings, save_settings


def test_settings_round_trip_and_defaults(tmp_path):
    assert load_settings(tmp_path) == StationSettings()
    s = StationSettings(window="W05", reader_profile_dirs=("/opt/readers",))
    save_settings(tmp_path, s)
    assert load_settings(tmp_path) == s


def test_a_window_code_that_cannot_go_into_a_case_number_is_refused_at_start(tmp_path):
    (tmp_path / "station.json").write_text(json.dumps({"window": "窗口1"}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_settings(tmp_path)
    assert err.value.key == "settings.bad_code" and err.value.params["field"] == "window"


def test_unreadable_settings_are_named(tmp_path):
    (tmp_path / "station.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_settings(tmp_path)
    assert err.value.key == "settings.unreadable"
