"""The PC/SC path against a real pcscd with Debian's vpcd driver and an emulated SAM reader."""

import json
import os
import subprocess
import sys
import time

import pytest

from counter_app.cards.events import (NO_PROFILE, READY, SERVICE_DOWN, CardLifted, CardPlaced, ReaderAdded,
                                      ReadFinished, ServiceDown, ServiceUp, StatusChanged)
from counter_app.cards.profiles import load_profiles
from counter_app.cards.samples import sample
from counter_app.cards.vpcd_emulator import LIFT
from counter_app.cards.watcher import PcscWatcher
from counter_app.i18n import Translator

pytestmark = pytest.mark.pcsc
READER = "Virtual PCD 00 00"
zh = Translator("zh_CN")


@pytest.fixture
def watch(pcscd, events, vpcd_profiles):
    """A running watcher with the vpcd profile folder; stopped after the test."""
    started = []

    def start(profile_dirs=(vpcd_profiles,)):
        w = PcscWatcher(events, profiles=load_profiles(profile_dirs))
        w.start()
        started.append(w)
        return w

    yield start
    for w in started:
        w.stop()


def read_result(events, timeout=5.0):
    return events.wait_for(ReadFinished, timeout=timeout).result


def test_place_read_lift(watch, events, cards):
    watch()
    status = events.wait_status(READY)
    assert READER in status.readers and not status.card_present
    card = cards(sample("resident"))
    card.place()
    assert events.wait_for(CardPlaced).reader == READER
    result = read_result(events)
    assert result.ok, result.error_key
    assert (result.card.name, result.card.sex, result.card.ethnicity) == ("李秀英", "女", "汉")
    assert result.card.photo == sample("resident").photo            # all five photo chunks
    assert [a.hex() for a in card.apdus] == ["ffb0000000"] + [f"ffb00{i}0000" for i in range(1, 6)]
    assert events.saw_status(READY, card_present=True)
    card.lift()
    assert events.wait_for(CardLifted).reader == READER
    events.wait_status(READY, card_present=False)
    assert len(events.of(ReadFinished)) == 1     # one placement, one read


def test_every_kind_reads_through_the_reader(watch, events, cards):
    watch()
    events.wait_status(READY)
    for key in ("hkmo_tw_permit", "foreign_2017", "foreign_2023", "expired"):
        card = cards(sample(key))
        card.place()
        result = read_result(events)
        assert result.ok and result.card.card_type == sample(key).fields.card_type
        card.lift()
        events.wait_for(CardLifted)
    assert result.card.expired


def test_lift_mid_read_fills_nothing_then_the_next_placement_reads(watch, events, cards):
    watch()
    events.wait_status(READY)
    card = cards(sample("resident"), faults={2: LIFT})    # lifted while the photo comes in
    card.place()
    result = read_result(events)
    assert not result.ok and result.card is None
    assert result.message(zh) == zh("cards.read_interrupted")
    events.wait_for(CardLifted)
    again = cards(sample("resident"))
    again.place()
    assert read_result(events).ok


@pytest.mark.parametrize("faults, key", [
    ({0: b"\xff" * 256 + b"\x90\x00"}, "cards.unknown_type"),              # garbage record
    ({0: sample("resident").text[:100] + b"\x90\x00"}, "cards.bad_length"),   # truncated record
    ({3: b"\x00" * 100 + b"\x90\x00"}, "cards.bad_photo_length"),          # truncated photo chunk
    ({0: b"\x90"}, "cards.bad_response"),                                  # not even a status word
    ({1: b"\x6a\x82"}, "cards.unexpected_sw"),
])
def test_bad_answers_fill_nothing_and_say_why(watch, events, cards, faults, key):
    watch()
    events.wait_status(READY)
    card = cards(sample("resident"), faults=faults)
    card.place()
    result = read_result(events)
    assert result.card is None
    assert result.error_key == key
    if key == "cards.unexpected_sw":
        assert "6A82" in result.message(zh) and "第 2 步" in result.message(zh)
    card.lift()
    events.wait_for(CardLifted)
    assert len(events.of(ReadFinished)) == 1    # the failed card is not read over and over


