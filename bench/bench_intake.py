"""Saving a case: time per intake with synchronous=FULL (what the station uses) against NORMAL,
both in the same process on the same disk.

    python bench/bench_intake.py [--cases 200] [--dir /path/on/the/disk/to/test]

Each round opens a fresh station (mini catalog), then submits ``--cases`` accepted cases through
the real ``submit_intake`` (one transaction each: number, case, materials, events, usage). The
ratio FULL/NORMAL is what the power-cut safety costs per case (issue 14). Last line: JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.domain.case import RECEIVED_ORIGINAL, Applicant, MaterialCheck, merge_materials  # noqa: E402
from counter_app.services.catalog_io import import_catalog  # noqa: E402
from counter_app.services.catalog_view import CatalogView  # noqa: E402
from counter_app.services.holidays import load_calendar  # noqa: E402
from counter_app.services.intake import IntakeRequest, submit_intake  # noqa: E402
from counter_app.settings import StationSettings  # noqa: E402
from counter_app.store import database  # noqa: E402

MINI = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mini_catalog.json"
PERSON = Applicant(name="张三", id_number="11010519491231002X", phone="13800000000", address="北京市朝阳区")
CODE = "000131128000"


def open_store(folder: Path, encrypted: bool = True) -> database.Store:
    """The station's store; ``encrypted=False``: the same on a plain SQLite file (no key), as an
    earlier version had it, for comparison (bench_encrypted)."""
    if encrypted:
        return database.Store(folder)
    from unittest import mock

    with mock.patch("counter_app.store.station_keys.station_key", return_value=None):
        return database.Store(folder)


def a_keyring() -> None:
    """The key's place does not change what SQLCipher costs: on a machine without a usable OS
    keyring (root without D-Bus) the station key is kept in memory for the run."""
    import keyring
    from keyring.backends import fail

    if isinstance(keyring.get_keyring(), fail.Keyring):
        from tests.sync.memory_keyring import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())


def run(folder: Path, mode: str, cases: int, *, encrypted: bool = True, view_out: list | None = None) -> list[float]:
    database.SYNCHRONOUS = mode
    store = open_store(folder, encrypted)
    try:
        import_catalog(store=store, path=MINI)
        view = CatalogView.load(store)
        if view_out is not None:
            view_out.append(view)
        checks = tuple((line.key, MaterialCheck(RECEIVED_ORIGINAL)) for line in merge_materials([view.item(CODE)]))
        request = IntakeRequest(applicant=PERSON, item_codes=(CODE,), checks=checks, outcome="accept")
        settings, calendar = StationSettings(), load_calendar()
        times = []
        for n in range(cases):
            t = time.perf_counter()
            submit_intake(store=store, settings=settings, catalog=view, request=request, calendar=calendar,
                          now=dt.datetime(2026, 11, 27, 9, 0) + dt.timedelta(seconds=n))
            times.append((time.perf_counter() - t) * 1000)
        return times
    finally:
        store.close()
        database.SYNCHRONOUS = "FULL"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure (default: a temp folder)")
    a = ap.parse_args()
    a_keyring()
    with tempfile.TemporaryDirectory(dir=a.dir) as tmp:
        run(Path(tmp) / "warm-up", "FULL", 10)
        normal = run(Path(tmp) / "normal", "NORMAL", a.cases)
        full = run(Path(tmp) / "full", "FULL", a.cases)
    p = lambda xs, q: sorted(xs)[min(len(xs) - 1, int(len(xs) * q))]  # noqa: E731
    figures = {"cases": a.cases, "full_p50_ms": round(statistics.median(full), 2), "full_p99_ms": round(p(full, .99), 2),
               "normal_p50_ms": round(statistics.median(normal), 2), "normal_p99_ms": round(p(normal, .99), 2)}
    figures["ratio_p50"] = round(figures["full_p50_ms"] / figures["normal_p50_ms"], 2)
    print(f"intake, synchronous=FULL:   p50 {figures['full_p50_ms']} ms   p99 {figures['full_p99_ms']} ms")
    print(f"intake, synchronous=NORMAL: p50 {figures['normal_p50_ms']} ms   p99 {figures['normal_p99_ms']} ms")
    print(f"ratio FULL/NORMAL (p50): {figures['ratio_p50']}x over {a.cases} cases each")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
