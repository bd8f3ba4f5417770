"""The holiday calendar the station uses: the bundled file, or the hall's own copy, plus the
hall's closures.

A hall updates ``<data dir>/cn_holidays.json`` when the State Council publishes next year's
schedule (``counter-app calendar import FILE``, or the central server's published calendar);
without it the bundled ``resources/calendar/cn_holidays.json`` is used. The hall's own closures
(停业 days) are kept apart in ``<data dir>/hall_closures.json``, so a calendar coming from the
central server never drops them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.calendar_file import parse_years
from counter_app.domain.working_days import HolidayCalendar, calendar_from_dict
from counter_app.errors import UserError
from counter_app.paths import resource

FILE = "cn_holidays.json"
CLOSURES = "hall_closures.json"


def _calendar_file(data_dir: Path | None) -> Path:
    path = Path(data_dir) / FILE if data_dir is not None else None
    return path if path is not None and path.exists() else resource("calendar", FILE)


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UserError("calendar.unreadable", path=str(path)) from None


def load_calendar(data_dir: Path | None = None) -> HolidayCalendar:
    path = _calendar_file(data_dir)
    data = _read(path)
    try:
        closures = Path(data_dir) / CLOSURES if data_dir is not None else None
        if closures is not None and closures.exists():
            for year, days in _read(closures).get("years", {}).items():
                data.setdefault("years", {}).setdefault(year, {"holidays": [], "workdays": []})
                data["years"][year] = {**data["years"][year], "closures": list(days)}
        return calendar_from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UserError("calendar.unreadable", path=str(path)) from None


@dataclass(frozen=True)
class CalendarImport:
    years: tuple[int, ...]
    holidays: int
    workdays: int
    closures: int


def _write(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)        # the old file stays whole until the new one is complete
    except OSError as exc:
        raise UserError("calendar.import.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None


def import_calendar(*, data_dir: Path, path: Path) -> CalendarImport:
    """Checks the file and takes its years into the station's calendar: each year in the file
    replaces that year (holidays, make-up days; its closures replace the hall's closures of that
    year); other years stay. A file with any problem changes nothing."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UserError("calendar.import.bad_json", path=str(path), detail=exc.strerror or str(exc)) from None
    except ValueError as exc:
        raise UserError("calendar.import.bad_json", path=str(path), detail=str(exc)[:200]) from None
    entries = parse_years(raw)
    data_dir = Path(data_dir)
    calendar = _read(_calendar_file(data_dir))
    closures_path = data_dir / CLOSURES
    closures = _read(closures_path) if closures_path.exists() else {"years": {}}
    for e in entries:
        calendar.setdefault("years", {})[str(e.year)] = e.national()
        closures.setdefault("years", {})[str(e.year)] = [d.isoformat() for d in e.closures]
    source = raw.get("source").strip() if isinstance(raw.get("source"), str) else ""
    if source and source not in str(calendar.get("source", "")):
        calendar["source"] = "; ".join(filter(None, [str(calendar.get("source", "")), source]))
    calendar_from_dict(calendar)           # what the station will read must read
    _write(data_dir / FILE, calendar)
    _write(closures_path, closures)
    return CalendarImport(tuple(e.year for e in entries), sum(len(e.holidays) for e in entries),
                          sum(len(e.workdays) for e in entries), sum(len(e.closures) for e in entries))
