"""Tables of the window's local database. Schema changes go through Alembic (``db/client``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Every constraint gets a predictable name, so a later migration can drop or alter it by name
# (SQLite's batch mode needs the names; migration 0004 gave the older, unnamed ones theirs).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CatalogVersionRow(Base):
    __tablename__ = "catalog_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    region: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    item_count: Mapped[int] = mapped_column(Integer, default=0)


class DepartmentRow(Base):
    __tablename__ = "department"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ItemRow(Base):
    __tablename__ = "service_item"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    department: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict] = mapped_column(JSON)   # the item as in the catalog format
    search_keys: Mapped[list] = mapped_column(JSON)   # pinyin of name and aliases, computed at import


class BundleRow(Base):
    __tablename__ = "bundle"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[list] = mapped_column(JSON)
    search_keys: Mapped[list] = mapped_column(JSON, server_default="[]")   # pinyin of the name, computed at import


class ItemUsageRow(Base):
    """How often this window took each item: frequent items rank up in search."""
    __tablename__ = "item_usage"
    item_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_used: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseSequenceRow(Base):
    __tablename__ = "case_sequence"
    window: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class CaseRow(Base):
    __tablename__ = "case_record"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)          # random UUID
    number: Mapped[str] = mapped_column(String(64), unique=True)
    hall: Mapped[str] = mapped_column(String(16))
    window: Mapped[str] = mapped_column(String(16))
    clerk: Mapped[str] = mapped_column(String(64), default="")        # the signed-in clerk's login
    clerk_name: Mapped[str] = mapped_column(String(200), server_default="")   # and name, as at intake
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    applicant_kind: Mapped[str] = mapped_column(String(16))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id_type: Mapped[str] = mapped_column(String(32), default="resident")
    applicant_id_number: Mapped[str] = mapped_column(String(64), index=True)
    applicant_phone: Mapped[str] = mapped_column(String(32), default="")
    applicant_address: Mapped[str] = mapped_column(String(300), default="")
    applicant_org_name: Mapped[str] = mapped_column(String(300), default="")
    applicant_credit_code: Mapped[str] = mapped_column(String(32), default="")
    card_photo: Mapped[bytes | None] = mapped_column(nullable=True)       # raw WLT bytes, if read
    # kept no longer than needed (services.retention): when the photo went (a photo was read),
    # and when the person's data of a closed case went (the central server keeps the case)
    photo_removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    personal_removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    agent: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    delivery: Mapped[str] = mapped_column(String(16), default="pickup")
    delivery_address: Mapped[str] = mapped_column(String(300), default="")
    promised_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    query_code: Mapped[str] = mapped_column(String(16), default="")
    catalog_version: Mapped[str] = mapped_column(String(64), default="")
    supervisor_override: Mapped[str] = mapped_column(String(64), default="")   # why accepted anyway
    supervisor: Mapped[str] = mapped_column(String(64), server_default="")      # who allowed it

    items: Mapped[list[CaseItemRow]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                    order_by="CaseItemRow.position")
    materials: Mapped[list[CaseMaterialRow]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                            order_by="CaseMaterialRow.position")


class CaseItemRow(Base):
    __tablename__ = "case_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_code: Mapped[str] = mapped_column(String(64))
    item_name: Mapped[str] = mapped_column(String(500))
    department: Mapped[str] = mapped_column(String(64))
    department_name: Mapped[str] = mapped_column(String(200), server_default="")   # as at intake
    snapshot: Mapped[dict] = mapped_column(JSON)      # the item as accepted (catalog may change later)
    case: Mapped[CaseRow] = relationship(back_populates="items")


class CaseMaterialRow(Base):
    __tablename__ = "case_material"
    __table_args__ = (UniqueConstraint("case_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(500))
    required: Mapped[bool] = mapped_column(Boolean)
    form: Mapped[str] = mapped_column(String(16))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    gap_allowed: Mapped[bool] = mapped_column(Boolean, server_default="0")
    note: Mapped[str] = mapped_column(Text, server_default="")
    state: Mapped[str] = mapped_column(String(16))
    promised_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    remark: Mapped[str] = mapped_column(Text, default="")
    reused_from: Mapped[str] = mapped_column(String(64), default="")
    item_codes: Mapped[list] = mapped_column(JSON)
    case: Mapped[CaseRow] = relationship(back_populates="materials")


class CaseEventRow(Base):
    """What happened to a case (``domain.case_event``), written in the case's own transaction."""
    __tablename__ = "case_event"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)        # UUIDv7, made at the window
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))                          # case_status.EVENT_KINDS
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    clerk: Mapped[str] = mapped_column(String(64))
    hall: Mapped[str] = mapped_column(String(16))
    window: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict] = mapped_column(JSON)


