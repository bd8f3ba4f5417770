"""The whole hall's supervision figures on the central server: the cases every window synced, with
their events, counted by ``services.supervision_figures`` exactly as one station counts its own.

A case belongs to the period of its window's own ``created_at`` (the window's local time, as the
case snapshot carries it), so a station's report and the hall's agree on which day a case was taken.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from counter_app.central.database import Database
from counter_app.central.models import CalendarVersion, Case, CaseEvent
from counter_app.domain.case_event import CaseEvent as DomainEvent
from counter_app.domain.case_status import EVENT_KINDS
from counter_app.domain.working_days import HolidayCalendar, calendar_from_dict
from counter_app.services.supervision_figures import CaseFacts, Report, figures


def _time(text) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def _day(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def hall_calendar(db: Database) -> HolidayCalendar:
    """The calendar the server publishes to the windows, else the one shipped with the program."""
    with db.transaction() as s:
        row = s.scalars(select(CalendarVersion).order_by(CalendarVersion.id.desc()).limit(1)).first()
        content = row.content if row is not None else None
    if content:
        return calendar_from_dict(json.loads(content))
    from counter_app.services.holidays import load_calendar

    return load_calendar()


def hall_facts(db: Database, hall: str, start: dt.date, end: dt.date) -> list[CaseFacts]:
    lo = dt.datetime.combine(start - dt.timedelta(days=1), dt.time.min, tzinfo=dt.timezone.utc)
    hi = dt.datetime.combine(end + dt.timedelta(days=2), dt.time.min, tzinfo=dt.timezone.utc)
    with db.transaction() as s:
        # a day's margin either side for time zones, then the window's own date decides
        cases = list(s.scalars(select(Case).where(Case.hall_code == hall, Case.created_at >= lo,
                                                  Case.created_at < hi)))
        facts_of = {}
        for c in cases:
            created = _time(c.data.get("created_at"))
            if created is None or not start <= created.date() <= end:
                continue
            facts_of[c.id] = (c, created)
        events: dict[str, list[DomainEvent]] = {}
        if facts_of:
            rows = s.scalars(select(CaseEvent).where(CaseEvent.case_id.in_(tuple(facts_of))).order_by(CaseEvent.id))
            for e in rows:
                at = _time(e.occurred_at)
                if at is None or e.kind not in EVENT_KINDS:
                    continue          # a kind this server's version does not know is not counted
                events.setdefault(e.case_id, []).append(
                    DomainEvent(e.id, e.case_id, e.kind, at, e.clerk, e.hall_code, e.window_code, e.payload or {}))
    out = []
    for case_id, (c, created) in facts_of.items():
        d = c.data
        items = tuple((str(i.get("item_code", "")), str(i.get("item_name", "")), str(i.get("department", "")),
                       str(i.get("department_name", ""))) for i in d.get("items", []))
        out.append(CaseFacts(id=case_id, number=c.number, hall=c.hall_code, window=c.window_code,
                             clerk=str(d.get("clerk", c.clerk)), created_at=created,
                             outcome=str(d.get("outcome", "")), promised_date=_day(d.get("promised_date")),
                             items=items, events=tuple(events.get(case_id, ()))))
    return sorted(out, key=lambda f: f.created_at)


def hall_report(db: Database, hall: str, start: dt.date, end: dt.date, *, now: dt.datetime | None = None,
                rating_minutes: int = 30, warn_days: int = 2) -> Report:
    now = now or dt.datetime.now()
    return figures(hall_facts(db, hall, start, end), start=start, end=end, calendar=hall_calendar(db),
                   today=now.date(), now=now, rating_minutes=rating_minutes, warn_days=warn_days)


def report_json(report: Report) -> dict:
    """The summary ``counter-app report --json`` prints, and the hall-wide breakdowns beside it."""
    def stat(s):
        return {"count": s.count, "average": s.average, "p90": s.p90}

    return {**report.summary(), "from": report.start.isoformat(), "to": report.end.isoformat(),
            "by_window": report.by_window, "by_clerk": report.by_clerk, "by_item": report.by_item,
            "near": len(report.near), "deadline_status": report.deadline_status,
            "window_seconds": stat(report.window_seconds), "completion_days": stat(report.completion_days),
            "bad_share": report.bad_share, "unrated": report.unrated, "follow_ups_open": len(report.follow_ups),
            "overdue_cases": [r.number for r in report.overdue]}
