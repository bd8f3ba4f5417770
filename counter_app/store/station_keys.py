"""The station's data key: 32 random bytes made at first start, kept in the OS keyring.

Where the key lives (written once in ``<data dir>/keys.json``, which holds no secret):

- ``keyring`` (the rule): Windows Credential Manager, Secret Service on UOS and other Linux
  desktops, through ``keyring`` (``PYTHON_KEYRING_BACKEND`` chooses a backend as usual). The key
  is never written next to the database.
- ``demo-file``: demo mode on a machine without a usable keyring keeps it in
  ``DEMO-ONLY-NOT-A-REAL-STATION-key.txt`` in the demo data folder, so ``counter-app demo`` works on
  a bare machine. Never outside demo mode.
- ``passphrase``: the escape hatch for a hall that accepts a passphrase typed at every start
  (``counter-app keys use-passphrase`` on a fresh data folder). The key is derived with scrypt.

No usable keyring and none of those: :class:`UserError` ``keys.no_keyring`` before anything is
written, so no personal data ever lands on the disk in clear.

From the key: the SQLCipher database key (the key itself, as a raw key, no KDF per open) and the
archive key (HKDF, ``purpose="archive"``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from counter_app.errors import NEEDS_USER, PERMANENT, UserError

SERVICE = "onewindow-counter-station-key"
KEYS_FILE = "keys.json"
DEMO_KEY_FILE = "DEMO-ONLY-NOT-A-REAL-STATION-key.txt"
DEMO_BANNER = ("# DEMO ONLY - NOT A REAL STATION. This file holds the demo database's key in clear.\n"
               "# 仅供演示：此文件明文保存演示数据库的密钥，真实窗口绝不使用。\n")
KEYRING, DEMO_FILE, PASSPHRASE = "keyring", "demo-file", "passphrase"
KEY_BYTES = 32
_SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}

# Backends that store secrets in clear files are no keyring for a station's key.
_INSECURE = ("keyring.backends.fail.", "keyring.backends.null.", "keyrings.alt.file.Plaintext",
             "keyring.backends.chainer.")

_cache: dict[tuple[str, str], bytes] = {}
_lock = threading.Lock()
_ask_passphrase: Callable[[str], str] | None = None


def set_passphrase_prompt(ask: Callable[[str], str] | None) -> None:
    """How the running program asks for the station's passphrase (the CLI: getpass; the
    window: a dialog). ``ask(data_dir) -> passphrase``."""
    global _ask_passphrase
    _ask_passphrase = ask


@dataclass(frozen=True)
class KeyInfo:
    """What ``keys.json`` says: which key, where it is, and a check value (HMAC) that tells a
    wrong key or passphrase before the database is touched."""

    key_id: str
    source: str
    check: str
    salt: str = ""
    pending_id: str = ""       # a rotation under way: the new key's id (keys rotate)

    def to_json(self) -> dict:
        d = {"version": 1, "key_id": self.key_id, "source": self.source, "check": self.check}
        if self.salt:
            d["salt"] = self.salt
        if self.pending_id:
            d["pending_id"] = self.pending_id
        return d


def check_value(key: bytes) -> str:
    return hmac.new(key, b"onewindow-counter key check", hashlib.sha256).hexdigest()[:16]


def derive(key: bytes, purpose: str) -> bytes:
    """A subkey for one use (``archive``): HKDF-SHA256 of the station key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"onewindow-counter {purpose}".encode()).derive(key)


