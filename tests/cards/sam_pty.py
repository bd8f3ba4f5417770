"""A serial SAM ID-card reader emulated on a pseudo-terminal (os.openpty), for the serial tests.

The reader under test opens ``path`` with pyserial; this side answers frames from the master
end. Like a real reader, after one successful read "find card" fails until the card is
placed again. ``fault`` misbehaves on the read command: "checksum", "truncated", "silent",
"garbage_prefix" (noise before a good frame) or an SW3 byte such as 0x41.
"""

import os
import select
import threading
import tty

from counter_app.cards import sam_frame as sf


class PtySam:
    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.card = None            # Sample on the reader, or None
        self.fresh = False          # placed and not yet read
        self.fault = None
        self.sam_sw3 = sf.SW_OK
        self.commands: list[tuple[int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def place(self, card, fault=None) -> None:
        self.card, self.fresh, self.fault = card, True, fault

    def lift(self) -> None:
        self.card, self.fresh = None, False

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def _read(self, n: int) -> bytes:
        ready, _, _ = select.select([self.master], [], [], 0.05)
        if not ready or self._stop.is_set():
            return b""
        try:
            return os.read(self.master, n)
        except OSError:
            return b""

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                body = sf.read_frame(self._read, timeout=0.2)
            except (sf.FrameTimeout, sf.BadFrame):
                continue
            command = (body[0], body[1])
            self.commands.append(command)
            reply = self._answer(command)
            if reply:
                os.write(self.master, reply)

    def _answer(self, command) -> bytes | None:
        if command == sf.SAM_STATUS:
            return sf.response_frame(self.sam_sw3)
        if command == sf.FIND_CARD:
            found = self.card is not None and self.fresh
            return sf.response_frame(sf.SW_FOUND if found else sf.SW_FIND_FAILED, b"\0" * 4)
        if command == sf.SELECT_CARD:
            return sf.response_frame(sf.SW_OK if self.card else 0x81, b"\0" * 8)
        if command == sf.READ_TEXT_PHOTO:
            if self.card is None:
                return sf.response_frame(0x41)
            self.fresh = False
            good = sf.response_frame(sf.SW_OK, sf.text_photo_data(self.card.text, self.card.photo))
            fault = self.fault
            if fault == "checksum":
                return good[:-1] + bytes([good[-1] ^ 0xFF])
            if fault == "truncated":
                return good[:700]
            if fault == "silent":
                return None
            if fault == "garbage_prefix":
                return b"\x13\x37\xaa\xaa\x00" + good
            if isinstance(fault, int):
                return sf.response_frame(fault)
            return good
        return sf.response_frame(0x21)
