"""The station clock: cases are numbered and dated by a clock that never runs before this
window's last case (issue 14: a system clock set back a day gave the next number of the previous
day and back-dated the case, so it missed the handover sheet already printed).

While the system clock is behind the last case, new cases take the last case's time (numbers go
on in the same day's sequence) and the window warns, so the admin puts the clock right. A few
minutes back (a time-sync correction) is absorbed without a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from counter_app.settings import StationSettings
from counter_app.store import case_repo

TOLERANCE = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class ClockBehind:
    last_case: dt.datetime
    behind: dt.timedelta


def station_now(s: Session, settings: StationSettings, now: dt.datetime) -> dt.datetime:
    """``now``, or this window's last case time if the system clock is behind it; inside the
    writing transaction, so two writers cannot both pass the check."""
    last = case_repo.last_case_time(s, settings.hall.code, settings.window)
    return now if last is None or now >= last else last


def clock_behind(*, store, settings: StationSettings, now: dt.datetime | None = None) -> ClockBehind | None:
    """How far the system clock is behind this window's last case, if more than ``TOLERANCE``."""
    now = now or dt.datetime.now()
    with store.session() as s:
        last = case_repo.last_case_time(s, settings.hall.code, settings.window)
    if last is None or last - now <= TOLERANCE:
        return None
    return ClockBehind(last, last - now)
