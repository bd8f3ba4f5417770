"""When to try again after a transient failure: capped exponential backoff with full jitter
(AWS Architecture Blog, "Exponential Backoff And Jitter"): the n-th retry waits a random time in
[0, min(cap, base * 2**n)], so windows of a hall coming back after one outage do not all knock at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 1.0
    cap: float = 300.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2 ** min(self.failures, 30))
        self.failures += 1
        return self.rng.uniform(0, ceiling)

    def reset(self) -> None:
        self.failures = 0
