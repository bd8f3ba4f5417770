"""What the hall's IT admin does on the server (``counter-central hall add`` ...), and enrolment.

Each function takes the open :class:`Database` and owns its transaction. Problems a person can
fix raise :class:`UserError` with a message key (translated by the CLI or returned by the API).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from counter_app.central.database import Database, utcnow
from counter_app.central.models import (
    CalendarVersion, Case, CatalogVersion, Clerk, Device, EnrolCode, Hall,
)
from counter_app.secrets_hash import (
    make_verifier, new_enrol_code, new_token, normalize_code, token_digest,
)
from counter_app.domain.case_number import valid_code
from counter_app.errors import UserError

ROLES = ("clerk", "supervisor", "admin")
ENROL_CODE_HOURS = 24


def add_hall(db: Database, code: str, name: str) -> None:
    if not valid_code(code):
        raise UserError("central.bad_code", code=code)
    with db.transaction() as s:
        if s.get(Hall, code) is not None:
            raise UserError("central.hall_exists", code=code)
        s.add(Hall(code=code, name=name.strip(), created_at=utcnow()))


def _hall(s, code: str) -> Hall:
    hall = s.get(Hall, code)
    if hall is None:
        raise UserError("central.no_hall", code=code)
    return hall


def add_clerk(db: Database, login: str, *, hall: str, role: str, password: str, name: str = "") -> None:
    """Adds a clerk, or sets a known clerk's hall, role and password."""
    if role not in ROLES:
        raise UserError("central.bad_role", role=role, choices=" / ".join(ROLES))
    if not login.strip() or len(password) < 8:
        raise UserError("central.weak_password")
    verifier = make_verifier(password)
    with db.transaction() as s:
        _hall(s, hall)
        clerk = s.get(Clerk, login.strip())
        if clerk is None:
            s.add(Clerk(login=login.strip(), hall_code=hall, role=role, name=name or login.strip(),
                        password_hash=verifier, active=True))
        else:
            clerk.hall_code, clerk.role, clerk.password_hash = hall, role, verifier
            clerk.name = name or clerk.name


def live_device(s, hall: str, window: str) -> Device | None:
    return s.scalars(select(Device).where(Device.hall_code == hall, Device.window_code == window,
                                          Device.revoked_at.is_(None))).first()


def new_enrolment_code(db: Database, *, hall: str, window: str, hours: int = ENROL_CODE_HOURS,
                       replace: bool = False, now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """A one-time code for enrolling ``window``. A window that has a device already is refused
    (the same window code twice would issue the same case numbers) unless ``replace``: then the
    code revokes that device when it is spent (a new PC for the window)."""
    if not valid_code(window):
        raise UserError("central.bad_code", code=window)
    now = now or utcnow()
    code = new_enrol_code()
    expires = now + dt.timedelta(hours=hours)
    with db.transaction() as s:
        _hall(s, hall)
        current = live_device(s, hall, window)
        if current is not None and not replace:
            raise UserError("central.window_enrolled", hall=hall, window=window,
                            since=current.enrolled_at.strftime("%Y-%m-%d %H:%M"))
        s.add(EnrolCode(code_hash=token_digest(normalize_code(code)), hall_code=hall, window_code=window,
                        created_at=now, expires_at=expires, device_id="", replaces=replace))
    return code, expires


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    token: str
    hall_code: str
    hall_name: str
    window_code: str


def enrol(db: Database, code: str, *, now: dt.datetime | None = None) -> Enrolment:
    """Spends a one-time code (atomically: two windows racing with one code, only one wins). One
    live device per window code is the partial unique index's job, not a look-up: two codes for
    the same window spent at once, one wins and the other is refused (and stays unspent)."""
    now = now or utcnow()
    device_id, token = str(uuid.uuid4()), new_token()
    digest = token_digest(normalize_code(code))
    where = ("", "")
    try:
        with db.transaction() as s:
            spent = s.execute(update(EnrolCode)
                              .where(EnrolCode.code_hash == digest, EnrolCode.used_at.is_(None),
                                     EnrolCode.expires_at > now)
                              .values(used_at=now, device_id=device_id))
            if spent.rowcount != 1:
                raise UserError("central.bad_enrol_code")
            row = s.get(EnrolCode, digest)
            hall = _hall(s, row.hall_code)
            where = (row.hall_code, row.window_code)
            if row.replaces:      # explicit re-enrolment: the window's old device stops working now
                s.execute(update(Device).where(Device.hall_code == row.hall_code,
                                               Device.window_code == row.window_code,
                                               Device.revoked_at.is_(None)).values(revoked_at=now))
            s.add(Device(id=device_id, hall_code=row.hall_code, window_code=row.window_code,
                         token_hash=token_digest(token), enrolled_at=now))
            s.flush()
            enrolment = Enrolment(device_id, token, hall.code, hall.name, row.window_code)
    except IntegrityError:
        raise UserError("central.window_enrolled", hall=where[0], window=where[1], since="—") from None
    return enrolment


def device_for_token(db: Database, token: str) -> Device | None:
    with db.transaction() as s:
        return s.scalars(select(Device).where(Device.token_hash == token_digest(token),
                                              Device.revoked_at.is_(None))).first()


def cases_of_hall(db: Database, hall: str) -> list[dict]:
    with db.transaction() as s:
        _hall(s, hall)
        rows = s.execute(select(Case.number, Case.id, Case.window_code, Case.status)
                         .where(Case.hall_code == hall).order_by(Case.number)).all()
    return [{"number": n, "id": i, "window": w, "status": st} for n, i, w, st in rows]


def publish_catalog(db: Database, text: str, *, hall: str = "") -> str:
    """A ``counter-catalog/1`` file becomes the current catalog (of one hall, or of every hall)."""
    from counter_app.domain.catalog_format import parse_catalog_text

    catalog = parse_catalog_text(text)
    with db.transaction() as s:
        if hall:
            _hall(s, hall)
        s.add(CatalogVersion(hall_code=hall, version=catalog.version, published_at=utcnow(), content=text,
                             sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()))
    return catalog.version


def publish_calendar(db: Database, text: str) -> str:
    from counter_app.domain.working_days import calendar_from_dict

    calendar_from_dict(json.loads(text))     # refuse a file the windows could not read
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    with db.transaction() as s:
        s.add(CalendarVersion(version=version, published_at=utcnow(), content=text))
    return version


def current_catalog(db: Database, hall: str) -> CatalogVersion | None:
    with db.transaction() as s:
        return s.scalars(select(CatalogVersion).where(CatalogVersion.hall_code.in_(["", hall]))
                         .order_by(CatalogVersion.id.desc()).limit(1)).first()


def current_calendar(db: Database) -> CalendarVersion | None:
    with db.transaction() as s:
        return s.scalars(select(CalendarVersion).order_by(CalendarVersion.id.desc()).limit(1)).first()


def clerk_of(db: Database, login: str) -> Clerk | None:
    with db.transaction() as s:
        return s.get(Clerk, login)
