"""Personal data kept no longer than needed (issue 13, PIPL): a sweep run at start and after each
sync round.

- A card photo goes once the case is synced and every department's system has it (when
  ``retention.photo_until_delivered``), and after ``retention.photo_max_days`` in any case. The
  case keeps ``photo_removed_at``: a photo was read, and when it went.
- A closed case (出件, 不予受理, 撤回, 撤销, 终止) whose every event the central server confirmed
  loses its person — name, ID number, phone, address, agent, postal address — and its archived
  documents ``retention.closed_case_days`` after the last confirmation (0: kept). The case row,
  its items, materials and events stay: they name no person, and the station's event chain and
  counts stay whole. The central server is the archive; a station never enrolled keeps its
  cases (nothing confirmed them).
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from dataclasses import dataclass

from sqlalchemy import func, select, update

from counter_app.domain import case_status as cs
from counter_app.documents import archive
from counter_app.settings import StationSettings
from counter_app.store.database import Store
from counter_app.store.models import CaseRow, DeliveryRow, OutboxRow

log = logging.getLogger(__name__)

CLOSED = (cs.ISSUED, cs.REJECTED, cs.WITHDRAWN, cs.REVOKED, cs.TERMINATED)
HANDED_OVER = ("done", "manual")          # store.delivery: the department has it (or the paper sheet)
REMOVED_PERSON = dict(applicant_name="", applicant_id_number="", applicant_phone="", applicant_address="",
                      applicant_org_name="", applicant_credit_code="", agent=None, delivery_address="",
                      card_photo=None)


@dataclass(frozen=True)
class Swept:
    photos: int           # card photos removed
    cases: int            # closed cases whose personal data was removed


def _confirmed(s):
    """case id → when the server confirmed its last event, for cases with nothing left to send."""
    open_ids = select(OutboxRow.case_id).where(OutboxRow.state != "sent")
    rows = s.execute(select(OutboxRow.case_id, func.max(OutboxRow.sent_at))
                     .where(OutboxRow.case_id.not_in(open_ids)).group_by(OutboxRow.case_id))
    return {case_id: at for case_id, at in rows if at is not None}


def _not_handed_over(s) -> set[str]:
    return set(s.scalars(select(DeliveryRow.case_id).where(DeliveryRow.state.not_in(HANDED_OVER))))


def sweep(*, store: Store, settings: StationSettings, now: dt.datetime | None = None) -> Swept:
    now = now or dt.datetime.now()
    keep = settings.retention
    with store.transaction() as s:
        confirmed = _confirmed(s)
        waiting = _not_handed_over(s)
        with_photo = s.execute(select(CaseRow.id, CaseRow.created_at)
                               .where(CaseRow.card_photo.is_not(None), CaseRow.photo_removed_at.is_(None))).all()
        old = now - dt.timedelta(days=keep.photo_max_days)
        photos = [cid for cid, created in with_photo if created <= old
                  or keep.photo_until_delivered and cid in confirmed and cid not in waiting]
        if photos:
            s.execute(update(CaseRow).where(CaseRow.id.in_(photos)).values(card_photo=None, photo_removed_at=now))
        numbers = []
        if keep.closed_case_days:
            due = now - dt.timedelta(days=keep.closed_case_days)
            closed = s.execute(select(CaseRow.id, CaseRow.number).where(
                CaseRow.status.in_(CLOSED), CaseRow.personal_removed_at.is_(None))).all()
            gone = [(cid, number) for cid, number in closed if cid in confirmed and confirmed[cid] <= due]
            if gone:
                ids = [cid for cid, _ in gone]
                s.execute(update(CaseRow).where(CaseRow.id.in_(ids), CaseRow.card_photo.is_not(None),
                                                CaseRow.photo_removed_at.is_(None)).values(photo_removed_at=now))
                s.execute(update(CaseRow).where(CaseRow.id.in_(ids)).values(**REMOVED_PERSON, personal_removed_at=now))
                numbers = [number for _, number in gone]
    _remove_documents(store)              # after the commit; also what a kill before it left
    if photos or numbers:
        log.info("retention: %d card photo(s) and %d closed case(s)' personal data removed", len(photos), len(numbers))
    return Swept(len(photos), len(numbers))


def _remove_documents(store: Store) -> None:
    """The archived documents of every case whose person was removed (they show the person)."""
    root = store.data_dir / archive.ARCHIVE
    if not root.is_dir():
        return
    present = [p.name for p in root.iterdir() if p.is_dir()]
    if not present:
        return
    with store.session() as s:
        removed = set(s.scalars(select(CaseRow.number).where(CaseRow.number.in_(present),
                                                             CaseRow.personal_removed_at.is_not(None))))
    for number in removed:
        shutil.rmtree(root / number, ignore_errors=True)
