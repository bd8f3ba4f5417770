"""Working-day deadlines on the Chinese public-holiday calendar (法定节假日与调休).

The calendar is data (``resources/calendar/cn_holidays.json``, read by
``counter_app.services.holidays``), published each year by the
State Council; a hall updates the file without code (``counter-app calendar import``). Days not
in the file follow the week: Monday to Friday work, Saturday and Sunday rest. A hall's closures
(停业: a typhoon day, a move) are rest days even on a make-up working day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)     # rest days on weekdays
    workdays: frozenset[dt.date] = field(default_factory=frozenset)     # 调休 weekend work days
    years: frozenset[int] = field(default_factory=frozenset)
    closures: frozenset[dt.date] = field(default_factory=frozenset)     # the hall closed

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.closures:
            return False
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (the day of intake does not count)."""
        day = start
        left = days
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years


def calendar_from_dict(data: dict) -> HolidayCalendar:
    holidays, workdays, years, closures = set(), set(), set(), set()
    for year, entry in data.get("years", {}).items():
        years.add(int(year))
        for text in entry.get("holidays", []):
            holidays.add(dt.date.fromisoformat(text))
        for text in entry.get("workdays", []):
            workdays.add(dt.date.fromisoformat(text))
        for text in entry.get("closures", []):
            closures.add(dt.date.fromisoformat(text))
    return HolidayCalendar(frozenset(holidays), frozenset(workdays), frozenset(years), frozenset(closures))
