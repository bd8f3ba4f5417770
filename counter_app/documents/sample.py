"""Sample cases for ``counter-app documents sample``: a hall checks its layout and printer with them.

They are deliberately demanding: a bundle of long item names, many materials, an agent, a
posted result with a long address, a 容缺 material, deficient materials and a rejection.
"""

from __future__ import annotations

import datetime as dt

from counter_app.domain import id_number
from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, GAP, MISSING, NOTICE, POST, RECEIVED_COPY, RECEIVED_ORIGINAL, REJECT, REUSED, Agent,
    Applicant, CaseRecord, CheckedMaterial, MaterialCheck, merge_materials,
)
from counter_app.domain.case_status import status_after
from counter_app.domain.catalog import IMMEDIATE, PROMISED, Material, ServiceItem

SAMPLE_TIME = dt.datetime(2026, 11, 27, 9, 42)


def _id(first17: str) -> str:
    return first17 + id_number.check_char(first17)


APPLICANT = Applicant(name="欧阳晓明", id_number=_id("33040219850312123"), phone="13857312345",
                      address="浙江省嘉兴市南湖区东栅街道广益路1317号南湖春晓花园12幢2单元1502室")
AGENT = Agent(name="李四", id_number=_id("33040219900101456"), phone="13900001111")

ITEMS = (
    ServiceItem("330000131128000", "个体工商户设立登记（含名称自主申报、经营范围规范化表述选择及营业执照电子证照同步发放）",
                "D01", PROMISED, 15, 3, materials=(
                    Material("M1", "个体工商户登记（备案）申请书", True, "original", 1),
                    Material("M2", "经营者身份证明", True, "either", 1),
                    Material("M3", "经营场所使用证明（房屋产权证明或租赁协议）", True, "copy", 1, gap_allowed=True),
                    Material("M4", "委托代理人身份证明及授权委托书", False, "original", 1),
                )),
    ServiceItem("330000217006000", "食品经营许可证核发（仅销售预包装食品备案）", "D01", PROMISED, 20, 5, materials=(
        Material("M1", "食品经营许可申请书", True, "original", 1),
        Material("M2", "经营者身份证明", True, "either", 1),
        Material("M3", "与食品经营相适应的主要设备设施布局、操作流程等文件", True, "original", 1),
        Material("M4", "食品安全管理制度文本", True, "original", 1),
        Material("M5", "食品安全管理人员健康证明", True, "copy", 1),
    )),
    ServiceItem("330000300100000", "个体工商户税务登记信息确认及发票票种核定", "D09", IMMEDIATE, 1, 0, materials=(
        Material("M1", "经营者身份证明", True, "either", 1),
        Material("M2", "发票领用经办人身份证明", True, "copy", 1),
    )),
)
DEPARTMENTS = (("D01", "南湖区市场监督管理局"), ("D09", "国家税务总局嘉兴市南湖区税务局"))

STATES = {
    "个体工商户登记(备案)申请书": MaterialCheck(RECEIVED_ORIGINAL),
    "经营者身份证明": MaterialCheck(REUSED, reused_from="330402001-W03-20260512-0031"),
    "经营场所使用证明(房屋产权证明或租赁协议)": MaterialCheck(GAP, promised_date=dt.date(2026, 12, 4)),
    "委托代理人身份证明及授权委托书": MaterialCheck(RECEIVED_ORIGINAL),
    "食品经营许可申请书": MaterialCheck(RECEIVED_ORIGINAL),
    "与食品经营相适应的主要设备设施布局、操作流程等文件": MaterialCheck(RECEIVED_ORIGINAL),
    "食品安全管理制度文本": MaterialCheck(RECEIVED_ORIGINAL),
    "食品安全管理人员健康证明": MaterialCheck(RECEIVED_COPY),
    "发票领用经办人身份证明": MaterialCheck(RECEIVED_COPY),
}

NOTICE_STATES = {
    "经营场所使用证明(房屋产权证明或租赁协议)": MaterialCheck(MISSING, remark="租赁协议已过期，需提供有效期内的租赁协议"),
    "食品安全管理人员健康证明": MaterialCheck(MISSING, remark="健康证明须在有效期内并加盖体检机构印章"),
    "与食品经营相适应的主要设备设施布局、操作流程等文件": MaterialCheck(RECEIVED_COPY),
}


def sample_case(outcome: str = ACCEPT_WITH_GAPS, *, seq: int = 7, delivery: str = POST,
                items: tuple[ServiceItem, ...] = ITEMS) -> CaseRecord:
    lines = merge_materials(items)
    states = dict(STATES)
    if outcome == NOTICE:
        states.update(NOTICE_STATES)
    if outcome == ACCEPT:
        states = {k: (MaterialCheck(RECEIVED_ORIGINAL) if v.state == GAP else v) for k, v in states.items()}
    materials = tuple(CheckedMaterial(line, states.get(line.key, MaterialCheck(RECEIVED_ORIGINAL)))
                      for line in lines)
    accepted = outcome in (ACCEPT, ACCEPT_WITH_GAPS)
    return CaseRecord(
        id=f"00000000-0000-4000-8000-{seq:012d}",
        number=f"330402001-W01-{SAMPLE_TIME:%Y%m%d}-{seq:04d}",
        hall="330402001", window="W01", clerk="demo", created_at=SAMPLE_TIME + dt.timedelta(minutes=seq),
        outcome=outcome, status=status_after(outcome),
        applicant=APPLICANT, items=items, materials=materials, agent=AGENT,
        reason=("申请人拟经营场所位于南湖区城市规划确定的禁止设立餐饮及食品经营类项目的历史文化街区范围内，"
                "所申请事项不符合法定条件。") if outcome == REJECT else "",
        legal_basis=("《中华人民共和国行政许可法》第三十二条第一款第（一）项；《食品经营许可和备案管理办法》第十五条"
                     if outcome == REJECT else ""),
        delivery=delivery,
        delivery_address=APPLICANT.address if delivery == POST else "",
        promised_date=dt.date(2026, 12, 4) if accepted else None,
        query_code=f"{(seq * 7919) % 1000000:06d}", catalog_version="2026.11.01",
        department_names=DEPARTMENTS,
    )


def sample_cases() -> dict[str, object]:
    """A record (or, for the handover sheet, records) suited to each document kind."""
    gaps = sample_case(ACCEPT_WITH_GAPS)
    batch = [gaps] + [sample_case(ACCEPT, seq=n, delivery="pickup", items=ITEMS[: 1 + n % 3])
                      for n in range(8, 14)]
    return {"receipt": gaps, "notice": sample_case(NOTICE, seq=5), "gap_promise": gaps,
            "rejection": sample_case(REJECT, seq=6), "delivery": gaps, "handover": batch}
