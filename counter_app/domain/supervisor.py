"""Supervisor overrides (负责人授权): the rules for a supervisor's PIN, without I/O.

- A PIN has at least :data:`MIN_PIN_DIGITS` digits and is not a run like ``111111`` or ``123456``.
  A 4-digit PIN under PBKDF2 is found in minutes by anyone who can read its hash; the hash
  therefore lives apart from the world-readable station.json (see :mod:`counter_app.supervisors`),
  and tries at the window are limited.
- The PIN is stored salted and hashed (``pbkdf2_sha256$iterations$salt$hash``, hex), never itself.
- :data:`MAX_FAILURES` wrong PINs in a row lock the name for :data:`FIRST_LOCK` seconds; each
  further lock doubles, up to :data:`LONGEST_LOCK`. A right PIN resets the count. At 5 tries per
  lock, guessing a 6-digit PIN takes years.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 200_000
MIN_PIN_DIGITS = 6
MAX_FAILURES = 5
FIRST_LOCK = 15 * 60          # seconds
LONGEST_LOCK = 24 * 3600


def name_problem(name: str) -> str | None:
    """The message key saying why ``name`` cannot be a supervisor's name, or None."""
    if not name.strip() or len(name.strip()) > 32 or any(ord(c) < 32 for c in name):
        return "supervisor.bad_name"
    return None


def pin_problem(pin: str) -> str | None:
    """The message key saying why ``pin`` is refused, or None when it may be used."""
    if not pin.isascii() or not pin.isdigit() or len(pin) < MIN_PIN_DIGITS:
        return "supervisor.pin_too_short"
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    if steps in ({0}, {1}, {-1}):
        return "supervisor.pin_too_simple"
    return None


def _digest(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = secrets.token_bytes(16)
    return "$".join([ALGORITHM, str(iterations), salt.hex(), _digest(pin, salt, iterations).hex()])


def pin_matches(stored: str, pin: str) -> bool:
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        return False
    try:
        iterations, salt, expected = int(parts[1]), bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
    except ValueError:
        return False
    return hmac.compare_digest(_digest(pin, salt, iterations), expected)


@dataclass(frozen=True)
class Attempts:
    """Wrong PINs in a row for one supervisor, and until when (epoch seconds) the name is locked."""
    failures: int = 0
    locks: int = 0
    locked_until: float = 0.0

    def locked(self, now: float) -> bool:
        return now < self.locked_until

    def after_failure(self, now: float) -> Attempts:
        failures = self.failures + 1
        if failures < MAX_FAILURES:
            return Attempts(failures, self.locks, self.locked_until)
        length = min(FIRST_LOCK * 2 ** self.locks, LONGEST_LOCK)
        return Attempts(0, self.locks + 1, now + length)

    def after_success(self) -> Attempts:
        return Attempts()
