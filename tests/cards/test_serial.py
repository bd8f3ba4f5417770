"""Serial SAM readers over a pseudo-terminal: frames, reads, faults, the monitor thread."""

import io

import pytest

from counter_app.cards import sam_frame as sf
from counter_app.cards.events import READY, UNAVAILABLE, CardLifted, CardPlaced, ReaderRemoved, ReadFinished
from counter_app.cards.samples import sample
from counter_app.cards.serial_reader import SerialMonitor, SerialSamReader, parse_device
from counter_app.i18n import Translator

from .sam_pty import PtySam

zh = Translator("zh_CN")


@pytest.fixture
def sam():
    s = PtySam()
    yield s
    s.close()


def test_frames_follow_the_documented_layout():
    assert sf.command_frame(sf.FIND_CARD).hex() == "aaaaaa96690003200122"
    body = sf.read_frame(io.BytesIO(b"noise" + sf.response_frame(0x9F, b"\0" * 4)).read, 1.0)
    assert sf.parse_response(body) == (0x9F, b"\0" * 4)
    full = sf.response_frame(0x90, sf.text_photo_data(b"\0" * 256, b"\0" * 1024))
    assert len(full) == 1295


def test_device_names():
    assert parse_device("serial:/dev/ttyUSB0") == ("/dev/ttyUSB0", 115200)
    assert parse_device("serial:/dev/ttyS1@9600") == ("/dev/ttyS1", 9600)


def test_one_shot_read(sam):
    sam.place(sample("foreign_2017"))
    result = SerialSamReader(f"serial:{sam.path}").read_card()
    assert result.ok, result.error_key
    assert result.card.english_name == "SMITH, JOHN ROBERT"
    assert result.card.photo == sample("foreign_2017").photo
    assert sam.commands == [sf.SAM_STATUS, sf.FIND_CARD, sf.SELECT_CARD, sf.READ_TEXT_PHOTO]


def test_noise_before_a_frame_is_skipped(sam):
    sam.place(sample("resident"), fault="garbage_prefix")
    assert SerialSamReader(f"serial:{sam.path}").read_card().ok


@pytest.mark.parametrize("fault, key", [
    ("checksum", "cards.sam.bad_answer"),
    ("truncated", "cards.sam.no_answer"),
    ("silent", "cards.sam.no_answer"),
    (0x41, "cards.read_interrupted"),
    (0x33, "cards.sam.auth_failed"),
])
def test_faults_fill_nothing_and_say_why(sam, fault, key):
    sam.place(sample("resident"), fault=fault)
    result = SerialSamReader(f"serial:{sam.path}", timeout=0.3).read_card()
    assert result.card is None and result.error_key == key
    assert zh.has(key)


def test_no_card_and_no_port(sam, tmp_path):
    result = SerialSamReader(f"serial:{sam.path}").read_card()
    assert result.error_key == "cards.no_card"
    missing = SerialSamReader(f"serial:{tmp_path}/ttyUSB9").read_card()
    assert missing.error_key == "cards.serial_cannot_open"
    assert f"{tmp_path}/ttyUSB9" in missing.message(zh)


def test_monitor_reads_once_per_placement(sam, events):
    m = SerialMonitor(f"serial:{sam.path}", events, poll_interval=0.02, timeout=0.5)
    m.start()
    try:
        events.wait_status(READY)
        sam.place(sample("resident"))
        events.wait_for(CardPlaced)
        assert events.wait_for(ReadFinished).result.card.name == "李秀英"
        events.wait_for(CardLifted)        # the reader answers "not found" until placed again
        sam.place(sample("expired"))
        assert events.wait_for(ReadFinished).result.card.expired
    finally:
        m.stop()
    assert len(events.of(ReadFinished)) == 2


def test_monitor_explains_a_missing_port(tmp_path, events):
    m = SerialMonitor(f"serial:{tmp_path}/ttyUSB9", events, retry_interval=5)
    m.start()
    try:
        status = events.wait_status(UNAVAILABLE)
        assert "无法打开读卡器串口" in status.text(zh)
    finally:
        m.stop()


def test_monitor_notices_the_reader_unplugged(events):
    sam = PtySam()
    m = SerialMonitor(f"serial:{sam.path}", events, poll_interval=0.02, timeout=0.3, retry_interval=0.1)
    m.start()
    try:
        events.wait_status(READY)
        sam.close()                                   # the USB cable pulled
        events.wait_for(ReaderRemoved)
        status = events.wait_status(UNAVAILABLE)
        assert sam.path in status.text(zh)
    finally:
        m.stop()
