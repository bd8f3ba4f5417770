"""What the window shows about sync, as one frozen value (read from the outbox, not from a ping)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SyncState:
    enrolled: bool
    online: bool | None          # None: no exchange with the server yet; True: the last one worked
    pending: int                 # unsent entries
    oldest: dt.datetime | None   # when the oldest unsent entry was written
    rejected: int                # entries the server refused (kept, shown, not resent)
    problem: str = ""            # message key of the last failure
    kind: str = ""               # its class: transient | needs_user | permanent
    syncing: bool = False
