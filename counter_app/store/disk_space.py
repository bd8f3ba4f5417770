"""Room on the station's disk: an intake is refused with a message, before anything is written,
when the data folder's disk is nearly full — rather than a case half-saved, a receipt unarchived
or the outbox unable to grow while the link is down."""

from __future__ import annotations

import shutil
from pathlib import Path

from counter_app.errors import TRANSIENT, UserError

MIN_FREE_BYTES = 200 * 1024 * 1024    # a day of a busy window's cases, documents and outbox, many times over


def check_room(data_dir: Path, minimum: int = MIN_FREE_BYTES) -> None:
    try:
        free = shutil.disk_usage(Path(data_dir)).free
    except OSError:
        return          # cannot tell: let the write itself report
    if free < minimum:
        raise UserError("intake.disk_nearly_full", kind=TRANSIENT, free_mb=free // (1024 * 1024),
                        path=str(data_dir))
