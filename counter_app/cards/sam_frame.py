"""The frame protocol of serial SAM ID-card readers (the common USB desk readers).

A frame is ``AA AA AA 96 69`` + length (2 bytes, big-endian, counting from the first body
byte to the checksum) + body + checksum (XOR of the bytes from the length to the byte before
the checksum). A command body is CMD PARA [data]; a response body is SW1 SW2 SW3 [data], with
SW3 ``90`` for success (``9F`` for "card found"). Reading text and photo answers with text
length, photo length (2 bytes each), 256 bytes of text and 1024 of photo: ~1295 bytes.

Used by :mod:`counter_app.cards.serial_reader` and by the test suite's pseudo-terminal
reader emulator (both directions live here so they cannot drift apart).
"""

from __future__ import annotations

import struct
import time
from typing import Callable

from counter_app.errors import NEEDS_USER, PERMANENT, TRANSIENT, UserError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
MAX_BODY = 4096
MAX_GARBAGE = 4096

RESET_SAM = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT_PHOTO = (0x30, 0x01)

SW_OK = 0x90
SW_FOUND = 0x9F
SW_FIND_FAILED = 0x80

# SW3 -> (message key, kind)
SW3_ERRORS = {
    0x10: ("cards.sam.protocol", TRANSIENT), 0x11: ("cards.sam.protocol", TRANSIENT),
    0x21: ("cards.sam.protocol", TRANSIENT), 0x23: ("cards.sam.protocol", TRANSIENT),
    0x31: ("cards.sam.auth_failed", NEEDS_USER), 0x32: ("cards.sam.auth_failed", NEEDS_USER),
    0x33: ("cards.sam.auth_failed", NEEDS_USER),
    0x40: ("cards.sam.unknown_card", NEEDS_USER),
    0x41: ("cards.read_interrupted", NEEDS_USER),
    0x80: ("cards.no_card", NEEDS_USER), 0x81: ("cards.read_interrupted", NEEDS_USER),
    0x91: ("cards.sam.no_content", NEEDS_USER),
    0x60: ("cards.sam.failed", PERMANENT), 0x66: ("cards.sam.failed", PERMANENT),
}


def checksum(data: bytes) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def frame(body: bytes) -> bytes:
    length = struct.pack(">H", len(body) + 1)
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def command_frame(command: tuple[int, int], data: bytes = b"") -> bytes:
    return frame(bytes(command) + data)


def response_frame(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    return frame(bytes([sw1, sw2, sw3]) + data)


def text_photo_data(text: bytes, photo: bytes) -> bytes:
    return struct.pack(">HH", len(text), len(photo)) + text + photo


def sw3_error(sw3: int) -> UserError:
    key, kind = SW3_ERRORS.get(sw3, ("cards.sam.error", TRANSIENT))
    return UserError(key, kind=kind, code=f"{sw3:02X}")


class FrameTimeout(Exception):
    """No (complete) frame within the time allowed."""


class BadFrame(Exception):
    """Bytes that are not a valid frame (wrong checksum or length)."""


def read_frame(read: Callable[[int], bytes], timeout: float) -> bytes:
    """Read one frame with ``read(n)`` (returns up to n bytes, b"" on a poll timeout) and
    return its body (without length and checksum). Bytes before the preamble are skipped."""
    deadline = time.monotonic() + timeout

    def take(n: int) -> bytes:
        out = b""
        while len(out) < n:
            chunk = read(n - len(out))
            if chunk:
                out += chunk
            elif time.monotonic() > deadline:
                raise FrameTimeout
        return out

    window = b""
    skipped = 0
    while window != PREAMBLE:
        window = (window + take(1))[-len(PREAMBLE):]
        skipped += 1
        if skipped > MAX_GARBAGE + len(PREAMBLE):
            raise BadFrame("no preamble")
    length_bytes = take(2)
    (length,) = struct.unpack(">H", length_bytes)
    if not 3 <= length <= MAX_BODY:
        raise BadFrame("length")
    rest = take(length)
    body, check = rest[:-1], rest[-1]
    if checksum(length_bytes + body) != check:
        raise BadFrame("checksum")
    return body


def parse_response(body: bytes) -> tuple[int, bytes]:
    """(SW3, data) of a response body."""
    if len(body) < 3:
        raise BadFrame("short response")
    return body[2], body[3:]


def parse_text_photo(data: bytes) -> tuple[bytes, bytes]:
    if len(data) < 4:
        raise UserError("cards.sam.bad_answer", kind=TRANSIENT)
    text_len, photo_len = struct.unpack(">HH", data[:4])
    if len(data) != 4 + text_len + photo_len:
        raise UserError("cards.sam.bad_answer", kind=TRANSIENT)
    return data[4:4 + text_len], data[4 + text_len:]
