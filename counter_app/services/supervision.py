"""电子监察 at one station: the figures a supervisor reads for a period, from the local database.

``collect(store, start, end, ...)`` reads the cases this window took in ``[start, end]`` (days, inclusive)
with their events and returns a :class:`Report`: counts by outcome, department, window, clerk,
item and day; handling time at the window (card read to commit, from the 收件 event's
``started_at``) and to completion (办结); cases near or past their deadline; ratings by level with
the share of 差评, the unrated stages and the open follow-ups. ``Report.summary()`` is what
``counter-app report --json`` prints. The same figures feed the screen, the export and the
central server's hall-wide route (``supervision_figures.figures`` does the counting on plain
rows, so both read it the same way).
"""

from __future__ import annotations

import datetime as dt
from sqlalchemy import select

from counter_app.domain.case_event import CaseEvent
from counter_app.domain.working_days import HolidayCalendar
from counter_app.services.supervision_figures import CaseFacts, Report, figures
from counter_app.store.database import Store
from counter_app.store.models import CaseEventRow, CaseItemRow, CaseRow

TODAY, WEEK, MONTH, PERIOD = "today", "week", "month", "period"
PERIODS = (TODAY, WEEK, MONTH, PERIOD)


def period_days(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days of 今天 / 本周 (from Monday) / 本月 (from the 1st), up to today."""
    if kind == TODAY:
        return today, today
    if kind == WEEK:
        return today - dt.timedelta(days=today.weekday()), today
    if kind == MONTH:
        return today.replace(day=1), today
    raise ValueError(f"not a fixed period: {kind!r}")


def load_facts(s, start: dt.date, end: dt.date, *, hall: str | None = None, window: str | None = None) -> list[CaseFacts]:
    """The cases taken in the period (at ``hall``/``window`` when given) with their items and
    events, as plain facts."""
    lo = dt.datetime.combine(start, dt.time.min)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    in_period = select(CaseRow.id).where(CaseRow.created_at >= lo, CaseRow.created_at < hi)
    if hall is not None:
        in_period = in_period.where(CaseRow.hall == hall)
    if window is not None:
        in_period = in_period.where(CaseRow.window == window)
    rows = s.execute(select(CaseRow.id, CaseRow.number, CaseRow.hall, CaseRow.window, CaseRow.clerk,
                            CaseRow.created_at, CaseRow.outcome, CaseRow.promised_date)
                     .where(CaseRow.id.in_(in_period)).order_by(CaseRow.created_at)).all()
    items: dict[str, list[tuple[str, str, str, str]]] = {}
    for r in s.execute(select(CaseItemRow.case_id, CaseItemRow.item_code, CaseItemRow.item_name,
                              CaseItemRow.department, CaseItemRow.department_name)
                       .where(CaseItemRow.case_id.in_(in_period)).order_by(CaseItemRow.case_id, CaseItemRow.position)):
        items.setdefault(r.case_id, []).append((r.item_code, r.item_name, r.department, r.department_name))
    events: dict[str, list[CaseEvent]] = {}
    for e in s.scalars(select(CaseEventRow).where(CaseEventRow.case_id.in_(in_period)).order_by(CaseEventRow.id)):
        events.setdefault(e.case_id, []).append(
            CaseEvent(e.id, e.case_id, e.kind, e.at, e.clerk, e.hall, e.window, e.payload))
    return [CaseFacts(id=r.id, number=r.number, hall=r.hall, window=r.window, clerk=r.clerk,
                      created_at=r.created_at, outcome=r.outcome, promised_date=r.promised_date,
                      items=tuple(items.get(r.id, ())), events=tuple(events.get(r.id, ()))) for r in rows]


def collect(*, store: Store, start: dt.date, end: dt.date, calendar: HolidayCalendar,
            today: dt.date | None = None, now: dt.datetime | None = None, rating_minutes: int = 30,
            warn_days: int = 2, settings=None) -> Report:
    """The station's figures; with ``settings``, only the cases taken at this window (a synced
    station also holds the hall's other cases: the hall's figures are the central server's)."""
    now = now or dt.datetime.now()
    today = today or now.date()
    where = {"hall": settings.hall.code, "window": settings.window} if settings is not None else {}
    with store.session() as s:
        facts = load_facts(s, start, end, **where)
    return figures(facts, start=start, end=end, calendar=calendar, today=today, now=now,
                   rating_minutes=rating_minutes, warn_days=warn_days)
