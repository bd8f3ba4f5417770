"""A port-9100-style printer on 127.0.0.1: records what arrives, answers the paper-status query."""

from __future__ import annotations

import socket
import threading
import time

from counter_app.documents.escpos import STATUS_PAPER


class LoopbackPrinter:
    """Accepts connections on a random port; each connection's bytes become one job."""

    def __init__(self, status: bytes | None = b"\x12") -> None:
        self.status = status              # reply to DLE EOT 4; None: never answer
        self.jobs: list[bytes] = []
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(10)
                data = b""
                answered = False
                while True:
                    try:
                        chunk = conn.recv(65536)
                    except (socket.timeout, OSError):
                        break
                    if not chunk:
                        break
                    data += chunk
                    if not answered and self.status is not None and data.startswith(STATUS_PAPER):
                        conn.sendall(self.status)
                        answered = True
                self.jobs.append(data)

    def wait_jobs(self, n: int = 1, timeout: float = 20.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.jobs) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.jobs

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.server.close()


def free_port() -> int:
    """A port nobody listens on (bound, then released)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def raster_images(data: bytes):
    """Decode ``GS v 0`` blocks back into 1-bit images (PIL), stacked as printed."""
    from PIL import Image

    blocks = []
    i = 0
    while (i := data.find(b"\x1dv0", i)) >= 0:
        xb = data[i + 4] | data[i + 5] << 8
        h = data[i + 6] | data[i + 7] << 8
        raw = data[i + 8:i + 8 + xb * h]
        # ESC/POS: bit 1 = black dot; PIL mode "1": bit 1 = white
        blocks.append(Image.frombytes("1", (xb * 8, h), bytes(b ^ 0xFF for b in raw)))
        i += 8 + xb * h
    if not blocks:
        return None
    out = Image.new("1", (blocks[0].width, sum(b.height for b in blocks)), 1)
    y = 0
    for b in blocks:
        out.paste(b, (0, y))
        y += b.height
    return out
