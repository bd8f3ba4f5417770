"""Applying a window's batch of case events, set-wise, in one transaction.

Each entry carries the window's own event id. Uniqueness is the database's job: events go in with
``INSERT ... ON CONFLICT DO NOTHING RETURNING id`` on the primary key, so what comes back was
applied and what does not was already there (a resend: *duplicate*, which is success to the window)
— never a look-up followed by an insert, which two concurrent pushes would both pass. A stored
event with the same id but other content is *rejected* (an id reused), as are events for another
hall's case or for a case the server has never been given.

An entry that creates a case carries the case as accepted (``case``); later entries change its
status. Statuses apply in event-id order (UUIDv7 ids sort by time), so an old event arriving
late never turns a case back.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.central.database import Database, utcnow
from counter_app.central.models import Case, CaseChange, CaseEvent, Device

APPLIED, DUPLICATE, REJECTED = "applied", "duplicate", "rejected"
MAX_BATCH = 500
CASE_FIELDS = ("number", "hall", "window", "status", "created_at")


@dataclass(frozen=True)
class Outcome:
    id: str
    result: str
    reason: str = ""

    def as_dict(self) -> dict:
        d = {"id": self.id, "result": self.result}
        if self.reason:
            d["reason"] = self.reason
        return d


def entry_digest(entry: dict) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


def _insert(s: Session, model):
    """INSERT ... ON CONFLICT DO NOTHING on the table (Core: executed with a list of rows it is one
    cached statement sent as batched multi-row VALUES, much cheaper than compiling one giant VALUES)."""
    dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model.__table__).on_conflict_do_nothing()


def _valid_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


def _problem(entry: dict, device: Device) -> str:
    if not _valid_uuid(entry.get("id")) or not _valid_uuid(entry.get("case_id")):
        return "bad_id"
    if not isinstance(entry.get("kind"), str) or not entry["kind"]:
        return "bad_kind"
    snapshot = entry.get("case")
    if snapshot is not None:
        if not isinstance(snapshot, dict) or any(not isinstance(snapshot.get(f), str) or not snapshot.get(f)
                                                 for f in CASE_FIELDS):
            return "bad_case"
        if snapshot["hall"] != device.hall_code:
            return "wrong_hall"
    return ""


def apply_batch(db: Database, device: Device, entries: list[dict]) -> list[Outcome]:
    with db.transaction() as s:
        return apply_in(s, device, entries)


def apply_in(s: Session, device: Device, entries: list[dict]) -> list[Outcome]:
    now = utcnow()
    outcome: dict[int, Outcome] = {}
    first_of: dict[str, int] = {}
    for n, entry in enumerate(entries):
        problem = _problem(entry, device) if isinstance(entry, dict) else "bad_entry"
        if problem:
            outcome[n] = Outcome(str(entry.get("id", "")) if isinstance(entry, dict) else "", REJECTED, problem)
        elif entry["id"] in first_of:    # sent twice in one batch: the second is a resend
            outcome[n] = Outcome(entry["id"], DUPLICATE)
        else:
            first_of[entry["id"]] = n
    live = [n for n in first_of.values()]

    new_cases = [entries[n] for n in live if entries[n].get("case") is not None]
    if new_cases:
        rows = {}
        for e in new_cases:
            c = e["case"]
            rows.setdefault(e["case_id"], dict(
                id=e["case_id"], number=c["number"], hall_code=c["hall"], window_code=c["window"],
                clerk=str(c.get("clerk", "")), status=c["status"], created_at=_time(c["created_at"], now),
                data=c, created_by=e["id"], last_event=e["id"]))
        s.execute(_insert(s, Case), list(rows.values()))

    case_ids = {entries[n]["case_id"] for n in live}
    hall_of = dict(s.execute(select(Case.id, Case.hall_code).where(Case.id.in_(case_ids))).all()) if case_ids else {}
    candidates = []
    for n in live:
        e = entries[n]
        hall = hall_of.get(e["case_id"])
        if hall is None:
            outcome[n] = Outcome(e["id"], REJECTED, "number_taken" if e.get("case") else "unknown_case")
        elif hall != device.hall_code:
            outcome[n] = Outcome(e["id"], REJECTED, "wrong_hall")
        else:
            candidates.append(n)

    digests = {n: entry_digest(entries[n]) for n in candidates}
    applied: set[str] = set()
    if candidates:
        rows = [dict(id=entries[n]["id"], case_id=entries[n]["case_id"], hall_code=device.hall_code,
                     device_id=device.id, kind=entries[n]["kind"], payload=entries[n].get("payload") or {},
                     clerk=str(entries[n].get("clerk", "")), window_code=str(entries[n].get("window", "")),
                     occurred_at=str(entries[n].get("at", ""))[:40], received_at=now, digest=digests[n])
                for n in candidates]
        applied = set(s.scalars(_insert(s, CaseEvent).returning(CaseEvent.__table__.c.id), rows).all())
    others = [entries[n]["id"] for n in candidates if entries[n]["id"] not in applied]
    stored = dict(s.execute(select(CaseEvent.id, CaseEvent.digest).where(CaseEvent.id.in_(others))).all()) \
        if others else {}
    for n in candidates:
        eid = entries[n]["id"]
        if eid in applied:
            outcome[n] = Outcome(eid, APPLIED)
        elif stored.get(eid) == digests[n]:
            outcome[n] = Outcome(eid, DUPLICATE)
        else:
            outcome[n] = Outcome(eid, REJECTED, "id_reused")

    done = [entries[n] for n in candidates if entries[n]["id"] in applied]
    if done:
        _record_changes(s, device.hall_code, done)
        _advance_status(s, done)
    for n, e in enumerate(entries):      # a resend inside the batch shares its first copy's fate
        if isinstance(e, dict) and e.get("id") in first_of and n != first_of[e["id"]]:
            if outcome[first_of[e["id"]]].result == REJECTED:
                outcome[n] = outcome[first_of[e["id"]]]
    return [outcome[n] for n in range(len(entries))]


def _time(value: str, default):
    import datetime as dt

    try:
        t = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return default
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def current_txid(s: Session) -> int:
    """This transaction's id on PostgreSQL (assigned now if it had none); 0 on SQLite."""
    if s.get_bind().dialect.name != "postgresql":
        return 0
    return int(s.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar())


def _record_changes(s: Session, hall: str, done: list[dict]) -> None:
    txid = current_txid(s)
    s.execute(CaseChange.__table__.insert(),
              [dict(txid=txid, hall_code=hall, case_id=e["case_id"], event_id=e["id"]) for e in done])


def _advance_status(s: Session, done: list[dict]) -> None:
    newest: dict[str, tuple[str, str]] = {}
    for e in done:
        status = (e.get("payload") or {}).get("status")
        if e.get("case") is None and isinstance(status, str) and status:
            if e["case_id"] not in newest or newest[e["case_id"]][0] < e["id"]:
                newest[e["case_id"]] = (e["id"], status)
    if not newest:
        return
    table = Case.__table__
    s.execute(update(table).where(table.c.id == bindparam("cid"), table.c.last_event < bindparam("eid"))
              .values(status=bindparam("st"), last_event=bindparam("eid")),
              [{"cid": cid, "eid": eid, "st": st} for cid, (eid, st) in newest.items()])
