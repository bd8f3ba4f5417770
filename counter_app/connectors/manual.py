"""No system to reach (``kind = "manual"``, and every department without a description): the case
goes on the printed handover sheet and its department's answer is entered by hand
(``services.delivery.record_by_hand``). The queue never sends anything for it."""

from __future__ import annotations

from counter_app.connectors.base import Ack, Submission
from counter_app.connectors.description import Description

MANUAL_KIND = "manual"


class ManualConnector:
    kind = MANUAL_KIND
    needs_credentials: tuple[str, ...] = ()

    def __init__(self, desc: Description | None = None) -> None:
        self.desc = desc
        self.name = desc.name if desc else ""
        self.last_latency = 0.0

    def submit(self, sub: Submission) -> Ack:   # pragma: no cover - the queue never calls it
        raise RuntimeError("a manual department is not sent anything")

    def status(self, sub: Submission, reference: str) -> Ack:   # pragma: no cover
        raise RuntimeError("a manual department's status is entered by hand")

    def close(self) -> None:
        pass
