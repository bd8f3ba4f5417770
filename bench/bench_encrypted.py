"""The price of the encrypted database (issue 13): intake commit latency and item search on the
SQLCipher station store against the same on a plain SQLite file, in the same process and disk.

    python bench/bench_encrypted.py [--cases 200] [--queries 400] [--rounds 3] [--dir /path/on/the/disk]

Each side, in alternating rounds, opens a fresh station (mini catalog) and submits ``--cases`` accepted cases through the
real ``submit_intake`` with synchronous=FULL (bench_intake's round), then runs the clerks' queries
(synthetic_catalog.sample_queries) against the catalog view loaded from that store. Targets:
commit ratio ≤ 1.5, search unchanged (the index is in memory). Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_intake import a_keyring, run  # noqa: E402
from bench_search import pct, timed  # noqa: E402
from synthetic_catalog import sample_queries, synthetic_entries  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure (default: a temp folder)")
    a = ap.parse_args()
    a_keyring()
    queries = sample_queries(synthetic_entries(200), a.queries)
    figures = {"cases": a.cases, "queries": a.queries, "rounds": a.rounds}
    commits: dict[str, list[float]] = {"plain": [], "encrypted": []}
    found: dict[str, list[float]] = {"plain": [], "encrypted": []}
    with tempfile.TemporaryDirectory(dir=a.dir) as tmp:
        run(Path(tmp) / "warm-up", "FULL", 10)
        for r in range(a.rounds):            # alternated, so a shared machine's drift falls on both
            for name, encrypted in (("plain", False), ("encrypted", True)):
                views: list = []
                commits[name] += run(Path(tmp) / f"{name}-{r}", "FULL", a.cases, encrypted=encrypted, view_out=views)
                found[name] += timed(views[0].search, queries)
    for name in ("plain", "encrypted"):
        figures.update({f"{name}_commit_p50_ms": round(statistics.median(commits[name]), 2),
                        f"{name}_commit_p99_ms": round(pct(commits[name], 99), 2),
                        f"{name}_search_p99_ms": round(pct(found[name], 99), 3)})
    figures["commit_ratio_p50"] = round(figures["encrypted_commit_p50_ms"] / figures["plain_commit_p50_ms"], 2)
    figures["commit_ratio_p99"] = round(figures["encrypted_commit_p99_ms"] / figures["plain_commit_p99_ms"], 2)
    figures["search_ratio_p99"] = round(figures["encrypted_search_p99_ms"] / figures["plain_search_p99_ms"], 2)
    for name in ("plain", "encrypted"):
        print(f"{name:9}  commit p50 {figures[name + '_commit_p50_ms']} ms  p99 {figures[name + '_commit_p99_ms']} ms"
              f"   search p99 {figures[name + '_search_p99_ms']} ms")
    print(f"ratio encrypted/plain: commit p50 {figures['commit_ratio_p50']}x, p99 {figures['commit_ratio_p99']}x "
          f"(target ≤ 1.5); search p99 {figures['search_ratio_p99']}x (target ~1)")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
