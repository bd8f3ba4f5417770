"""一证通办 / 历史数据复用: what an earlier case of the same person lets us reuse.

A material the hall *kept* (a copy or an electronic file) in an accepted case of the last
``REUSE_DAYS`` days is reused instead of asked for again. Originals are only inspected and
handed back, so a line that needs the original is never filled from history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, ORIGINAL, RECEIVED_COPY, RECEIVED_ELECTRONIC, REUSED, CaseRecord, MaterialLine,
)

REUSE_DAYS = 180
KEPT_STATES = (RECEIVED_COPY, RECEIVED_ELECTRONIC, REUSED)


@dataclass(frozen=True)
class Reusable:
    key: str
    name: str
    case_number: str
    received_on: dt.date


def reusable_materials(history: list[CaseRecord], *, today: dt.date) -> dict[str, Reusable]:
    """Newest first: material key → the case where the hall received it, and when.

    A material reused again counts from the day it was first handed in, not from the day it was
    reused, so reusing never stretches its validity.
    """
    dates = {c.number: c.created_at.date() for c in history}
    found: dict[str, Reusable] = {}
    for case in sorted(history, key=lambda c: c.created_at, reverse=True):
        if case.outcome not in (ACCEPT, ACCEPT_WITH_GAPS):
            continue
        for m in case.materials:
            if m.check.state not in KEPT_STATES or m.line.key in found:
                continue
            source = m.check.reused_from or case.number
            received = dates.get(source)
            if received is None or (today - received).days > REUSE_DAYS:
                continue
            found[m.line.key] = Reusable(m.line.key, m.line.name, source, received)
    return found


def can_reuse(line: MaterialLine, reusable: dict[str, Reusable]) -> Reusable | None:
    if line.form == ORIGINAL:
        return None
    return reusable.get(line.key)
