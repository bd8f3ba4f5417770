"""交接单: the promised cases a window took on a day, handed to the back office as one batch.

Immediate items are decided at the window, so only cases accepted with at least one promised
item go on the sheet. The sheet is archived as ``archive/handover/<window>-<YYYYMMDD>.pdf``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.case import ACCEPT, ACCEPT_WITH_GAPS, CaseRecord
from counter_app.domain.catalog import PROMISED
from counter_app.errors import UserError
from counter_app.settings import StationSettings
from counter_app.store import case_repo
from counter_app.store.database import Store


@dataclass(frozen=True)
class HandoverSheet:
    batch: str
    cases: tuple[CaseRecord, ...]
    path: Path
    pdf: bytes


def to_hand_over(*, store: Store, window: str, day: dt.date) -> list[CaseRecord]:
    with store.session() as s:
        cases = case_repo.cases_on(s, day, window)
    return [c for c in cases if c.outcome in (ACCEPT, ACCEPT_WITH_GAPS)
            and any(i.kind == PROMISED for i in c.items)]


def make_handover(*, store: Store, settings: StationSettings, data_dir: Path, day: dt.date,
                  paper: str | None = None) -> HandoverSheet:
    from counter_app.documents import render
    from counter_app.documents.archive import store_handover
    from counter_app.documents.common import DocContext

    cases = to_hand_over(store=store, window=settings.window, day=day)
    if not cases:
        raise UserError("handover.nothing", day=day.isoformat(), window=settings.window)
    batch = f"{settings.window}-{day:%Y%m%d}"
    pdf = render("handover", cases, DocContext.from_settings(settings), paper=paper or settings.paper, batch=batch)
    path = store_handover(Path(data_dir), batch, pdf)
    return HandoverSheet(batch, tuple(cases), path, pdf)
