"""Hashes for what the server keeps instead of secrets.

- Device tokens and enrolment codes are random and long: a plain SHA-256 is enough to find them
  and useless to an attacker who reads the table.
- Passwords are scrypt (stdlib ``hashlib.scrypt``, no extra dependency), stored as
  ``scrypt$n$r$p$salt$hash`` (hex). The same format is the *offline verifier* a window caches
  at an online sign-in: it can check the clerk's password later without the network and without
  ever storing the password itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L: read over the phone


def new_enrol_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def normalize_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def make_verifier(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def check_verifier(verifier: str, password: str) -> bool:
    try:
        algo, n, r, p, salt, expected = verifier.split("$")
        if algo != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected) // 2, maxmem=256 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), expected)
