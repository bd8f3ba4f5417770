"""Supervisor overrides (负责人授权): a supervisor's name and PIN, checked against the station's list.

An entry is stored as ``name|pbkdf2_sha256|iterations|salt|hash`` (hex), never the PIN itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 120_000


def _digest(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def make_entry(name: str, pin: str, *, iterations: int = ITERATIONS) -> str:
    if "|" in name or not name.strip():
        raise ValueError("a supervisor's name is not empty and has no '|'")
    if len(pin) < 4:
        raise ValueError("a PIN has at least 4 characters")
    salt = secrets.token_bytes(16)
    return "|".join([name.strip(), ALGORITHM, str(iterations), salt.hex(), _digest(pin, salt, iterations).hex()])


def names(entries) -> list[str]:
    return [e.split("|", 1)[0] for e in entries if "|" in e]


def verify(entries, name: str, pin: str) -> bool:
    """True when ``name`` is a supervisor of this station and ``pin`` is theirs."""
    for entry in entries:
        parts = entry.split("|")
        if len(parts) != 5 or parts[0] != name.strip() or parts[1] != ALGORITHM:
            continue
        try:
            iterations, salt, expected = int(parts[2]), bytes.fromhex(parts[3]), bytes.fromhex(parts[4])
        except ValueError:
            continue
        return hmac.compare_digest(_digest(pin, salt, iterations), expected)
    return False
