"""The station's supervisors: names, PIN hashes and wrong tries, in ``supervisors.json``.

Kept apart from station.json, which any user of the machine may read and which admins copy
between stations: this file is created readable and writable by the station's user only
(mode 0600; on Windows the data folder under the user's profile is already private to them).
The wrong-try count is in the same file, so restarting the program does not reset a lock-out.

PINs from an older station.json (settings version 1) are moved here as *must be reset*: their
hashes were readable by every user of the machine, and a 4-digit PIN is found from its hash in
minutes, so they are treated as known. Such a supervisor is listed, but cannot authorise until
the admin sets a new PIN (``counter-app supervisor add NAME``).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.domain import supervisor as rules
from counter_app.domain.supervisor import Attempts
from counter_app.errors import PERMANENT, UserError

FILE = "supervisors.json"
FORMAT = 1


@dataclass(frozen=True)
class Supervisor:
    name: str
    pin_hash: str = field(default="", repr=False)     # empty: the PIN must be set again
    attempts: Attempts = field(default_factory=Attempts)

    @property
    def must_reset(self) -> bool:
        return not self.pin_hash


def path_of(data_dir: Path) -> Path:
    return Path(data_dir) / FILE


def load(data_dir: Path) -> dict[str, Supervisor]:
    path = path_of(data_dir)
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        out = {}
        for name, entry in raw["supervisors"].items():
            a = entry.get("attempts", {})
            out[name] = Supervisor(name, str(entry.get("pin_hash", "")),
                                   Attempts(int(a.get("failures", 0)), int(a.get("locks", 0)),
                                            float(a.get("locked_until", 0.0))))
        return out
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        raise UserError("supervisor.file_unreadable", kind=PERMANENT, path=str(path)) from None


def _save(data_dir: Path, supervisors: dict[str, Supervisor]) -> None:
    path = path_of(data_dir)
    body = {"format": FORMAT, "supervisors": {
        s.name: {"pin_hash": s.pin_hash, "attempts": {"failures": s.attempts.failures, "locks": s.attempts.locks,
                                                     "locked_until": s.attempts.locked_until}}
        for s in supervisors.values()}}
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), 0o600)      # whatever the umask or an older file said
            json.dump(body, f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        from counter_app.store.sqlite_file import check_writable

        check_writable(path.parent)      # a read-only folder is called that, as everywhere else
        raise UserError("supervisor.cannot_write", kind=PERMANENT, path=str(path)) from None


def names(data_dir: Path) -> list[str]:
    return sorted(load(data_dir))


def add(data_dir: Path, name: str, pin: str, *, iterations: int = rules.ITERATIONS) -> None:
    """Add a supervisor, or give one a new PIN (which also lifts a lock-out)."""
    name = name.strip()
    problem = rules.name_problem(name) or rules.pin_problem(pin)
    if problem:
        raise UserError(problem, min_digits=rules.MIN_PIN_DIGITS)
    supervisors = load(data_dir)
    supervisors[name] = Supervisor(name, rules.hash_pin(pin, iterations=iterations))
    _save(data_dir, supervisors)


def remove(data_dir: Path, name: str) -> None:
    supervisors = load(data_dir)
    if supervisors.pop(name.strip(), None) is None:
        raise UserError("supervisor.unknown", name=name.strip())
    _save(data_dir, supervisors)


def import_legacy(data_dir: Path, entries) -> None:
    """Names from a version-1 station.json (``name|pbkdf2_sha256|...``), kept with their PIN to be reset."""
    supervisors = load(data_dir)
    for entry in entries:
        name = str(entry).split("|", 1)[0].strip()
        if name and name not in supervisors:
            supervisors[name] = Supervisor(name)
    _save(data_dir, supervisors)


def check(data_dir: Path, name: str, pin: str, *, now: float | None = None) -> None:
    """Returns when ``name`` may authorise with ``pin``; raises UserError saying why not.

    Each wrong PIN is written down before the answer is given, so neither a restart nor a
    second window gets more tries.
    """
    now = time.time() if now is None else now
    supervisors = load(data_dir)
    sup = supervisors.get(name.strip())
    if sup is None:
        raise UserError("intake.supervisor_refused")
    if sup.must_reset:
        raise UserError("supervisor.must_reset", name=sup.name)
    if sup.attempts.locked(now):
        raise UserError("supervisor.locked", name=sup.name,
                        minutes=max(1, round((sup.attempts.locked_until - now) / 60)))
    if rules.pin_matches(sup.pin_hash, pin):
        if sup.attempts != Attempts():
            supervisors[sup.name] = Supervisor(sup.name, sup.pin_hash, sup.attempts.after_success())
            _save(data_dir, supervisors)
        return
    attempts = sup.attempts.after_failure(now)
    supervisors[sup.name] = Supervisor(sup.name, sup.pin_hash, attempts)
    _save(data_dir, supervisors)
    if attempts.locked(now):
        raise UserError("supervisor.locked", name=sup.name, minutes=round((attempts.locked_until - now) / 60))
    raise UserError("supervisor.wrong_pin", tries=rules.MAX_FAILURES - attempts.failures)
