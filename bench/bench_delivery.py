"""Department delivery throughput (issue 9): 1,000 accepted cases across 28 simulated
departments (every HTTP connector kind and auth in turn: none, HMAC, XML + body token, basic,
bearer, OAuth2, SM2/SM3/SM4), delivered by the queue while intake goes on, against posting the same
payloads directly with the same connectors (the same httpx clients) in a loop, in the same run.

    python bench/bench_delivery.py [--cases 1000] [--departments 28]

Figures: delivered cases per second draining a queue of ``--cases`` cases; p50/p99 from a case's
commit to the department's acknowledgement for another ``--cases`` cases committed while the
deliverer runs (intake at full speed beside it); direct posts per second; the ratio
queue/direct of the throughputs. The queue pays for a SQLite transaction (FULL fsync) per acknowledgement with its
case event and outbox row, and gains from one lane per department. Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring  # noqa: E402

from tests.sync.memory_keyring import MemoryKeyring  # noqa: E402  (the PC's own keyring is never touched)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--departments", type=int, default=28)
    args = p.parse_args()
    keyring.set_keyring(MemoryKeyring())

    from sqlalchemy import select

    from counter_app.connectors import credentials
    from counter_app.connectors.base import Submission
    from counter_app.connectors.registry import Registry
    from counter_app.dept_sim import config, descriptions
    from counter_app.dept_sim.runner import SimRunner
    from counter_app.services import delivery_payload
    from counter_app.services.catalog_io import import_catalog
    from counter_app.services.catalog_view import CatalogView
    from counter_app.services.delivery import Deliverer, direct_db
    from counter_app.services.delivery_fixtures import accept_cases, catalog_for
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import StationSettings, save_settings
    from counter_app.store.database import Store
    from counter_app.store.models import DeliveryRow

    tmp = Path(tempfile.mkdtemp(prefix="bench-delivery-"))
    cfg = config.generated(args.departments, statuses=(("01", 0.0),))
    runner = SimRunner(cfg).start()
    data = tmp / "station"
    settings = StationSettings(clerk="c01")
    data.mkdir(parents=True)
    save_settings(data, settings)
    descriptions.write_all(runner.sim, data / "connectors", poll_seconds=3600)
    for system, c in descriptions.credentials(runner.sim).items():
        credentials.save(settings.clerk, system, c)
    store = Store(data)
    import_catalog(store=store, path=catalog_for([(d.code, d.name) for d in cfg.departments], tmp / "cat.json"))
    catalog = CatalogView.load_file(data / "counter.db")
    calendar = load_calendar(data)
    codes = [i.code for i in catalog.catalog.items]
    registry = Registry.for_station(data)

    def run_deliverer(stop: threading.Event, deliverer) -> threading.Thread:
        def work() -> None:
            while not stop.is_set():
                deliverer.kick()
                time.sleep(0.005)
        t = threading.Thread(target=work, daemon=True)
        t.start()
        return t

    def wait_delivered() -> None:
        while True:
            with store.session() as s:
                if s.scalar(select(DeliveryRow.id).where(DeliveryRow.state == "pending").limit(1)) is None:
                    return
            time.sleep(0.01)

    # ---- 1. throughput: the queue holds the cases, then the deliverer drains it
    accept_cases(store=store, settings=settings, catalog=catalog, calendar=calendar, item_codes=codes,
                 count=args.cases, seed=3)
    with store.session() as s:
        drained_ids = set(s.scalars(select(DeliveryRow.id)))
    deliverer = Deliverer(direct_db(store), registry)
    stop = threading.Event()
    t0 = time.perf_counter()
    worker = run_deliverer(stop, deliverer)
    wait_delivered()
    drain_s = time.perf_counter() - t0
    queue_rate = args.cases / drain_s

    # ---- 2. latency: cases committed while the deliverer runs, commit → the department's acknowledgement
    started = time.perf_counter()
    accept_cases(store=store, settings=settings, catalog=catalog, calendar=calendar, item_codes=codes,
                 count=args.cases, seed=4)
    intake_done = time.perf_counter()
    wait_delivered()
    stop.set()
    worker.join()
    deliverer.close()
    with store.session() as s:
        all_rows = list(s.scalars(select(DeliveryRow)))
    rows = [r for r in all_rows if r.id in drained_ids]
    live = [r for r in all_rows if r.id not in drained_ids]
    latencies = sorted((r.delivered_at - r.queued_at).total_seconds() for r in live)
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    counts = runner.counts()
    assert sum(c["distinct"] for c in counts.values()) == 2 * args.cases, counts

    # ---- the baseline: the same payloads, posted directly one after another, same connectors/clients
    with store.session() as s:
        subs = []
        for r in rows:
            values = dict(delivery_payload.values(s, r.case_id, r.department, r.id))
            new_id = str(uuid.uuid4())            # a fresh client id: the department must take it anew
            values["delivery.id"] = new_id
            desc = registry.description(r.department)
            subs.append((registry.connector(r.department),
                         Submission(new_id, r.department, "", values, credentials.load(settings.clerk, desc.system) or {})))
    t0 = time.perf_counter()
    for connector, sub in subs:
        connector.submit(sub)
    direct_s = time.perf_counter() - t0
    direct_rate = len(subs) / direct_s
    registry.close()
    store.close()
    runner.stop()

    print(f"cases {args.cases} across {args.departments} departments (twice: drained, then live)")
    print(f"queue:  {queue_rate:8.1f} delivered/s draining ({drain_s:.2f} s)")
    print(f"live:   commit→ack p50 {p50 * 1000:7.1f} ms   p99 {p99 * 1000:7.1f} ms   while intake took "
          f"{intake_done - started:.2f} s ({args.cases / (intake_done - started):.1f} cases/s)")
    print(f"direct: {direct_rate:8.1f} posts/s      ({direct_s:.2f} s for {len(subs)})")
    print(f"ratio queue/direct: {queue_rate / direct_rate:.2f}")
    print(json.dumps({"cases": args.cases, "departments": args.departments, "delivered_per_s": round(queue_rate, 1),
                      "p50_commit_to_ack_ms": round(p50 * 1000, 1), "p99_commit_to_ack_ms": round(p99 * 1000, 1),
                      "direct_posts_per_s": round(direct_rate, 1),
                      "ratio_queue_to_direct": round(queue_rate / direct_rate, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
