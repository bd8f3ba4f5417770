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


def apply_in(s: Session, device: Device, entries: list[dict], *, txid: int = 0) -> list[Outcome]:
    """``txid``: this transaction's id when the caller has it already (PostgreSQL), else 0."""
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
    rows = {}
    for e in new_cases:
        c = e["case"]
        rows.setdefault(e["case_id"], dict(
            id=e["case_id"], number=c["number"], hall_code=c["hall"], window_code=c["window"],
            clerk=str(c.get("clerk", "")), status=c["status"], created_at=_time(c["created_at"], now),
            data=c, created_by=e["id"], last_event=e["id"]))
    case_ids = {entries[n]["case_id"] for n in live}
    postgres = s.get_bind().dialect.name == "postgresql"
    if postgres and case_ids:
        hall_of = _insert_cases_pg(s, device, list(rows.values()), case_ids)
    else:
        if rows:
            s.execute(_insert(s, Case), list(rows.values()))
        hall_of = dict(s.execute(select(Case.id, Case.hall_code).where(Case.id.in_(case_ids))).all()) \
            if case_ids else {}
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
    if candidates and postgres:
        applied = _apply_events_pg(s, device, [entries[n] for n in candidates], digests, candidates, now,
                                   txid or current_txid(s))
    elif candidates:
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
    if done and not postgres:         # on PostgreSQL the events' statement did both
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


# PostgreSQL: the batch's new cases inserted and the hall of every case it names read back, in one
# statement. The outer SELECT runs on the statement's snapshot, so it cannot see a case another
# transaction committed while this one waited on ON CONFLICT; such ids are read again on their own.
_CASES_PG = text("""
WITH r AS (
    SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(
        id text, number text, window_code text, clerk text, status text, created_at timestamptz, data jsonb,
        created_by text)
), ins AS (
    INSERT INTO central_case (id, number, hall_code, window_code, clerk, status, created_at, data, created_by,
                              last_event)
    SELECT id, number, :hall, window_code, clerk, status, created_at, CAST(data AS json), created_by, created_by
    FROM r
    ON CONFLICT DO NOTHING
    RETURNING id, hall_code
)
SELECT id, hall_code FROM ins
UNION ALL
SELECT id, hall_code FROM central_case WHERE id = ANY(CAST(:ids AS text[]))
""")


def _insert_cases_pg(s: Session, device: Device, rows: list[dict], case_ids: set[str]) -> dict[str, str]:
    payload = [{"id": r["id"], "number": r["number"], "window_code": r["window_code"], "clerk": r["clerk"],
                "status": r["status"], "created_at": r["created_at"].isoformat(), "data": r["data"],
                "created_by": r["created_by"]} for r in rows]
    hall_of = dict(s.execute(_CASES_PG, {"rows": json.dumps(payload, ensure_ascii=False), "hall": device.hall_code,
                                         "ids": sorted(case_ids)}).all())
    missing = [c for c in case_ids if c not in hall_of]
    if missing:     # rare: committed by another transaction meanwhile (or truly unknown / number taken)
        hall_of.update(s.execute(select(Case.id, Case.hall_code).where(Case.id.in_(missing))).all())
    return hall_of


# PostgreSQL: the events, their change-feed rows and the cases' new status in ONE statement (data-
# modifying CTEs over the batch passed as one JSON parameter). The text never changes, so psycopg
# prepares it once per connection; per push that is one round trip instead of four (events,
# transaction id, change rows, status). Semantics as the portable path below: ON CONFLICT on the
# event id decides applied vs already there; change rows follow the batch's order (``ord``); a
# case's status moves only to a newer event's (UUIDv7 ids sort by time), never back.
_EVENTS_PG = text("""
WITH r AS (
    SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(
        ord int, id text, case_id text, kind text, payload jsonb, clerk text, window_code text,
        occurred_at text, digest text, status text, creates boolean)
), ins AS (
    INSERT INTO case_event (id, case_id, hall_code, device_id, kind, payload, clerk, window_code, occurred_at,
                            received_at, digest)
    SELECT id, case_id, :hall, :device, kind, CAST(payload AS json), clerk, window_code, occurred_at, :now, digest
    FROM r ORDER BY ord
    ON CONFLICT (id) DO NOTHING
    RETURNING id
), done AS (
    SELECT r.* FROM r JOIN ins USING (id)
), chg AS (
    INSERT INTO case_change (txid, hall_code, case_id, event_id)
    SELECT :txid, :hall, case_id, id FROM done ORDER BY ord
), newest AS (
    SELECT DISTINCT ON (case_id) case_id, id, status FROM done
    WHERE NOT creates AND status <> '' ORDER BY case_id, id DESC
), upd AS (
    UPDATE central_case AS c SET status = newest.status, last_event = newest.id
    FROM newest WHERE c.id = newest.case_id AND c.last_event < newest.id
)
SELECT id FROM ins
""")


def _apply_events_pg(s: Session, device: Device, batch: list[dict], digests: dict[int, str], order: list[int],
                     now, txid: int) -> set[str]:
    rows = []
    for ord_, (n, e) in enumerate(zip(order, batch)):
        status = (e.get("payload") or {}).get("status")
        rows.append({"ord": ord_, "id": e["id"], "case_id": e["case_id"], "kind": e["kind"],
                     "payload": e.get("payload") or {}, "clerk": str(e.get("clerk", "")),
                     "window_code": str(e.get("window", "")), "occurred_at": str(e.get("at", ""))[:40],
                     "digest": digests[n], "status": status if isinstance(status, str) else "",
                     "creates": e.get("case") is not None})
    return set(s.scalars(_EVENTS_PG, {"rows": json.dumps(rows, ensure_ascii=False), "hall": device.hall_code,
                                      "device": device.id, "now": now, "txid": txid}).all())


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
