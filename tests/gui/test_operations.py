"""The background-operation helper: one writer thread with the store, a network pool, callbacks
on the GUI thread."""

import threading

import pytest

from tests.gui.test_intake_window import window  # noqa: F401 (fixture)

from counter_app.gui.operations import Operations


@pytest.fixture
def ops(qtbot, tmp_path):
    o = Operations(tmp_path / "station")
    yield o
    o.shutdown()


def test_writes_run_on_the_writer_thread_and_callbacks_on_the_gui_thread(qtbot, ops):
    seen = {}

    def work(store):
        seen["worker"] = threading.current_thread().name
        with store.session() as s:
            return s.connection().exec_driver_sql("SELECT count(*) FROM case_record").scalar()

    op = ops.write(work).success(lambda n: seen.update(n=n, callback=threading.current_thread()))
    assert not op.done                                  # returned at once
    qtbot.waitUntil(lambda: "n" in seen, timeout=10000)
    assert seen["worker"].startswith("db-writer")
    assert seen["callback"] is threading.main_thread() and seen["n"] == 0


def test_the_store_is_created_and_migrated_on_the_writer_not_the_gui_thread(qtbot, tmp_path, monkeypatch):
    from counter_app.store import database

    where = []
    real = database.upgrade
    monkeypatch.setattr(database, "upgrade", lambda *args: (where.append(threading.current_thread().name),
                                                            real(*args)))
    o = Operations(tmp_path / "fresh")
    try:
        op = o.write(lambda store: store.path.exists())
        qtbot.waitUntil(lambda: op.done, timeout=20000)
        assert op.result is True and where and where[0].startswith("db-writer")
    finally:
        o.shutdown()


def test_a_failure_reaches_the_failure_callback_and_the_next_op_still_runs(qtbot, ops):
    from counter_app.errors import UserError

    failures, results = [], []

    def broken(store):
        raise UserError("store.locked")

    ops.write(broken).success(results.append).failure(failures.append)
    ops.write(lambda store: "after").success(results.append)
    qtbot.waitUntil(lambda: results == ["after"], timeout=10000)
    assert [f.key for f in failures] == ["store.locked"]


def test_a_callback_attached_after_the_op_settled_still_runs_once(qtbot, ops):
    op = ops.write(lambda store: 42)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    got = []
    op.success(got.append)
    qtbot.waitUntil(lambda: got == [42], timeout=2000)
    op.success(got.append)                              # already called: not again
    qtbot.wait(50)
    assert got == [42]


def test_network_work_does_not_wait_for_a_busy_writer(qtbot, ops):
    release = threading.Event()
    order = []
    ops.write(lambda store: release.wait(10)).success(lambda _: order.append("write"))
    ops.network(lambda: threading.current_thread().name).success(order.append)
    qtbot.waitUntil(lambda: len(order) == 1, timeout=10000)
    assert order[0].startswith("network")               # done while the writer is still busy
    release.set()
    qtbot.waitUntil(lambda: len(order) == 2, timeout=10000)
    assert order[1] == "write"


def test_the_window_shows_first_and_the_new_database_is_made_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    from counter_app.gui.app import start
    from counter_app.store import database

    where = []
    real = database.upgrade
    monkeypatch.setattr(database, "upgrade", lambda *args: (where.append(threading.current_thread().name),
                                                            real(*args)))
    from counter_app.settings import save_settings
    from tests.conftest import set_up_station

    save_settings(tmp_path / "new-station", set_up_station())      # else the first-run screen comes first
    _app, w = start(data_dir=tmp_path / "new-station")
    qtbot.addWidget(w)
    assert w.isVisible() and where == []                # shown before anything touched the database
    qtbot.waitUntil(lambda: not w.loading, timeout=20000)
    assert where and where[0].startswith("db-writer")
    assert "尚未导入事项目录" in w.banner.text()        # a new station: no catalog yet, said so
    qtbot.waitUntil(lambda: getattr(w, "card_bridge", None) is not None, timeout=5000)
    w.card_bridge.stop()


def test_f9_pressed_again_while_saving_saves_one_case(qtbot, window):
    from PySide6.QtCore import Qt

    from tests.gui.test_intake_window import Card, saved_cases, settled

    window.on_card(Card())
    settled(qtbot, window)
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)
    qtbot.keyClick(window, Qt.Key_F9)                   # impatient: before the first one is committed
    settled(qtbot, window)
    assert saved_cases(window) == 1 and "已受理" in window.banner.text()


def test_a_screen_closed_while_its_op_runs_gets_no_callback_and_the_write_stays(qtbot, ops):
    """The clerk closes a screen while its save is on the writer: the save is committed, and the
    callback that would touch the deleted widgets is not run (no 'C++ object already deleted')."""
    import shiboken6
    from PySide6.QtWidgets import QLabel

    gate = threading.Event()
    label = QLabel()
    seen = []

    def work(store):
        gate.wait(5)
        with store.session() as s:
            s.connection().exec_driver_sql("CREATE TABLE kept (x)")
            s.commit()
        return "saved"

    op = ops.write(work, owner=label).success(seen.append)     # a real one would touch the label
    shiboken6.delete(label)                          # the window went, as a closed screen's widgets do
    gate.set()
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert seen == [] and op.ok
    with ops.store().session() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM kept").scalar() == 0   # the table exists
