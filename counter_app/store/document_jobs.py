"""The documents saved cases still owe (``DocumentJobRow``): added in the case's transaction,
marked archived and printed as the documents service works them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.case_event import new_event_id
from counter_app.store.models import CaseRow, DocumentJobRow


@dataclass(frozen=True)
class DocumentJob:
    id: str
    case_number: str
    kind: str
    print_wanted: bool
    created_at: dt.datetime
    archived: bool
    printed: bool


def add(s: Session, case_id: str, kinds: Iterable[str], *, print_wanted: bool, at: dt.datetime) -> None:
    s.add_all(DocumentJobRow(id=new_event_id(), case_id=case_id, kind=k, print_wanted=print_wanted,
                             created_at=at) for k in kinds)


def _query():
    return (select(DocumentJobRow, CaseRow.number).join(CaseRow, CaseRow.id == DocumentJobRow.case_id)
            .order_by(DocumentJobRow.id))


def _job(row: DocumentJobRow, number: str) -> DocumentJob:
    return DocumentJob(row.id, number, row.kind, row.print_wanted, row.created_at,
                       row.archived_at is not None, row.printed_at is not None)


def not_archived(s: Session) -> list[DocumentJob]:
    """Documents of saved cases that are not in the archive yet, oldest first."""
    return [_job(r, n) for r, n in s.execute(_query().where(DocumentJobRow.archived_at.is_(None)))]


def of_case(s: Session, number: str) -> list[DocumentJob]:
    return [_job(r, n) for r, n in s.execute(_query().where(CaseRow.number == number))]


def mark_archived(s: Session, job_id: str, *, at: dt.datetime) -> None:
    row = s.get(DocumentJobRow, job_id)
    row.archived_at, row.error = at, ""


def mark_printed(s: Session, job_id: str, *, at: dt.datetime) -> None:
    row = s.get(DocumentJobRow, job_id)
    row.printed_at, row.error = at, ""


def mark_failed(s: Session, job_id: str, error_key: str) -> None:
    s.get(DocumentJobRow, job_id).error = error_key
