"""Each department's link as the health panel and ``counter-app departments status`` show it:
reachable / slow / down / credentials rejected / answering garbage / refusing cases, or manual
(no system), with its queue depth and the oldest case still waiting."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import select

from counter_app.connectors.registry import Registry
from counter_app.store import delivery as queue
from counter_app.store.models import DepartmentRow

REACHABLE, SLOW, DOWN, CREDENTIALS, NO_CREDENTIALS, GARBAGE, REFUSED, MANUAL, UNTRIED = (
    "reachable", "slow", "down", "credentials_rejected", "credentials_missing", "garbage", "refusing", "manual",
    "untried")
STATES = (REACHABLE, SLOW, DOWN, CREDENTIALS, NO_CREDENTIALS, GARBAGE, REFUSED, MANUAL, UNTRIED)
TROUBLE = (DOWN, CREDENTIALS, NO_CREDENTIALS, GARBAGE, REFUSED)
_FROM_FAILURE = {"down": DOWN, "credentials": CREDENTIALS, "garbage": GARBAGE, "refused": REFUSED}


@dataclass(frozen=True)
class DepartmentHealth:
    department: str
    name: str
    system: str                 # the description's name ("" without one)
    kind: str                   # connector kind, "manual" without a description
    state: str                  # one of STATES
    waiting: int
    parked: int
    manual: int
    delivered: int
    done: int
    oldest_case: str
    oldest_at: dt.datetime | None
    reason: str                 # message key of the last failure or parking
    latency_ms: int
    last_ok_at: dt.datetime | None

    def as_json(self) -> dict:
        d = asdict(self)
        for k in ("oldest_at", "last_ok_at"):
            d[k] = d[k].isoformat(timespec="seconds") if d[k] else None
        return d


def health(store, registry: Registry) -> list[DepartmentHealth]:
    with store.session() as s:
        names = {r.code: r.name for r in s.scalars(select(DepartmentRow))}
        queues = {q.department: q for q in queue.queues(s)}
    depts = list(dict.fromkeys([*(d for desc in registry.descriptions for d in desc.departments), *queues]))
    out = []
    for dept in depts:
        desc = registry.description(dept)
        q = queues.get(dept)
        kind = desc.kind if desc else "manual"
        if kind == "manual":
            state = MANUAL
        elif q is None or q.last_try_at is None:
            state = UNTRIED
        elif q.failure:
            state = _FROM_FAILURE.get(q.failure, DOWN)
            if state == CREDENTIALS and q.reason != "departments.credentials_rejected":
                state = NO_CREDENTIALS      # none entered (or no keyring): the clerk's to do, not refused
        else:
            state = SLOW if q.slow else REACHABLE
        if state in (REACHABLE, SLOW, UNTRIED) and q is not None and q.parked and q.parked_reason == \
                "departments.credentials_rejected":
            state = CREDENTIALS
        out.append(DepartmentHealth(
            dept, names.get(dept, dept), desc.name if desc else "", kind, state,
            q.waiting if q else 0, q.parked if q else 0, q.manual if q else 0, q.delivered if q else 0,
            q.done if q else 0, q.oldest_case if q else "", q.oldest_waiting if q else None,
            (q.reason or q.parked_reason) if q else "", q.latency_ms if q else 0, q.last_ok_at if q else None))
    # the ones needing attention first, then those with cases waiting, then the catalog's order
    return sorted(out, key=lambda h: (h.state not in TROUBLE, not (h.waiting or h.parked)))
