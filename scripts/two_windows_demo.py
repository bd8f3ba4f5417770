"""Two windows and one embedded central server on one machine: each sees the other's cases after a
sync, and the header's indicator goes offline and back as the server stops and starts.

    python scripts/two_windows_demo.py [OUT_DIR] [--port 8800] [--keep-open]

What it does, as a hall's IT admin would by hand (every step is a real command or the real window):
1. ``counter-central hall add`` / ``clerk add`` (zhang 张敏 and li 李强) on a fresh data folder,
   and ``counter-central serve --data-dir`` in its own process (SQLite, migrating at start);
2. two stations (two data folders): ``catalog import`` the sample catalog, ``enrol`` with a one-time
   code each (W01, W02), ``demo cases`` (3 at W01, 2 at W02) through the real intake service;
3. both windows open (sign-in page: zhang at W01, li at W02), sync by themselves, and their case
   lists (F7, the whole hall) show all five cases — ``OUT_DIR/1-w01-cases.png``, ``1-w02-cases.png``;
4. the server is stopped: W01 accepts one more case at its window (card, ``gtgsh``, Enter, F5, F9);
   both indicators say 离线 (W01 with one entry unsent) — ``2-w01-offline.png``, ``2-w02-offline.png``;
5. the server is started again: both go 在线, and W02's list shows W01's new case —
   ``3-w01-online.png``, ``3-w02-cases.png``. The server's own count is printed at the end.

Offscreen by default (``QT_QPA_PLATFORM=offscreen``); with a display and ``--keep-open`` the two
windows stay open afterwards for the admin to try (stop/start the server with the printed commands).
``scripts/two_windows_demo.sh`` runs it with the project's .venv.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "--keep-open" not in sys.argv:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from counter_app.central.cli import main as central  # noqa: E402
from counter_app.cli import main as app  # noqa: E402

HALL = ("330402001", "南湖区政务服务中心")
CLERKS = {"W01": ("zhang", "张敏", "zhang-demo-1"), "W02": ("li", "李强", "li-demo-22")}
SAMPLE = ROOT / "resources" / "catalog" / "sample_catalog.json"


def say(text: str) -> None:
    print(f"[two windows] {text}", flush=True)


def free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


class Server:
    """``counter-central serve --data-dir`` in its own process."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir, self.port, self.proc = data_dir, port, None

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "counter_app.central.cli", "serve", "--data-dir",
                                      str(self.data_dir), "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while free(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("counter-central serve did not start")
            time.sleep(0.05)
        say(f"server up on http://127.0.0.1:{self.port} (pid {self.proc.pid})")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(20)
        say("server stopped")


