"""A 交接 batch as screens and sheets see it, and what confirming it means.

The back office confirms a batch by scanning its sheet (the whole stack taken) or by scanning
each case's file. Confirmed with some cases scanned, the cases not scanned are missing from the
batch (缺件) and the batch is ``incomplete``; with none scanned, the sheet's barcode stands for
all of them. Scanning the last unscanned case confirms the batch at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# batch states
SENT = "sent"                  # 待接收: the sheet is printed, the back office has not confirmed
RECEIVED = "received"          # 已接收: every case confirmed
INCOMPLETE = "incomplete"      # 缺件: confirmed, some cases were not in the stack
BATCH_STATES = (SENT, RECEIVED, INCOMPLETE)

# a case's state on its batch
CASE_SENT = "sent"
CASE_RECEIVED = "received"
CASE_MISSING = "missing"


@dataclass(frozen=True)
class BatchCase:
    case_id: str
    number: str
    items: tuple[str, ...]                 # the names of this department's items
    applicant: str = field(repr=False)     # name (person or company): masked on screen
    promised_date: dt.date | None
    state: str = CASE_SENT
    scanned: bool = False


@dataclass(frozen=True)
class Batch:
    code: str
    department: str
    department_name: str
    day: dt.date
    slot: str
    state: str
    created_at: dt.datetime
    clerk: str
    window: str
    cases: tuple[BatchCase, ...]
    confirmed_at: dt.datetime | None = None
    confirmed_by: str = ""

    @property
    def missing(self) -> tuple[BatchCase, ...]:
        return tuple(c for c in self.cases if c.state == CASE_MISSING)

    @property
    def scanned(self) -> int:
        return sum(1 for c in self.cases if c.scanned)

    @property
    def confirmed(self) -> bool:
        return self.state != SENT

    def case(self, number: str) -> BatchCase | None:
        return next((c for c in self.cases if c.number == number), None)


def outcome_of(scanned: list[bool]) -> tuple[str, list[str]]:
    """Batch state and each case's state when the batch is confirmed with these cases scanned."""
    if not any(scanned):                   # the sheet's code: the whole stack
        return RECEIVED, [CASE_RECEIVED] * len(scanned)
    states = [CASE_RECEIVED if s else CASE_MISSING for s in scanned]
    return (RECEIVED if all(scanned) else INCOMPLETE), states
