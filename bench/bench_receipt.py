"""Receipt generation: median time per receipt, against a bare reportlab page with one line of text.

    python bench/bench_receipt.py [--rounds 60] [--paper 80mm]

Both are measured in the same process after a warm-up (font registered, modules imported),
so the ratio says what our layout, wrapping, Code 128 and QR cost on top of reportlab
writing a PDF at all. The receipt is the demanding sample (three long items, nine materials,
a 容缺 material, an agent, a posted result). Last line: JSON with the figures.
Target: under 40 ms per receipt. reportlab's C accelerator (``reportlab[accel]``, i.e. rl_accel)
saves about a fifth; ``rl_accel`` in the JSON says whether it was active.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.pdfgen import canvas  # noqa: E402

from counter_app.documents import DocContext, render  # noqa: E402
from counter_app.documents.sample import sample_case  # noqa: E402
from counter_app.settings import StationSettings  # noqa: E402

TARGET_MS = 40.0


def bare_page() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 10)
    c.drawString(72, 720, "OneWindow Counter receipt")
    c.showPage()
    c.save()
    return buf.getvalue()


def _accelerated() -> bool:
    try:
        import _rl_accel  # noqa: F401
    except ImportError:
        return False
    return True


def timed(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=60)
    ap.add_argument("--paper", default="80mm", choices=["a4", "80mm", "58mm"])
    args = ap.parse_args()

    ctx = DocContext.from_settings(StationSettings(), now=dt.datetime(2026, 11, 27, 16, 0))
    # a fresh case number each round so no cache serves a previous QR or barcode
    records = [sample_case(seq=n) for n in range(1, args.rounds + 6)]
    it = iter(records)

    t0 = time.perf_counter()
    render("receipt", next(it), ctx, paper=args.paper)        # first receipt: font load, imports
    first_ms = (time.perf_counter() - t0) * 1000
    for _ in range(3):
        render("receipt", next(it), ctx, paper=args.paper)
        bare_page()

    receipt = timed(lambda: render("receipt", next(it), ctx, paper=args.paper), args.rounds)
    bare = timed(bare_page, args.rounds)
    med, bare_med = statistics.median(receipt), statistics.median(bare)
    figures = {
        "bench": "receipt", "paper": args.paper, "rounds": args.rounds,
        "receipt_median_ms": round(med, 2), "receipt_p90_ms": round(sorted(receipt)[int(0.9 * len(receipt))], 2),
        "first_receipt_ms": round(first_ms, 1),
        "bare_page_median_ms": round(bare_med, 3), "ratio_to_bare_page": round(med / bare_med, 1),
        "target_ms": TARGET_MS, "meets_target": med < TARGET_MS, "rl_accel": _accelerated(),
    }
    print(f"receipt ({args.paper}) median {med:.1f} ms (p90 {figures['receipt_p90_ms']} ms, first {first_ms:.0f} ms); "
          f"bare reportlab page {bare_med:.2f} ms; ratio {figures['ratio_to_bare_page']}x; target < {TARGET_MS} ms")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
