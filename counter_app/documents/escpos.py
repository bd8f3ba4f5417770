"""Thermal printers without a driver: ESC/POS raster images over TCP 9100, USB, serial or a raw CUPS queue.

Targets (``StationSettings.escpos_target``)::

    tcp:192.0.2.10            port 9100        tcp:192.0.2.10:9101
    usb:0x0416:0x5011         vendor:product   (needs pyusb and libusb)
    serial:/dev/ttyUSB0       19200 baud       serial:/dev/ttyS0:115200
    cups:QUEUE                raw ESC/POS through a CUPS raw queue (``lp -o raw``)

The bytes are built with python-escpos: ``ESC @`` (initialise), one ``GS v 0`` raster
block per 960 rows, feed, ``GS V`` (cut). Before sending over TCP the printer is asked for
its paper sensor (``DLE EOT 4``); a printer reporting "paper end" gets a clear message and
no data. Every failure is a :class:`UserError` with a ``printer.*`` key (translated in
``resources/translations/documents.json``); the case was saved before anything printed.
"""

from __future__ import annotations

import copy
import socket
from dataclasses import dataclass

from PIL import Image

from counter_app.errors import NEEDS_USER, PERMANENT, TRANSIENT, UserError

DEFAULT_PORT = 9100
DEFAULT_BAUD = 19200
STATUS_PAPER = b"\x10\x04\x04"        # DLE EOT 4: paper roll sensor status
PAPER_END_BITS = 0x60                 # bits 5 and 6 of the reply: paper end detected
CONNECT_TIMEOUT = 3.0
STATUS_TIMEOUT = 0.5
SEND_TIMEOUT = 10.0


@dataclass(frozen=True)
class Target:
    scheme: str            # tcp | usb | serial | cups
    address: str = ""      # host, device path, queue name
    port: int = 0          # tcp port or serial baud rate
    vendor: int = 0
    product: int = 0

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"{self.address}:{self.port}"
        if self.scheme == "usb":
            return f"USB {self.vendor:04x}:{self.product:04x}"
        return self.address


def parse_target(text: str) -> Target:
    scheme, _, rest = (text or "").strip().partition(":")
    scheme = scheme.lower()
    try:
        if scheme == "tcp" and rest:
            host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
            return Target("tcp", host or rest, int(port) if port else DEFAULT_PORT)
        if scheme == "usb" and rest:
            vid, _, pid = rest.partition(":")
            return Target("usb", rest, vendor=int(vid, 16), product=int(pid, 16))
        if scheme == "serial" and rest:
            dev, _, baud = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
            return Target("serial", dev or rest, int(baud) if baud else DEFAULT_BAUD)
        if scheme == "cups" and rest:
            return Target("cups", rest)
    except ValueError:
        pass
    raise UserError("printer.bad_target", kind=NEEDS_USER, target=text)


def encode(images: list[Image.Image], *, width_dots: int, cut: bool = True) -> bytes:
    """ESC/POS bytes printing ``images`` one under the other, then feeding and cutting."""
    from escpos.printer import Dummy

    p = Dummy()
    p.profile.profile_data = copy.deepcopy(p.profile.profile_data)
    p.profile.profile_data.setdefault("media", {}).setdefault("width", {})["pixels"] = width_dots
    p.hw("INIT")
    for img in images:
        p.image(img, impl="bitImageRaster", fragment_height=960)
    if cut:
        p.cut()
    return p.output


def send(target: Target, data: bytes) -> None:
    if target.scheme == "tcp":
        _send_tcp(target, data)
    elif target.scheme == "serial":
        _send_serial(target, data)
    elif target.scheme == "usb":
        _send_usb(target, data)
    elif target.scheme == "cups":
        from counter_app.documents import cups

        cups.lp(target.address, data, raw=True, title="ESC/POS")
    else:
        raise UserError("printer.bad_target", kind=NEEDS_USER, target=str(target))


def _send_tcp(target: Target, data: bytes) -> None:
    where = str(target)
    try:
        sock = socket.create_connection((target.address, target.port), timeout=CONNECT_TIMEOUT)
    except (socket.timeout, TimeoutError):
        raise UserError("printer.unreachable", kind=TRANSIENT, target=where) from None
    except OSError:
        raise UserError("printer.unreachable", kind=TRANSIENT, target=where) from None
    with sock:
        if _paper_out(sock, where):
            raise UserError("printer.out_of_paper", kind=NEEDS_USER, target=where)
        try:
            sock.settimeout(SEND_TIMEOUT)
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except (socket.timeout, TimeoutError):
            raise UserError("printer.stalled", kind=TRANSIENT, target=where) from None
        except OSError:
            raise UserError("printer.send_failed", kind=TRANSIENT, target=where) from None


def _paper_out(sock: socket.socket, where: str) -> bool:
    """Ask the paper sensor; a printer that does not answer in time is assumed ready."""
    try:
        sock.settimeout(STATUS_TIMEOUT)
        sock.sendall(STATUS_PAPER)
        reply = sock.recv(1)
    except (socket.timeout, TimeoutError):
        return False
    except OSError:
        # the connection is gone: asking it for its peer would fail too
        raise UserError("printer.send_failed", kind=TRANSIENT, target=where) from None
    return bool(reply) and bool(reply[0] & PAPER_END_BITS)


def _send_serial(target: Target, data: bytes) -> None:
    import serial

    try:
        with serial.Serial(target.address, target.port, timeout=2, write_timeout=SEND_TIMEOUT) as port:
            port.write(data)
            port.flush()
    except serial.SerialTimeoutException:
        raise UserError("printer.stalled", kind=TRANSIENT, target=str(target)) from None
    except (serial.SerialException, OSError):
        raise UserError("printer.unreachable", kind=TRANSIENT, target=str(target)) from None


def _send_usb(target: Target, data: bytes) -> None:
    try:
        import usb.core  # noqa: F401  (pyusb, needed by python-escpos' Usb printer)
        from escpos.printer import Usb
    except ImportError:
        raise UserError("printer.usb_unavailable", kind=PERMANENT, target=str(target)) from None
    try:
        printer = Usb(target.vendor, target.product, timeout=int(SEND_TIMEOUT * 1000))
        printer.open()
        try:
            printer._raw(data)
        finally:
            printer.close()
    except Exception as exc:  # python-escpos raises its own and pyusb's errors
        name = type(exc).__name__
        key = "printer.usb_not_found" if "NotFound" in name else "printer.unreachable"
        raise UserError(key, kind=TRANSIENT, target=str(target)) from None
