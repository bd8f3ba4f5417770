"""前置库: where a one-way gateway (网闸) separates the networks, the case is written as rows into
the department's exchange tables and the answers are read back from them (``kind = "front_db"``).

The tables follow the national exchange layout: ``up_pro_accept`` (one row per case, the
description's ``[fields]`` naming its business columns) and ``up_pro_material`` (one row per
material), each with ``row_guid``, ``cd_operation`` (I/U/D), ``cd_time``, ``cd_batch`` and the
gateway's ``sync_sign`` / ``error_msg``; the department writes ``up_pro_process`` rows (its
reference, its status word, an error message) that :meth:`FrontDbConnector.status` polls.
``row_guid`` of the accept row is the delivery's client id, so a retry after a crash finds the
row already there instead of writing a second one. Through SQLAlchemy: PostgreSQL, Oracle,
MySQL or SQLite, whatever the department runs; ``{password}`` in ``front_db.url`` comes from
the clerk's credentials in the keyring.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, create_engine, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from counter_app.connectors.base import CREDENTIALS, DOWN, GARBAGE, REFUSED, Ack, DeliveryError, Submission
from counter_app.connectors.description import FINAL, Description

SYNC_COLUMNS = ("row_guid", "cd_operation", "cd_time", "cd_batch", "sync_sign", "error_msg")


def exchange_tables(desc_or_options, columns: list[str] | None = None) -> tuple[MetaData, Table, Table, Table]:
    """The three exchange tables (accept, material, process) as SQLAlchemy tables: the department
    side creates them (the simulator does), the window writes and reads them."""
    options = desc_or_options.front_db if isinstance(desc_or_options, Description) else desc_or_options
    columns = columns if columns is not None else list(getattr(desc_or_options, "fields", {}) or [])
    md = MetaData()

    def sync_cols():
        return [Column("row_guid", String(64), primary_key=True), Column("cd_operation", String(1), nullable=False),
                Column("cd_time", DateTime, nullable=False), Column("cd_batch", String(64), nullable=False),
                Column("sync_sign", String(1), nullable=False, server_default="0"),
                Column("error_msg", Text, nullable=True)]

    business = [c.replace(".", "_") for c in columns if c.replace(".", "_") not in SYNC_COLUMNS]
    accept = Table(options.get("accept_table", "up_pro_accept"), md, *sync_cols(),
                   *[Column(c, Text, nullable=True) for c in business])
    material = Table(options.get("material_table", "up_pro_material"), md, *sync_cols(),
                     Column("projid", String(64), nullable=False, index=True), Column("material_name", Text),
                     Column("material_state", String(16)), Column("copies", String(8)))
    process = Table(options.get("answer_table", "up_pro_process"), md, *sync_cols(),
                    Column("projid", String(64), nullable=False, index=True), Column("dept_ref", String(64)),
                    Column("status", String(32)), Column("note", Text))
    return md, accept, material, process


class FrontDbConnector:
    needs_credentials: tuple[str, ...]

    def __init__(self, desc: Description) -> None:
        self.desc = desc
        self.name = desc.name
        self.kind = desc.kind
        self.needs_credentials = desc.credential_fields
        self.last_latency = 0.0
        self._md, self.accept, self.material, self.process = exchange_tables(desc)
        self._engines: dict[str, object] = {}
        self._lock = threading.Lock()

    def _engine(self, creds: dict):
        url = self.desc.front_db["url"]
        if "{password}" in url:
            if not creds.get("password"):
                raise DeliveryError(CREDENTIALS, "departments.credentials_missing", "password")
            from urllib.parse import quote

            url = url.replace("{password}", quote(creds["password"], safe=""))
        with self._lock:
            engine = self._engines.get(url)
            if engine is None:
                args = {"connect_timeout": 5} if url.startswith("postgresql") else {}
                engine = create_engine(url, pool_pre_ping=True, connect_args=args)
                self._engines[url] = engine
            return engine

    def close(self) -> None:
        for e in self._engines.values():
            e.dispose()
        self._engines.clear()

    def _classify(self, exc: SQLAlchemyError) -> DeliveryError:
        text = str(getattr(exc, "orig", exc)).lower()
        if "password authentication failed" in text or "access denied" in text:
            return DeliveryError(CREDENTIALS, "departments.credentials_rejected", "database login")
        if isinstance(exc, OperationalError):
            return DeliveryError(DOWN, "departments.unreachable", type(getattr(exc, "orig", exc)).__name__)
        return DeliveryError(GARBAGE, "departments.front_db_error", type(getattr(exc, "orig", exc)).__name__)

    def submit(self, sub: Submission) -> Ack:
        now = dt.datetime.now().replace(microsecond=0)
        batch = now.strftime("%Y%m%d%H%M")
        row = {c.replace(".", "_"): _text(sub.values.get(src) if not src.startswith("=") else src[1:])
               for c, src in self.desc.fields.items() if c.replace(".", "_") in self.accept.c}
        row.update(row_guid=sub.delivery_id, cd_operation="I", cd_time=now, cd_batch=batch, sync_sign="0")
        materials = [dict(row_guid=str(uuid.uuid5(uuid.UUID(sub.delivery_id), m.get("key", str(i)))),
                          cd_operation="I", cd_time=now, cd_batch=batch, sync_sign="0", projid=sub.case_number,
                          material_name=m.get("name", ""), material_state=m.get("state", ""),
                          copies=str(m.get("copies", "")))
                     for i, m in enumerate(sub.values.get("materials") or [])]
        try:
            with self._engine(sub.credentials).begin() as conn:
                seen = conn.scalar(select(self.accept.c.row_guid).where(self.accept.c.row_guid == sub.delivery_id))
                if seen is None:
                    conn.execute(insert(self.accept), [row])
                    if materials:
                        conn.execute(insert(self.material), materials)
        except IntegrityError:
            pass       # a retry racing its own first attempt: the row is there, which is what we want
        except SQLAlchemyError as exc:
            raise self._classify(exc) from None
        return Ack("", "", "", False)       # the department's reference comes back through process rows

    def status(self, sub: Submission, reference: str) -> Ack:
        try:
            with self._engine(sub.credentials).connect() as conn:
                err = conn.scalar(select(self.accept.c.error_msg).where(self.accept.c.row_guid == sub.delivery_id))
                answer = conn.execute(select(self.process).where(self.process.c.projid == sub.case_number)
                                      .order_by(self.process.c.cd_time.desc(), self.process.c.row_guid.desc())
                                      .limit(1)).mappings().first()
        except SQLAlchemyError as exc:
            raise self._classify(exc) from None
        if err:
            raise DeliveryError(REFUSED, "departments.refused", str(err))
        if answer is None:
            return Ack(reference, "", "", False)
        if answer["error_msg"]:
            raise DeliveryError(REFUSED, "departments.refused", str(answer["error_msg"]))
        raw = str(answer["status"] or "")
        ours = self.desc.status_map.get(raw, raw if raw in FINAL + ("received", "in_progress") else "")
        return Ack(str(answer["dept_ref"] or reference), ours, raw, ours in FINAL)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)
