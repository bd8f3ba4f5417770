"""Synthetic cases for demos and load tests (``counter-app demo cases``), taken through the real
intake service: random applicants with valid ID numbers, random items of the station's catalog,
every outcome (受理, 容缺受理, 一次性告知, 不予受理), spread over the last working days."""

from __future__ import annotations

import datetime as dt
import random

from counter_app.domain import id_number
from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, GAP, MISSING, NOTICE, RECEIVED_COPY, RECEIVED_ORIGINAL, REJECT, Applicant,
    MaterialCheck, merge_materials,
)
from counter_app.domain.catalog import ORIGINAL, PERSON
from counter_app.services.intake import IntakeRequest, submit_intake

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉晓燕春梅海波宁浩"
REGIONS = ("330402", "330411", "330421", "330424", "330481", "330482", "330483")


def random_id_number(rng: random.Random, today: dt.date) -> str:
    birth = today - dt.timedelta(days=rng.randint(18 * 366, 80 * 365))
    first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + id_number.check_char(first17)


def random_applicant(rng: random.Random, today: dt.date) -> Applicant:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return Applicant(name=name, id_number=random_id_number(rng, today),
                     phone=f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
                     address=f"浙江省嘉兴市南湖区{rng.choice('东栅新兴解放建设')}街道{rng.randint(1, 999)}号")


def _request(rng: random.Random, items, today: dt.date, started_at: dt.datetime | None = None) -> IntakeRequest:
    lines = merge_materials(items)
    checks = {ln.key: MaterialCheck(RECEIVED_ORIGINAL if ln.form == ORIGINAL else RECEIVED_COPY) for ln in lines}
    outcome = rng.choices((ACCEPT, ACCEPT_WITH_GAPS, NOTICE, REJECT), weights=(60, 15, 15, 10))[0]
    gap_lines = [ln for ln in lines if ln.gap_allowed and ln.required]
    required = [ln for ln in lines if ln.required]
    reason = ""
    if outcome == ACCEPT_WITH_GAPS and gap_lines:
        checks[rng.choice(gap_lines).key] = MaterialCheck(GAP, promised_date=today + dt.timedelta(days=5))
    elif outcome == NOTICE and required:
        checks[rng.choice(required).key] = MaterialCheck(MISSING, remark="材料不齐全，请补充后再来")
    elif outcome == REJECT:
        reason = "申请事项不属于本机关职权范围"
    else:
        outcome = ACCEPT
    return IntakeRequest(applicant=random_applicant(rng, today), item_codes=tuple(i.code for i in items),
                         checks=tuple(checks.items()), outcome=outcome, reason=reason,
                         legal_basis="《中华人民共和国行政许可法》第三十二条" if reason else "",
                         started_at=started_at)


def make_demo_cases(*, store, settings, catalog, calendar, count: int, days_back: int = 0,
                    seed: int | None = None, now: dt.datetime | None = None) -> list:
    rng = random.Random(seed)
    now = now or dt.datetime.now()
    items = [i for i in catalog.catalog.items if PERSON in i.applicant_types]
    # in the order they happen, as at a real window (the station clock never runs backwards, so
    # cases drawn out of order would be squeezed onto the latest day)
    moments = []
    for _ in range(count):
        day = now.date() - dt.timedelta(days=rng.randint(0, max(days_back, 0)))
        at = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59)))
        moments.append(min(at, now))
    records = []
    for at in sorted(moments):
        chosen = rng.sample(items, k=min(len(items), rng.choice((1, 1, 1, 2))))
        started = at - dt.timedelta(seconds=rng.randint(90, 15 * 60))    # the card read, minutes before
        records.append(submit_intake(store=store, settings=settings, catalog=catalog, calendar=calendar,
                                     request=_request(rng, chosen, at.date(), started), now=at))
    return records
