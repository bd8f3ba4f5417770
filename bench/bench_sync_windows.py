"""50 simulated windows pushing at once against the central server on PostgreSQL.

    python bench/bench_sync_windows.py [--windows 50] [--pushes 20] [--workers 2]

A throwaway PostgreSQL cluster (fsync on) and ``counter-central serve --workers N`` in their own
processes on 127.0.0.1. Each simulated window is enrolled (its own device credential) and pushes
``--pushes`` batches of 20 events (10 new cases: the intake event with the case, then the outcome),
each under its own Idempotency-Key, over its own keep-alive connection, all windows at once.

Baseline, same process, same server: one window alone pushing the same kind of batches.
Figures: p50 / p99 latency per push, concurrent and alone, and their ratio. Target: concurrent
p99 under 300 ms on this 2-core machine. Last line: JSON with the figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from bench_sync_replay import free_port, serve  # noqa: E402
from counter_app.central import admin  # noqa: E402
from counter_app.central.database import Database  # noqa: E402
from counter_app.central.pg_harness import Cluster  # noqa: E402
from counter_app.sync.client import transport  # noqa: E402
from tests.central.entries import new_case  # noqa: E402

HALL = "330402001"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Window:
    def __init__(self, db: Database, url: str, number: int) -> None:
        self.code = f"W{number:03d}"
        code, _ = admin.new_enrolment_code(db, hall=HALL, window=self.code)
        token = httpx.post(f"{url}/api/v1/enrol", json={"code": code}).json()["token"]
        # the windows' own transport (counter_app.sync.client): keep-alive, TCP_NODELAY
        self.http = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60,
                                 transport=transport())
        self.next_case = 1
        self.latencies: list[float] = []

    def batch(self) -> list[dict]:
        entries = [e for n in range(self.next_case, self.next_case + 10) for e in new_case(n, window=self.code)]
        self.next_case += 10
        return entries

    def push(self, entries: list[dict]) -> None:
        start = time.perf_counter()
        reply = self.http.post("/api/v1/events", json={"entries": entries},
                               headers={"Idempotency-Key": str(uuid.uuid4())})
        self.latencies.append(time.perf_counter() - start)
        assert reply.status_code == 200 and reply.json()["applied"] == 20, reply.text[:300]

    def run(self, pushes: int, gate: threading.Barrier) -> None:
        batches = [self.batch() for _ in range(pushes)]     # built before the clock starts
        gate.wait()
        for b in batches:
            self.push(b)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--windows", type=int, default=50)
    ap.add_argument("--pushes", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    cluster = Cluster(fsync=True).start()
    cluster.execute("CREATE DATABASE bench")
    url_db = cluster.url("bench")
    db = Database(url_db)
    admin.add_hall(db, HALL, "南湖区政务服务中心")
    port = free_port()
    proc = serve(url_db, port, args.workers)
    url = f"http://127.0.0.1:{port}"
    try:
        alone = Window(db, url, 0)
        for _ in range(3):                                  # warm the connection and the server
            alone.push(alone.batch())
        alone.latencies.clear()
        for _ in range(args.pushes * 2):
            alone.push(alone.batch())
        windows = [Window(db, url, n + 1) for n in range(args.windows)]
        gate = threading.Barrier(args.windows + 1)
        threads = [threading.Thread(target=w.run, args=(args.pushes, gate)) for w in windows]
        for t in threads:
            t.start()
        gate.wait()
        start = time.perf_counter()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        together = [x for w in windows for x in w.latencies]
        counted = len(admin.cases_of_hall(db, HALL))
    finally:
        proc.terminate()
        proc.wait(30)
        db.close()
        cluster.stop()
    expected = 10 * (3 + args.pushes * 2) + 10 * args.windows * args.pushes
    assert counted == expected, (counted, expected)
    figures = {
        "bench": "sync_windows", "windows": args.windows, "pushes_per_window": args.pushes,
        "events_per_push": 20, "server_workers": args.workers,
        "alone_p50_ms": round(statistics.median(alone.latencies) * 1000, 1),
        "alone_p99_ms": round(pct(alone.latencies, 99) * 1000, 1),
        "together_p50_ms": round(statistics.median(together) * 1000, 1),
        "together_p99_ms": round(pct(together, 99) * 1000, 1),
        "events_per_s": round(len(together) * 20 / wall, 1),
    }
    figures["ratio_p99_together_to_alone"] = round(figures["together_p99_ms"] / figures["alone_p99_ms"], 2)
    print(f"one window alone: p50 {figures['alone_p50_ms']} ms, p99 {figures['alone_p99_ms']} ms per push of 20")
    print(f"{args.windows} windows at once: p50 {figures['together_p50_ms']} ms, p99 {figures['together_p99_ms']} ms "
          f"(target p99 < 300 ms); {figures['events_per_s']} events/s")
    print(f"ratio p99 together / alone: {figures['ratio_p99_together_to_alone']}")
    print(f"server holds {counted} cases, as pushed")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
