"""What a catalog ``version`` is: ``YYYY.MM.DD`` (the day the province published it) with an
optional ``.N`` for the Nth edition of that day, e.g. ``2026.12.20`` or ``2026.12.20.2``.

Versions compare field by field as numbers (``2026.12.20.10`` is after ``2026.12.20.2``). Any
other text is not a version: the import refuses it, and a stored one (left by builds before the
format was defined, e.g. ``1e5``) never blocks a valid version.
"""

from __future__ import annotations

import datetime as dt
import re

_FORM = re.compile(r"(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d{1,4}))?", re.ASCII)


def parse_version(text: object) -> tuple[int, int, int, int] | None:
    """(year, month, day, edition) for a valid version, None for anything else."""
    if not isinstance(text, str):
        return None
    m = _FORM.fullmatch(text)
    if m is None:
        return None
    year, month, day, edition = int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return year, month, day, edition


def is_older(new: str, stored: str | None) -> bool:
    """True when ``new`` would replace a later catalog. A stored text that is not a version
    counts as older than every version."""
    old = parse_version(stored)
    return old is not None and parse_version(new) < old
