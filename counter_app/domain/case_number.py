"""Case numbers unique across every window of every hall, issued offline.

Format: ``<hall>-<window>-<YYYYMMDD>-<seq>``, e.g. ``330402001-W05-20261128-0007``. The hall code
is unique in the province, the window code within the hall, and the sequence is kept per
window per day in the window's own database, so two windows can never issue the same number
and no server is asked. Record ids are random UUIDs.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

CODE_RE = re.compile(r"^[A-Za-z0-9]{1,16}$")


def valid_code(code: str) -> bool:
    return bool(CODE_RE.match(code))


def format_number(hall: str, window: str, day: dt.date, seq: int) -> str:
    if not valid_code(hall) or not valid_code(window):
        raise ValueError("hall and window codes are 1-16 letters or digits")
    if seq < 1:
        raise ValueError("sequence starts at 1")
    return f"{hall}-{window}-{day:%Y%m%d}-{seq:04d}"


def new_record_id() -> str:
    return str(uuid.uuid4())