def test_pcscd_killed_and_restarted_while_watching(watch, events, cards, pcscd):
    watch()
    events.wait_status(READY)
    pcscd.kill()
    events.wait_for(ServiceDown)
    assert events.wait_status(SERVICE_DOWN).text(zh).startswith("读卡服务")
    pcscd.start()
    events.wait_for(ServiceUp, timeout=10)
    events.wait_status(READY)
    cards(sample("foreign_2023")).place()
    result = read_result(events)
    assert result.ok and result.card.nationality == "西班牙"


def test_service_dying_mid_read_says_so(watch, events, cards, pcscd):
    watch()
    events.wait_status(READY)

    def kill_pcscd(apdu):
        pcscd.kill()
        return LIFT

    try:
        cards(sample("resident"), faults={2: kill_pcscd}).place()
        result = read_result(events)
        assert result.card is None and result.error_key == "cards.service_lost"
        events.wait_for(ServiceDown)
    finally:
        pcscd.start()
    events.wait_for(ServiceUp, timeout=10)


def test_a_reader_without_profile_cannot_read_until_a_folder_adds_one(watch, events, cards, vpcd_profiles):
    watch(profile_dirs=())                       # built-in profiles only: none matches vpcd
    added = events.wait_for(ReaderAdded)
    assert not added.supported
    status = events.wait_status(NO_PROFILE)
    assert READER in status.text(zh)
    card = cards(sample("resident"))
    card.place()
    result = read_result(events)
    assert result.error_key == "cards.no_profile" and card.apdus == []
    card.lift()
    events.wait_for(CardLifted)

    other = type(events)()
    w = PcscWatcher(other, profiles=load_profiles([vpcd_profiles]))
    w.start()
    try:
        other.wait_status(READY)
        card2 = cards(sample("resident"))
        card2.place()
        assert other.wait_for(ReadFinished).result.ok
    finally:
        w.stop()


def test_stop_is_prompt_while_waiting(pcscd, events, vpcd_profiles):
    w = PcscWatcher(events, profiles=load_profiles([vpcd_profiles]))
    w.start()
    events.wait_status(READY)
    t = time.monotonic()
    w.stop()
    assert time.monotonic() - t < 1.0           # SCardCancel woke the 5 s wait
    events.wait_status("stopped")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "counter_app", "card", "read", *args],
                          capture_output=True, text=True, timeout=30, env=os.environ.copy())


def test_cli_reads_the_card_on_the_reader(cards, vpcd_profiles, tmp_path):
    card = cards(sample("hkmo_tw_permit"))
    card.place()
    deadline = time.monotonic() + 5
    while True:   # the card needs one pcscd poll (~0.4 s) to be seen
        done = _cli("--reader", READER, "--reader-profiles", str(vpcd_profiles), "--data-dir", str(tmp_path))
        if done.returncode == 0 or time.monotonic() > deadline:
            break
    assert done.returncode == 0, done.stderr
    j = json.loads(done.stdout)
    assert (j["card_type"], j["permit_number"], j["ethnicity"]) == ("hkmo_tw_permit", "H60123456", None)

    done = _cli("--reader", READER, "--data-dir", str(tmp_path))          # no profile for vpcd
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "没有对应的型号配置" in done.stderr


def test_logs_never_carry_personal_data(watch, events, cards, caplog):
    caplog.set_level("DEBUG")
    watch()
    events.wait_status(READY)
    for faults in ({1: b"\x6a\x82"}, None):
        card = cards(sample("resident"), faults=faults)
        card.place()
        read_result(events)
        card.lift()
        events.wait_for(CardLifted)
    assert "6A82" in caplog.text                         # the log does say what went wrong
    for secret in ("李秀英", "11010519491231002X", "19491231", "建国路", "朝阳分局"):
        assert secret not in caplog.text
