"""The Qt bridge the intake screen connects to: signals on the GUI thread, all-or-nothing."""

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from counter_app.cards.events import READY, SERVICE_DOWN, UNAVAILABLE
from counter_app.cards.samples import sample, variant
from counter_app.cards.vpcd_emulator import LIFT
from counter_app.gui.card_bridge import CardBridge
from counter_app.i18n import Translator
from counter_app.settings import StationSettings

from .photo_plugin import PNG

pytestmark = pytest.mark.gui
zh = Translator("zh_CN")


@pytest.fixture
def bridge_for(qtbot):
    made = []

    def make(settings, **kw):
        b = CardBridge(settings, zh, **kw)
        made.append(b)
        return b

    yield make
    for b in made:
        b.stop()


def ready(qtbot, bridge, state=READY, timeout=5000):
    if bridge.status is not None and bridge.status.state == state:
        return bridge.status
    with qtbot.waitSignal(bridge.status_changed, timeout=timeout,
                          check_params_cb=lambda s: s.state == state) as blocker:
        if not bridge.running:
            bridge.start()
    return blocker.args[0]


def test_demo_mode_places_a_sample_and_fills_on_the_gui_thread(qtbot, bridge_for):
    bridge = bridge_for(StationSettings(demo=True))
    status = ready(qtbot, bridge)
    assert bridge.describe(status) == "读卡器就绪，请放置证件。"
    sim = bridge.simulator()
    assert [s.key for s in sim.samples()] == ["resident", "hkmo_tw_permit", "foreign_2017",
                                              "foreign_2023", "expired"]
    on_gui_thread = []
    bridge.card_read.connect(
        lambda card: on_gui_thread.append(QThread.currentThread() == QCoreApplication.instance().thread()))
    with qtbot.waitSignal(bridge.card_read) as blocker:
        sim.place("foreign_2017")
    card = blocker.args[0]
    assert card.english_name == "SMITH, JOHN ROBERT" and card.nationality == "美国"
    assert on_gui_thread == [True]
    with qtbot.waitSignal(bridge.card_read) as blocker:
        sim.place("expired")
    assert blocker.args[0].expired


def test_a_broken_card_only_says_why(qtbot, bridge_for):
    bridge = bridge_for(StationSettings(reader="simulator"))
    ready(qtbot, bridge)
    bad = variant(sample("resident"), id_number="110105194912310021")
    with qtbot.assertNotEmitted(bridge.card_read), qtbot.waitSignal(bridge.card_failed) as blocker:
        bridge.simulator().place(bad)
    assert blocker.args[0] == zh("cards.id_check_digit")


def test_pcsc_reader_through_pcscd(qtbot, bridge_for, pcscd, cards, vpcd_profiles):
    bridge = bridge_for(StationSettings(reader="auto", reader_profile_dirs=(str(vpcd_profiles),)))
    status = ready(qtbot, bridge)
    assert "Virtual PCD 00 00" in status.readers and bridge.simulator() is None
    with qtbot.waitSignal(bridge.card_read, timeout=5000) as blocker:
        cards(sample("resident")).place()
    assert blocker.args[0].name == "李秀英"
    assert bridge.photo(blocker.args[0]) is None                  # no plug-in: placeholder


def test_lift_mid_read_fills_nothing(qtbot, bridge_for, pcscd, cards, vpcd_profiles):
    bridge = bridge_for(StationSettings(reader="Virtual PCD 00 00", reader_profile_dirs=(str(vpcd_profiles),)))
    ready(qtbot, bridge)
    with qtbot.assertNotEmitted(bridge.card_read), qtbot.waitSignal(bridge.card_failed, timeout=5000) as blocker:
        cards(sample("resident"), faults={4: LIFT}).place()
    assert "读卡中断" in blocker.args[0]


def test_service_restart_is_shown_and_reading_resumes(qtbot, bridge_for, pcscd, cards, vpcd_profiles):
    bridge = bridge_for(StationSettings(reader_profile_dirs=(str(vpcd_profiles),)))
    ready(qtbot, bridge)
    with qtbot.waitSignal(bridge.status_changed, check_params_cb=lambda s: s.state == SERVICE_DOWN) as blocker:
        pcscd.kill()
    assert "pcscd" in bridge.describe(blocker.args[0])
    with qtbot.waitSignal(bridge.status_changed, timeout=10000, check_params_cb=lambda s: s.state == READY):
        pcscd.start()
    with qtbot.waitSignal(bridge.card_read, timeout=5000):
        cards(sample("hkmo_tw_permit")).place()


def test_unavailable_reader_explains_itself(qtbot, bridge_for, tmp_path):
    bridge = bridge_for(StationSettings(reader=f"serial:{tmp_path}/ttyUSB7"))
    status = ready(qtbot, bridge, UNAVAILABLE)
    assert bridge.describe(status) == zh("cards.serial_cannot_open", port=f"{tmp_path}/ttyUSB7")


def test_broken_profile_folder_is_named_in_the_status(qtbot, bridge_for, tmp_path):
    (tmp_path / "bad.toml").write_text('name = "x"\nmatch = "("\n', encoding="utf-8")
    bridge = bridge_for(StationSettings(reader_profile_dirs=(str(tmp_path),)))
    status = ready(qtbot, bridge, UNAVAILABLE)
    assert "bad.toml" in bridge.describe(status)


def test_photo_plugin(qtbot, bridge_for):
    card = sample("resident")
    from counter_app.cards.decode import decode_record
    data = decode_record(card.text, card.photo)
    good = bridge_for(StationSettings(demo=True), photo_decoder="tests.cards.photo_plugin:decode")
    good.start()
    assert good.photo(data) == PNG
    broken = bridge_for(StationSettings(demo=True), photo_decoder="tests.cards.photo_plugin:broken")
    broken.start()
    assert broken.photo(data) is None


def test_a_day_of_cards_does_not_wear_out_the_interpreter(qtbot, bridge_for):
    """PySide6 6.12.0's emit() leaks a reference to True; a day at the counter must not abort."""
    import sys

    bridge = bridge_for(StationSettings(demo=True))
    ready(qtbot, bridge)
    sim = bridge.simulator()
    got = []
    bridge.card_read.connect(got.append)
    before = sys.getrefcount(True)
    for _ in range(60):
        sim.place("resident")
    qtbot.waitUntil(lambda: len(got) == 60)
    assert sys.getrefcount(True) >= before - 20
