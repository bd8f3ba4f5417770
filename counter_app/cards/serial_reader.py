"""Serial SAM readers through pyserial: :class:`SamSession` (one command at a time),
:class:`SerialSamReader` (one-shot, for ``counter-app card read --reader serial:/dev/ttyUSB0``)
and :class:`SerialMonitor` (the station's reader thread: polls "find card", reads a card once
per placement, survives the reader being unplugged and plugged back).

The reader device is named ``serial:/dev/ttyUSB0`` or ``serial:/dev/ttyUSB0@115200``
(115200 baud by default). These readers report no lifts: a card must be lifted and placed
again between two reads, so after a read the monitor waits for "find card" to fail once.
"""

from __future__ import annotations

import errno
import logging
import threading

from counter_app.cards import sam_frame as sf
from counter_app.cards.decode import decode_record
from counter_app.cards.events import (READY, STOPPED, UNAVAILABLE, CardLifted, CardPlaced, Handler,
                                      ReaderAdded, ReaderRemoved, ReadFinished, StatusKeeper)
from counter_app.cards.record import CardRead
from counter_app.errors import NEEDS_USER, PERMANENT, TRANSIENT, UserError

log = logging.getLogger(__name__)
DEFAULT_BAUD = 115200


def parse_device(spec: str) -> tuple[str, int]:
    """``serial:/dev/ttyUSB0@9600`` -> (``/dev/ttyUSB0``, 9600)."""
    device = spec.removeprefix("serial:")
    baud = DEFAULT_BAUD
    if "@" in device:
        device, _, rate = device.rpartition("@")
        if rate.isdigit():
            baud = int(rate)
    return device, baud


def open_port(device: str, baud: int = DEFAULT_BAUD, *, poll: float = 0.05):
    """An open pyserial port, or UserError saying what is missing (module, device, permission)."""
    try:
        import serial
    except ImportError:
        raise UserError("cards.unavailable.pyserial", kind=PERMANENT) from None
    try:
        return serial.Serial(device, baud, timeout=poll, write_timeout=1.0)
    except (serial.SerialException, OSError) as exc:
        if getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM):
            raise UserError("cards.serial_permission", kind=NEEDS_USER, port=device) from None
        raise UserError("cards.serial_cannot_open", kind=TRANSIENT, port=device) from None


class SamSession:
    def __init__(self, port, *, timeout: float = 3.0) -> None:
        self.port = port
        self.timeout = timeout

    def command(self, command: tuple[int, int], data: bytes = b"") -> tuple[int, bytes]:
        self.port.reset_input_buffer()
        self.port.write(sf.command_frame(command, data))
        try:
            body = sf.read_frame(self.port.read, self.timeout)
            return sf.parse_response(body)
        except sf.FrameTimeout:
            raise UserError("cards.sam.no_answer", kind=TRANSIENT) from None
        except sf.BadFrame:
            raise UserError("cards.sam.bad_answer", kind=TRANSIENT) from None

    def sam_ok(self) -> None:
        sw3, _ = self.command(sf.SAM_STATUS)
        if sw3 != sf.SW_OK:
            raise sf.sw3_error(sw3)

    def card_found(self) -> bool:
        sw3, _ = self.command(sf.FIND_CARD)
        return sw3 == sf.SW_FOUND

    def read(self, reader: str, *, today=None) -> CardRead:
        """Select and read the found card; all-or-nothing."""
        try:
            sw3, _ = self.command(sf.SELECT_CARD)
            if sw3 != sf.SW_OK:
                raise sf.sw3_error(sw3)
            sw3, data = self.command(sf.READ_TEXT_PHOTO)
            if sw3 != sf.SW_OK:
                raise sf.sw3_error(sw3)
            text, photo = sf.parse_text_photo(data)
            return CardRead(reader=reader, card=decode_record(text, photo, today=today))
        except UserError as exc:
            log.info("serial reader %s: read failed: %s", reader, exc.key)
            return CardRead.failed(reader, exc)


class SerialSamReader:
    """Reads the card lying on a serial SAM reader, once."""

    def __init__(self, spec: str, *, timeout: float = 3.0) -> None:
        self.name = spec if spec.startswith("serial:") else f"serial:{spec}"
        self.device, self.baud = parse_device(spec)
        self.timeout = timeout

    def read_card(self) -> CardRead:
        try:
            port = open_port(self.device, self.baud)
        except UserError as exc:
            return CardRead.failed(self.name, exc)
        try:
            session = SamSession(port, timeout=self.timeout)
            session.sam_ok()
            if not session.card_found():
                return CardRead.failed(self.name, UserError("cards.no_card", kind=NEEDS_USER))
            return session.read(self.name)
        except UserError as exc:
            return CardRead.failed(self.name, exc)
        except OSError:
            return CardRead.failed(self.name, UserError("cards.serial_lost", kind=TRANSIENT, port=self.device))
        finally:
            port.close()


class SerialMonitor:
    def __init__(self, spec: str, handler: Handler, *, poll_interval: float = 0.25,
                 retry_interval: float = 2.0, timeout: float = 3.0, today=None) -> None:
        self.name = spec if spec.startswith("serial:") else f"serial:{spec}"
        self.device, self.baud = parse_device(spec)
        self._handler = handler
        self._poll = poll_interval
        self._retry = retry_interval
        self._timeout = timeout
        self._today = today
        self._status = StatusKeeper(handler, "serial")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="serial-reader", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    port = open_port(self.device, self.baud)
                except UserError as exc:
                    self._status.set(UNAVAILABLE, key=exc.key, **exc.params)
                    self._stop.wait(self._retry)
                    continue
                added = False
                try:
                    added = self._serve(port)
                finally:
                    port.close()
                    if added:
                        self._handler(ReaderRemoved(self.name))
                if not self._stop.is_set():
                    self._status.set(UNAVAILABLE, key="cards.serial_lost", port=self.device)
                    self._stop.wait(self._retry)
        except Exception:
            log.exception("serial reader thread failed")
            self._status.set(UNAVAILABLE, key="cards.unavailable.watcher")
        finally:
            self._status.set(STOPPED)

    def _serve(self, port) -> bool:
        """Poll until the port fails or we are stopped. False if the SAM never answered."""
        session = SamSession(port, timeout=self._timeout)
        try:
            session.sam_ok()
        except UserError as exc:
            self._status.set(UNAVAILABLE, key=exc.key, **exc.params)
            self._stop.wait(self._retry)
            return False
        except OSError:
            return False
        self._handler(ReaderAdded(self.name))
        self._status.set(READY, readers=(self.name,))
        card_there = False
        while not self._stop.is_set():
            try:
                found = session.card_found()
                if found and not card_there:
                    card_there = True
                    self._handler(CardPlaced(self.name))
                    self._status.set(READY, readers=(self.name,), card_present=True)
                    self._handler(ReadFinished(session.read(self.name, today=self._today)))
                elif not found and card_there:
                    card_there = False
                    self._handler(CardLifted(self.name))
                    self._status.set(READY, readers=(self.name,))
            except UserError as exc:   # no answer / garbage: the reader hangs; reopen the port
                log.info("serial reader %s: %s", self.name, exc.key)
                return True
            except OSError:
                return True
            self._stop.wait(self._poll)
        return True
