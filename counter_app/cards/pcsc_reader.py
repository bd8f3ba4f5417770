"""Reading a card through PC/SC (pyscard's low-level ``smartcard.scard``) with a profile.

:func:`read_with_context` runs a profile's steps on one reader inside a transaction and
decodes the record: all or nothing. It is used by the watcher thread (with the watcher's
own context) and by :class:`PcscReader`, the one-shot reader of ``counter-app card read``.
pyscard is imported lazily: :func:`load_scard` returns ``None`` when it cannot be loaded,
and the station then offers the "unavailable" reader instead.
"""

from __future__ import annotations

import datetime as dt
import logging

from counter_app.cards.decode import decode_record
from counter_app.cards.profiles import Profile, load_profiles, profile_for
from counter_app.cards.record import CardRead
from counter_app.errors import NEEDS_USER, PERMANENT, TRANSIENT, UserError

log = logging.getLogger(__name__)

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"


def load_scard():
    """pyscard's ``smartcard.scard`` module, or None when it (or libpcsclite) is missing."""
    try:
        from smartcard import scard
    except Exception:   # ImportError, OSError from a missing libpcsclite
        return None
    return scard


def code(hr: int) -> int:
    return hr & 0xFFFFFFFF


class ServiceLost(Exception):
    """The PC/SC service went away; the caller must drop its context and re-establish."""


def is_service_error(scard, hr: int) -> bool:
    return code(hr) in {code(scard.SCARD_E_NO_SERVICE), code(scard.SCARD_F_COMM_ERROR),
                        code(scard.SCARD_E_SERVICE_STOPPED), code(scard.SCARD_E_INVALID_HANDLE)}


def _connect_error(scard, hr: int) -> UserError:
    c = code(hr)
    if c in (code(scard.SCARD_E_NO_SMARTCARD), code(scard.SCARD_W_REMOVED_CARD)):
        return UserError("cards.no_card", kind=NEEDS_USER)
    if c in (code(scard.SCARD_W_UNRESPONSIVE_CARD), code(scard.SCARD_W_UNPOWERED_CARD),
             code(scard.SCARD_E_PROTO_MISMATCH)):
        return UserError("cards.card_mute", kind=NEEDS_USER)
    if c in (code(scard.SCARD_E_UNKNOWN_READER), code(scard.SCARD_E_READER_UNAVAILABLE)):
        return UserError("cards.reader_gone", kind=TRANSIENT)
    if c == code(scard.SCARD_E_SHARING_VIOLATION):
        return UserError("cards.reader_busy", kind=TRANSIENT)
    return UserError("cards.pcsc_error", kind=TRANSIENT, code=f"0x{c:08X}")


def _transmit_error(scard, hr: int) -> UserError:
    c = code(hr)
    if c in (code(scard.SCARD_E_UNKNOWN_READER), code(scard.SCARD_E_READER_UNAVAILABLE)):
        return UserError("cards.reader_gone", kind=TRANSIENT)
    # lifted, moved, reset, or the reader lost it: to the clerk all the same
    return UserError("cards.read_interrupted", kind=NEEDS_USER)


