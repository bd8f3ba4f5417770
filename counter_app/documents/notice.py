"""一次性告知书: everything still missing or deficient, told once, so there is no wasted second trip."""

from __future__ import annotations

from counter_app.documents import common
from counter_app.documents.common import DocContext, cn_date
from counter_app.documents.layout import Cell, Flow, Meta
from counter_app.domain.case import GAP, MISSING, RECEIVED, CaseRecord, CheckedMaterial, deficiency

TITLE = "一次性告知书"
PROBLEM = {"material.missing": "未提交", "material.gap_not_allowed": "不允许容缺，须提交",
           "material.gap_needs_date": "容缺未约定补交日期", "material.needs_original": "须提交原件"}


def to_complete(record: CaseRecord) -> list[tuple[CheckedMaterial, str]]:
    """(material, what is wrong) for every line the applicant must still bring or redo.

    The case was not accepted, so a 容缺 promise counts for nothing: a paper marked 容缺 is
    as missing as one marked 缺, and so is an optional one the clerk marked missing.
    """
    out = []
    for m in record.materials:
        why = deficiency(m.line, m.check)
        if not why and m.check.state in (GAP, MISSING):
            why = "material.missing"
        if why:
            text = PROBLEM.get(why, why)
        elif m.check.remark and m.check.state not in RECEIVED:
            text = "不符合要求"
        else:
            continue
        if m.check.remark:
            text = f"{text}：{m.check.remark}"
        out.append((m, text))
    return out


def requirement(m: CheckedMaterial) -> str:
    text = f"{common.FORM_LABEL.get(m.line.form, m.line.form)}{m.line.copies}份"
    return f"{text}；{m.line.note}" if m.line.note else text


def build(flow: Flow, record: CaseRecord, ctx: DocContext) -> Meta:
    p = flow.paper
    common.header(flow, ctx, TITLE)
    common.case_codes(flow, ctx, record)
    a = record.applicant
    who = a.org_name or a.name
    items = "、".join(f"“{i.name}”" for i in record.items)
    flow.para(f"{who}：")
    flow.para(f"您（单位）于{cn_date(record.created_at.date())}申请办理{items}事项。经审查，申请材料不齐全或者"
              "不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知您需要补正的全部内容如下：",
              letter=True)
    rows = to_complete(record)
    flow.heading(f"需补正材料（共{len(rows)}项）", size=p.body)
    if p.narrow:
        for n, (m, why) in enumerate(rows, 1):
            flow.hanging(f"{n}. ", m.line.name)
            flow.hanging("　　", f"问题：{why}", size=p.small)
            flow.hanging("　　", f"要求：{requirement(m)}", size=p.small)
    else:
        s = p.small + 0.5
        flow.table([Cell("序号", s, "center", True), Cell("材料名称", s, bold=True),
                    Cell("存在问题", s, bold=True), Cell("提交要求", s, bold=True)],
                   [[Cell(str(n), s, "center"), Cell(m.line.name, s), Cell(why, s), Cell(requirement(m), s)]
                    for n, (m, why) in enumerate(rows, 1)],
                   [0.7, 4.2, 3.6, 2.4])
    flow.space(p.body * 0.5)
    flow.para("请您按上述要求补齐材料后再来办理；补齐后，本窗口不再要求您提交本告知书以外的其他材料。"
              "本告知书所列内容以外的材料要求，您有权拒绝。", letter=True)
    flow.space(p.body * 0.3)
    flow.field("告知窗口", ctx.window_label(record))
    flow.field("告知人员", ctx.clerk_label(record))
    flow.field("咨询电话", ctx.hall.phone)
    common.stamp_block(flow, ctx, record.created_at.date())
    common.contact_footer(flow, ctx)
    return Meta(f"{TITLE} {record.number}", ctx.hall.name, TITLE, f"{TITLE} · {record.number}")
