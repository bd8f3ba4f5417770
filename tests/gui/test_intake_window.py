"""The intake screen driven as a clerk drives it: keys, counted."""

from counter_app.store import sqlite_file
import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.case import ACCEPT, GAP, MISSING, NOTICE
from counter_app.gui.app import open_context
from counter_app.gui.intake_window import IntakeWindow
from counter_app.i18n import Translator
from counter_app.store import case_repo
from tests.conftest import set_up_station


@dataclass(frozen=True)
class Card:
    name: str = "张晓梅"
    sex: str = "女"
    ethnicity: str = "汉"
    address: str = "浙江省嘉兴市南湖区中山路123号"
    id_number: str = "330402198503120029"
    valid_until: dt.date | None = dt.date(2035, 6, 1)
    card_type: str = "resident"
    expired: bool = False
    photo: bytes | None = None


class Clerk:
    """Drives the window and counts each action a clerk takes."""

    def __init__(self, qtbot, window):
        self.qtbot, self.w, self.actions = qtbot, window, 0

    def place_card(self, card):
        self.actions += 1
        self.w.on_card(card)

    def type(self, text):
        self.actions += 1
        self.qtbot.keyClicks(self.w.focusWidget(), text)

    def key(self, key):
        self.actions += 1
        self.qtbot.keyClick(self.w.focusWidget() or self.w, key)


@pytest.fixture
def window(qtbot, store):
    ctx = open_context(store.data_dir, Translator())
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.focus_search()
    return w


def saved_cases(window):
    with window.ctx.store.session() as s:
        return case_repo.count_cases(s)


def settled(qtbot, window):
    """Wait until the window's background operations (saving, history, printing) are done."""
    qtbot.waitUntil(lambda: window.ctx.ops.pending == 0, timeout=10000)


@pytest.fixture
def demo_station(tmp_path_factory):
    """A station with the full sample catalog, in demo mode (simulated reader, preview instead of a printer)."""
    import dataclasses

    from counter_app.services.demo_station import SAMPLE_CATALOG
    from counter_app.services.catalog_io import import_catalog
    from counter_app.settings import load_settings, save_settings
    from counter_app.store.database import Store

    d = tmp_path_factory.mktemp("demo-station")
    st = Store(d)
    import_catalog(store=st, path=SAMPLE_CATALOG)
    st.close()
    save_settings(d, dataclasses.replace(load_settings(d), demo=True, reader="simulator"))
    return d


def test_standard_case_takes_five_actions(qtbot, demo_station):
    """Card on the reader, initials, Enter, F5, F9: saved after the fifth action and not before;
    and the next applicant can be served at once the same way."""
    from counter_app.gui.app import build_window
    from counter_app.gui.intake_reader import attach_reader

    ctx = open_context(demo_station, Translator())
    w = build_window(ctx)                       # the real window, with its printing hook
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.focus_search()
    bridge = attach_reader(w, ctx)              # the simulated reader, through the same bridge as a real one
    sim = bridge.simulator()

    def place(card):
        def act():
            with qtbot.waitSignal(bridge.card_read, timeout=5000):
                sim.place(card)
        return act

    def keys(*ks):
        def act():
            for k in ks:
                if isinstance(k, str):
                    qtbot.keyClicks(QApplication.focusWidget(), k)
                else:
                    qtbot.keyClick(QApplication.focusWidget(), k)
        return act

    try:
        for n, card in enumerate(["resident", "hkmo_tw_permit"], start=1):
            actions = [place(card), keys("gtgsh"), keys(Qt.Key_Return), keys(Qt.Key_F5), keys(Qt.Key_F9)]
            for done, action in enumerate(actions, start=1):
                assert saved_cases(w) == n - 1, f"saved after only {done - 1} actions"
                action()
            settled(qtbot, w)
            assert saved_cases(w) == n
            rec = w.last_case
            assert rec.outcome == ACCEPT and [i.name for i in rec.items] == ["个体工商户设立登记"]
            assert rec.applicant.name and rec.applicant.id_number
            assert "已受理" in w.banner.text() and rec.number in w.banner.text()
            assert w.applicant.name.text() == "" and w.draft.items == []     # ready for the next one
            assert QApplication.activeWindow() is w                          # the preview did not take the keys
            sim.lift()
    finally:
        bridge.stop()


def test_id_number_is_masked_when_not_editing(qtbot, window):
    window.on_card(Card())
    assert window.applicant.id_number.text() == "330402**********29"
    assert window.applicant.applicant().id_number == "330402198503120029"


