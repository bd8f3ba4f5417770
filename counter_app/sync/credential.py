"""Where the window keeps its device credential: the OS keyring (Secret Service, Windows Credential
Manager, macOS Keychain) through ``keyring``; where there is none (a kiosk without a desktop
session), a file in the data folder readable only by the station's user (mode 0600).

Tests use an in-memory backend (``keyring.set_keyring`` or ``PYTHON_KEYRING_BACKEND``).
"""

from __future__ import annotations

import os
from pathlib import Path

SERVICE = "onewindow-counter-central"
FALLBACK_FILE = "device-credential"


def _keyring():
    """The keyring module when it has a usable backend, else None."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:   # a broken keyring installation must not stop the window
        return None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return None
    return keyring


def save(data_dir: Path, device_id: str, token: str) -> str:
    """Stores the token; returns where ("keyring" or the file's path)."""
    kr = _keyring()
    if kr is not None:
        try:
            kr.set_password(SERVICE, device_id, token)
            (Path(data_dir) / FALLBACK_FILE).unlink(missing_ok=True)
            return "keyring"
        except Exception:
            pass
    path = Path(data_dir) / FALLBACK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token)
    os.chmod(path, 0o600)
    return str(path)


def load(data_dir: Path, device_id: str) -> str | None:
    path = Path(data_dir) / FALLBACK_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip() or None
    kr = _keyring()
    if kr is None:
        return None
    try:
        return kr.get_password(SERVICE, device_id)
    except Exception:
        return None