def wait(what: str, predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    qapp = QApplication.instance()
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for: {what}")
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def station(base: Path, window: str, url: str) -> Path:
    path = base / window.lower()
    assert app(["catalog", "import", str(SAMPLE), "--data-dir", str(path)]) == 0
    code = subprocess.run([sys.executable, "-m", "counter_app.central.cli", "enrol-code", "--hall", HALL[0],
                           "--window", window, "--data-dir", str(base / "central")],
                          check=True, capture_output=True, text=True).stdout.strip()
    assert app(["enrol", url, code, "--data-dir", str(path)]) == 0
    for key, value in (("hall.phone", "0573-82000001"), ("hall.address", "南湖区广益路1317号（演示）"),
                       ("hall.query_url", "https://zwfw.nanhu.example/q"),
                       ("window_name", f"综合受理{window[-1]}号窗口"), ("clerk", CLERKS[window][0]),
                       ("clerk_name", CLERKS[window][1])):
        assert app(["station", "set", key, value, "--data-dir", str(path)]) == 0
    return path


def open_window(path: Path, window: str):
    from counter_app.gui.app import build_window, open_context
    from counter_app.i18n import Translator

    ctx = open_context(path, Translator("zh_CN"))
    w = build_window(ctx, printing=False)
    w.resize(1366, 768)
    w.show()
    login, _, password = CLERKS[window]
    page = w.clerk_lock.page
    page.login.setText(login)
    page.password.setText(password)
    page._submit()
    wait(f"{login} signed in at {window}", lambda: not w.clerk_lock.covered)
    w.indicator = w.menuBar().findChild(QLabel, "syncIndicator")
    return w


def synced(*windows) -> bool:
    return all(w.indicator.state.online is True and w.indicator.state.pending == 0 and not w.indicator.driver.running
               for w in windows)


def sync_all(*windows, rounds: int = 2) -> None:
    for _ in range(rounds):          # W01 pushes, W02 pushes and pulls, W01 pulls
        for w in windows:
            w.indicator.driver.sync_now()
            wait("a sync round", lambda: synced(w))


def show_cases(w, name: str, out: Path, expect: int) -> None:
    from counter_app.services.lifecycle_view import HALL as WHOLE_HALL

    page = w.screens.show("cases", scope=WHOLE_HALL)      # F7, the whole hall
    wait(f"{expect} cases in the list", lambda: _rows(page) >= expect, timeout=30)
    w.grab().save(str(out / name))
    say(f"{out / name}: {_rows(page)} cases listed")


def _rows(page) -> int:
    table = getattr(page, "table", None)
    return table.rowCount() if table is not None else 0


def accept_one_case(w) -> None:
    from counter_app.cards.decode import decode_record
    from counter_app.cards.samples import samples

    w.screens.back()
    w.raise_()
    w.activateWindow()                               # its keys go to the active window
    wait("W01 active", w.isActiveWindow, timeout=10)
    w.on_card(decode_record(samples()[0].text))      # a sample card, as the reader hands it over
    QTest.keyClicks(w.picker.search, "gtgsh")
    wait("search results", lambda: w.picker.results.count() > 0 if hasattr(w.picker, "results") else True, 10)
    QTest.keyClick(w.picker.search, Qt.Key.Key_Return)
    wait("the item chosen", lambda: bool(w.draft.items), timeout=10)
    QTest.keyClick(w.picker.search, Qt.Key.Key_F5)
    before = w.last_case
    QTest.keyClick(w.picker.search, Qt.Key.Key_F9)
    wait("the case saved", lambda: w.last_case is not before)
    say(f"W01 accepted {w.last_case.number} with the server down")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", type=Path, default=Path("two-windows-demo"))
    ap.add_argument("--port", type=int, default=8800)
    ap.add_argument("--keep-open", action="store_true")
    args = ap.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="two-windows-"))
    say(f"data folders under {base}")
    central_dir = base / "central"
    assert central(["hall", "add", *HALL, "--data-dir", str(central_dir)]) == 0
    for login, name, password in CLERKS.values():
        r = subprocess.run([sys.executable, "-m", "counter_app.central.cli", "clerk", "add", login, "--name", name,
                            "--hall", HALL[0], "--role", "clerk", "--password-stdin", "--data-dir", str(central_dir)],
                           input=password + "\n", text=True, capture_output=True)
        assert r.returncode == 0, r.stderr
    server = Server(central_dir, args.port)
    server.start()
    url = f"http://127.0.0.1:{args.port}"
    w1_dir, w2_dir = station(base, "W01", url), station(base, "W02", url)
    assert app(["demo", "cases", "--count", "3", "--data-dir", str(w1_dir)]) == 0
    assert app(["demo", "cases", "--count", "2", "--data-dir", str(w2_dir)]) == 0

    from counter_app.gui.app import apply_theme

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(qapp)
    w1, w2 = open_window(w1_dir, "W01"), open_window(w2_dir, "W02")
    sync_all(w1, w2)
    show_cases(w1, "1-w01-cases.png", out, 5)
    show_cases(w2, "1-w02-cases.png", out, 5)

    server.stop()
    accept_one_case(w1)
    for w in (w1, w2):
        w.indicator.driver.sync_now()
    wait("both offline", lambda: w1.indicator.state.online is False and w2.indicator.state.online is False)
    wait("W01's new case unsent", lambda: w1.indicator.state.pending > 0)
    w1.grab().save(str(out / "2-w01-offline.png"))
    w2.grab().save(str(out / "2-w02-offline.png"))
    say(f"offline: W01 says {w1.indicator.text()!r}; W02 says {w2.indicator.text()!r}")

    server.start()
    for w in (w1, w2):
        w.indicator.driver.backoff.reset()
    sync_all(w1, w2)
    w1.grab().save(str(out / "3-w01-online.png"))
    show_cases(w2, "3-w02-cases.png", out, 6)
    say(f"online again: W01 says {w1.indicator.text()!r}; W02 says {w2.indicator.text()!r}")
    subprocess.run([sys.executable, "-m", "counter_app.central.cli", "cases", "--hall", HALL[0],
                    "--data-dir", str(central_dir)], check=True)
    if args.keep_open:
        say(f"stop the server: kill {server.proc.pid}; start it again: counter-central serve --data-dir "
            f"{central_dir} --port {args.port}")
        qapp.exec()
    for w in (w1, w2):
        w.indicator.driver.stop()
        w.close()
    server.stop()
    say(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