class DocumentJobRow(Base):
    """A document a saved case still owes (render + archive, then print if wanted). Written in the
    case's transaction and worked after the commit and again at the next start, so a crash or a
    full disk between saving and archiving loses no document."""
    __tablename__ = "document_job"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)        # UUIDv7: oldest first
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))                          # documents.KINDS
    print_wanted: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    error: Mapped[str] = mapped_column(Text, server_default="")             # last failure's message key


class OutboxRow(Base):
    """A case event still owed to the central server (``counter_app.sync``). Written in the event's
    transaction; marked sent only once the server acknowledged it (applied or duplicate)."""
    __tablename__ = "sync_outbox"
    event_id: Mapped[str] = mapped_column(ForeignKey("case_event.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(16), index=True)        # pending | sent | rejected
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    batch_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)   # Idempotency-Key
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text, server_default="")      # the server's reason when rejected


class SyncStateRow(Base):
    """Small sync facts kept with the data they describe: the pull cursor, catalog/calendar versions."""
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HandoverBatchRow(Base):
    """A 交接 batch: one department's promised cases of one handover slot (``services.handover``).
    ``state``: sent (the sheet printed, 待接收) · received (all confirmed) · incomplete (confirmed
    with cases missing)."""
    __tablename__ = "handover_batch"
    __table_args__ = (UniqueConstraint("hall", "window", "day", "slot", "department"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)         # UUIDv7
    code: Mapped[str] = mapped_column(String(64), unique=True)            # domain.handover_slots.batch_code
    hall: Mapped[str] = mapped_column(String(16))
    window: Mapped[str] = mapped_column(String(16))
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    slot: Mapped[str] = mapped_column(String(5))                           # HH:MM
    department: Mapped[str] = mapped_column(String(64))
    department_name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    clerk: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    confirmed_by: Mapped[str] = mapped_column(String(64), server_default="")
    cases: Mapped[list[HandoverCaseRow]] = relationship(back_populates="batch", cascade="all, delete-orphan",
                                                        order_by="HandoverCaseRow.position")


class HandoverCaseRow(Base):
    """A case on a batch's sheet; ``scanned_at`` once the back office scanned it, ``state`` sent ·
    received · missing once the batch is confirmed."""
    __tablename__ = "handover_case"
    batch_id: Mapped[str] = mapped_column(ForeignKey("handover_batch.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    scanned_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    batch: Mapped[HandoverBatchRow] = relationship(back_populates="cases")


class CaseDeliveryRow(Base):
    """送达: a result handed over at the window or posted (``services.issuing``), one per ISSUE
    event. The people's names, numbers, phones and addresses stay here, in the window's database;
    the event carries the rest (``domain.issuing.delivery_payload``)."""
    __tablename__ = "case_delivery"
    event_id: Mapped[str] = mapped_column(ForeignKey("case_event.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(16))                      # pickup | post
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    clerk: Mapped[str] = mapped_column(String(64))
    window: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16), default="")           # applicant | agent (at the window)
    collector_name: Mapped[str] = mapped_column(String(200), default="")
    collector_id_number: Mapped[str] = mapped_column(String(64), default="")
    card_read: Mapped[bool] = mapped_column(Boolean, default=False)
    authorisation: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    courier: Mapped[str] = mapped_column(String(16), default="")
    tracking_number: Mapped[str] = mapped_column(String(64), default="")


class DeliveryRow(Base):
    """A case owed to one department's system (issue 9, ``store.delivery``). Written in the case's
    transaction; ``id`` (UUIDv7) is the client id sent with every attempt, so the department
    recognises a retry. ``state``: pending → delivered (reference known, statuses polled) → done;
    parked (with the reason) until resent; manual (the handover sheet, answered by hand)."""
    __tablename__ = "department_delivery"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(64), index=True)
    clerk: Mapped[str] = mapped_column(String(64))                  # whose credentials deliver it
    state: Mapped[str] = mapped_column(String(16), index=True)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    next_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)   # next send or status poll
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reference: Mapped[str] = mapped_column(String(64), server_default="")
    dept_status: Mapped[str] = mapped_column(String(32), server_default="")
    failure: Mapped[str] = mapped_column(String(16), server_default="")  # connectors.base failure class
    reason: Mapped[str] = mapped_column(String(64), server_default="")   # message key
    detail: Mapped[str] = mapped_column(Text, server_default="")
    parked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class DepartmentLinkRow(Base):
    """How the last exchange with a department's system went: the health panel's facts."""
    __tablename__ = "department_link"
    department: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_try_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_ok_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    failure: Mapped[str] = mapped_column(String(16), server_default="")    # "" after a success
    reason: Mapped[str] = mapped_column(String(64), server_default="")
    latency_ms: Mapped[int] = mapped_column(Integer, server_default="0")
    slow: Mapped[bool] = mapped_column(Boolean, server_default="0")
