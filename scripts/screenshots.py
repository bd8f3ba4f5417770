"""Render the intake screen offscreen in its typical states, for a person to look at.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--lang en]

Writes PNGs of: empty screen, card read + items found, checklist with gaps, after accept.
"""

from __future__ import annotations

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
from counter_app.i18n import Translator  # noqa: E402


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


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lang = "en" if "--lang" in sys.argv and "en" in sys.argv else None
    out = Path(args[0] if args else "shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    data_dir = prepare_demo(Path(tempfile.mkdtemp()), keep=True)
    ctx = open_context(data_dir, Translator(lang))
    w = build_window(ctx, printing=False)
    w.resize(1440, 900)
    w.show()
    w.focus_search()
    app.processEvents()
    suffix = f"_{lang}" if lang else ""
    w.grab().save(str(out / f"intake_1_empty{suffix}.png"))

    w.on_card(DemoCard())
    QTest.keyClicks(w.picker.search, "gtgsh")
    app.processEvents()
    w.grab().save(str(out / f"intake_2_search{suffix}.png"))

    QTest.keyClick(w.picker.search, Qt.Key_Return)
    QTest.keyClicks(w.picker.search, "spjy")
    QTest.keyClick(w.picker.search, Qt.Key_Return)
    w.mark_all_received()
    table = w.checklist
    for row, line in enumerate(w.draft.lines):
        if line.gap_allowed and line.required:
            table.set_state(row, "gap")
            break
    app.processEvents()
    w.grab().save(str(out / f"intake_3_checklist{suffix}.png"))

    w.submit("accept_gaps")
    while w.ctx.ops.pending:                 # saved on the writer thread
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    w.grab().save(str(out / f"intake_4_saved{suffix}.png"))
    print("\n".join(str(p) for p in sorted(out.glob("intake_*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
