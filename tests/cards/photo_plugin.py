"""A stand-in for a vendor's licensed WLT decoder (photo plug-in tests)."""

PNG = b"\x89PNG\r\n\x1a\n" + b"fake"


def decode(wlt: bytes) -> bytes:
    assert len(wlt) == 1024
    return PNG


def broken(wlt: bytes) -> bytes:
    raise RuntimeError("licence expired")
