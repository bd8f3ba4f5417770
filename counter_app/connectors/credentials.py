"""A clerk's credentials for each department system, in the operating system's keyring only
(Windows Credential Manager, Secret Service on UOS/deepin and other Linux desktops).

One keyring entry per clerk and system: service ``onewindow-counter-dept``, user
``<clerk>/<system>``, the secret a small JSON object of the fields the system's auth kind needs
(``description.CREDENTIAL_FIELDS``). Each secret stays under 1 KB (Windows refuses secrets over
2,560 bytes). Nothing here is written to the database, settings or logs.

With no usable keyring (no D-Bus session, a locked collection on an auto-login kiosk, the fail
or null backend) :class:`KeyringUnavailable` says so and what to do; there is no plain-text
fallback. Tests install an in-memory backend (``keyring.set_keyring`` or
``PYTHON_KEYRING_BACKEND``).
"""

from __future__ import annotations

import json

from counter_app.errors import NEEDS_USER, UserError

SERVICE = "onewindow-counter-dept"
MAX_SECRET_BYTES = 1024


class KeyringUnavailable(UserError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("departments.no_keyring", kind=NEEDS_USER, detail=detail)


def _keyring():
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as exc:   # a broken installation is "no keyring", said so
        raise KeyringUnavailable(type(exc).__name__) from None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        raise KeyringUnavailable(type(backend).__module__)
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        raise KeyringUnavailable("chainer")
    return keyring


def _user(clerk: str, system: str) -> str:
    return f"{clerk}/{system}"


def encode(values: dict[str, str]) -> str:
    secret = json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False, sort_keys=True)
    if len(secret.encode()) >= MAX_SECRET_BYTES:
        raise UserError("departments.secret_too_long", limit=MAX_SECRET_BYTES)
    return secret


def save(clerk: str, system: str, values: dict[str, str]) -> None:
    if not clerk:
        raise UserError("departments.no_clerk")
    secret = encode(values)
    kr = _keyring()
    try:
        kr.set_password(SERVICE, _user(clerk, system), secret)
    except Exception as exc:   # locked collection, D-Bus gone: no secret anywhere else
        raise KeyringUnavailable(type(exc).__name__) from None


def load(clerk: str, system: str) -> dict[str, str] | None:
    """The clerk's credentials for ``system``, None when none are stored. Raises
    :class:`KeyringUnavailable` when the keyring cannot be asked."""
    kr = _keyring()
    try:
        secret = kr.get_password(SERVICE, _user(clerk, system))
    except Exception as exc:
        raise KeyringUnavailable(type(exc).__name__) from None
    if not secret:
        return None
    try:
        values = json.loads(secret)
    except ValueError:
        return None
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else None


def forget(clerk: str, system: str) -> None:
    kr = _keyring()
    try:
        kr.delete_password(SERVICE, _user(clerk, system))
    except Exception:   # nothing stored: nothing to forget
        pass


def available() -> str:
    """"" when the keyring works, else the reason (for the health panel and the credentials screen)."""
    try:
        _keyring()
    except KeyringUnavailable as exc:
        return exc.params.get("detail", "") or "unavailable"
    return ""
