"""The holiday calendar the station uses: the bundled file, or the hall's own copy.

A hall updates ``<data dir>/cn_holidays.json`` when the State Council publishes next year's
schedule; without it the bundled ``resources/calendar/cn_holidays.json`` is used.
"""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.domain.working_days import HolidayCalendar, calendar_from_dict
from counter_app.errors import UserError
from counter_app.paths import resource

FILE = "cn_holidays.json"


def load_calendar(data_dir: Path | None = None) -> HolidayCalendar:
    path = Path(data_dir) / FILE if data_dir is not None else None
    if path is None or not path.exists():
        path = resource("calendar", FILE)
    try:
        return calendar_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        raise UserError("calendar.unreadable", path=str(path)) from None