def test_typed_bad_id_number_blocks_accepting(qtbot, window):
    window.applicant.name.setFocus()
    window.applicant.name.insert("李四")   # QTest types ASCII only; an IME commits Chinese at once
    window.applicant.id_number.setFocus()
    qtbot.keyClicks(window.applicant.id_number, "110105194912310021")
    assert "校验位" in window.applicant.id_hint.text()
    window.focus_search()
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    assert not window.outcomes.buttons[ACCEPT].isEnabled()
    assert "校验位" in window.outcomes.status.text()
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 0


def test_missing_material_gives_notice_not_accept(qtbot, window):
    window.on_card(Card())
    qtbot.keyClicks(window.picker.search, "spjy")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    window.checklist.table.setFocus()
    window.checklist.table.setCurrentCell(0, 0)
    qtbot.keyClick(window.checklist.table, Qt.Key_4)           # first material: missing
    assert window.draft.check(window.draft.lines[0].key).state == MISSING
    assert not window.outcomes.buttons[ACCEPT].isEnabled()
    assert window.outcomes.buttons[NOTICE].isEnabled()
    qtbot.keyClick(window, Qt.Key_F11)
    settled(qtbot, window)
    assert saved_cases(window) == 1
    with window.ctx.store.session() as s:
        rec = case_repo.load_case(s, window.last_case.number)
    assert rec.outcome == NOTICE
    assert [m.line.name for m in rec.materials if m.check.state == MISSING] == ["食品经营许可申请书"]


def test_gap_gets_a_promised_date_and_accept_with_gaps(qtbot, window):
    window.on_card(Card())
    window.picker.search.insert("个体户开业")
    window.picker.search.textEdited.emit(window.picker.search.text())
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    row = next(n for n, l in enumerate(window.draft.lines) if l.gap_allowed and l.required)
    window.checklist.table.setFocus()
    window.checklist.table.setCurrentCell(row, 0)
    qtbot.keyClick(window.checklist.table, Qt.Key_5)
    check = window.draft.check(window.draft.lines[row].key)
    assert check.state == GAP and check.promised_date > dt.date.today()
    qtbot.keyClick(window, Qt.Key_F10)
    settled(qtbot, window)
    assert saved_cases(window) == 1
    assert "容缺受理" in window.banner.text()


def test_bundle_adds_all_its_items_with_materials_merged(qtbot, window):
    window.on_card(Card())
    window.picker.search.insert("开业一件事")
    window.picker.search.textEdited.emit(window.picker.search.text())
    assert window.picker.results.currentItem().text().startswith("【一件事】")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    assert [i.code for i in window.draft.items] == ["000131128000", "000145001000"]
    names = [l.name for l in window.draft.lines]
    assert names.count("居民身份证") == 1


def test_same_person_again_reuses_contact_and_materials(qtbot, window):
    window.on_card(Card())
    window.applicant.phone.setText("13900001111")
    qtbot.keyClicks(window.picker.search, "spjy")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 1
    window.on_card(Card())
    settled(qtbot, window)                               # the history is read on the writer thread
    assert window.applicant.phone.text() == "13900001111"
    assert window.history.list.count() == 1
    qtbot.keyClicks(window.picker.search, "swbd")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    licence = next(l for l in window.draft.lines if l.name == "营业执照")
    assert window.draft.check(licence.key).state == "reused"


