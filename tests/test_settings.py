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


def test_keys_this_version_does_not_know_are_kept_when_saving(tmp_path):
    import dataclasses

    raw = {"version": 2, "window": "W02", "cashier_drawer": {"port": "COM3"}, "hall": {"name": "桐乡市行政服务中心",
                                                                                       "badge_color": "red"}}
    (tmp_path / "station.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    s = load_settings(tmp_path)
    save_settings(tmp_path, dataclasses.replace(s, window="W07"))
    written = json.loads((tmp_path / "station.json").read_text(encoding="utf-8"))
    assert written["window"] == "W07" and written["cashier_drawer"] == {"port": "COM3"}
    assert written["hall"]["badge_color"] == "red" and written["hall"]["name"] == "桐乡市行政服务中心"
    assert written["version"] == 2


def test_a_version_1_file_is_upgraded_and_written_back(tmp_path):
    (tmp_path / "station.json").write_text(json.dumps({"window": "W04", "supervisors": []}), encoding="utf-8")
    assert load_settings(tmp_path).window == "W04"
    written = json.loads((tmp_path / "station.json").read_text(encoding="utf-8"))
    assert written == {"version": 2, "window": "W04"}


def test_a_file_from_a_newer_version_is_read_but_not_overwritten(tmp_path):
    raw = {"version": 99, "window": "W09", "future": True}
    (tmp_path / "station.json").write_text(json.dumps(raw), encoding="utf-8")
    s = load_settings(tmp_path)
    assert s.window == "W09"
    with pytest.raises(UserError) as err:
        save_settings(tmp_path, s)
    assert err.value.key == "settings.newer_file"
    assert json.loads((tmp_path / "station.json").read_text(encoding="utf-8")) == raw


def test_demo_values_are_named_until_the_station_is_set_up():
    from counter_app.settings import HallProfile, demo_values

    assert set(demo_values(StationSettings())) == {"hall", "hall.query_url", "clerk"}
    real = StationSettings(hall=HallProfile(code="330483001", name="桐乡市行政服务中心", phone="0573-88000000",
                                            address="桐乡市庆丰南路1号", query_url="https://zwfw.tx.gov.cn/q"),
                           clerk="c07", clerk_name="陈静")
    assert demo_values(real) == ()
