"""One running window per hall and window code on a data folder.

Two programs taking cases as the same window (a second start on one PC, or a cloned PC pointed at
a shared folder) would share one day's case-number sequence and each believe it is the only
window W01. The window holds an OS file lock (``filelock``: flock on Linux, LockFileEx on
Windows) for as long as it runs; the OS releases it when the process ends, also after a kill or a
power cut, so a crash never leaves a stale lock behind. Within one process the lock is
re-entrant (a window reopened by the same program is not "another program"). Other stations with the same codes are
found by the central server at enrolment, not here.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from counter_app.errors import PERMANENT, UserError


def lock_path(data_dir: Path, hall: str, window: str) -> Path:
    return Path(data_dir) / f"window-{hall}-{window}.lock"


class WindowLock:
    def __init__(self, lock: FileLock) -> None:
        self._lock = lock

    def release(self) -> None:
        self._lock.release()


def hold_window(data_dir: Path, hall: str, window: str) -> WindowLock:
    """Take the window's lock or raise ``station.window_in_use`` naming it."""
    lock = FileLock(str(lock_path(data_dir, hall, window)), timeout=0, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise UserError("station.window_in_use", kind=PERMANENT, hall=hall, window=window,
                        path=str(data_dir)) from None
    except OSError:
        raise UserError("store.read_only_dir", kind=PERMANENT, path=str(data_dir)) from None
    return WindowLock(lock)
