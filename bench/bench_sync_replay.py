"""10,000 cases made offline at one window, then replayed to the central server over loopback HTTP.

    python bench/bench_sync_replay.py [--cases 10000] [--postgres]

Setup (not timed): a station takes ``--cases`` cases through the real intake service
(``demo cases``), so its outbox holds two events per case. The server is ``counter-central
serve`` in its own process on 127.0.0.1 (embedded SQLite, or ``--postgres`` a throwaway cluster).

Timed:
- replay: ``sync_once`` — the outbox pushed in batches of 200 with Idempotency-Keys, every reply
  settled in the window's database, then the (empty) pull.
- baseline, same process, same database kind, a fresh database: the same case, event and change
  rows inserted directly with SQLAlchemy in one transaction (no HTTP, no per-entry checks, no
  outbox bookkeeping) — the floor.

Ratio: replay rate / direct rate. Target: at least 0.25. Last line: JSON with the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from counter_app.central import admin  # noqa: E402
from counter_app.central.database import Database  # noqa: E402
from counter_app.central.models import Case, CaseChange, CaseEvent  # noqa: E402
from counter_app.cli import main as app_main  # noqa: E402

HALL = "330402001"
MINI_CATALOG = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mini_catalog.json"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int, workers: int = 1) -> subprocess.Popen:
    """``counter-central serve`` in its own process(es); returns once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "counter_app.central.cli", "serve", "--database-url", url,
                             "--port", str(port), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def make_station(url: str) -> str:
    db = Database(url)
    admin.add_hall(db, HALL, "南湖区政务服务中心")
    code, _ = admin.new_enrolment_code(db, hall=HALL, window="W01")
    db.close()
    return code


def entries_of(store) -> list[dict]:
    """The rows the replay sent, read back for the direct baseline."""
    from sqlalchemy import select

    from counter_app.store.models import OutboxRow
    from counter_app.sync.engine import _entries

    with store.session() as s:
        ids = list(s.scalars(select(OutboxRow.event_id).order_by(OutboxRow.event_id)))
        return _entries(s, ids)


def direct_insert(url: str, entries: list[dict]) -> float:
    from counter_app.central.database import utcnow
    from counter_app.central.push import _time, entry_digest

    db = Database(url)
    admin.add_hall(db, HALL, "南湖区政务服务中心")
    now = utcnow()
    cases = [dict(id=e["case_id"], number=e["case"]["number"], hall_code=HALL, window_code=e["case"]["window"],
                  clerk=e["case"].get("clerk", ""), status=e["case"]["status"],
                  created_at=_time(e["case"]["created_at"], now), data=e["case"], created_by=e["id"],
                  last_event=e["id"]) for e in entries if "case" in e]
    events = [dict(id=e["id"], case_id=e["case_id"], hall_code=HALL, device_id="d", kind=e["kind"],
                   payload=e["payload"], clerk=e["clerk"], window_code=e["window"], occurred_at=e["at"],
                   received_at=now, digest=entry_digest(e)) for e in entries]
    changes = [dict(txid=0, hall_code=HALL, case_id=e["case_id"], event_id=e["id"]) for e in entries]
    start = time.perf_counter()
    with db.transaction() as s:
        s.execute(Case.__table__.insert(), cases)
        s.execute(CaseEvent.__table__.insert(), events)
        s.execute(CaseChange.__table__.insert(), changes)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--postgres", action="store_true", help="server on a throwaway PostgreSQL cluster")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-replay-"))
    cluster = None
    if args.postgres:
        from counter_app.central.pg_harness import Cluster

        cluster = Cluster(fsync=True).start()
        for name in ("replay", "direct"):
            cluster.execute(f"CREATE DATABASE {name}")
        server_url, direct_url = cluster.url("replay"), cluster.url("direct")
    else:
        server_url, direct_url = f"sqlite:///{tmp / 'replay.db'}", f"sqlite:///{tmp / 'direct.db'}"
    station = tmp / "station"
    code = make_station(server_url)
    port = free_port()
    proc = serve(server_url, port)
    try:
        app_main(["catalog", "import", str(MINI_CATALOG), "--data-dir", str(station)])
        app_main(["enrol", f"http://127.0.0.1:{port}", code, "--data-dir", str(station)])
        t0 = time.perf_counter()
        app_main(["demo", "cases", "--count", str(args.cases), "--days-back", "1", "--seed", "1",
                  "--data-dir", str(station)])
        print(f"setup: {args.cases} cases through the intake service in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        from counter_app.store.database import Store
        from counter_app.sync.engine import sync_once
        from counter_app.sync.session import open_client

        store = Store(station)
        entries = entries_of(store)
        _, client = open_client(station)
        start = time.perf_counter()
        report = sync_once(store, client)
        replay = time.perf_counter() - start
        client.close()
        store.close()
    finally:
        proc.terminate()
        proc.wait(30)
    assert report.pushed == 2 * args.cases and report.pending == 0, report
    direct = direct_insert(direct_url, entries)
    if cluster is not None:
        cluster.stop()
    replay_rate, direct_rate = args.cases / replay, args.cases / direct
    ratio = replay_rate / direct_rate
    kind = "postgresql" if args.postgres else "sqlite"
    print(f"server database: {kind}; {args.cases} cases, {len(entries)} events")
    print(f"replay over loopback HTTP: {replay:.2f} s, {replay_rate:.0f} cases/s")
    print(f"direct SQLAlchemy insert, one transaction: {direct:.2f} s, {direct_rate:.0f} cases/s")
    print(f"ratio replay/direct: {ratio:.2f} (target >= 0.25)")
    print(json.dumps({"bench": "sync_replay", "database": kind, "cases": args.cases, "events": len(entries),
                      "replay_s": round(replay, 3), "replay_cases_per_s": round(replay_rate, 1),
                      "direct_s": round(direct, 3), "direct_cases_per_s": round(direct_rate, 1),
                      "ratio": round(ratio, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
