"""Item search over a 10,000-item catalog: p50 and p99 per query, against a plain substring scan.

    python bench/bench_search.py [--items 10000] [--queries 400]

The queries are what clerks type (``synthetic_catalog.sample_queries``), a fifth of them the
one- or two-character first keystrokes that every search starts with. Last line: JSON with
the figures. Target: p99 under 5 ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_catalog import sample_queries, synthetic_entries  # noqa: E402

from counter_app.domain.search import SearchIndex  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, queries, rounds=3) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=400)
    a = ap.parse_args()
    t = time.perf_counter()
    entries = synthetic_entries(a.items)
    build_keys_s = time.perf_counter() - t
    t = time.perf_counter()
    index = SearchIndex(entries, {e.code: (i % 13) for i, e in enumerate(entries[:500])})
    build_index_ms = (time.perf_counter() - t) * 1000
    queries = sample_queries(entries, a.queries)
    names = [e.name for e in entries]

    def baseline(q: str):
        return [n for n in names if q in n]

    found = sum(1 for q in queries if index.search(q, 20))
    ours = timed(lambda q: index.search(q, 20), queries)
    base = timed(baseline, queries)
    # a pasted page: the text box's maximum and a million characters (capped at MAX_QUERY)
    pasted = {}
    for size in (32_767, 1_000_000):
        t = time.perf_counter()
        index.search(("个体工商户设立登记 " * (size // 10 + 1))[:size], 20)
        pasted[size] = (time.perf_counter() - t) * 1000
    figures = {
        "pasted_32767_ms": round(pasted[32_767], 2), "pasted_1000000_ms": round(pasted[1_000_000], 2),
        "items": len(entries), "queries": len(queries), "found_share": round(found / len(queries), 3),
        "p50_ms": round(pct(ours, 50), 3), "p99_ms": round(pct(ours, 99), 3),
        "baseline_p50_ms": round(pct(base, 50), 3), "baseline_p99_ms": round(pct(base, 99), 3),
        "ratio_p50": round(pct(ours, 50) / pct(base, 50), 2), "ratio_p99": round(pct(ours, 99) / pct(base, 99), 2),
        "index_build_ms": round(build_index_ms, 1), "pinyin_keys_s": round(build_keys_s, 2),
        "target_p99_ms": 5.0,
    }
    print(f"catalog: {figures['items']} items, {figures['queries']} queries ({figures['found_share']:.0%} found)")
    print(f"search:            p50 {figures['p50_ms']:.3f} ms   p99 {figures['p99_ms']:.3f} ms")
    print(f"substring baseline: p50 {figures['baseline_p50_ms']:.3f} ms   p99 {figures['baseline_p99_ms']:.3f} ms")
    print(f"ratio to baseline: p50 {figures['ratio_p50']}x   p99 {figures['ratio_p99']}x")
    print(f"index build {figures['index_build_ms']} ms; pinyin keys (at import) {figures['pinyin_keys_s']} s")
    print(f"pasted query: 32,767 chars {figures['pasted_32767_ms']} ms; 1,000,000 chars "
          f"{figures['pasted_1000000_ms']} ms (ratio to p50 {round(pasted[1_000_000] / pct(ours, 50), 1)}x)")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
