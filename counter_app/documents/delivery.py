"""送达回执: signed when the result is handed over at the window or delivered by post.

This paper stays with the hall, so a posted result shows the full delivery address.
"""

from __future__ import annotations

from counter_app.documents import common
from counter_app.documents.common import DocContext, cn_datetime
from counter_app.documents.layout import Flow, Meta
from counter_app.domain.case import POST, CaseRecord

TITLE = "送达回执"


def build(flow: Flow, record: CaseRecord, ctx: DocContext) -> Meta:
    p = flow.paper
    common.header(flow, ctx, TITLE)
    common.case_codes(flow, ctx, record, with_qr=False)
    flow.rule(dashed=p.narrow)
    common.applicant_fields(flow, record, address="none")
    common.items_list(flow, record, heading="送达事项")
    flow.heading("送达文书", size=p.body)
    for n, item in enumerate(record.items, 1):
        flow.hanging(f"{n}. ", f"“{item.name}”办理结果文书（证照、批准文件或决定书）")
    flow.space(p.body * 0.3)
    if record.delivery == POST:
        flow.field("送达方式", "邮寄送达")
        flow.field("收件地址", record.delivery_address)
    else:
        flow.field("送达方式", "窗口领取")
        flow.field("送达地点", f"{ctx.hall.name}综合出件窗口")
    flow.field("送达人", ctx.clerk_label(record))
    flow.field("打印时间", cn_datetime(ctx.now))
    flow.space(p.body * 0.3)
    flow.para("受送达人确认已收到上述文书。代领的，请代领人签字并注明身份证件号码。", size=p.small)
    flow.signatures(["受送达人签字", "签收时间", "代领人签字", "代领人证件号"])
    common.contact_footer(flow, ctx)
    return Meta(f"{TITLE} {record.number}", ctx.hall.name, TITLE, f"{TITLE} · {record.number}")
