"""What every connector offers, and the classified ways it can fail (DESIGN.md rule 5).

``submit`` hands one case to the department and returns its acknowledgement (the department's
reference number and first status); ``status`` asks where a case stands now. Both take a
:class:`Submission` whose ``delivery_id`` is client-generated and sent with every attempt, so a
retry after a crash is recognised by the department as the same case (idempotency).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

# failure classes: what the delivery queue does with them
DOWN = "down"                  # no connection, timeout, 5xx, 429: retry with backoff
GARBAGE = "garbage"            # an answer we cannot read: retry with backoff, park after N
CREDENTIALS = "credentials"    # credentials missing or refused: park until the clerk enters them
REFUSED = "refused"            # the department refuses this case: park at once with its reason
FAILURES = (DOWN, GARBAGE, CREDENTIALS, REFUSED)


class DeliveryError(Exception):
    """A classified failure. ``reason`` is a message key (translated by the presenter); ``detail``
    is short technical text (an HTTP status, an exception type, the department's own message),
    never personal data."""

    def __init__(self, failure: str, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.failure = failure
        self.reason = reason
        self.detail = detail[:300]

    def __repr__(self) -> str:
        return f"DeliveryError({self.failure!r}, {self.reason!r}, {self.detail!r})"


@dataclass(frozen=True)
class Submission:
    """One case for one department, as the field mapping sees it (``values``: flat dotted names
    such as ``case.number`` or ``applicant.id_number``). Never printed whole: personal data."""
    delivery_id: str
    department: str
    case_number: str
    values: dict[str, Any] = field(repr=False)
    credentials: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Ack:
    reference: str
    status: str = ""               # our word (the description's status map), "" when unknown
    raw_status: str = ""           # the department's own word
    final: bool = False


class Connector(Protocol):
    name: str
    kind: str
    needs_credentials: tuple[str, ...]

    def submit(self, sub: Submission) -> Ack: ...

    def status(self, sub: Submission, reference: str) -> Ack: ...

    def close(self) -> None: ...
