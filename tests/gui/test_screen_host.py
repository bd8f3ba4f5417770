"""The intake window hosts the other screens: a key shows one, Esc brings the clerk back, and the
intake keys do nothing while another screen is on the window."""

import pytest
from PySide6.QtCore import Qt

from counter_app.gui.screen_host import ScreenSpec
from tests.gui.test_intake_window import Card, saved_cases, settled, window  # noqa: F401 (fixture)

# not F7: that is the case list's, registered in gui/screens.py (two actions on one key fire neither)
SPEC = ScreenSpec(name="sample", title_key="screen.sample", key="Ctrl+Shift+F7", module="tests.gui.sample_screen")


@pytest.fixture
def hosted(window):
    window.screens.register(SPEC)
    return window


def test_a_key_shows_the_screen_and_esc_returns_to_the_search(qtbot, hosted):
    qtbot.keyClick(hosted.picker.search, Qt.Key_F7, Qt.ControlModifier | Qt.ShiftModifier)
    page = hosted.screens.pages["sample"]
    assert hosted.screens.current == "sample"
    assert page.isVisible() and not hosted.picker.search.isVisible()
    assert page.shown_with == [{}]
    qtbot.waitUntil(lambda: page.field.hasFocus())
    qtbot.keyClick(page.field, Qt.Key_Escape)
    assert hosted.screens.current == "intake"
    qtbot.waitUntil(lambda: hosted.picker.search.hasFocus())


def test_intake_keys_are_inert_on_another_screen(qtbot, hosted):
    hosted.on_card(Card())
    qtbot.keyClicks(hosted.picker.search, "gtgsh")
    qtbot.keyClick(hosted.picker.search, Qt.Key_Return)
    qtbot.keyClick(hosted, Qt.Key_F5)                    # all received: F9 would accept now
    assert hosted.outcomes.buttons["accept"].isEnabled()
    page = hosted.screens.show("sample", case_number="X-1")
    assert page.shown_with == [{"case_number": "X-1"}]
    qtbot.keyClick(page.field, Qt.Key_F9)
    qtbot.keyClick(page.field, Qt.Key_N, Qt.ControlModifier)
    settled(qtbot, hosted)
    assert saved_cases(hosted) == 0
    hosted.screens.back()
    assert hosted.draft.items                           # the open case is still there
    qtbot.keyClick(hosted.picker.search, Qt.Key_F9)
    settled(qtbot, hosted)
    assert saved_cases(hosted) == 1


def test_the_screens_menu_lists_every_screen_with_its_key(hosted):
    from PySide6.QtWidgets import QMenu

    menus = {m.title(): m for m in hosted.menuBar().findChildren(QMenu)}
    entries = [a.text() for a in menus["屏幕"].actions()]
    assert entries[0].startswith("受理")
    assert any(a.shortcut().toString() == "Ctrl+Shift+F7" for a in menus["屏幕"].actions())


def test_a_screen_is_registered_once(hosted):
    with pytest.raises(ValueError):
        hosted.screens.register(SPEC)
