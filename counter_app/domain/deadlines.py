"""Working-day deadlines of a case (行政许可法 §32, §42, §45; 民法典 §201, §203), on the holiday
calendar (``domain.working_days``) with its make-up working days and the hall's closures.

- The promised and the legal completion date count working days after the acceptance day (that
  day itself does not count). The promised date is the one the receipt printed (with 容缺 the
  intake starts it on the last promised delivery day, ``promised_date``).
- Time in 特别程序 does not count (§45): a stop from day S to day E takes the working days after S
  up to and including E out of the count (like the acceptance day, the day the clock starts again
  is not counted), so the due date moves out by those days. A stop still running counts to today.
- 补正 asked during review restarts nothing: the due date stays; it is only shown.
- 一次性告知 must be given within 5 working days of receiving the papers, else the case counts
  as accepted from the day they were received (§32): a case left in 收件 shows that timer.
- 容缺: each missing material has its promised delivery day; one not brought by then (today is
  after it) is a promise not kept: the case is flagged (red) and may be terminated.
- Near the deadline (``warn_days`` working days or fewer left, a station setting) a case is
  yellow; past it, red.

A year the calendar does not cover is counted Monday to Friday; ``uncovered_years`` names it so
the screen can warn. Nothing here fails across New Year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from counter_app.domain import case_status as cs
from counter_app.domain.lifecycle import CLOCK_RUNS, CaseLife, Stop
from counter_app.domain.working_days import HolidayCalendar

NOTICE_DAYS = 5          # §32: 一次性告知 within five days (working days: 民法典 §201/§203 reading)
DEFAULT_WARN_DAYS = 2
GAP_STATES = frozenset({cs.ACCEPTED, cs.REVIEWING, cs.SUSPENDED, cs.APPROVED_WITH_GAPS})

NONE, YELLOW, RED = "", "yellow", "red"
COLOURS = (NONE, YELLOW, RED)


def due_date(calendar: HolidayCalendar, start: dt.date, days: int, stopped_days: int = 0) -> dt.date:
    """``days`` working days after ``start`` (not counted), moved out by ``stopped_days`` working
    days; a 0-day limit is due on ``start`` itself, or the next working day when it is a rest day."""
    total = days + stopped_days
    if total <= 0:
        day = start
        while not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    return calendar.add_working_days(start, total)


def working_days_between(calendar: HolidayCalendar, after: dt.date, until: dt.date) -> int:
    """Working days in (after, until]; negative when ``until`` is before ``after``."""
    if until < after:
        return -working_days_between(calendar, until, after)
    n, day = 0, after
    while day < until:
        day += dt.timedelta(days=1)
        n += calendar.is_working_day(day)
    return n


def stopped_working_days(calendar: HolidayCalendar, stops: Iterable[Stop], today: dt.date) -> int:
    """Working days spent in 特别程序: for each stop, those after its first day up to its last
    (today for one still running). Overlapping stops are not counted twice."""
    days: set[dt.date] = set()
    for stop in stops:
        end = stop.end or today
        day = stop.start
        while day < end:
            day += dt.timedelta(days=1)
            if calendar.is_working_day(day):
                days.add(day)
    return len(days)


@dataclass(frozen=True)
class Deadline:
    """What the lists and the detail show about a case's time."""
    due: dt.date | None = None            # promised completion, moved out by 特别程序
    legal_due: dt.date | None = None      # legal limit, moved out by 特别程序
    stopped_days: int = 0
    days_left: int | None = None          # working days from today to ``due`` (or the notice timer)
    notice_due: dt.date | None = None     # 收件: the 一次性告知 must be given by then
    deemed_accepted: bool = False         # 收件 past ``notice_due`` (§32)
    overdue_gaps: dict[str, dt.date] = field(default_factory=dict)   # 容缺 promises not kept
    correcting: bool = False              # a 补正 asked in review, not yet brought (shown only)
    colour: str = NONE
    uncovered_years: tuple[int, ...] = ()

    @property
    def broken_promise(self) -> bool:
        return bool(self.overdue_gaps)


def _colour(days_left: int | None, warn_days: int) -> str:
    if days_left is None:
        return NONE
    if days_left < 0:
        return RED
    return YELLOW if days_left <= warn_days else NONE


def deadline_of(life: CaseLife, *, calendar: HolidayCalendar, today: dt.date, promised_date: dt.date | None,
                legal_days: int = 0, warn_days: int = DEFAULT_WARN_DAYS, immediate: bool = False) -> Deadline:
    """The case's deadlines as of ``today``. ``promised_date``: as printed at intake;
    ``legal_days``: the longest legal limit of its items (0: none known). ``immediate``: only
    即办件 (decided on the spot): due the day it is taken, never yellow that day (every case of the
    day would be), red once a day passed without a decision."""
    stopped = stopped_working_days(calendar, life.stops, today)
    due = legal_due = notice_due = None
    days_left, deemed = None, False
    if life.state in CLOCK_RUNS and life.accepted_on:
        if promised_date is not None:
            due = due_date(calendar, promised_date, 0, stopped) if stopped else promised_date
        if legal_days > 0:
            legal_due = due_date(calendar, life.accepted_on, legal_days, stopped)
        target = due or legal_due
        if target is not None:
            days_left = working_days_between(calendar, today, target)
    elif life.state == cs.RECEIVED and life.received_on:
        notice_due = due_date(calendar, life.received_on, NOTICE_DAYS)
        days_left = working_days_between(calendar, today, notice_due)
        deemed = today > notice_due
    overdue = life.overdue_gaps(today) if life.state in GAP_STATES else {}
    colour = RED if overdue else _colour(days_left, -1 if immediate and due is not None else warn_days)
    dates = [d for d in (life.received_on, life.accepted_on, due, legal_due, notice_due, today) if d]
    years = range(min(dates).year, max(dates).year + 1)
    return Deadline(due=due, legal_due=legal_due, stopped_days=stopped, days_left=days_left,
                    notice_due=notice_due, deemed_accepted=deemed, overdue_gaps=overdue,
                    correcting=life.correcting, colour=colour,
                    uncovered_years=tuple(y for y in years if y not in calendar.years))


# the same rule, public: 差评 follow-ups are coloured like cases (services.supervision_figures)
colour_for_days_left = _colour
