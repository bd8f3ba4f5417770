"""容缺受理承诺书: the applicant promises to bring the missing materials by the agreed dates."""

from __future__ import annotations

from counter_app.documents import common
from counter_app.documents.common import DocContext, cn_date
from counter_app.documents.layout import Cell, Flow, Meta
from counter_app.domain import id_number
from counter_app.domain.case import GAP, CaseRecord

TITLE = "容缺受理承诺书"


def build(flow: Flow, record: CaseRecord, ctx: DocContext) -> Meta:
    p = flow.paper
    common.header(flow, ctx, TITLE)
    common.case_codes(flow, ctx, record, with_qr=False)
    a = record.applicant
    who = f"{a.org_name}（经办人{a.name}）" if a.org_name else a.name
    items = "、".join(f"“{i.name}”" for i in record.items)
    flow.para(f"本人/本单位{who}（证件号码：{id_number.mask(a.id_number)}）申请办理{items}事项，"
              "因下列材料暂时无法提供，申请容缺受理，并郑重承诺：", letter=True)
    gaps = [m for m in record.materials if m.check.state == GAP]
    if p.narrow:
        for n, m in enumerate(gaps, 1):
            flow.hanging(f"{n}. ", f"{m.line.name}")
            flow.hanging("　　", f"于{cn_date(m.check.promised_date)}前补交"
                                  f"{common.FORM_LABEL.get(m.line.form, '')}{m.line.copies}份", size=p.small)
    else:
        s = p.small + 0.5
        flow.table([Cell("序号", s, "center", True), Cell("容缺材料", s, bold=True),
                    Cell("提交形式", s, "center", True), Cell("承诺补交日期", s, "center", True)],
                   [[Cell(str(n), s, "center"), Cell(m.line.name, s),
                     Cell(f"{common.FORM_LABEL.get(m.line.form, '')}{m.line.copies}份", s, "center"),
                     Cell(cn_date(m.check.promised_date), s, "center")] for n, m in enumerate(gaps, 1)],
                   [0.7, 6, 1.8, 2])
    flow.space(p.body * 0.4)
    for n, text in enumerate((
            "在上述日期前补齐所列材料，所补材料与受理时的申报内容一致；",
            "对所提交材料的真实性、合法性负责；",
            "知悉未按期补齐材料的，本次申请按未完成处理，审批机关可依法终止办理或撤销已作出的决定，"
            "由此产生的后果由本人/本单位承担。"), 1):
        flow.hanging(f"{'一二三'[n - 1]}、", text)
    flow.signatures(["承诺人（签字/盖章）", "日期"])
    flow.space(p.body * 0.6)
    flow.field("受理人员", ctx.clerk_label(record), size=p.small)
    flow.field("受理窗口", ctx.window_label(record), size=p.small)
    common.contact_footer(flow, ctx)
    return Meta(f"{TITLE} {record.number}", ctx.hall.name, TITLE, f"{TITLE} · {record.number}")
