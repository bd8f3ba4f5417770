"""Card placed → record decoded → the bridge's Qt signal, through a real pcscd and vpcd.

    python bench/bench_card_read.py [--placements 30] [--no-bridge]

Needs pcscd and vsmartcard-vpcd (scripts/setup.sh --test) and root for a private pcscd
(see counter_app/cards/pcscd_harness.py). Each placement connects an emulated SAM reader card
(the FF B0 model: text + five photo APDUs) to vpcd after a random pause, so the placements
fall at random points of pcscd's ~0.4 s polling cycle, as a clerk's hand does.

Measured in the same process, same pcscd, same emulated card:

- baseline: placed → a bare loop on SCardGetStatusChange sees the card → SCardConnect →
  one APDU answered. This is the floor any PC/SC application has (mostly pcscd's polling).
- watcher: placed → PcscWatcher has read all six APDUs and decoded and checked the record.
- bridge: placed → CardBridge.card_read delivered on the Qt (GUI) thread: what the intake
  screen's fill-in slot gets.
- decode: decode_record alone, per call.
- "seen" figures start when PC/SC reports the card (pcscd's polling excluded): the baseline's
  connect + one APDU against the watcher's connect + six APDUs + decoding: our own cost.

Ratios are median/median and p95/p95 against the baseline. Target: bridge p95 under 1 s.
Last line: JSON with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The harness must exist before anything touches PC/SC (it sets PCSCLITE_CSOCK_NAME).
from counter_app.cards.pcscd_harness import Pcscd  # noqa: E402

HARNESS = Pcscd()

from counter_app.cards.decode import decode_record  # noqa: E402
from counter_app.cards.events import CardLifted, CardPlaced, ReadFinished, StatusChanged  # noqa: E402
from counter_app.cards.profiles import load_profiles  # noqa: E402
from counter_app.cards.samples import sample  # noqa: E402
from counter_app.cards.vpcd_emulator import VPCD_PROFILE_TOML, SamReaderApplet, VirtualCard  # noqa: E402
from counter_app.cards.watcher import PcscWatcher  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(values_s: list[float]) -> dict:
    ms = [v * 1000 for v in values_s]
    return {"median_ms": round(statistics.median(ms), 1), "p95_ms": round(pct(ms, 95), 1),
            "min_ms": round(min(ms), 1), "max_ms": round(max(ms), 1)}


def new_card(port: int) -> VirtualCard:
    s = sample("resident")
    return VirtualCard(port, SamReaderApplet(s.text, s.photo))


def jitter() -> None:
    time.sleep(random.uniform(0.0, 0.45))   # land anywhere in pcscd's polling cycle


def bench_baseline(n: int, port: int, reader: str) -> tuple[list[float], list[float]]:
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hr == 0, hr
    times, after = [], []
    state = scard.SCARD_STATE_UNAWARE

    def wait(present: bool) -> None:
        nonlocal state
        while True:
            hr, states = scard.SCardGetStatusChange(ctx, 5000, [(reader, state)])
            assert hr == 0, hex(hr & 0xFFFFFFFF)
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            if bool(state & scard.SCARD_STATE_PRESENT) == present:
                return

    wait(False)
    for _ in range(n):
        jitter()
        card = new_card(port)
        t0 = time.perf_counter()
        card.place()
        wait(True)
        seen = time.perf_counter()
        hr, handle, proto = scard.SCardConnect(ctx, reader, scard.SCARD_SHARE_SHARED,
                                               scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        assert hr == 0, hex(hr & 0xFFFFFFFF)
        hr, resp = scard.SCardTransmit(handle, proto, [0xFF, 0xB0, 0x09, 0x00, 0x00])
        t1 = time.perf_counter()
        times.append(t1 - t0)
        after.append(t1 - seen)
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        card.lift()
        wait(False)
    scard.SCardReleaseContext(ctx)
    return times, after


def bench_watcher(n: int, port: int, profiles) -> tuple[list[float], list[float]]:
    events: queue.Queue = queue.Queue()
    w = PcscWatcher(lambda e: events.put((time.perf_counter(), e)), profiles=profiles)
    w.start()

    def until(kind, where=lambda e: True):
        while True:
            t, e = events.get(timeout=10)
            if isinstance(e, kind) and where(e):
                return t, e

    until(StatusChanged, lambda e: e.status.state == "ready")
    times, after = [], []
    for _ in range(n):
        jitter()
        card = new_card(port)
        t0 = time.perf_counter()
        card.place()
        seen, _ = until(CardPlaced)
        t1, e = until(ReadFinished)
        assert e.result.ok, e.result.error_key
        times.append(t1 - t0)
        after.append(t1 - seen)
        card.lift()
        until(CardLifted)
    w.stop()
    return times, after


def bench_bridge(n: int, port: int, profile_dir: str) -> list[float]:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from counter_app.gui.card_bridge import CardBridge
    from counter_app.i18n import Translator
    from counter_app.settings import StationSettings

    app = QCoreApplication.instance() or QCoreApplication([])
    bridge = CardBridge(StationSettings(reader_profile_dirs=(profile_dir,)), Translator())
    arrived: list[float] = []
    lifted: list[float] = []
    bridge.card_read.connect(lambda card: arrived.append(time.perf_counter()))
    bridge.card_lifted.connect(lambda event: lifted.append(time.perf_counter()))

    def spin_until(cond, timeout=10.0):
        deadline = time.monotonic() + timeout
        loop = QEventLoop()
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError
            QTimer.singleShot(5, loop.quit)
            loop.exec()

    bridge.start()
    spin_until(lambda: bridge.status is not None and bridge.status.state == "ready")
    times = []
    for i in range(n):
        jitter()
        card = new_card(port)
        t0 = time.perf_counter()
        card.place()
        spin_until(lambda: len(arrived) > i)
        times.append(arrived[i] - t0)
        card.lift()
        spin_until(lambda: len(lifted) > i)
    bridge.stop()
    del app
    return times


def bench_decode(rounds: int = 2000) -> float:
    s = sample("resident")
    text, photo = s.text, s.photo
    decode_record(text, photo)
    t0 = time.perf_counter()
    for _ in range(rounds):
        decode_record(text, photo)
    return (time.perf_counter() - t0) / rounds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--placements", type=int, default=40)
    ap.add_argument("--no-bridge", action="store_true")
    args = ap.parse_args()
    n = args.placements
    HARNESS.start()
    port, reader = HARNESS.slot_port(0), HARNESS.readers[0]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "vpcd.toml").write_text(VPCD_PROFILE_TOML, encoding="utf-8")
        profiles = load_profiles([tmp])
        baseline, baseline_after = bench_baseline(n, port, reader)
        watcher, watcher_after = bench_watcher(n, port, profiles)
        bridge = None if args.no_bridge else bench_bridge(n, port, tmp)
    HARNESS.close()
    decode_s = bench_decode()

    result = {"bench": "card_read", "placements": n,
              "baseline_placed_to_first_apdu": summary(baseline),
              "watcher_placed_to_decoded": summary(watcher),
              "baseline_seen_to_first_apdu": summary(baseline_after),
              "watcher_seen_to_decoded": summary(watcher_after),
              "decode_us": round(decode_s * 1e6, 1)}
    headline = watcher
    if bridge is not None:
        result["bridge_placed_to_signal"] = summary(bridge)
        headline = bridge
    result["ratio_seen_median"] = round(statistics.median(watcher_after) / statistics.median(baseline_after), 2)
    result["ratio_median"] = round(statistics.median(headline) / statistics.median(baseline), 2)
    result["ratio_p95"] = round(pct(headline, 95) / pct(baseline, 95), 2)
    result["target_p95_ms"] = 1000
    result["meets_target"] = pct(headline, 95) < 1.0

    for name in ("baseline_placed_to_first_apdu", "watcher_placed_to_decoded", "bridge_placed_to_signal",
                 "baseline_seen_to_first_apdu", "watcher_seen_to_decoded"):
        if name in result:
            r = result[name]
            print(f"{name:32s} median {r['median_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms   "
                  f"(min {r['min_ms']:.1f}, max {r['max_ms']:.1f})")
    print(f"{'decode_record alone':32s} {result['decode_us']:.1f} µs per record")
    print(f"ratio to baseline: median {result['ratio_median']}×, p95 {result['ratio_p95']}×; "
          f"target p95 < 1000 ms: {'met' if result['meets_target'] else 'NOT met'}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