def run_steps(scard, ctx, reader: str, profile: Profile) -> tuple[bytes, bytes]:
    """Connect, run the profile's steps in a transaction, return (text, photo)."""
    hr, card, proto = scard.SCardConnect(ctx, reader, scard.SCARD_SHARE_SHARED,
                                         scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
    if hr != scard.SCARD_S_SUCCESS:
        if is_service_error(scard, hr):
            raise ServiceLost
        raise _connect_error(scard, hr)
    text, photo = bytearray(), bytearray()
    try:
        hr = scard.SCardBeginTransaction(card)
        if hr != scard.SCARD_S_SUCCESS:
            if is_service_error(scard, hr):
                raise ServiceLost
            raise _transmit_error(scard, hr)
        for number, step in enumerate(profile.steps, start=1):
            hr, response = scard.SCardTransmit(card, proto, list(step.apdu))
            if hr != scard.SCARD_S_SUCCESS:
                if is_service_error(scard, hr):
                    raise ServiceLost
                raise _transmit_error(scard, hr)
            if not response:   # vpcd (and some drivers) answer nothing when the card goes
                raise UserError("cards.read_interrupted", kind=NEEDS_USER)
            if len(response) < 2:
                raise UserError("cards.bad_response", kind=PERMANENT, step=number)
            sw1, sw2 = response[-2], response[-1]
            if not step.accepts(sw1, sw2):
                log.info("reader %s: step %d answered SW %02X%02X", reader, number, sw1, sw2)
                raise UserError("cards.unexpected_sw", kind=PERMANENT, step=number,
                                sw=f"{sw1:02X}{sw2:02X}")
            if step.store == "text":
                text.extend(response[:-2])
            elif step.store == "photo":
                photo.extend(response[:-2])
        scard.SCardEndTransaction(card, scard.SCARD_LEAVE_CARD)
    finally:
        # leave the card as it is: a reset would look like a new placement and read again
        scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
    return bytes(text), bytes(photo)


def read_with_context(scard, ctx, reader: str, profile: Profile | None, *,
                      today: dt.date | None = None) -> CardRead:
    """Read and decode the card on ``reader``. Raises :class:`ServiceLost` only."""
    if profile is None:
        return CardRead.failed(reader, UserError("cards.no_profile", kind=NEEDS_USER, reader=reader))
    try:
        text, photo = run_steps(scard, ctx, reader, profile)
        return CardRead(reader=reader, card=decode_record(text, photo, today=today))
    except UserError as exc:
        log.info("reader %s: read failed: %s", reader, exc.key)
        return CardRead.failed(reader, exc)


def list_readers(scard, ctx) -> list[str]:
    hr, readers = scard.SCardListReaders(ctx, [])
    if hr == scard.SCARD_S_SUCCESS:
        return list(readers)
    if code(hr) == code(scard.SCARD_E_NO_READERS_AVAILABLE):
        return []
    if is_service_error(scard, hr):
        raise ServiceLost
    return []


class PcscReader:
    """Reads the card on a PC/SC reader once, with its own context.

    ``name`` is a reader name (exact, else the first reader containing it) or ``""`` for the
    first reader that has a profile and a card.
    """

    def __init__(self, name: str = "", *, profile_dirs=(), scard=None) -> None:
        self.name = name
        self._profiles = load_profiles(profile_dirs)
        self._scard = scard or load_scard()

    def read_card(self) -> CardRead:
        scard = self._scard
        if scard is None:
            return CardRead.failed(self.name, UserError("cards.unavailable.pyscard", kind=PERMANENT))
        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            return CardRead.failed(self.name, UserError("cards.service_not_running", kind=TRANSIENT))
        try:
            return self._read(scard, ctx)
        except ServiceLost:
            return CardRead.failed(self.name, UserError("cards.service_lost", kind=TRANSIENT))
        finally:
            scard.SCardReleaseContext(ctx)

    def _read(self, scard, ctx) -> CardRead:
        readers = list_readers(scard, ctx)
        if not readers:
            return CardRead.failed(self.name, UserError("cards.status.no_reader", kind=NEEDS_USER))
        if self.name:
            chosen = [r for r in readers if r == self.name] or [r for r in readers if self.name in r]
            if not chosen:
                return CardRead.failed(self.name, UserError("cards.reader_not_found", kind=NEEDS_USER,
                                                            reader=self.name))
            reader = chosen[0]
            return read_with_context(scard, ctx, reader, profile_for(reader, self._profiles))
        supported = [r for r in readers if profile_for(r, self._profiles)]
        if not supported:
            return CardRead.failed("", UserError("cards.status.no_profile", kind=NEEDS_USER,
                                                 readers_text=", ".join(readers)))
        hr, states = scard.SCardGetStatusChange(ctx, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in supported])
        with_card = [s[0] for s in states if s[1] & scard.SCARD_STATE_PRESENT] if hr == 0 else []
        reader = with_card[0] if with_card else supported[0]
        return read_with_context(scard, ctx, reader, profile_for(reader, self._profiles))
