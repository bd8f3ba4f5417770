"""Pieces every document shares: the hall's header, the case's codes, the applicant, the items.

Printed documents are official Chinese-language papers: their wording is fixed here in
Chinese whatever language the clerk's screen uses. What a hall changes (logo, name, phone,
address, footer, query link) comes from :class:`~counter_app.settings.HallProfile`.
Personal data is masked (ID numbers, phone numbers, addresses on papers the applicant takes
away); only the delivery receipt for posted results carries the full address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from counter_app.documents import codes
from counter_app.documents.layout import Flow
from counter_app.documents.paper import DOT
from counter_app.domain import id_number
from counter_app.domain.case import (
    GAP, MISSING, PENDING, POST, RECEIVED_COPY, RECEIVED_ELECTRONIC, RECEIVED_ORIGINAL, REUSED, CaseRecord,
)
from counter_app.domain.catalog import COPY, EITHER, ELECTRONIC, IMMEDIATE, LEGAL_ENTITY, ORIGINAL
from counter_app.errors import NEEDS_USER, UserError
from counter_app.settings import HallProfile, StationSettings, demo_values

FORM_LABEL = {ORIGINAL: "原件", COPY: "复印件", EITHER: "原件或复印件", ELECTRONIC: "电子件"}
STATE_LABEL = {
    RECEIVED_ORIGINAL: "已收原件", RECEIVED_COPY: "已收复印件", RECEIVED_ELECTRONIC: "已收电子件",
    REUSED: "已复用", GAP: "容缺后补", MISSING: "未提交", PENDING: "未提交",
}


@dataclass(frozen=True)
class DocContext:
    """Who prints: the hall's profile and this window's names (from the station settings)."""
    hall: HallProfile = field(default_factory=HallProfile)
    window: str = ""
    window_name: str = ""
    clerk: str = ""
    clerk_name: str = ""
    printed_at: dt.datetime | None = None

    @classmethod
    def from_settings(cls, settings: StationSettings, *, now: dt.datetime | None = None,
                      sample: bool = False) -> DocContext:
        """Official documents are refused while the station still has the demo hall's values
        (outside demo mode): a receipt for 南湖区 with clerk 演示受理员 is worse than none.
        ``sample`` documents (the admin's layout check) may carry them."""
        missing = demo_values(settings)
        if missing and not (sample or settings.demo):
            raise UserError("documents.demo_values", kind=NEEDS_USER, fields=", ".join(missing))
        return cls(settings.hall, settings.window, settings.window_name, settings.clerk, settings.clerk_name,
                   now)

    def window_label(self, record: CaseRecord) -> str:
        if record.window == self.window and self.window_name:
            return f"{self.window_name}（{record.window}）"
        return record.window

    def clerk_label(self, record: CaseRecord) -> str:
        if record.clerk_name:                 # the clerk signed in when the case was accepted
            return record.clerk_name
        if record.clerk == self.clerk and self.clerk_name:
            return self.clerk_name
        return record.clerk

    @property
    def now(self) -> dt.datetime:
        return self.printed_at or dt.datetime.now()


def cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def cn_datetime(moment: dt.datetime) -> str:
    return f"{cn_date(moment.date())} {moment:%H:%M}"


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits


ADDRESS_UNITS = ("街道", "镇", "乡", "区", "县", "市", "盟", "州", "旗")


def mask_address(address: str) -> str:
    """Keep the administrative part (province … district, street/town); hide road and house number."""
    address = address.strip()
    if len(address) <= 3:
        return address
    ends = [at + len(u) for u in ADDRESS_UNITS for at in _find_all(address, u) if 0 < at + len(u) < len(address)]
    cut = max(ends, default=0) or max(2, len(address) // 3)
    return address[:cut] + "****"


def _find_all(text: str, part: str):
    at = text.find(part)
    while at != -1:
        yield at
        at = text.find(part, at + 1)


def query_link(ctx: DocContext, record: CaseRecord) -> str:
    return codes.query_link(ctx.hall.query_url, record.number, record.query_code)


def header(flow: Flow, ctx: DocContext, title: str, subtitle: str = "") -> None:
    p = flow.paper
    if ctx.hall.logo:
        if flow.picture(ctx.hall.logo, max_height=p.title * (2.2 if p.narrow else 1.8)):
            flow.space(p.body * 0.3)
    flow.para(ctx.hall.name, size=p.heading, bold=True, align="center")
    flow.space(p.body * 0.3)
    flow.para(title, size=p.title, bold=True, align="center")
    if subtitle:
        flow.para(subtitle, size=p.body, align="center")
    flow.space(p.body * 0.5)


def case_codes(flow: Flow, ctx: DocContext, record: CaseRecord, *, with_qr: bool = True) -> None:
    """Code 128 of the case number and the QR code of the progress-query link."""
    p = flow.paper
    link = query_link(ctx, record)
    caption = f"扫码查询办件进度\n查询码：{record.query_code}" if record.query_code else "扫码查询办件进度"
    if p.narrow:
        flow.barcode(record.number, bar_height=48 * DOT, caption_size=p.body)
        if with_qr:
            flow.space(p.body * 0.4)
            flow.qr(link, module=(4 if p.printer_dots >= 576 else 3) * DOT)
            flow.para(caption, size=p.small, align="center")
        flow.space(p.body * 0.3)
        return
    qr_col = 36 * 72 / 25.4 if with_qr else 0
    left = flow.sub(flow.width - qr_col)
    left.space(p.body * 0.6)
    left.para("办件编号", size=p.small, align="left" if with_qr else "center")
    left.barcode(record.number, bar_height=15 * 72 / 25.4, caption_size=p.body)
    parts = [(left, 0.0)]
    if with_qr:
        right = flow.sub(qr_col)
        right.qr(link, module=codes.qr_module_for(link, qr_col * 0.8))
        right.para(caption, size=p.small * 0.9, align="center")
        parts.append((right, flow.width - qr_col))
    flow.columns(parts)
    flow.space(p.body * 0.4)


def applicant_fields(flow: Flow, record: CaseRecord, *, address: str = "masked") -> None:
    a = record.applicant
    if a.kind == LEGAL_ENTITY:
        flow.field("申请单位", a.org_name or a.name)
        if a.credit_code:
            flow.field("信用代码", a.credit_code)
        flow.field("经办人", a.name)
    else:
        flow.field("申请人", a.name)
    flow.field("证件号码", id_number.mask(a.id_number))
    if a.phone:
        flow.field("联系电话", mask_phone(a.phone))
    if record.agent is not None:
        flow.field("代办人", f"{record.agent.name}（{id_number.mask(record.agent.id_number)}）")
    if a.address and address != "none":
        flow.field("地址", a.address if address == "full" else mask_address(a.address))


def item_line(record: CaseRecord, item) -> str:
    dept = record.department_name(item.department)
    if item.kind == IMMEDIATE:
        limit = "即办件"
    else:
        limit = f"承诺件，{item.promised_days}个工作日"
    return f"{item.name}（{dept}；{limit}）"


def items_list(flow: Flow, record: CaseRecord, *, heading: str = "申请事项") -> None:
    flow.heading(heading, size=flow.paper.body)
    for n, item in enumerate(record.items, 1):
        flow.hanging(f"{n}. ", item_line(record, item))


def delivery_text(record: CaseRecord, *, full_address: bool = False) -> str:
    if record.delivery == POST:
        addr = record.delivery_address if full_address else mask_address(record.delivery_address)
        return f"邮寄送达：{addr}"
    return "窗口领取（凭本回执及身份证件到综合出件窗口领取）"


def contact_footer(flow: Flow, ctx: DocContext) -> None:
    hall = ctx.hall
    lines = []
    if hall.footer:
        lines.append(hall.footer)
    contact = "　".join(t for t in (f"咨询电话：{hall.phone}" if hall.phone else "",
                                    f"地址：{hall.address}" if hall.address else "") if t)
    if contact:
        lines.append(contact)
    flow.footer = lines


def stamp_block(flow: Flow, ctx: DocContext, day: dt.date) -> None:
    """The issuing body and date at the right (the hall's seal goes over it)."""
    p = flow.paper
    align = "center" if p.narrow else "right"
    flow.space(p.body * 1.2)
    flow.para(f"{ctx.hall.name}（盖章）", align=align)
    flow.para(cn_date(day), align=align)
