"""Moving a case along its life (``domain.lifecycle``): one transition = one case event.

``transition`` reads the case's events, derives its state, checks the step and writes the event
through ``store.case_events.add`` (so the sync outbox carries it to the central server) together
with the cached ``case_record.status``, in one transaction under SQLite's write lock. A refused
step raises a UserError and writes nothing. The event payload carries the case number, the new
status and the reason, never personal data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from counter_app.domain import case_status as cs
from counter_app.domain import lifecycle
from counter_app.domain.case_event import CaseEvent
from counter_app.domain.deadlines import NOTICE_DAYS, due_date
from counter_app.domain.lifecycle import CaseLife
from counter_app.domain.working_days import HolidayCalendar
from counter_app.errors import UserError
from counter_app.store import case_events, case_lifecycle
from counter_app.store.database import Store


def resolve_kind(life: CaseLife, to: str) -> str:
    """``to`` names the action (an event kind) or the state wanted; a state reached by several
    actions from here (受理 by 受理 or 容缺受理) must be asked for by its action."""
    if to in cs.EVENT_KINDS:
        return to
    if to not in cs.STATUSES:
        raise UserError("lifecycle.unknown_event", event=to)
    kinds = [k for k in lifecycle.STEPS if cs.STATUS_AFTER.get(k) == to and life.state in lifecycle.ALLOWED_FROM[k]]
    if len(kinds) != 1:
        raise UserError("lifecycle.refused", state=lifecycle.state_label(life.state), event=lifecycle.state_label(to))
    return kinds[0]


def transition(store: Store, case: str, to: str, *, who: str, window: str, reason: str = "",
               at: dt.datetime | None = None, hall: str | None = None, payload: Mapping[str, Any] | None = None,
               expected: str | None = None, calendar: HolidayCalendar | None = None,
               then: Callable[[Any, CaseEvent], None] | None = None) -> CaseLife:
    """Moves case ``case`` (its number) by action or state ``to``; returns its life after.

    ``who``, ``window`` (and ``hall``, default the case's) say who did it where; ``reason`` why;
    ``at`` when (default now). ``expected``: the state the clerk was looking at: if another window
    moved the case meanwhile, the step is refused rather than applied to a state nobody saw.
    收件 and 容缺受理 are written by ``services.intake`` only. 受理 after 补齐补正 sets the promised
    date on ``calendar`` (default: counted Monday to Friday); past the 一次性告知 limit the case
    counts as accepted from the day the papers came (§32), and the dates count from then.
    ``then(session, event)``: the caller's own rows written in the step's transaction (the
    delivery record of an 出件, with the personal data the event must not carry).
    """
    at = at or dt.datetime.now()
    extra = dict(payload or {})
    with store.transaction() as s:
        case_id = case_lifecycle.case_id_of(s, case)
        if case_id is None:
            raise UserError("lifecycle.case_unknown", number=case)
        summary = case_lifecycle.summary(s, case)
        events = case_events.of_case(s, case_id)
        life = lifecycle.derive(events)
        if expected is not None and life.state != expected:
            raise UserError("lifecycle.stale", state=lifecycle.state_label(life.state))
        kind = resolve_kind(life, to)
        if kind in lifecycle.INTAKE_KINDS:
            raise lifecycle.refusal(life, kind)
        lifecycle.check(life, kind, at=at, reason=reason, payload=extra)
        if events and at < events[-1].at:
            at = events[-1].at          # a PC clock set back never files a step before the last one
        status = lifecycle.target(life, kind)
        body = {**extra, "number": case, "status": status}
        if kind == cs.ACCEPT:
            body.update(_acceptance(life, summary, calendar or HolidayCalendar(), at.date()))
            case_lifecycle.set_promised_date(s, case_id, dt.date.fromisoformat(body["promised_date"]))
        if reason.strip():
            body["reason"] = reason.strip()
        event = CaseEvent.new(case_id, kind, at=at, clerk=who, hall=hall or summary.hall, window=window,
                              payload=body)
        case_events.add(s, [event])
        case_lifecycle.set_status(s, case_id, status)
        if then is not None:
            then(s, event)
    return lifecycle.apply(life, event)


def _acceptance(life: CaseLife, summary, calendar: HolidayCalendar, today: dt.date) -> dict:
    start, out = today, {}
    if life.received_on and today > due_date(calendar, life.received_on, NOTICE_DAYS):
        start = life.received_on
        out["deemed_from"] = start.isoformat()
    out["promised_date"] = due_date(calendar, start, summary.promised_days).isoformat()
    return out
