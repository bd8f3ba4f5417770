"""A case event: one thing that happened to a case, written in the same transaction as the case.

Ids are client-generated UUIDv7 (RFC 9562): time-sortable, so a window's events sort in the order
they happened and a resent event is recognised by its id (the outbox and the central server's
unique constraint rely on that). ``uuid6`` provides UUIDv7 for Python < 3.14; it keeps ids
increasing within a process by bumping the millisecond, and the lock here makes that hold across
threads too.

The payload never carries personal data (ID numbers, names, addresses): those stay in the case.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import uuid6

from counter_app.domain.case_status import DEPARTMENT_KINDS, EVENT_KINDS

_lock = threading.Lock()


def new_event_id() -> str:
    with _lock:
        return str(uuid6.uuid7())


@dataclass(frozen=True)
class CaseEvent:
    id: str
    case_id: str
    kind: str                       # one of case_status.EVENT_KINDS or DEPARTMENT_KINDS
    at: dt.datetime                 # station time, as the case's created_at
    clerk: str                      # who
    hall: str                       # where
    window: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS and self.kind not in DEPARTMENT_KINDS:
            raise ValueError(f"unknown case event kind {self.kind!r}")
        object.__setattr__(self, "payload", MappingProxyType(dict(self.payload)))

    @classmethod
    def new(cls, case_id: str, kind: str, *, at: dt.datetime, clerk: str, hall: str, window: str,
            payload: Mapping[str, Any] | None = None) -> CaseEvent:
        return cls(new_event_id(), case_id, kind, at, clerk, hall, window, payload or {})
