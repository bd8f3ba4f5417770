"""Tables of the central server (PostgreSQL in production, SQLite for the embedded demo).

Schema changes go through the server's own Alembic chain in ``db/central``. Uniqueness that
sync depends on is enforced here, by constraints: an event's client-generated id is the primary
key of ``case_event`` (a resent event can never be stored twice), a case number is unique.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, MetaData, String, Text, false, text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# A 64-bit counter that is SQLite's rowid there (so it autoincrements) and BIGSERIAL on PostgreSQL.
Serial = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Hall(Base):
    __tablename__ = "hall"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Device(Base):
    """An enrolled window. Its credential is a random token; only its SHA-256 is kept.

    One live (not revoked) device per window code of a hall, by a partial unique index: two PCs
    enrolled as the same window would issue the same case numbers. Re-enrolling a window (a new
    PC) is explicit: ``enrol-code --replace`` makes a code that revokes the old device when spent."""
    __tablename__ = "device"
    __table_args__ = (Index("uq_device_live_window", "hall_code", "window_code", unique=True,
                            sqlite_where=text("revoked_at IS NULL"), postgresql_where=text("revoked_at IS NULL")),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hall_code: Mapped[str] = mapped_column(ForeignKey("hall.code"), index=True)
    window_code: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class EnrolCode(Base):
    """A one-time enrolment code (only its hash is kept), valid until ``expires_at``."""
    __tablename__ = "enrol_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    hall_code: Mapped[str] = mapped_column(ForeignKey("hall.code"))
    window_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    device_id: Mapped[str] = mapped_column(String(36), default="")
    replaces: Mapped[bool] = mapped_column(Boolean, server_default=false())   # re-enrol: revokes the window's device


class Clerk(Base):
    __tablename__ = "clerk"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    hall_code: Mapped[str] = mapped_column(ForeignKey("hall.code"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16))               # clerk | supervisor | admin
    password_hash: Mapped[str] = mapped_column(String(300))      # scrypt verifier, never the password
    active: Mapped[bool] = mapped_column(default=True)


class CatalogVersion(Base):
    """A published ``counter-catalog/1`` file; the newest row of a hall (or of all halls) is current."""
    __tablename__ = "catalog_version"
    id: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    hall_code: Mapped[str] = mapped_column(String(16), default="")      # "" = every hall
    version: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    content: Mapped[str] = mapped_column(Text)


class CalendarVersion(Base):
    """A published holiday calendar (the ``cn_holidays.json`` format); the newest row is current."""
    __tablename__ = "calendar_version"
    id: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    content: Mapped[str] = mapped_column(Text)


class Case(Base):
    """A case as the server knows it: created by the window's intake event, status from later events."""
    __tablename__ = "central_case"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)          # the window's record id
    number: Mapped[str] = mapped_column(String(64), unique=True)
    hall_code: Mapped[str] = mapped_column(String(16), index=True)
    window_code: Mapped[str] = mapped_column(String(16))
    clerk: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict] = mapped_column(JSON)                               # the case as accepted
    created_by: Mapped[str] = mapped_column(String(36))                    # the event that brought it
    last_event: Mapped[str] = mapped_column(String(36), default="")        # newest event applied to status


class CaseEvent(Base):
    """One thing that happened to a case, under the window's own id (UUIDv7, time-sortable)."""
    __tablename__ = "case_event"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("central_case.id"), index=True)
    hall_code: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)
    clerk: Mapped[str] = mapped_column(String(64), default="")
    window_code: Mapped[str] = mapped_column(String(16), default="")
    occurred_at: Mapped[str] = mapped_column(String(40))       # the window's clock, as sent
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    digest: Mapped[str] = mapped_column(String(64))             # of the entry as sent: tells a resend from a reuse


class CaseChange(Base):
    """The change feed. ``txid`` is the writing transaction's id on PostgreSQL (0 on SQLite):
    the pull cursor is (txid, seq), read only below the oldest transaction still running."""
    __tablename__ = "case_change"
    __table_args__ = (Index("ix_case_change_hall_cursor", "hall_code", "txid", "seq"),)
    seq: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    txid: Mapped[int] = mapped_column(BigInteger, default=0)
    hall_code: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[str] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36))


class IdempotencyRecord(Base):
    """A request under an ``Idempotency-Key``: in progress until ``lease_until``, then its stored reply."""
    __tablename__ = "idempotency_record"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))                # in_progress | done
    lease_until: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int] = mapped_column(Integer, default=0)
    response: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
