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


@pytest.mark.parametrize("raw,field", [
    ({"paper": 5}, "paper"),
    ({"hall": {"name": 123}}, "hall.name"),
    ({"escpos_target": 7}, "escpos_target"),
    ({"hall": "x"}, "hall"),
    ({"demo": "yes"}, "demo"),
    ({"reader_profile_dirs": "/opt/r"}, "reader_profile_dirs"),
])
def test_a_value_of_the_wrong_type_is_named_not_a_crash_later(tmp_path, raw, field):
    (tmp_path / "station.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_settings(tmp_path)
    assert err.value.key == "settings.bad_value" and err.value.params["field"] == field


def test_an_unknown_paper_is_refused_at_load(tmp_path):
    (tmp_path / "station.json").write_text(json.dumps({"paper": "a5"}), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_settings(tmp_path)
    assert err.value.key == "settings.bad_paper"
