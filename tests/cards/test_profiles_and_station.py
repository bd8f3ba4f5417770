"""Reader profiles (TOML), choosing the station's reader, and the photo plug-in."""

import pytest

from counter_app.cards import photo
from counter_app.cards.events import UNAVAILABLE
from counter_app.cards.pcsc_reader import PcscReader
from counter_app.cards.profiles import BUILTIN_DIR, load_profile, load_profiles, profile_for
from counter_app.cards.serial_reader import SerialMonitor
from counter_app.cards.simulator import SimulatedReader
from counter_app.cards.station import open_monitor, open_reader, reader_spec
from counter_app.cards.unavailable import UnavailableReader
from counter_app.cards.watcher import PcscWatcher
from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.settings import StationSettings

zh = Translator("zh_CN")

GOOD = """\
name = "Example SAM reader"
match = "Example IDR"
[[steps]]
apdu = "00A4040007F0494443415244"
expect_sw = ["9000", "61XX"]
[[steps]]
apdu = "80B0000000"
store = "text"
"""


def write(tmp_path, text, name="model.toml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def test_the_issue_example_profile_loads(tmp_path):
    p = load_profile(write(tmp_path, GOOD))
    assert p.matches("Example IDR 00 00") and not p.matches("Virtual PCD 00 00")
    select, read = p.steps
    assert select.accepts(0x90, 0x00) and select.accepts(0x61, 0x1C) and not select.accepts(0x6A, 0x82)
    assert read.accepts(0x90, 0x00) and not read.accepts(0x61, 0x00)    # default: 9000 only
    assert read.store == "text" and select.store is None


def test_builtin_profile_covers_the_known_model():
    profiles = load_profiles()
    p = profile_for("ACME IDR 210 (SAM) 00 00", profiles)
    assert p is not None and p.path.startswith(str(BUILTIN_DIR))
    assert [s.apdu.hex() for s in p.steps] == ["ffb0000000"] + [f"ffb00{i}0000" for i in range(1, 6)]
    assert profile_for("Virtual PCD 00 00", profiles) is None


def test_a_station_folder_comes_before_the_builtin_one(tmp_path):
    write(tmp_path, GOOD.replace("Example IDR", "IDR"))
    first = profile_for("Some IDR 00 00", load_profiles([tmp_path]))
    assert first.name == "Example SAM reader"


@pytest.mark.parametrize("text, detail", [
    ("name = 'x'\nmatch = 'y'\n", "no [[steps]]"),
    ("name = 'x'\nmatch = '('\n[[steps]]\napdu = 'FFB0000000'\nstore = 'text'\n", "match"),
    ("name = 'x'\nmatch = 'y'\n[[steps]]\napdu = 'FFB0Z00000'\nstore = 'text'\n", "not hex"),
    ("name = 'x'\nmatch = 'y'\n[[steps]]\napdu = 'FFB0000000'\nstore = 'photo'\n", "text record"),
    ("name = 'x'\nmatch = 'y'\n[[steps]]\napdu = 'FFB0000000'\nexpect_sw = '90'\nstore = 'text'\n", "expect_sw"),
    ("name = 'x'\nmatch = 'y'\n[[steps]]\napdu = 'FFB0000000'\nstor = 'text'\n", "unknown key"),
    ("name = = 'x'", "line 1"),
])
def test_a_broken_profile_names_the_file_and_the_problem(tmp_path, text, detail):
    path = write(tmp_path, text, "broken.toml")
    with pytest.raises(UserError) as info:
        load_profiles([tmp_path])
    message = zh.error(info.value)
    assert str(path) in message and detail in message


def test_reader_choice_follows_the_settings(tmp_path):
    handler = lambda e: None   # noqa: E731
    assert reader_spec(StationSettings(demo=True)) == "simulator"
    assert reader_spec(StationSettings(demo=True, reader="serial:/dev/ttyUSB0")) == "serial:/dev/ttyUSB0"
    assert isinstance(open_monitor(StationSettings(demo=True), handler), SimulatedReader)
    assert isinstance(open_monitor(StationSettings(reader="serial:/dev/ttyUSB0"), handler), SerialMonitor)
    assert isinstance(open_monitor(StationSettings(), handler), PcscWatcher)
    broken = open_monitor(StationSettings(reader_profile_dirs=(str(tmp_path / "gone"),)), handler)
    assert isinstance(broken, UnavailableReader)
    assert isinstance(open_reader("auto"), PcscReader)


def test_missing_pyscard_is_explained(monkeypatch):
    monkeypatch.setattr("counter_app.cards.station.load_scard", lambda: None)
    seen = []
    m = open_monitor(StationSettings(), seen.append)
    m.start()
    status = seen[-1].status
    assert status.state == UNAVAILABLE and "pyscard" in status.text(zh)
    assert m.read_card().error_key == "cards.unavailable.pyscard"


def test_simulator_one_shot_and_unknown_sample():
    assert open_reader("simulator:foreign_2017").read_card().card.nationality == "美国"
    assert open_reader("simulator").read_card().card.name == "李秀英"
    r = open_reader("simulator:nobody").read_card()
    assert not r.ok and "nobody" in r.message(zh)


def test_photo_plugin_sources(monkeypatch):
    from .photo_plugin import PNG

    wlt = b"\x01" * 1024
    assert photo.find_decoder() is None or callable(photo.find_decoder())
    assert photo.decode_photo(wlt, photo.find_decoder("tests.cards.photo_plugin:decode")) == PNG
    monkeypatch.setenv(photo.ENV_VAR, "tests.cards.photo_plugin:decode")
    assert photo.decode_photo(wlt, photo.find_decoder()) == PNG
    assert photo.find_decoder("no.such.module:decode") is None
    assert photo.decode_photo(b"", photo.find_decoder()) is None          # card without a photo
    assert photo.decode_photo(wlt, photo.find_decoder("tests.cards.photo_plugin:broken")) is None
