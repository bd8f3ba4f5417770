"""交接单: a batch of promised cases handed from the front desk to the back office.

The batch's own Code 128 at the top (scanning it confirms the whole stack received) and one row
per case with its Code 128, so the back office scans each file as it takes it. Several batches
(one per department of a slot) print as one PDF, each sheet on its own page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from counter_app.documents import codes
from counter_app.documents.common import DocContext, cn_date, cn_datetime, contact_footer, header
from counter_app.documents.layout import Cell, Flow, Meta, render
from counter_app.documents.paper import DOT, paper as paper_of
from counter_app.domain.case import RECEIVED, CaseRecord
from counter_app.domain.handover_slots import batch_code

TITLE = "办件交接单"


def _departments(records: list[CaseRecord]) -> str:
    names = Counter(r.department_name(i.department) for r in records for i in r.items)
    return "、".join(n for n, _ in names.most_common())


def _fractions(flow: Flow, records: list[CaseRecord]) -> list[float]:
    """Column widths: the barcode column just fits the longest number with two-dot modules."""
    pad = flow.paper.body * 0.35
    code = max((codes.fit_code128(r.number, 10_000, max_dots=2).width for r in records), default=0)
    bar_col = code + 2 * pad + 2
    fixed = [0.06, 0.0, 0.0, 0.10, 0.07, 0.13]      # of the table width, except codes and item names
    rest = flow.width - bar_col - sum(fixed) * flow.width
    return [f * flow.width for f in fixed[:1]] + [bar_col, max(rest, flow.width * 0.2)] + \
        [f * flow.width for f in fixed[3:]]


def build(flow: Flow, records: list[CaseRecord], ctx: DocContext, *, batch: str = "", department: str = "",
          slot: str = "") -> Meta:
    """One sheet; ``batch`` the batch code (its barcode heads the sheet), ``department`` the
    receiving department's name, ``slot`` the handover slot (HH:MM)."""
    p = flow.paper
    header(flow, ctx, TITLE)
    if not batch:       # a sheet of no stored batch (the layout sample): a code of the same form
        batch = batch_code(ctx.hall.code, ctx.window or (records[0].window if records else "W00"), ctx.now.date(),
                           dt.time(ctx.now.hour, ctx.now.minute), 1)
    flow.barcode(batch, bar_height=48 * DOT, caption_size=p.small)
    flow.para("接收时扫描本条码确认整批接收，或逐件扫描办件条码", size=p.small, align="center")
    flow.space(p.body * 0.3)
    flow.field("交接批次", batch)
    flow.field("移交窗口", ctx.window_name or ctx.window)
    flow.field("交接时间", cn_datetime(ctx.now) + (f"（{slot} 时段）" if slot else ""))
    flow.field("接收部门", department or _departments(records) or "—")
    flow.field("办件数量", f"{len(records)}件")
    flow.space(p.body * 0.4)
    if p.narrow:
        for n, r in enumerate(records, 1):
            flow.rule(dashed=True, gap=p.body * 0.6)
            flow.para(f"{n}.", bold=True, keep_with_next=True)
            flow.barcode(r.number, bar_height=36 * DOT, caption_size=p.small)
            flow.hanging("事项：", "、".join(i.name for i in r.items), size=p.small)
            flow.hanging("申请人：", r.applicant.org_name or r.applicant.name, size=p.small)
            flow.hanging("材料：", f"{sum(1 for m in r.materials if m.check.state in RECEIVED)}项　"
                                  f"承诺办结：{cn_date(r.promised_date)}", size=p.small)
        flow.rule(dashed=True, gap=p.body * 0.6)
    else:
        s = p.small
        rows = [[Cell(str(n), s, "center"), Cell(r.number, s * 0.9, "center", barcode=r.number, bar_height=30),
                 Cell("、".join(i.name for i in r.items), s),
                 Cell(r.applicant.org_name or r.applicant.name, s, "center"),
                 Cell(str(sum(1 for m in r.materials if m.check.state in RECEIVED)), s, "center"),
                 Cell(f"{r.promised_date:%Y-%m-%d}" if r.promised_date else "—", s, "center")]
                for n, r in enumerate(records, 1)]
        flow.table([Cell("序号", s, "center", True), Cell("办件编号", s, "center", True),
                    Cell("事项名称", s, bold=True), Cell("申请人", s, "center", True),
                    Cell("材料(项)", s, "center", True), Cell("承诺办结", s, "center", True)],
                   rows, _fractions(flow, records))
    flow.signatures(["移交人", "接收人", "移交时间", "接收时间"])
    contact_footer(flow, ctx)
    return Meta(f"{TITLE} {batch}", ctx.hall.name, TITLE, f"{TITLE} · {batch}")


def render_batches(sheets: list[tuple[str, str, str, list[CaseRecord]]], ctx: DocContext, *, paper: str) -> bytes:
    """Several sheets in one PDF: ``(batch code, department name, slot, records)`` each."""
    flow = Flow(paper_of(paper))
    meta = None
    for n, (code, department, slot, records) in enumerate(sheets):
        if n:
            flow.page_break()
        meta = build(flow, records, ctx, batch=code, department=department, slot=slot)
    if len(sheets) != 1:
        meta = Meta(f"{TITLE} {ctx.now:%Y-%m-%d %H:%M}", ctx.hall.name, TITLE, "")
    return render(flow, meta)
