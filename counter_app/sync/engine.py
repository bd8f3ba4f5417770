"""One sync round: push the outbox in batches, then pull the hall's changes.

The network call never happens inside a database transaction: a batch is chosen and its
Idempotency-Key committed first, then sent, then the reply settles the entries in a second
transaction. A crash or a cut connection in between leaves the batch pending under its key, and
the retry sends the same entries under the same key (the server answers with its stored reply).
An entry is marked sent only after the server said applied or duplicate.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select

from counter_app.domain.case_status import HANDOVER_MISSING, HANDOVER_RECEIVED, STATUS_AFTER
from counter_app.errors import PERMANENT
from counter_app.store import handover_repo, outbox
from counter_app.store.database import Store
from counter_app.store.models import CaseEventRow, CaseRow
from counter_app.sync.client import CentralClient, SyncError
from counter_app.sync.snapshot import case_from_snapshot, snapshots

log = logging.getLogger(__name__)
BATCH = 500   # the server's largest batch: fewer round trips on a slow township link
CURSOR = "pull_cursor"


@dataclass
class Report:
    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    pending: int = 0
    pulled: int = 0
    rejections: list[tuple[str, str]] = field(default_factory=list)   # (event id, reason)

    def as_dict(self) -> dict:
        return {"pushed": self.pushed, "duplicates": self.duplicates, "rejected": self.rejected,
                "pending": self.pending, "pulled": self.pulled}


def _entries(s, ids: list[str]) -> list[dict]:
    ev = CaseEventRow.__table__       # plain rows, no ORM objects: a batch is hundreds of them
    rows = s.execute(select(ev.c.id, ev.c.case_id, ev.c.kind, ev.c.at, ev.c.clerk, ev.c.window, ev.c.payload)
                     .where(ev.c.id.in_(ids)).order_by(ev.c.id)).all()
    creating = {r.case_id for r in rows if r.kind == "receive"}
    cases = snapshots(s, creating) if creating else {}
    out = []
    for r in rows:
        entry = {"id": r.id, "case_id": r.case_id, "kind": r.kind, "at": r.at.isoformat(), "clerk": r.clerk,
                 "window": r.window, "payload": dict(r.payload or {})}
        if r.kind == "receive" and r.case_id in cases:
            entry["case"] = cases[r.case_id]
        out.append(entry)
    return out


def next_batch(store: Store, *, batch_size: int = BATCH) -> tuple[str, list[dict]] | None:
    """The batch to send now and its Idempotency-Key, committed before anything is sent."""
    with store.transaction() as s:
        chosen = outbox.batch(s, limit=batch_size, new_key=lambda: str(uuid.uuid4()))
        if chosen is None:
            return None
        key, ids = chosen
        return key, _entries(s, ids)


def release_batch(store: Store, key: str) -> None:
    with store.transaction() as s:
        outbox.release(s, key)


def settle_reply(store: Store, reply: dict, report: Report) -> None:
    """Marks what the server acknowledged as sent and what it refused as rejected (with why)."""
    sent, refused = [], {}
    for r in reply.get("results", []):
        if r.get("result") in ("applied", "duplicate"):
            sent.append(r["id"])
            if r["result"] == "applied":
                report.pushed += 1
            else:
                report.duplicates += 1
        elif r.get("result") == "rejected":
            refused[r["id"]] = str(r.get("reason", ""))
    with store.transaction() as s:
        outbox.settle(s, sent=sent, rejected=refused, now=dt.datetime.now())
    report.rejected += len(refused)
    report.rejections += list(refused.items())
    if not sent and not refused:
        raise SyncError("sync.server_error", kind=PERMANENT, detail="empty reply")


def push_pending(store: Store, client: CentralClient, report: Report, *, batch_size: int = BATCH) -> None:
    while (batch := next_batch(store, batch_size=batch_size)) is not None:
        key, entries = batch
        try:
            reply = client.push(entries, key)
        except SyncError as exc:
            if exc.status == 422:        # the key was used for other content: resend under a new key
                release_batch(store, key)
                continue
            raise
        settle_reply(store, reply, report)


def read_cursor(store: Store) -> str:
    with store.session() as s:
        return outbox.get_state(s, CURSOR)


def apply_page(store: Store, page: dict, cursor: str, report: Report) -> bool:
    """Writes a pulled page and moves the cursor, in one transaction; True when more is waiting."""
    with store.transaction() as s:
        report.pulled += apply_changes(s, page.get("changes", []))
        outbox.set_state(s, CURSOR, page.get("cursor", cursor))
    return bool(page.get("more"))


def pull_changes(store: Store, client: CentralClient, report: Report) -> None:
    while True:
        cursor = read_cursor(store)
        if not apply_page(store, client.changes(cursor), cursor, report):
            return


def apply_changes(s, changes: list[dict]) -> int:
    """Writes what other windows did (cases and events), skipping what this window already has."""
    applied = 0
    for change in changes:
        ev = change["event"]
        if s.get(CaseEventRow, ev["id"]) is not None:
            continue                         # our own event, or pulled before
        case = s.get(CaseRow, change["case_id"])
        if case is None:
            if "case" not in change:
                continue                     # its case comes with its first event, always before
            case = case_from_snapshot(change["case"])
            s.add(case)
            s.flush()
        s.add(CaseEventRow(id=ev["id"], case_id=change["case_id"], kind=ev["kind"], at=_time(ev.get("at")),
                           clerk=ev.get("clerk", ""), hall=case.hall, window=ev.get("window", ""),
                           payload=ev.get("payload") or {}))
        if ev["kind"] in (HANDOVER_RECEIVED, HANDOVER_MISSING):      # the back office confirmed a batch of ours
            handover_repo.apply_confirmation(s, change["case_id"], ev["kind"], ev.get("payload") or {},
                                             _time(ev.get("at")), ev.get("clerk", ""))
        status = (ev.get("payload") or {}).get("status") or STATUS_AFTER.get(ev["kind"])
        if status and "case" not in change:
            case.status = status
        applied += 1
    return applied


def _time(value) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return dt.datetime.now()


def backlog(store: Store) -> outbox.Backlog:
    """Unsent and refused entries and the oldest unsent one's time (what the indicator shows)."""
    with store.session() as s:
        return outbox.backlog(s)


def pending_count(store: Store) -> int:
    return backlog(store).pending


def sync_once(store: Store, client: CentralClient) -> Report:
    report = Report()
    try:
        push_pending(store, client, report)
        pull_changes(store, client, report)
    finally:
        report.pending = pending_count(store)
        log.info("sync: %s", report.as_dict())
    return report
