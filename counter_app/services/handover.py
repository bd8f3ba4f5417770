"""集中时段交接: the promised cases a window took go to the back office in the hall's time slots,
one batch per department per slot, each with a printed sheet; the back office confirms a batch
by scanning its sheet or its cases.

Only cases accepted with at least one promised item go (immediate items are decided at the
window), while their clock runs (not withdrawn or decided meanwhile); a bundle's case goes on the batch of each department with a promised item. A case
waits for a batch from its acceptance until the next sheets are made, for at most
``PENDING_DAYS`` (older ones were handed over before batches existed). Putting a case on a
batch and the back office's confirmation are case events (``case_status.HANDOVER_KINDS``) in the
batch's own transaction, so they sync. Sheets are archived as ``archive/handover/<code>.pdf``.

The back office may confirm at a station of its own: a sheet or case scanned there whose batch
it does not hold is rebuilt from the synced events (``handover_repo.copy_from_events``), and the
confirmation it writes reaches the window that made the batch with the next sync.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from counter_app.domain import handover_slots as slots
from counter_app.domain.case import ACCEPT, ACCEPT_WITH_GAPS, CaseRecord
from counter_app.domain.case_event import CaseEvent
from counter_app.domain.case_status import HANDED_OVER, HANDOVER_MISSING, HANDOVER_RECEIVED
from counter_app.domain.catalog import PROMISED
from counter_app.domain.lifecycle import CLOCK_RUNS
from counter_app.domain.handover_batch import (
    CASE_MISSING, CASE_RECEIVED, INCOMPLETE, RECEIVED, SENT, Batch, outcome_of,
)
from counter_app.errors import UserError
from counter_app.settings import StationSettings
from counter_app.store import case_events, case_repo, handover_repo
from counter_app.store.database import Store
from counter_app.store.models import CaseRow

PENDING_DAYS = 7


@dataclass(frozen=True)
class Pending:
    """A department's cases waiting for a batch; ``waits`` when its batch of the current slot is
    already made (they go in the next slot)."""
    department: str
    department_name: str
    cases: tuple[CaseRecord, ...]
    waits: bool = False


@dataclass(frozen=True)
class HandoverDay:
    day: dt.date
    slot: str                           # the slot sheets made now belong to
    slots: tuple[str, ...]
    pending: tuple[Pending, ...]
    batches: tuple[Batch, ...]          # today's, oldest slot first
    open_before: tuple[Batch, ...]      # earlier days' batches nobody confirmed
    received_here: tuple[Batch, ...] = ()   # other windows' batches scanned at this station


@dataclass(frozen=True)
class HandoverSheet:
    batch: str                          # the batch code, or the slot's label for several
    cases: tuple[CaseRecord, ...]
    path: Path
    pdf: bytes
    batches: tuple[Batch, ...] = ()


def _promised(record: CaseRecord) -> bool:
    return record.outcome in (ACCEPT, ACCEPT_WITH_GAPS) and record.status in CLOCK_RUNS \
        and any(i.kind == PROMISED for i in record.items)


def _pending(s, window: str, now: dt.datetime, day: dt.date | None) -> dict[tuple[str, str], list]:
    """(department, name) → its cases not yet on a batch (``day``: only that day's)."""
    if day is None:
        since = dt.datetime.combine(now.date() - dt.timedelta(days=PENDING_DAYS), dt.time.min)
        cases = handover_repo.cases_since(s, window, since)
    else:
        cases = case_repo.cases_on(s, day, window)
    cases = [c for c in cases if _promised(c) and c.created_at <= now]
    done = handover_repo.batched_pairs(s, [c.id for c in cases])
    out: dict[tuple[str, str], list] = {}
    for c in cases:
        for dept in dict.fromkeys(i.department for i in c.items if i.kind == PROMISED):
            if (c.id, dept) not in done:
                out.setdefault((dept, c.department_name(dept)), []).append(c)
    return out


def to_hand_over(*, store: Store, window: str, day: dt.date) -> list[CaseRecord]:
    """The promised cases ``window`` took on ``day`` that are on no batch yet, in number order."""
    with store.session() as s:
        pending = _pending(s, window, dt.datetime.max, day)
    return sorted({c.id: c for cases in pending.values() for c in cases}.values(), key=lambda c: c.number)


def _slot_of(settings: StationSettings, now: dt.datetime, day: dt.date | None) -> tuple[dt.date, str]:
    if day is not None and day != now.date():           # a past day's sheet: that day's last slot
        return day, slots.label(slots.slot_times(settings.handover_slots)[-1])
    return now.date(), slots.label(slots.current_slot(now, settings.handover_slots))


def overview(*, store: Store, settings: StationSettings, now: dt.datetime | None = None) -> HandoverDay:
    now = now or dt.datetime.now()
    day, slot = _slot_of(settings, now, None)
    with store.session() as s:
        pending = _pending(s, settings.window, now, None)
        taken = handover_repo.departments_in_slot(s, settings.hall.code, settings.window, day, slot)
        batches = handover_repo.batches_on(s, settings.window, day)
        before = handover_repo.open_batches_before(s, settings.window, day)
        foreign = handover_repo.foreign_batches(s, settings.window, day)
    return HandoverDay(day, slot, tuple(slots.label(t) for t in slots.slot_times(settings.handover_slots)),
                       tuple(Pending(d, n, tuple(c), d in taken) for (d, n), c in pending.items()),
                       tuple(batches), tuple(before), tuple(foreign))


def make_batches(*, store: Store, settings: StationSettings, now: dt.datetime | None = None,
                 day: dt.date | None = None) -> list[Batch]:
    """The batches of the current slot: one per department with cases waiting, except those
    already handed over in this slot. ``day``: only that day's cases (a past day: its last slot)."""
    now = now or dt.datetime.now()
    slot_day, slot = _slot_of(settings, now, day)
    hall, window = settings.hall.code, settings.window
    with store.transaction() as s:
        pending = _pending(s, settings.window, now, day)
        taken = handover_repo.departments_in_slot(s, hall, window, slot_day, slot)
        n = handover_repo.count_in_slot(s, hall, window, slot_day, slot)
        codes = []
        for (dept, name), cases in sorted(pending.items()):
            if dept in taken:
                continue
            n += 1
            code = slots.batch_code(hall, window, slot_day, slots.parse_slot(slot), n)
            handover_repo.add_batch(s, code=code, hall=hall, window=window, day=slot_day, slot=slot,
                                    department=dept, department_name=name, case_ids=[c.id for c in cases],
                                    clerk=settings.clerk, at=now)
            case_events.add(s, [_event(settings, c.id, HANDED_OVER, now, number=c.number, batch=code,
                                       department=dept, slot=slot, day=slot_day.isoformat()) for c in cases])
            codes.append(code)
        return [handover_repo.load_batch(s, code) for code in codes]


def _event(settings: StationSettings, case_id: str, kind: str, now: dt.datetime, **payload) -> CaseEvent:
    return CaseEvent.new(case_id, kind, at=now, clerk=settings.clerk, hall=settings.hall.code,
                         window=settings.window, payload=payload)


def _records(store: Store, batches: list[Batch]) -> dict[str, CaseRecord]:
    with store.session() as s:
        return {c.number: case_repo.load_case(s, c.number) for b in batches for c in b.cases}


def render_sheets(*, store: Store, settings: StationSettings, batches: list[Batch], paper: str | None = None,
                  now: dt.datetime | None = None) -> bytes:
    """The batches' sheets as one PDF (each on its own page)."""
    from counter_app.documents.common import DocContext
    from counter_app.documents.handover import render_batches

    records = _records(store, batches)
    ctx = DocContext.from_settings(settings, now=now)
    sheets = [(b.code, b.department_name, b.slot, [records[c.number] for c in b.cases]) for b in batches]
    return render_batches(sheets, ctx, paper=paper or settings.paper)


def make_handover(*, store: Store, settings: StationSettings, data_dir: Path, day: dt.date | None = None,
                  paper: str | None = None, now: dt.datetime | None = None) -> HandoverSheet:
    """The sheets of the current slot (``counter-app documents handover``, 案件 → 交接单):
    batches made, each sheet archived, and all of them as one PDF."""
    from counter_app.documents.archive import store_handover
    from counter_app.documents.common import DocContext

    DocContext.from_settings(settings)        # refused with the demo hall's values, before anything is written
    now = now or dt.datetime.now()
    batches = make_batches(store=store, settings=settings, now=now, day=day)
    if not batches:
        raise UserError("handover.nothing", day=(day or now.date()).isoformat(), window=settings.window)
    for b in batches:
        store_handover(Path(data_dir), b.code, render_sheets(store=store, settings=settings, batches=[b],
                                                             paper=paper, now=b.created_at))
    pdf = render_sheets(store=store, settings=settings, batches=batches, paper=paper, now=now)
    label = batches[0].code if len(batches) == 1 else \
        f"{settings.window}-{batches[0].day:%Y%m%d}-{batches[0].slot.replace(':', '')}"
    path = store_handover(Path(data_dir), label, pdf) if len(batches) > 1 else \
        Path(data_dir) / "archive" / "handover" / f"{label}.pdf"
    records = _records(store, batches)
    cases = tuple(dict.fromkeys(records[c.number] for b in batches for c in b.cases))
    return HandoverSheet(label, tuple(sorted(cases, key=lambda r: r.number)), path, pdf, tuple(batches))


def batch_sheet(*, store: Store, settings: StationSettings, data_dir: Path, code: str) -> Path:
    """The archived sheet of a batch (rendered again if the archive lost it), to print again."""
    from counter_app.documents.archive import store_handover

    path = Path(data_dir) / "archive" / "handover" / f"{code}.pdf"
    if path.exists():
        return path
    with store.session() as s:
        batch = handover_repo.load_batch(s, code)
    if batch is None:
        raise UserError("handover.unknown_batch", code=code)
    return store_handover(Path(data_dir), code, render_sheets(store=store, settings=settings, batches=[batch],
                                                              now=batch.created_at))


# ---------------------------------------------------------------- the back office's scans
BATCH, CASE, UNKNOWN, NOT_ON_BATCH = "batch", "case", "unknown", "not_on_batch"


@dataclass(frozen=True)
class Scan:
    kind: str                   # BATCH · CASE · UNKNOWN · NOT_ON_BATCH
    text: str
    batch: Batch | None = None
    number: str = ""            # the case scanned
    again: bool = False         # scanned before
    confirmed_now: bool = False  # this scan completed (or corrected) the batch


def scan(*, store: Store, settings: StationSettings, text: str, current: str | None = None,
         now: dt.datetime | None = None) -> Scan:
    """What the scanner typed: a batch's code shows that batch; a case number ticks the case off
    on ``current`` (or on the unconfirmed batch it is on), confirming the batch when it was the
    last; a case missing from a confirmed batch that turns up is received after all."""
    now = now or dt.datetime.now()
    text = text.strip()
    with store.transaction() as s:
        if slots.is_batch_code(text):
            if handover_repo.batch_row(s, text) is None:          # another window's sheet, at the back office
                handover_repo.copy_from_events(s, text)
            batch = handover_repo.load_batch(s, text)
            return Scan(BATCH if batch else UNKNOWN, text, batch)
        case_id = s.scalar(select(CaseRow.id).where(CaseRow.number == text))
        if case_id is None:
            return Scan(UNKNOWN, text)
        codes = handover_repo.batch_codes_of_case(s, text)
        if not codes:
            for code in handover_repo.handover_codes_of_case(s, case_id):
                handover_repo.copy_from_events(s, code)
            codes = handover_repo.batch_codes_of_case(s, text)
        if not codes:
            return Scan(NOT_ON_BATCH, text, number=text)
        rows = [handover_repo.batch_row(s, c) for c in codes]
        row = next((r for r in rows if r.code == (current or "").upper()), None) \
            or next((r for r in rows if r.state == SENT), None) \
            or next((r for r in rows if r.state == INCOMPLETE), rows[0])
        entry = next(c for c in row.cases if _number(s, c.case_id) == text)
        again = entry.scanned_at is not None and entry.state != CASE_MISSING
        confirmed_now = False
        if entry.scanned_at is None or entry.state == CASE_MISSING:
            entry.scanned_at = now
            if row.state == SENT:
                if all(c.scanned_at is not None for c in row.cases):
                    _confirm(s, settings, row, now)
                    confirmed_now = True
            elif entry.state == CASE_MISSING:        # the file turned up after the confirmation
                entry.state = CASE_RECEIVED
                case_events.add(s, [_event(settings, entry.case_id, HANDOVER_RECEIVED, now, number=text,
                                           batch=row.code, department=row.department, late=True)])
                if not any(c.state == CASE_MISSING for c in row.cases):
                    row.state = RECEIVED
                confirmed_now = True
        s.flush()
        return Scan(CASE, text, handover_repo.load_batch(s, row.code), text, again, confirmed_now)


def _number(s, case_id: str) -> str:
    return s.get(CaseRow, case_id).number


def confirm(*, store: Store, settings: StationSettings, code: str, now: dt.datetime | None = None) -> Batch:
    """The back office confirms the batch: with no case scanned, the whole sheet; else the cases
    scanned are received and the others missing (shown, and recorded on each case)."""
    now = now or dt.datetime.now()
    with store.transaction() as s:
        row = handover_repo.batch_row(s, code)
        if row is None:
            raise UserError("handover.unknown_batch", code=code)
        if row.state != SENT:
            raise UserError("handover.already_confirmed", code=row.code)
        _confirm(s, settings, row, now)
        s.flush()
        return handover_repo.load_batch(s, row.code)


def _confirm(s, settings: StationSettings, row, now: dt.datetime) -> None:
    state, case_states = outcome_of([c.scanned_at is not None for c in row.cases])
    by_scan = any(c.scanned_at is not None for c in row.cases)
    events = []
    for entry, case_state in zip(row.cases, case_states):
        entry.state = case_state
        kind = HANDOVER_RECEIVED if case_state == CASE_RECEIVED else HANDOVER_MISSING
        events.append(_event(settings, entry.case_id, kind, now, number=_number(s, entry.case_id), batch=row.code,
                             department=row.department, by="case" if by_scan else "sheet"))
    row.state, row.confirmed_at, row.confirmed_by = state, now, settings.clerk
    case_events.add(s, events)
