"""Receipts and notices as PDF (reportlab), and the printing back-ends. No Qt here.

Render::

    from counter_app.documents import render, DocContext, kinds_for
    ctx = DocContext.from_settings(settings)
    pdf = render("receipt", record, ctx, paper="80mm")          # bytes of a PDF
    pdf = render("handover", [record1, record2], ctx, paper="a4")

Document kinds (``KINDS``): ``receipt`` 受理回执, ``notice`` 一次性告知书, ``gap_promise``
容缺承诺书, ``rejection`` 不予受理通知书, ``delivery`` 送达回执, ``handover`` 交接单 (many
cases). ``kinds_for(record)`` says which ones an intake outcome hands out.

Papers: ``a4``, ``80mm``, ``58mm`` (``paper.PAPERS``). Printing: :mod:`.archive` keeps every
printed PDF with its case, :mod:`.escpos` sends raster images to thermal printers without a
driver, :mod:`.cups` prints through ``lp``, :mod:`.printing` picks the back-end from the
station settings. Layout lives in :mod:`.layout`, shared pieces in :mod:`.common`, one
module per document kind.
"""

from __future__ import annotations

from collections.abc import Sequence

from counter_app.documents.common import DocContext
from counter_app.documents.layout import Flow, render as _render
from counter_app.documents.paper import PAPERS, paper as _paper
from counter_app.domain.case import CaseRecord
from counter_app.domain.document_kinds import (  # noqa: F401 (re-exported)
    CASE_KINDS, DELIVERY, GAP_PROMISE, HANDOVER, KINDS, NOTICE_DOC, RECEIPT, REJECTION, kinds_for_outcome,
)
from counter_app.errors import PERMANENT, UserError

TITLES = {RECEIPT: "受理回执", NOTICE_DOC: "一次性告知书", GAP_PROMISE: "容缺受理承诺书",
          REJECTION: "不予受理通知书", DELIVERY: "送达回执", HANDOVER: "办件交接单"}

__all__ = ["KINDS", "CASE_KINDS", "PAPERS", "TITLES", "DocContext", "render", "kinds_for"]


def _builder(kind: str):
    from counter_app.documents import delivery, gap_promise, handover, notice, receipt, rejection

    return {RECEIPT: receipt.build, NOTICE_DOC: notice.build, GAP_PROMISE: gap_promise.build,
            REJECTION: rejection.build, DELIVERY: delivery.build, HANDOVER: handover.build}[kind]


def render(kind: str, case: CaseRecord | Sequence[CaseRecord], ctx: DocContext, *, paper: str = "a4",
           batch: str = "", delivery=None) -> bytes:
    """The PDF of one document. ``case`` is a list of records for the handover sheet;
    ``delivery`` (``domain.issuing.Delivery``) what was recorded when the 送达回执 is printed at issuing."""
    if kind not in KINDS:
        raise UserError("documents.unknown_kind", kind=PERMANENT, doc_kind=kind, choices=", ".join(KINDS))
    flow = Flow(_paper(paper))
    if kind == HANDOVER:
        records = [case] if isinstance(case, CaseRecord) else list(case)
        meta = _builder(kind)(flow, records, ctx, batch=batch)
    else:
        if not isinstance(case, CaseRecord):
            raise TypeError(f"{kind} renders one CaseRecord")
        meta = _builder(kind)(flow, case, ctx, delivery=delivery) if kind == DELIVERY and delivery is not None \
            else _builder(kind)(flow, case, ctx)
    return _render(flow, meta)


def kinds_for(record: CaseRecord) -> tuple[str, ...]:
    """What the applicant takes away after intake with this outcome."""
    return kinds_for_outcome(record.outcome)
