"""Files the station keeps outside its database (archived documents, cached card photos), sealed
with AES-256-GCM (``cryptography``) under a key derived from the station's key
(:func:`station_keys.derive`, purpose ``archive``).

A sealed file is ``OWSEAL1`` + a 12-byte random nonce + the ciphertext and its 16-byte tag. GCM
authenticates: a changed byte, or a file sealed under another key, is refused, never returned
as a document. A file of an earlier version kept in clear (it does not start with the marker) is
read as it is; :func:`seal_in_place` seals such files (done at start for the archive).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from counter_app.errors import PERMANENT, UserError

MAGIC = b"OWSEAL1"
NONCE = 12
PURPOSE = "archive"


def _aead(data_dir: Path, key: bytes | None = None):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from counter_app.store import station_keys

    base = key if key is not None else station_keys.station_key(Path(data_dir), create=True)
    return AESGCM(station_keys.derive(base, PURPOSE))


def is_sealed(blob: bytes) -> bool:
    return blob.startswith(MAGIC)


def seal(data_dir: Path, plain: bytes, *, key: bytes | None = None) -> bytes:
    nonce = secrets.token_bytes(NONCE)
    return MAGIC + nonce + _aead(data_dir, key).encrypt(nonce, plain, MAGIC)


def unseal(data_dir: Path, blob: bytes, *, key: bytes | None = None, name: str = "") -> bytes:
    """The plain bytes of a sealed file (a file of an earlier version in clear: as it is)."""
    if not is_sealed(blob):
        return blob
    from cryptography.exceptions import InvalidTag

    nonce = blob[len(MAGIC):len(MAGIC) + NONCE]
    try:
        return _aead(data_dir, key).decrypt(nonce, blob[len(MAGIC) + NONCE:], MAGIC)
    except InvalidTag:
        raise UserError("keys.sealed_damaged", kind=PERMANENT, path=name) from None


def write(data_dir: Path, path: Path, plain: bytes) -> None:
    """Seal ``plain`` into ``path`` atomically (temp file, fsync, rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(seal(data_dir, plain))
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def read(data_dir: Path, path: Path) -> bytes:
    return unseal(data_dir, Path(path).read_bytes(), name=str(path))


def reseal(data_dir: Path, path: Path, old_key: bytes, new_key: bytes) -> None:
    """A sealed (or plain) file under a new station key (``keys rotate``), atomically."""
    plain = unseal(data_dir, path.read_bytes(), key=old_key, name=str(path))
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(seal(data_dir, plain, key=new_key))
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def seal_in_place(data_dir: Path, files) -> int:
    """Seal the files still in clear (an earlier version's archive); returns how many."""
    done = 0
    for path in files:
        blob = Path(path).read_bytes()
        if not is_sealed(blob):
            write(data_dir, Path(path), blob)
            done += 1
    return done
