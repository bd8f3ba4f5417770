"""送达回执: signed when the result is handed over at the window or delivered by post.

This paper stays with the hall, so a posted result shows the full delivery address.
"""

from __future__ import annotations

from counter_app.documents import common
from counter_app.documents.common import DocContext, cn_datetime
from counter_app.documents.layout import Flow, Meta
from counter_app.documents.paper import DOT
from counter_app.domain.case import POST, CaseRecord
from counter_app.domain.id_number import mask
from counter_app.domain.issuing import AGENT, Delivery

TITLE = "送达回执"


def build(flow: Flow, record: CaseRecord, ctx: DocContext, *, delivery: Delivery | None = None) -> Meta:
    """``delivery``: what issuing recorded (who collected it, or the posting); without it (the
    sample) the form is left to be filled in by hand."""
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
    if delivery is not None:
        _recorded(flow, record, ctx, delivery)
    elif record.delivery == POST:
        flow.field("送达方式", "邮寄送达")
        flow.field("收件地址", record.delivery_address)
    else:
        flow.field("送达方式", "窗口领取")
        flow.field("送达地点", f"{ctx.hall.name}综合出件窗口")
    flow.field("送达人", (ctx.clerk_name or ctx.clerk) if delivery is not None else ctx.clerk_label(record))
    flow.field("打印时间", cn_datetime(ctx.now))
    flow.space(p.body * 0.3)
    if delivery is None:
        flow.para("受送达人确认已收到上述文书。代领的，请代领人签字并注明身份证件号码。", size=p.small)
        flow.signatures(["受送达人签字", "签收时间", "代领人签字", "代领人证件号"])
    elif delivery.method == POST:
        flow.para("邮寄送达的，以快递妥投（签收）记录为送达凭证。", size=p.small)
        flow.signatures(["送达人签字", "寄出日期"])
    elif delivery.role == AGENT:
        flow.para("代领人确认已收到上述文书，书面授权委托书留存备查。", size=p.small)
        flow.signatures(["代领人签字", "签收时间"])
    else:
        flow.para("受送达人确认已收到上述文书。", size=p.small)
        flow.signatures(["受送达人签字", "签收时间"])
    common.contact_footer(flow, ctx)
    return Meta(f"{TITLE} {record.number}", ctx.hall.name, TITLE, f"{TITLE} · {record.number}")


COURIERS = {"ems": "中国邮政EMS", "sf": "顺丰速运", "jd": "京东物流", "yto": "圆通速递", "zto": "中通快递",
            "sto": "申通快递", "yunda": "韵达速递", "other": "其他"}


def _recorded(flow: Flow, record: CaseRecord, ctx: DocContext, delivery: Delivery) -> None:
    """What was checked and recorded at issuing. ID numbers masked: the full one is in the
    window's database."""
    p = flow.paper
    if delivery.method == POST and delivery.posting is not None:
        post = delivery.posting
        flow.field("送达方式", "邮寄送达")
        flow.field("收件人", post.recipient)
        flow.field("联系电话", post.phone)
        flow.field("收件地址", post.address + (f"（邮编 {post.postcode}）" if post.postcode else ""))
        flow.field("快递公司", COURIERS.get(post.courier, post.courier))
        flow.field("快递单号", post.tracking_number)
        flow.barcode(post.tracking_number, bar_height=(40 if p.narrow else 30) * DOT, caption_size=p.small)
    else:
        c = delivery.collector
        flow.field("送达方式", f"窗口领取（{'代领' if delivery.role == AGENT else '本人领取'}）")
        flow.field("送达地点", f"{ctx.hall.name}　{ctx.window_name or ctx.window}")
        if c is not None:
            flow.field("代领人" if delivery.role == AGENT else "领取人", f"{c.name}　{mask(c.id_number)}")
            flow.field("身份核验", "读取居民身份证" if c.card_read else "查验证件（手工录入）")
            if delivery.role == AGENT:
                flow.field("授权委托", c.authorisation)
    flow.field("送达时间", cn_datetime(delivery.at))