def test_locked_database_keeps_the_form(qtbot, window, monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.on_card(Card())
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    blocker = sqlite_file.connect(window.ctx.store.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(window, Qt.Key_F9)
        assert window.isEnabled() and saved_cases(window) == 0   # the window waits, it does not freeze
        qtbot.waitUntil(lambda: bool(shown), timeout=15000)             # after the busy timeout
    finally:
        blocker.rollback()
        blocker.close()
    assert "占用" in shown[0]
    assert window.applicant.name.text() == "张晓梅" and len(window.draft.items) == 1
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 1


def test_english_ui(qtbot, store):
    ctx = open_context(store.data_dir, Translator("en"))
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    assert w.outcomes.buttons[ACCEPT].text().startswith("Accept")
    assert w.applicant.title() == "Applicant"


def company_applies_for(qtbot, window, initials, credit_code):
    """A company's representative, typed in, asks for the item found by ``initials``; all received."""
    window.applicant.kind.setCurrentIndex(1)
    assert window.applicant.org_name.isVisible()
    window.applicant.name.setText("王五")
    window.applicant.id_number.set_value("11010519491231002X")
    window.applicant.org_name.setText("嘉兴市南湖区某某餐饮有限公司")
    window.applicant.credit_code.setText(credit_code)
    qtbot.keyClicks(window.picker.search, initials)
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)


def test_legal_entity_needs_a_valid_credit_code(qtbot, window):
    company_applies_for(qtbot, window, "spjy", "91350100M000100Y44")
    assert "信用代码校验位" in window.outcomes.status.text()
    assert not window.outcomes.buttons[ACCEPT].isEnabled()
    window.applicant.credit_code.setText("91350100M000100Y43")
    window.applicant.changed.emit()
    assert window.outcomes.buttons[ACCEPT].isEnabled()


def test_item_for_persons_only_is_refused_for_a_company(qtbot, window):
    company_applies_for(qtbot, window, "gtgsh", "91350100M000100Y43")
    assert "仅面向自然人" in window.outcomes.status.text()
    assert not window.outcomes.buttons[ACCEPT].isEnabled()


def test_accepting_archives_the_receipt_and_ctrl_p_prints_it_again(qtbot, store, tmp_path):
    import dataclasses

    from counter_app.gui.app import build_window
    ctx = open_context(store.data_dir, Translator())
    # a PDF-file "printer": Qt's own print path, written where we can read it
    ctx.settings = dataclasses.replace(set_up_station(), printer="")
    w = build_window(ctx)
    qtbot.addWidget(w)
    jobs = []
    w.after_save.insert(0, lambda r: jobs.append(r.number))
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    clerk = Clerk(qtbot, w)
    clerk.place_card(Card())
    clerk.type("gtgsh")
    clerk.key(Qt.Key_Return)
    clerk.key(Qt.Key_F5)
    clerk.key(Qt.Key_F9)
    settled(qtbot, w)
    assert jobs == [w.last_case.number]
    archived = list((store.data_dir / "archive" / w.last_case.number).glob("*.pdf"))
    assert [p.stem for p in archived] == ["receipt"]
    qtbot.waitUntil(lambda: w._print_job.report is not None, timeout=10000)
    first = w._print_job
    if not first.report.ok:
        # no printer on this machine: the clerk is told, and told the case is saved
        from PySide6.QtWidgets import QApplication, QMessageBox

        boxes = [b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()]
        assert boxes and "已保存" in boxes[0].text()
        for b in boxes:
            b.close()
    with qtbot.waitActive(w):
        w.activateWindow()
    qtbot.keyClick(w.focusWidget() or w, Qt.Key_P, Qt.ControlModifier)
    assert w._print_job is not first
    qtbot.waitUntil(lambda: w._print_job.report is not None, timeout=10000)


def test_admin_imports_a_catalog_from_the_window(qtbot, tmp_path, monkeypatch):
    import json

    from PySide6.QtWidgets import QMessageBox

    from counter_app.gui.main_menu import import_catalog_dialog
    from tests.conftest import MINI_CATALOG

    ctx = open_context(tmp_path / "new-station", Translator())
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    assert ctx.catalog is None and "尚未导入事项目录" in w.banner.text()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    bad = tmp_path / "bad.json"
    doc = json.loads(MINI_CATALOG.read_text(encoding="utf-8"))
    doc["items"][0]["kind"] = "whenever"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    op = import_catalog_dialog(w, str(bad))
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert not op.ok and "items[000131128000].kind" in warnings[0]
    op = import_catalog_dialog(w, str(MINI_CATALOG))
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert op.ok
    assert "6 个事项" in w.banner.text()
    qtbot.keyClicks(w.picker.search, "gtgsh")
    assert w.picker.results.count() >= 1


def test_demo_reader_fills_the_form_from_a_simulated_card(qtbot, store):
    import dataclasses

    from counter_app.gui.intake_reader import attach_reader

    ctx = open_context(store.data_dir, Translator())
    ctx.settings = dataclasses.replace(ctx.settings, demo=True, reader="simulator")
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    bridge = attach_reader(w, ctx)
    try:
        sim = bridge.simulator()
        labels = [a.text() for a in w.reader_menu.actions() if a.text()]
        assert any("放置样卡" in t for t in labels)
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            sim.place("resident")
        assert w.applicant.name.text() != ""
        from counter_app.domain import id_number

        assert id_number.check(w.applicant.applicant().id_number).valid
        assert len(w.applicant.id_number.value()) == 18 and "*" in w.applicant.id_number.text()
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            sim.place("expired")
        assert "过期" in w.applicant.card_info.text()
        assert w.applicant.applicant().card_expired
    finally:
        bridge.stop()


def test_a_failure_after_the_commit_never_saves_the_case_twice(qtbot, window, monkeypatch):
    from counter_app.services.catalog_view import CatalogView

    def broken(*_a, **_k):
        raise OSError("disk went away")

    monkeypatch.setattr(CatalogView, "refresh_usage", broken)
    window.on_card(Card())
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 1
    assert window.last_case.number in window.banner.text() and "已保存" in window.banner.text()
    assert window.draft.items == [] and window.applicant.name.text() == ""
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 1


def test_admin_is_warned_before_the_holiday_calendar_runs_out(qtbot, window):
    window.show_banner("")
    window._check_calendar(today=dt.date(2026, 11, 28))
    assert "2027" in window.banner.text() and "节假日" in window.banner.text()
    window.show_banner("")
    window._check_calendar(today=dt.date(2026, 6, 1))
    assert window.banner.text() == ""


def test_start_paints_first_then_reads_the_catalog_and_attaches_the_reader(qtbot, store):
    from counter_app.gui.app import start
    from counter_app.settings import save_settings

    save_settings(store.data_dir, set_up_station())        # else the first-run screen comes first
    _app, w = start(data_dir=store.data_dir)
    qtbot.addWidget(w)
    assert w.isVisible()
    qtbot.waitUntil(lambda: w.ctx.catalog is not None, timeout=5000)
    assert "2026.11.01" in w.catalog_label.text()
    qtbot.keyClicks(w.picker.search, "gtgsh")
    assert w.picker.results.count() >= 1
    # the station's reader is "auto": whatever this machine has, the window says something about it
    qtbot.waitUntil(lambda: getattr(w, "card_bridge", None) is not None, timeout=5000)
    qtbot.waitUntil(lambda: w.reader_status.text() != w.tr_("gui.reader_none"), timeout=10000)
    w.card_bridge.stop()


def test_todays_handover_sheet_from_the_menu(qtbot, window):
    from counter_app.gui.main_menu import handover_dialog

    window.ctx.settings = set_up_station()
    window.on_card(Card())
    qtbot.keyClicks(window.picker.search, "spjy")          # a promised item
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    op = handover_dialog(window)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    dialog = window.handover_preview
    qtbot.addWidget(dialog)
    assert dialog is not None and dialog.isVisible()
    assert "1 件" in window.banner.text()
    assert (window.ctx.data_dir / "archive" / "handover").is_dir()


def test_reprinting_a_case_with_nothing_archived_reports_it(qtbot, store):
    from counter_app.gui.print_jobs import reprint_documents
    from counter_app.settings import StationSettings

    job = reprint_documents(None, StationSettings(), "330402001-W01-20261128-0042", None, Translator(),
                            store.data_dir, show_errors=False)
    with qtbot.waitSignal(job.finished, timeout=5000) as got:
        pass
    report = got.args[0]
    assert not report.ok and report.errors[0].key == "documents.nothing_archived"
    assert "*" not in Translator().error(report.errors[0])


def test_expired_card_is_accepted_only_with_a_supervisors_pin(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from counter_app import supervisors
    from counter_app.gui.outcome_dialogs import SupervisorDialog

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.on_card(Card(expired=True))
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)                  # no supervisor set up at this station
    settled(qtbot, window)
    assert saved_cases(window) == 0 and "尚未设置负责人" in warnings[-1]

    supervisors.add(window.ctx.data_dir, "王科长", "246813", iterations=1000)
    typed = {"pin": "111111"}

    def fake_exec(dialog):
        assert [dialog.name.itemText(i) for i in range(dialog.name.count())] == ["王科长"]
        dialog.pin.setText(typed["pin"])
        return SupervisorDialog.Accepted

    monkeypatch.setattr(SupervisorDialog, "exec", fake_exec)
    qtbot.keyClick(window, Qt.Key_F9)                  # wrong PIN: refused, form kept
    settled(qtbot, window)
    assert saved_cases(window) == 0 and "密码不正确" in warnings[-1]
    assert window.applicant.name.text() == "张晓梅"
    typed["pin"] = "246813"
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 1 and window.last_case.supervisor == "王科长"
