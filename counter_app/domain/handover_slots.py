"""集中时段交接: the times of day the back office collects the promised cases, and the batch codes.

A hall sets its slots (station setting ``handover_slots``, e.g. ``10:30`` and ``16:00``). The
sheets made at a moment belong to the first slot not yet past by more than ``GRACE`` (a runner
five minutes late still takes the 10:30 batch); after the last slot of the day they belong to
that last slot (a late handover), never to a slot of another day. Each department gets one batch
per slot: a department already handed over in a slot waits for the next one.

A batch code is printed as Code 128 on the sheet and read back by the scanner, so it is ASCII,
starts with ``JJ`` (交接) and cannot be taken for a case number::

    JJ-<hall>-<window>-<YYYYMMDD>-<HHMM>-<NN>      e.g. JJ-330402001-W01-20261127-1030-01
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

GRACE = dt.timedelta(minutes=60)
PREFIX = "JJ-"
_SLOT = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_CODE = re.compile(r"^JJ-([0-9A-Za-z]+)-([0-9A-Za-z]+)-(\d{8})-(\d{4})-(\d{2,})$")


def parse_slot(text: str) -> dt.time | None:
    m = _SLOT.match(text.strip())
    return dt.time(int(m.group(1)), int(m.group(2))) if m else None


def bad_slot(slots: Iterable[str]) -> str | None:
    """The first slot that is not ``HH:MM`` ("" when there is none at all), else None."""
    slots = tuple(slots)
    if not slots:
        return ""
    return next((s for s in slots if parse_slot(s) is None), None)


def slot_times(slots: Iterable[str]) -> list[dt.time]:
    return sorted({t for t in (parse_slot(s) for s in slots) if t is not None})


def label(slot: dt.time) -> str:
    return f"{slot:%H:%M}"


def current_slot(now: dt.datetime, slots: Iterable[str], *, grace: dt.timedelta = GRACE) -> dt.time:
    """The slot the sheets made at ``now`` belong to (see the module's text)."""
    times = slot_times(slots) or [dt.time(23, 59)]
    for t in times:
        if now <= dt.datetime.combine(now.date(), t) + grace:
            return t
    return times[-1]


def later_slots(slot: dt.time, slots: Iterable[str]) -> list[dt.time]:
    return [t for t in slot_times(slots) if t > slot]


def batch_code(hall: str, window: str, day: dt.date, slot: dt.time, n: int) -> str:
    return f"{PREFIX}{hall}-{window}-{day:%Y%m%d}-{slot:%H%M}-{n:02d}"


def is_batch_code(text: str) -> bool:
    return bool(_CODE.match(text.strip().upper()))
