"""A virtual ID-card reader with an embedded SAM, on Debian's vsmartcard-vpcd driver.

For tests and ``bench/``; never used by the product at a counter. vpcd (loaded by pcscd)
listens on a TCP port per virtual reader slot; a "card" is a program connected to it:
connect = place, close = lift. Every message is a 2-byte big-endian length plus payload. A
1-byte message is a control code (0 power off, 1 power on, 2 reset, 4 "send your ATR": the
only one answered); longer ones are command APDUs, answered with data + SW1 SW2.

:class:`SamReaderApplet` answers like the known PC/SC model of ID_CARDS.md: ``FF B0 00 00 00``
returns the 256-byte text, ``FF B0 01..05 00 00`` the photo in 252/256/256/256/4-byte chunks.
``faults`` misbehave on the n-th APDU (0-based): give raw response bytes to send instead,
:data:`LIFT` to drop the connection right there (a card lifted mid-read), or a callable taking
the APDU and returning either (to do something at that moment, e.g. kill pcscd).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from typing import Callable

DEFAULT_ATR = bytes.fromhex("3B8880010000000000000000")

# A reader profile for the emulated model on vpcd's readers (tests and bench add it as a folder)
VPCD_PROFILE_TOML = """\
name = "vpcd test reader (FF B0 model)"
match = "^Virtual PCD"
[[steps]]
apdu = "FFB0000000"
store = "text"
""" + "".join(f'[[steps]]\napdu = "FFB00{i}0000"\nstore = "photo"\n' for i in range(1, 6))
PHOTO_CHUNKS = (252, 256, 256, 256, 4)
LIFT = object()

Responder = Callable[[bytes], "bytes | object"]


class SamReaderApplet:
    def __init__(self, text: bytes, photo: bytes = b"", *, faults: dict | None = None) -> None:
        self.text = text
        self.photo = photo
        self.faults = dict(faults or {})
        self.count = 0

    def __call__(self, apdu: bytes):
        n, self.count = self.count, self.count + 1
        if n in self.faults:
            fault = self.faults[n]
            return fault(apdu) if callable(fault) else fault
        if len(apdu) >= 4 and apdu[:2] == b"\xff\xb0" and apdu[3] == 0:
            part = apdu[2]
            if part == 0:
                return self.text + b"\x90\x00"
            if 1 <= part <= len(PHOTO_CHUNKS):
                start = sum(PHOTO_CHUNKS[:part - 1])
                return self.photo[start:start + PHOTO_CHUNKS[part - 1]] + b"\x90\x00"
            return b"\x6a\x86"
        return b"\x6d\x00"


class VirtualCard:
    """One card for one vpcd slot. ``place()`` connects, ``lift()`` disconnects."""

    def __init__(self, port: int, responder: Responder, *, host: str = "127.0.0.1",
                 atr: bytes = DEFAULT_ATR) -> None:
        self.port = port
        self.host = host
        self.responder = responder
        self.atr = atr
        self.apdus: list[bytes] = []
        self.lifted = threading.Event()     # set when the connection ends (lift or LIFT fault)
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def place(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)   # vpcd not listening yet (pcscd starting)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self.lifted.clear()
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vpcd-card", daemon=True)
        self._thread.start()

    def lift(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = None

    @property
    def placed(self) -> bool:
        return self._sock is not None and not self.lifted.is_set()

    def _recv(self, sock: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
            # vpcd writes the length and the payload separately: acknowledge at once, or
            # Nagle + delayed ACK add ~40 ms to every APDU
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return data

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            while True:
                (length,) = struct.unpack(">H", self._recv(sock, 2))
                message = self._recv(sock, length)
                if length == 1:
                    if message[0] == 4:
                        self._send(sock, self.atr)
                    continue
                self.apdus.append(message)
                answer = self.responder(message)
                if answer is LIFT:
                    sock.shutdown(socket.SHUT_RDWR)
                    return
                self._send(sock, answer)
        except (EOFError, OSError):
            pass
        finally:
            self.lifted.set()
