"""好差评 at the window: record a rating (and the follow-up a 差评 opens), work a follow-up, list
the open ones. Everything is a case event written through ``store.case_events`` in one
transaction, so it syncs with the case (``domain.evaluation`` has the rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from counter_app.domain import case_status as cs
from counter_app.domain import evaluation as ev
from counter_app.domain.case_event import CaseEvent
from counter_app.domain.case_status import FOLLOW_UP, RATE
from counter_app.domain.working_days import HolidayCalendar
from counter_app.errors import UserError
from counter_app.settings import StationSettings
from counter_app.store import case_events
from counter_app.store.database import Store
from counter_app.store.models import CaseEventRow, CaseRow


@dataclass(frozen=True)
class Rated:
    rating: ev.Rating
    follow_up: ev.FollowUp | None     # opened by this rating (a 差评)


def _stage_event(events: list[CaseEvent], stage: str) -> CaseEvent | None:
    """The event that ended the stage being rated: the intake's outcome, or the issuing."""
    kinds = cs.OUTCOMES if stage == ev.STAGE_INTAKE else (cs.ISSUE,)
    return next((e for e in reversed(events) if e.kind in kinds), None)


def rate(*, store: Store, settings: StationSettings, calendar: HolidayCalendar, case_id: str, stage: str,
         level: int, reasons: Iterable[str] = (), text: str = "", now: dt.datetime | None = None) -> Rated:
    """Record the applicant's rating of ``stage``; a second one of the same stage is refused, so is
    one after the station's time for rating ran out (the stage counts as unrated)."""
    now = now or dt.datetime.now()
    reasons = tuple(reasons)
    with store.transaction() as s:
        case = s.get(CaseRow, case_id)
        if case is None:
            raise UserError("evaluation.unknown_case")
        events = case_events.of_case(s, case_id)
        ev.check_rating(events, stage=stage, level=level, reasons=reasons)
        ended = _stage_event(events, stage)
        if ended is None:
            raise UserError(f"evaluation.stage_not_reached.{stage}")
        if ev.too_late(ended.at, now, settings.evaluation.rating_minutes):
            raise UserError("evaluation.too_late", minutes=settings.evaluation.rating_minutes)
        where = dict(at=now, hall=settings.hall.code, window=settings.window)
        rating = CaseEvent.new(case_id, RATE, clerk=ended.clerk, **where, payload=ev.rating_payload(
            number=case.number, stage=stage, level=level, reasons=reasons, text=text))
        written = [rating]
        if level in ev.BAD:
            due = ev.follow_up_due(now.date(), calendar, settings.evaluation.follow_up_days)
            written.append(CaseEvent.new(case_id, FOLLOW_UP, clerk=ended.clerk, **where,
                                         payload=ev.follow_up_open_payload(rating.id, stage=stage, level=level,
                                                                           due=due, number=case.number)))
        case_events.add(s, written)
    follow = ev.follow_ups_of(written).get(rating.id)
    return Rated(ev.rating_from(rating), follow)


def update_follow_up(*, store: Store, settings: StationSettings, case_id: str, rating_id: str, responsible: str,
                     done: str = "", called_back: bool = False, close: bool = False,
                     now: dt.datetime | None = None, who: str = "") -> ev.FollowUp:
    """Write who is responsible, what was done, whether the applicant was called back; ``close``
    ends the follow-up (it then needs what was done). ``who``: the signed-in person writing it
    (default the station's clerk)."""
    now = now or dt.datetime.now()
    with store.transaction() as s:
        events = case_events.of_case(s, case_id)
        current = ev.follow_ups_of(events).get(rating_id)
        ev.check_follow_up_update(current, responsible=responsible, done=done, close=close)
        payload = ev.follow_up_update_payload(rating_id, responsible=responsible, done=done,
                                              called_back=called_back, close=close)
        event = CaseEvent.new(case_id, FOLLOW_UP, at=now, clerk=who or settings.clerk, hall=settings.hall.code,
                              window=settings.window, payload=payload)
        case_events.add(s, [event])
    return ev.apply_update(current, payload, now)


def events_of_kinds(s, kinds: Iterable[str], case_ids: Iterable[str] | None = None) -> dict[str, list[CaseEvent]]:
    """Events of ``kinds`` grouped by case, oldest first (for folds over many cases)."""
    q = select(CaseEventRow).where(CaseEventRow.kind.in_(tuple(kinds))).order_by(CaseEventRow.id)
    if case_ids is not None:
        q = q.where(CaseEventRow.case_id.in_(tuple(case_ids)))
    out: dict[str, list[CaseEvent]] = {}
    for r in s.scalars(q):
        out.setdefault(r.case_id, []).append(
            CaseEvent(r.id, r.case_id, r.kind, r.at, r.clerk, r.hall, r.window, r.payload))
    return out


@dataclass(frozen=True)
class FollowUpRow:
    follow_up: ev.FollowUp
    number: str
    clerk: str
    window: str


def follow_ups(*, store: Store, open_only: bool = True) -> list[FollowUpRow]:
    """The station's follow-ups (open ones by default), the soonest due first."""
    with store.session() as s:
        grouped = events_of_kinds(s, (FOLLOW_UP,))
        cases = {c.id: c for c in s.scalars(select(CaseRow).where(CaseRow.id.in_(tuple(grouped))))} if grouped else {}
        out = []
        for case_id, events in grouped.items():
            case = cases.get(case_id)
            for f in ev.follow_ups_of(events).values():
                if open_only and not f.open:
                    continue
                out.append(FollowUpRow(f, case.number if case else "", case.clerk if case else "",
                                       case.window if case else ""))
    return sorted(out, key=lambda r: (r.follow_up.due, r.number))
