"""不予受理通知书: why the application is not accepted, on what legal basis, and the remedies."""

from __future__ import annotations

from counter_app.documents import common
from counter_app.documents.common import DocContext, cn_date
from counter_app.documents.layout import Flow, Meta
from counter_app.domain.case import CaseRecord

TITLE = "不予受理通知书"
DEFAULT_BASIS = "《中华人民共和国行政许可法》第三十二条"
REMEDIES = ("如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
            "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。")


def build(flow: Flow, record: CaseRecord, ctx: DocContext) -> Meta:
    p = flow.paper
    common.header(flow, ctx, TITLE)
    common.case_codes(flow, ctx, record)
    a = record.applicant
    items = "、".join(f"“{i.name}”" for i in record.items)
    flow.para(f"{a.org_name or a.name}：")
    flow.para(f"您（单位）于{cn_date(record.created_at.date())}提出的{items}申请，经审查，决定不予受理。", letter=True)
    flow.heading("不予受理理由", size=p.body)
    flow.para(record.reason or "—", letter=True)
    flow.heading("法律依据", size=p.body)
    flow.para(record.legal_basis or DEFAULT_BASIS)
    flow.heading("救济途径", size=p.body)
    flow.para(REMEDIES, letter=True)
    flow.space(p.body * 0.3)
    flow.field("经办窗口", ctx.window_label(record))
    flow.field("经办人员", ctx.clerk_label(record))
    common.stamp_block(flow, ctx, record.created_at.date())
    flow.space(p.body * 0.6)
    flow.rule(dashed=True)
    flow.para("本通知书已收到。", size=p.small)
    flow.signatures(["申请人签收", "日期"])
    common.contact_footer(flow, ctx)
    return Meta(f"{TITLE} {record.number}", ctx.hall.name, TITLE, f"{TITLE} · {record.number}")
