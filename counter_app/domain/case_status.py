"""The one vocabulary of a case's life: what can happen to it (event kinds) and the state it is
then in (status). Services, the store, documents and the sample cases all use these names.

The values are stored (``case_record.status``, ``case_event.kind``) and will be synced to the
central server: never rename one, only add. The intake outcomes are event kinds too, so an
outcome code is also the kind of the event that records it. Issue 10's lifecycle (allowed
transitions, GB/T 39046 codes) builds on this module.
"""

from __future__ import annotations

from collections.abc import Iterable

# Event kinds (case_event.kind): what happened
RECEIVE = "receive"                # 收件: the papers were taken in
ACCEPT = "accept"                  # 受理
ACCEPT_WITH_GAPS = "accept_gaps"   # 容缺受理: accepted, some materials promised later
NOTICE = "notice"                  # 一次性告知: told once, in writing, everything still missing
REJECT = "reject"                  # 不予受理
OUTCOMES = (ACCEPT, ACCEPT_WITH_GAPS, NOTICE, REJECT)    # how an intake ends
EVENT_KINDS = (RECEIVE, *OUTCOMES)

# Statuses (case_record.status): where the case stands
RECEIVED = "received"              # 收件, no decision yet
ACCEPTED = "accepted"              # 已受理 (also 容缺受理)
NOTIFIED = "notified"              # 已一次性告知
REJECTED = "rejected"              # 不予受理
STATUSES = (RECEIVED, ACCEPTED, NOTIFIED, REJECTED)

STATUS_AFTER = {RECEIVE: RECEIVED, ACCEPT: ACCEPTED, ACCEPT_WITH_GAPS: ACCEPTED, NOTICE: NOTIFIED,
                REJECT: REJECTED}


def status_after(kind: str) -> str:
    """The status a case is in right after an event of ``kind`` (an outcome is one)."""
    try:
        return STATUS_AFTER[kind]
    except KeyError:
        raise ValueError(f"unknown case event kind {kind!r}") from None


def status_from(kinds: Iterable[str]) -> str | None:
    """The current status derived from a case's event kinds, oldest first; None without events.
    Kinds that do not move the state (none yet) are skipped."""
    status = None
    for kind in kinds:
        status = STATUS_AFTER.get(kind, status)
    return status
