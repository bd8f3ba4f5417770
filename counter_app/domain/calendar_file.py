"""The holiday-calendar file (``cn_holidays.json`` format) checked line by line before it is used:
a year's State Council arrangement (holidays, make-up working days) and the hall's closures.

    {"source": "国办发明电〔2026〕…", "years": {"2027": {"holidays": ["2027-01-01", ...],
                                                     "workdays": ["2027-02-07", ...],
                                                     "closures": ["2027-07-15"]}}}

Each problem is a UserError naming the year, the list and the value, in the user's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.errors import UserError

LISTS = ("holidays", "workdays", "closures")


@dataclass(frozen=True)
class YearEntry:
    year: int
    holidays: tuple[dt.date, ...] = ()
    workdays: tuple[dt.date, ...] = ()
    closures: tuple[dt.date, ...] = ()

    def national(self) -> dict:
        """The year as the calendar file keeps it (closures live in the hall's own file)."""
        return {"holidays": [d.isoformat() for d in self.holidays], "workdays": [d.isoformat() for d in self.workdays]}


def _dates(year: int, name: str, values) -> tuple[dt.date, ...]:
    if not isinstance(values, list):
        raise UserError("calendar.import.bad_list", year=year, list=name)
    out = []
    for value in values:
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise UserError("calendar.import.bad_date", year=year, list=name, value=str(value)[:40])
        if day.year != year:
            raise UserError("calendar.import.wrong_year", year=year, value=value)
        out.append(day)
    return tuple(sorted(set(out)))


def parse_years(data) -> tuple[YearEntry, ...]:
    """The years of a calendar file, checked; raises on the first problem."""
    years = data.get("years") if isinstance(data, dict) else None
    if not isinstance(years, dict) or not years:
        raise UserError("calendar.import.no_years")
    out = []
    for key, entry in sorted(years.items()):
        if not (isinstance(key, str) and len(key) == 4 and key.isdigit() and 2000 <= int(key) <= 2100):
            raise UserError("calendar.import.bad_year", year=str(key)[:20])
        year = int(key)
        if not isinstance(entry, dict):
            raise UserError("calendar.import.bad_list", year=year, list=key)
        for name in entry:
            if name not in LISTS:
                raise UserError("calendar.import.unknown_key", year=year, entry=str(name)[:40])
        holidays, workdays, closures = (_dates(year, n, entry.get(n, [])) for n in LISTS)
        both = set(holidays) & set(workdays)
        if both:
            raise UserError("calendar.import.both", value=min(both).isoformat())
        weekday = [d for d in workdays if d.weekday() < 5]
        if weekday:
            raise UserError("calendar.import.workday_not_weekend", value=weekday[0].isoformat())
        out.append(YearEntry(year, holidays, workdays, closures))
    return tuple(out)
