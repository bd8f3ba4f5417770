"""What the case list and the case detail show: each case with the life derived from its events
and its deadlines as of today. The list carries no personal data beyond a masked name.

Scopes: ``today`` (taken today anywhere in this hall), ``mine`` (by this clerk), ``window``
(at this window), ``hall`` (every case of the hall this station knows: its own and, once
synced, those the central server sent from the other windows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.domain import deadlines as dl
from counter_app.domain import lifecycle
from counter_app.domain.case import GAP, CaseRecord
from counter_app.domain.case_event import CaseEvent
from counter_app.domain.lifecycle import CaseLife
from counter_app.domain.working_days import HolidayCalendar
from counter_app.errors import UserError
from counter_app.settings import StationSettings
from counter_app.store import case_events, case_lifecycle, case_repo
from counter_app.store.case_lifecycle import CaseSummary
from counter_app.store.database import Store

TODAY, MINE, WINDOW, HALL = "today", "mine", "window", "hall"
SCOPES = (TODAY, MINE, WINDOW, HALL)
LIMIT = 2000
_URGENCY = {dl.RED: 0, dl.YELLOW: 1, dl.NONE: 2}


def masked_name(name: str) -> str:
    """张三 → 张*, 欧阳明华 → 欧**华: enough to find the person at the window, not to read it off."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


@dataclass(frozen=True)
class CaseLine:
    """One row of the case list."""
    number: str
    created_at: dt.datetime
    window: str
    clerk: str
    applicant: str                   # masked for a person, the company's name for a company
    items: tuple[str, ...]
    departments: tuple[str, ...]
    state: str | None                # derived from the events
    saved_status: str                # case_record.status (the cache): equal to ``state``
    deadline: dl.Deadline


def _deadline(summary: CaseSummary, life: CaseLife, *, calendar, today, warn_days) -> dl.Deadline:
    return dl.deadline_of(life, calendar=calendar, today=today, promised_date=summary.promised_date,
                          legal_days=summary.legal_days, warn_days=warn_days,
                          immediate=summary.promised_days == 0)


def _line(summary: CaseSummary, events: list[CaseEvent], **kw) -> CaseLine:
    life = lifecycle.derive(events)
    return CaseLine(summary.number, summary.created_at, summary.window, summary.clerk,
                    summary.org or masked_name(summary.applicant), summary.items,
                    summary.departments, life.state, summary.status, _deadline(summary, life, **kw))


def case_list(*, store: Store, settings: StationSettings, calendar: HolidayCalendar, scope: str = TODAY,
              today: dt.date | None = None, states: frozenset[str] | None = None,
              colours: frozenset[str] | None = None, limit: int = LIMIT) -> list[CaseLine]:
    """The cases of ``scope``, narrowed to ``states`` and deadline ``colours`` (None: all), the
    most urgent first (red, yellow, then the nearest due date), then the newest."""
    today = today or dt.date.today()
    where: dict = {"hall": settings.hall.code}
    if scope == TODAY:
        where["since"] = dt.datetime.combine(today, dt.time.min)
    elif scope == MINE:
        where["clerk"] = settings.clerk
    elif scope == WINDOW:
        where["window"] = settings.window
    elif scope != HALL:
        raise ValueError(f"unknown scope {scope!r}")
    with store.session() as s:
        rows = case_lifecycle.summaries(s, **where, limit=limit)
        events = case_lifecycle.events_of_cases(s, [r.id for r in rows])
    kw = dict(calendar=calendar, today=today, warn_days=settings.deadline_warn_days)
    lines = [_line(r, events.get(r.id, []), **kw) for r in rows]
    lines = [ln for ln in lines if (states is None or ln.state in states)
             and (colours is None or ln.deadline.colour in colours)]
    lines.sort(key=lambda ln: -ln.created_at.timestamp())
    lines.sort(key=lambda ln: (_URGENCY[ln.deadline.colour], ln.deadline.due or ln.deadline.notice_due or dt.date.max))
    return lines


@dataclass(frozen=True)
class CaseDetail:
    record: CaseRecord = None        # the applicant's data: the screen masks what it shows
    events: tuple[CaseEvent, ...] = ()
    life: CaseLife = CaseLife()
    deadline: dl.Deadline = dl.Deadline()
    actions: tuple[str, ...] = ()    # the lifecycle steps a clerk may take now
    gap_names: tuple[tuple[str, str, dt.date], ...] = ()   # 容缺 still owed: (key, name, promised day)
    applicant_broken: tuple[str, ...] = ()   # the applicant's other cases with a 容缺 promise not kept


def case_detail(*, store: Store, settings: StationSettings, calendar: HolidayCalendar, number: str,
                today: dt.date | None = None, now: dt.datetime | None = None) -> CaseDetail:
    now = now or dt.datetime.now()
    today = today or now.date()
    with store.session() as s:
        record = case_repo.load_case(s, number)
        if record is None:
            raise UserError("lifecycle.case_unknown", number=number)
        summary = case_lifecycle.summary(s, number)
        events = case_events.of_case(s, record.id)
        broken = [n for n in broken_promises(s, record.applicant.id_number, today) if n != number]
    life = lifecycle.derive(events)
    names = {m.line.key: m.line.name for m in record.materials if m.check.state == GAP}
    gaps = tuple((k, names.get(k, k), d) for k, d in sorted(life.gaps.items(), key=lambda kv: kv[1]))
    return CaseDetail(record, tuple(events), life,
                      _deadline(summary, life, calendar=calendar, today=today,
                                warn_days=settings.deadline_warn_days),
                      lifecycle.allowed(life, at=now), gaps, tuple(broken))


def broken_promises(s, id_number: str, today: dt.date) -> list[str]:
    """The numbers of this person's cases (as applicant, for themselves or a company) with a 容缺
    material past its promised day: what the credit rules (失信) look at."""
    if not id_number:
        return []
    cases = case_repo.cases_of_person(s, id_number, limit=200)
    events = case_lifecycle.events_of_cases(s, [c.id for c in cases])
    out = []
    for c in cases:
        life = lifecycle.derive(events.get(c.id, []))
        if life.state in dl.GAP_STATES and life.overdue_gaps(today):
            out.append(c.number)
    return out
