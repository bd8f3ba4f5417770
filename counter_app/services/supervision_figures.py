"""The supervisor's figures, counted from plain case facts (no database, no Qt): one station's
(``services.supervision``) or the whole hall's (the central server) read the same way.

Definitions a hall director can check by hand:

- a case belongs to the period it was taken in (``created_at``); it counts once per outcome, and
  once under each department (and item) it asks for, so a two-department case counts in both;
- handling time at the window: from the card read (or the first thing entered) to the commit;
  to completion: from the commit to 办结, for the cases concluded so far;
- deadline status: the cases whose completion clock runs (受理, 审查, 特别程序: ``domain.lifecycle``),
  coloured as the case list colours them (``domain.deadlines``): on time, near (yellow), overdue
  (red); a 容缺 promise not kept is red too;
- ratings: those given for the period's cases, by level; a stage not rated within the station's
  time is *unrated*, never counted as satisfied; the share of 差评 is over the rated stages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from counter_app.domain import case_status as cs
from counter_app.domain import deadlines
from counter_app.domain import evaluation as ev
from counter_app.domain import lifecycle
from counter_app.domain.case_event import CaseEvent
from counter_app.domain.working_days import HolidayCalendar

ON_TIME, NEAR, OVERDUE = "on_time", "near", "overdue"
DEADLINE_STATES = (ON_TIME, NEAR, OVERDUE)


@dataclass(frozen=True)
class CaseFacts:
    id: str
    number: str
    hall: str
    window: str
    clerk: str
    created_at: dt.datetime
    outcome: str
    promised_date: dt.date | None
    items: tuple[tuple[str, str, str, str], ...]      # (item code, item name, department code, department name)
    events: tuple[CaseEvent, ...]


@dataclass(frozen=True)
class Stat:
    count: int = 0
    average: float | None = None
    p90: float | None = None


def stat(values: Sequence[float]) -> Stat:
    """Count, mean and 90th percentile (nearest rank: the value 90 % of the cases do not exceed)."""
    if not values:
        return Stat()
    ordered = sorted(values)
    rank = max(1, math.ceil(0.9 * len(ordered)))
    return Stat(len(ordered), sum(ordered) / len(ordered), ordered[rank - 1])


@dataclass(frozen=True)
class DeadlineRow:
    number: str
    items: str
    departments: str
    window: str
    clerk: str
    due: dt.date
    days_left: int          # working days; negative: overdue by that many


@dataclass(frozen=True)
class FollowUpRow:
    number: str
    window: str
    clerk: str
    follow_up: ev.FollowUp
    days_left: int
    colour: str              # "" | "yellow" | "red", as cases are coloured


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    today: dt.date
    cases: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_department: dict[str, int] = field(default_factory=dict)
    department_names: dict[str, str] = field(default_factory=dict)
    by_window: dict[str, int] = field(default_factory=dict)
    by_clerk: dict[str, int] = field(default_factory=dict)
    by_item: dict[str, int] = field(default_factory=dict)
    item_names: dict[str, str] = field(default_factory=dict)
    by_day: dict[dt.date, dict[str, int]] = field(default_factory=dict)
    window_seconds: Stat = Stat()
    completion_days: Stat = Stat()
    deadline_status: dict[str, int] = field(default_factory=dict)
    near: tuple[DeadlineRow, ...] = ()
    overdue: tuple[DeadlineRow, ...] = ()
    ratings: dict[int, int] = field(default_factory=dict)
    ratings_by_clerk: dict[str, dict[int, int]] = field(default_factory=dict)
    unrated: int = 0
    follow_ups: tuple[FollowUpRow, ...] = ()       # open ones, the soonest due first

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def bad(self) -> int:
        return sum(n for level, n in self.ratings.items() if level in ev.BAD)

    @property
    def bad_share(self) -> float | None:
        return self.bad / self.rated if self.rated else None

    def summary(self) -> dict:
        """What ``counter-app report --json`` prints."""
        return {"cases": self.cases, "by_outcome": dict(self.by_outcome), "by_department": dict(self.by_department),
                "overdue": len(self.overdue), "ratings": {str(level): self.ratings.get(level, 0) for level in (1, 2, 3, 4, 5)}}


def _started(events: Iterable[CaseEvent]) -> dt.datetime | None:
    for e in events:
        if e.kind == cs.RECEIVE and e.payload.get("started_at"):
            try:
                return dt.datetime.fromisoformat(str(e.payload["started_at"]))
            except ValueError:
                return None
    return None


def _concluded(events: Iterable[CaseEvent]) -> dt.datetime | None:
    return next((e.at for e in events if e.kind == cs.CONCLUDE), None)


STATE_OF_COLOUR = {deadlines.NONE: ON_TIME, deadlines.YELLOW: NEAR, deadlines.RED: OVERDUE}


def _deadline(f: CaseFacts, calendar: HolidayCalendar, today: dt.date, warn_days: int):
    """(state, due, working days left) of a case whose completion clock runs (``domain.deadlines``,
    as the case list shows it), else None."""
    life = lifecycle.derive(f.events)
    if life.state not in lifecycle.CLOCK_RUNS:
        return None
    d = deadlines.deadline_of(life, calendar=calendar, today=today, promised_date=f.promised_date,
                              warn_days=warn_days)
    if d.due is None or d.days_left is None:
        return None
    return STATE_OF_COLOUR[d.colour], d.due, d.days_left


def _row(f: CaseFacts, due: dt.date, left: int) -> DeadlineRow:
    return DeadlineRow(f.number, "；".join(i[1] for i in f.items), "；".join(dict.fromkeys(i[3] or i[2] for i in f.items)),
                       f.window, f.clerk, due, left)


def figures(facts: Sequence[CaseFacts], *, start: dt.date, end: dt.date, calendar: HolidayCalendar,
            today: dt.date, now: dt.datetime, rating_minutes: int = 30, warn_days: int = 2) -> Report:
    by_outcome = Counter({o: 0 for o in cs.OUTCOMES})
    by_department, by_window, by_clerk, by_item = Counter(), Counter(), Counter(), Counter()
    dept_names, item_names = {}, {}
    by_day: dict[dt.date, Counter] = {}
    window_secs, completion = [], []
    deadline_status = Counter({s: 0 for s in DEADLINE_STATES})
    near, overdue = [], []
    ratings = Counter({level: 0 for level in ev.LEVELS})
    ratings_by_clerk: dict[str, Counter] = {}
    unrated = 0
    follow_rows = []
    for f in facts:
        by_outcome[f.outcome] += 1
        by_window[f.window] += 1
        by_clerk[f.clerk] += 1
        by_day.setdefault(f.created_at.date(), Counter({o: 0 for o in cs.OUTCOMES}))[f.outcome] += 1
        for dept in dict.fromkeys(i[2] for i in f.items):
            by_department[dept] += 1
        for code, name, dept, dept_name in f.items:
            by_item[code] += 1
            item_names.setdefault(code, name)
            dept_names.setdefault(dept, dept_name or dept)
        started = _started(f.events)
        if started is not None:
            window_secs.append((f.created_at - started).total_seconds())
        done = _concluded(f.events)
        if done is not None:
            completion.append((done - f.created_at).total_seconds() / 86400)
        deadline = _deadline(f, calendar, today, warn_days)
        if deadline is not None:
            state, due, left = deadline
            deadline_status[state] += 1
            if state == NEAR:
                near.append(_row(f, due, left))
            elif state == OVERDUE:
                overdue.append(_row(f, due, left))
        rated = ev.ratings_of(f.events)
        for r in rated.values():
            ratings[r.level] += 1
            ratings_by_clerk.setdefault(r.clerk, Counter())[r.level] += 1
        outcome_at = next((e.at for e in f.events if e.kind in cs.OUTCOMES), f.created_at)
        if ev.STAGE_INTAKE not in rated and ev.too_late(outcome_at, now, rating_minutes):
            unrated += 1
        issued = next((e.at for e in f.events if e.kind == cs.ISSUE), None)
        if issued is not None and ev.STAGE_ISSUE not in rated and ev.too_late(issued, now, rating_minutes):
            unrated += 1
        for fu in ev.follow_ups_of(f.events).values():
            if fu.open:
                left = deadlines.working_days_between(calendar, today, fu.due)
                follow_rows.append(FollowUpRow(f.number, f.window, f.clerk, fu, left,
                                               deadlines.colour_for_days_left(left, warn_days)))
    return Report(
        start=start, end=end, today=today, cases=len(facts), by_outcome=dict(by_outcome),
        by_department=dict(by_department.most_common()), department_names=dept_names,
        by_window=dict(sorted(by_window.items())), by_clerk=dict(by_clerk.most_common()),
        by_item=dict(by_item.most_common()), item_names=item_names,
        by_day={d: dict(c) for d, c in sorted(by_day.items())},
        window_seconds=stat(window_secs), completion_days=stat(completion),
        deadline_status=dict(deadline_status),
        near=tuple(sorted(near, key=lambda r: (r.days_left, r.number))),
        overdue=tuple(sorted(overdue, key=lambda r: (r.days_left, r.number))),
        ratings=dict(ratings), ratings_by_clerk={c: dict(n) for c, n in sorted(ratings_by_clerk.items())},
        unrated=unrated, follow_ups=tuple(sorted(follow_rows, key=lambda r: (r.follow_up.due, r.number))))
