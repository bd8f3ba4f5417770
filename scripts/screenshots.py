"""Render the intake screen offscreen in its typical states, for a person to look at.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--lang zh|en|all] [--size 1366x768 ...]

By default every state at 1366×768 and 1920×1080, in Chinese and English:
``OUT_DIR/intake_<size>_<lang>_<n>_<state>.png``. States: empty screen, card read + items found,
checklist with a 容缺 paper, the 不予受理 dialog, saved with the receipt previewed beside the
form, the next applicant begun, a foreign permanent-resident card read, the same applicant filing
the same item again the same day. Then the other screens' states (``screenshots_<lane>.py``): the
applicant's screen (``customer_*``) and the supervisor's view (``supervision_*``) among them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from counter_app.gui.app import apply_theme, build_window, open_context, prepare_demo  # noqa: E402
from counter_app.gui.qt_language import install_qt_translations  # noqa: E402
from counter_app.i18n import Translator  # noqa: E402

SIZES = ((1366, 768), (1920, 1080))
LANGS = ("zh_CN", "en")


@dataclass(frozen=True)
class DemoCard:
    name: str = "张晓梅"
    sex: str = "女"
    ethnicity: str = "汉"
    birth_date: dt.date = dt.date(1985, 3, 12)
    address: str = "浙江省嘉兴市南湖区解放街道中山路123号3幢2单元501室"
    id_number: str = "330402198503120029"
    valid_until: dt.date | None = dt.date(2035, 6, 1)
    card_type: str = "resident"
    expired: bool = False
    photo: bytes | None = b"\x00" * 1024


def foreign_card():
    from counter_app.cards.decode import decode_record
    from counter_app.cards.samples import sample

    s = sample("foreign_2017")
    return decode_record(s.text, s.photo)


def settle(app, seconds: float = 0.0) -> None:
    """Let Qt lay out and paint; the PDF preview renders its pages on a thread, so give it time."""
    import time

    end = time.monotonic() + seconds
    while True:
        app.processEvents()
        if time.monotonic() >= end:
            break
        time.sleep(0.02)


def wait_ops(app, w) -> None:
    """Until the window's background operations (saving, history) have reported back."""
    while w.ctx.ops.pending:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def shoot(app, w, out: Path, stem: str, n: int, state: str) -> Path:
    settle(app, 0.6 if w.preview_dock is not None and w.preview_dock.isVisible() else 0.15)
    path = out / f"{stem}_{n}_{state}.png"
    w.grab().save(str(path))
    return path


def render_states(app, data_dir: Path, lang: str, size: tuple[int, int], out: Path) -> list[Path]:
    tr = Translator(lang)
    translator = install_qt_translations(app, tr.language)
    ctx = open_context(data_dir, tr)
    w = build_window(ctx)                  # demo station without a printer: documents are previewed
    w.resize(*size)
    w.show()
    w.focus_search()
    stem = f"intake_{size[0]}x{size[1]}_{'zh' if lang == 'zh_CN' else 'en'}"
    shots = [shoot(app, w, out, stem, 1, "empty")]

    w.on_card(DemoCard())
    QTest.keyClicks(w.picker.search, "dj")              # 登记: many results, in whole rows
    shots.append(shoot(app, w, out, stem, 2, "search"))

    w.picker.search.clear()
    QTest.keyClicks(w.picker.search, "gtgsh")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    QTest.keyClicks(w.picker.search, "spjy")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    w.mark_all_received()
    for row, line in enumerate(w.draft.lines):
        if line.gap_allowed and line.required:
            w.checklist.set_state(row, "gap")
            break
    shots.append(shoot(app, w, out, stem, 3, "checklist"))

    from counter_app.gui.outcome_dialogs import RejectDialog

    dialog = RejectDialog(tr, w)
    dialog.show()
    QTest.keyClick(dialog.reason, Qt.Key_Tab)
    settle(app)
    path = out / f"{stem}_4_reject_dialog.png"
    dialog.grab().save(str(path))
    shots.append(path)
    dialog.close()

    w.submit("accept_gaps")
    wait_ops(app, w)                         # saved on the writer thread
    shots.append(shoot(app, w, out, stem, 5, "saved_preview"))

    QTest.keyClicks(w.picker.search, "swdj")
    shots.append(shoot(app, w, out, stem, 6, "next_begun"))

    QTest.keyClick(w.picker.search, Qt.Key_Escape)     # clears the search
    QTest.keyClick(w.picker.search, Qt.Key_Escape)     # closes the preview
    w.on_card(foreign_card())
    QTest.keyClicks(w.picker.search, "gtgsh")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    shots.append(shoot(app, w, out, stem, 7, "foreign_card"))

    w.new_intake()
    w.on_card(DemoCard())                               # the applicant of state 5, the same item again
    wait_ops(app, w)
    QTest.keyClicks(w.picker.search, "gtgsh")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    shots.append(shoot(app, w, out, stem, 8, "same_day_repeat"))

    w.new_intake()
    w.close()
    w.deleteLater()
    if translator is not None:
        app.removeTranslator(translator)
    return shots


def open_window(app, data_dir: Path, lang: str, size: tuple[int, int]):
    """A demo station's window at ``size`` in ``lang``; ``finish(w)`` closes it again."""
    tr = Translator(lang)
    translator = install_qt_translations(app, tr.language)
    w = build_window(open_context(data_dir, tr))
    w.resize(*size)
    w.show()
    w.focus_search()

    def finish(w) -> None:
        w.close()
        w.deleteLater()
        if translator is not None:
            app.removeTranslator(translator)

    return w, finish


def other_screens(app, lang: str, size: tuple[int, int], out: Path) -> list[Path]:
    """The screens other lanes add, each on a fresh demo station."""
    import screenshots_cases
    import screenshots_departments
    import screenshots_evaluation
    import screenshots_issuing
    import screenshots_signin

    shots = []
    for module in (screenshots_issuing, screenshots_cases, screenshots_evaluation, screenshots_departments,
                   screenshots_signin):
        data_dir = prepare_demo(Path(tempfile.mkdtemp()), keep=True)
        shots += module.render_states(app, data_dir, lang, size, out, shoot=shoot, wait_ops=wait_ops,
                                      open_window=lambda d, lg, sz: open_window(app, d, lg, sz))
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("--lang", choices=("zh", "en", "all"), default="all")
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT (repeatable)")
    args = parser.parse_args()
    langs = LANGS if args.lang == "all" else (("zh_CN",) if args.lang == "zh" else ("en",))
    sizes = [tuple(int(v) for v in s.lower().split("x")) for s in args.size] if args.size else SIZES
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    shots = []
    for lang in langs:
        for size in sizes:
            data_dir = prepare_demo(Path(tempfile.mkdtemp()), keep=True)
            shots += render_states(app, data_dir, lang, size, out)
            shots += other_screens(app, lang, size, out)
    print("\n".join(str(p) for p in shots))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
