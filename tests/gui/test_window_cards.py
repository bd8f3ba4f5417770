"""What the window does with the card actually read: masking, the identity paper on the checklist."""

import pytest
from PySide6.QtCore import Qt

from counter_app.cards.decode import decode_record
from counter_app.cards.samples import sample
from counter_app.store import case_repo
from tests.gui.test_intake_window import saved_cases, settled, window  # noqa: F401 (fixture)


def card(kind):
    """The CardData a reader yields for the sample card ``kind`` (decoded from its 256-byte record)."""
    s = sample(kind)
    return decode_record(s.text, s.photo)


def identity_row(w):
    return next((n, l) for n, l in enumerate(w.draft.lines)
                if l.name in ("居民身份证", "港澳台居民居住证", "外国人永久居留身份证"))


@pytest.mark.parametrize("kind", ["resident", "hkmo_tw_permit", "foreign_2017", "foreign_2023"])
def test_every_card_number_is_masked_on_screen(qtbot, window, kind):
    c = card(kind)
    window.on_card(c)
    shown = window.applicant.id_number.text()
    assert c.id_number not in shown and "*" in shown
    assert shown[:3] == c.id_number[:3] and shown[-1] == c.id_number[-1]
    assert window.applicant.applicant().id_number == c.id_number     # the case keeps the whole number
    window.applicant.id_number.setFocus()                            # editing shows it whole
    assert window.applicant.id_number.text() == c.id_number


@pytest.mark.parametrize("kind, paper", [("resident", "居民身份证"), ("hkmo_tw_permit", "港澳台居民居住证"),
                                          ("foreign_2017", "外国人永久居留身份证")])
def test_reading_the_card_ticks_the_paper_the_applicant_holds(qtbot, window, kind, paper):
    window.on_card(card(kind))
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    row, line = identity_row(window)
    assert line.name == paper
    assert window.draft.check(line.key).state == "original"          # ticked without F5
    assert window.checklist.table.item(row, 0).text().endswith(paper)
    assert "居民身份证" not in [l.name for l in window.draft.lines] or paper == "居民身份证"
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)                                           # committed on the writer thread
    assert saved_cases(window) == 1
    with window.ctx.store.session() as s:
        rec = case_repo.load_case(s, window.last_case.number)
    assert paper in [m.line.name for m in rec.materials]              # and so on the receipt


def test_a_typed_applicant_is_not_ticked_and_typing_over_the_card_unticks(qtbot, window):
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    _row, line = identity_row(window)
    window.applicant.name.insert("李四")
    window.applicant.id_number.setFocus()
    qtbot.keyClicks(window.applicant.id_number, "11010519491231002X")
    assert window.draft.check(line.key).state == "pending"            # nobody saw a card
    window.on_card(card("resident"))
    assert window.draft.check(line.key).state == "original"
    window.applicant.id_number.setFocus()
    qtbot.keyClick(window.applicant.id_number, Qt.Key_Backspace)     # no longer the card's number
    assert window.draft.check(line.key).state == "pending"


def test_a_hong_kong_applicant_typed_in_is_asked_for_the_permit(qtbot, window):
    window.applicant.id_type.setCurrentIndex(window.applicant.id_type.findData("hkmo_tw_permit"))
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    _row, line = identity_row(window)
    assert line.name == "港澳台居民居住证" and window.draft.check(line.key).state == "pending"


@pytest.mark.parametrize("kind, shown", [("resident", "Han"), ("foreign_2017", None), ("foreign_2023", None)])
def test_the_english_screen_names_origin_in_english(qtbot, kind, shown):
    """汉 / 美国 are what the card prints; an English screen shows GB/T 3304's romanization and the
    country's alpha-3 code, so no Chinese is left in the card line."""
    import re

    from counter_app.gui.applicant_panel import ApplicantPanel
    from counter_app.i18n import Translator

    panel = ApplicantPanel(Translator("en"))
    qtbot.addWidget(panel)
    c = card(kind)
    panel.fill_from_card(c)
    info = panel.card_info.text()
    assert not re.search(r"[\u4e00-\u9fff]", info), info
    assert (shown or c.nationality_code) in info