# ------------------------------------------------------------------ keyring
def usable_keyring():
    """The keyring module when its backend keeps secrets safely, else None."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:     # a broken keyring installation is no keyring
        return None
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if any(name.startswith(p) for p in _INSECURE) and not _chainer_has_real(backend):
        return None
    return keyring


def _chainer_has_real(backend) -> bool:
    backends = getattr(backend, "backends", None)
    if not backends:
        return False
    return any(not any(f"{type(b).__module__}.{type(b).__qualname__}".startswith(p) for p in _INSECURE)
               for b in backends)


def _keyring_get(key_id: str) -> str | None:
    kr = usable_keyring()
    if kr is None:
        raise UserError("keys.no_keyring", kind=PERMANENT)
    try:
        return kr.get_password(SERVICE, key_id)
    except Exception as exc:     # a locked collection, D-Bus gone
        raise UserError("keys.keyring_failed", kind=PERMANENT, detail=type(exc).__name__) from None


def keyring_put(key_id: str, key: bytes) -> None:
    kr = usable_keyring()
    if kr is None:
        raise UserError("keys.no_keyring", kind=PERMANENT)
    try:
        kr.set_password(SERVICE, key_id, key.hex())
        back = kr.get_password(SERVICE, key_id)
    except Exception as exc:
        raise UserError("keys.keyring_failed", kind=PERMANENT, detail=type(exc).__name__) from None
    if back != key.hex():
        raise UserError("keys.keyring_failed", kind=PERMANENT, detail="read-back")


def keyring_delete(key_id: str) -> None:
    kr = usable_keyring()
    if kr is None:
        return
    try:
        kr.delete_password(SERVICE, key_id)
    except Exception:      # already gone
        pass


# ------------------------------------------------------------------ keys.json
def read_info(data_dir: Path) -> KeyInfo | None:
    path = Path(data_dir) / KEYS_FILE
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise UserError("keys.info_unreadable", kind=PERMANENT, path=str(path)) from None
    return KeyInfo(key_id=d["key_id"], source=d["source"], check=d["check"], salt=d.get("salt", ""),
                   pending_id=d.get("pending_id", ""))


def write_info(data_dir: Path, info: KeyInfo) -> None:
    """Atomically (write, fsync, rename): a kill leaves the old or the new keys.json."""
    path = Path(data_dir) / KEYS_FILE
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(info.to_json(), f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """A rename is on the disk only once its folder is (not on Windows, where it cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ------------------------------------------------------------------ the key
def has_key(data_dir: Path) -> bool:
    return (Path(data_dir) / KEYS_FILE).exists()


def station_key(data_dir: Path, *, create: bool = False, demo: bool | None = None) -> bytes:
    """The station's key. With ``create`` a station without one gets one (in the keyring; in
    demo mode on a machine without one, the demo file); ``demo=None`` reads station.json."""
    data_dir = Path(data_dir)
    cache_key = (str(data_dir.resolve()), "key")
    with _lock:
        if cache_key in _cache:
            return _cache[cache_key]
        info = read_info(data_dir)
        if info is None:
            if not create:
                raise UserError("keys.missing", kind=PERMANENT, path=str(data_dir))
            key = _create(data_dir, demo)
        else:
            key = _load(data_dir, info)
        _cache[cache_key] = key
        return key


def forget_cached(data_dir: Path | None = None) -> None:
    """Drop keys held in this process (after a rotation or recovery; tests)."""
    with _lock:
        if data_dir is None:
            _cache.clear()
        else:
            _cache.pop((str(Path(data_dir).resolve()), "key"), None)


def _create(data_dir: Path, demo: bool | None) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    key_id = str(uuid.uuid4())
    if usable_keyring() is not None:
        keyring_put(key_id, key)
        source = KEYRING
    else:
        if demo is None:
            from counter_app.settings import load_settings

            demo = load_settings(data_dir).demo
        if not demo:
            raise UserError("keys.no_keyring", kind=PERMANENT)
        _write_demo_key(data_dir, key)
        source = DEMO_FILE
    write_info(data_dir, KeyInfo(key_id=key_id, source=source, check=check_value(key)))
    return key


def _write_demo_key(data_dir: Path, key: bytes) -> None:
    path = Path(data_dir) / DEMO_KEY_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(DEMO_BANNER + key.hex() + "\n")


def _load(data_dir: Path, info: KeyInfo) -> bytes:
    if info.source == KEYRING:
        found = _keyring_get(info.key_id)
        if found is None:
            raise UserError("keys.not_in_keyring", kind=PERMANENT, path=str(data_dir))
        key = bytes.fromhex(found)
    elif info.source == DEMO_FILE:
        lines = (Path(data_dir) / DEMO_KEY_FILE).read_text(encoding="utf-8").splitlines()
        key = bytes.fromhex([ln for ln in lines if ln and not ln.startswith("#")][0])
    elif info.source == PASSPHRASE:
        if _ask_passphrase is None:
            raise UserError("keys.passphrase_needed", kind=NEEDS_USER)
        typed = _ask_passphrase(str(data_dir))
        if not typed:                     # nothing typed (or an empty stdin): not a wrong passphrase
            raise UserError("keys.passphrase_needed", kind=NEEDS_USER)
        key = passphrase_key(typed, bytes.fromhex(info.salt))
        if not hmac.compare_digest(check_value(key), info.check):
            raise UserError("keys.wrong_passphrase", kind=NEEDS_USER)
    else:
        raise UserError("keys.info_unreadable", kind=PERMANENT, path=str(Path(data_dir) / KEYS_FILE))
    if not hmac.compare_digest(check_value(key), info.check):
        raise UserError("keys.wrong_key", kind=PERMANENT, path=str(data_dir))
    return key


def passphrase_key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, dklen=KEY_BYTES,
                          maxmem=64 * 1024 * 1024, **_SCRYPT)


MIN_PASSPHRASE = 12


def use_passphrase(data_dir: Path, passphrase: str) -> None:
    """The escape hatch, on a data folder that has no key yet: the key is derived from a
    passphrase typed at every start instead of kept in the keyring."""
    data_dir = Path(data_dir)
    if has_key(data_dir):
        raise UserError("keys.already_set", kind=NEEDS_USER, path=str(data_dir))
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError("keys.passphrase_short", kind=NEEDS_USER, min=MIN_PASSPHRASE)
    data_dir.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(16)
    key = passphrase_key(passphrase, salt)
    write_info(data_dir, KeyInfo(key_id=str(uuid.uuid4()), source=PASSPHRASE, check=check_value(key),
                                 salt=salt.hex()))
