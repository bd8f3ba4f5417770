"""受理回执: the acceptance receipt the applicant keeps and shows when the result is issued."""

from __future__ import annotations

from counter_app.documents import common
from counter_app.documents.common import DocContext, cn_date, cn_datetime
from counter_app.documents.layout import Cell, Flow, Meta
from counter_app.documents.text import nobreak
from counter_app.domain.case import ACCEPT_WITH_GAPS, GAP, RECEIVED, CaseRecord
from counter_app.domain.catalog import PROMISED

TITLE = "受理回执"


def build(flow: Flow, record: CaseRecord, ctx: DocContext) -> Meta:
    p = flow.paper
    subtitle = "（容缺受理）" if record.outcome == ACCEPT_WITH_GAPS else ""
    common.header(flow, ctx, TITLE, subtitle)
    common.case_codes(flow, ctx, record)
    flow.rule(dashed=p.narrow)
    flow.field("受理窗口", ctx.window_label(record))
    flow.field("受理人员", ctx.clerk_label(record))
    flow.field("受理时间", cn_datetime(record.created_at))
    common.applicant_fields(flow, record)
    common.items_list(flow, record)

    received = [m for m in record.materials if m.check.state in RECEIVED]
    gaps = [m for m in record.materials if m.check.state == GAP]
    flow.heading(f"已收材料（{len(received)}项）", size=p.body)
    if p.narrow:
        for n, m in enumerate(received, 1):
            state = nobreak(f"〔{common.STATE_LABEL[m.check.state]}{m.line.copies}份〕")
            flow.hanging(f"{n}. ", f"{m.line.name}{state}")
    elif received:
        s = p.small + 0.5
        flow.table([Cell("序号", s, "center", True), Cell("材料名称", s, bold=True),
                    Cell("收取形式", s, "center", True), Cell("份数", s, "center", True)],
                   [[Cell(str(n), s, "center"), Cell(m.line.name, s),
                     Cell(common.STATE_LABEL[m.check.state], s, "center"), Cell(str(m.line.copies), s, "center")]
                    for n, m in enumerate(received, 1)],
                   [0.7, 7, 1.6, 0.8])
    if gaps:
        flow.heading(f"容缺材料（{len(gaps)}项，请按期补交）", size=p.body)
        for n, m in enumerate(gaps, 1):
            flow.hanging(f"{n}. ", f"{m.line.name}{nobreak(f'〔{cn_date(m.check.promised_date)}前补交〕')}")

    flow.rule(dashed=p.narrow)
    if any(i.kind == PROMISED for i in record.items):
        flow.field("承诺办结", cn_date(record.promised_date))
    else:
        flow.field("办结时限", "即办件，当场办结")
    flow.field("领取方式", common.delivery_text(record))
    flow.field("咨询电话", ctx.hall.phone)
    flow.space(p.body * 0.5)
    flow.para("温馨提示：请妥善保管本回执，凭本回执和身份证件领取办理结果；"
              "可扫描上方二维码或拨打咨询电话查询办件进度。", size=p.small)
    common.contact_footer(flow, ctx)
    return Meta(f"{TITLE} {record.number}", ctx.hall.name, TITLE, f"{TITLE} · {record.number}")
