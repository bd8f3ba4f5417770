"""Cases in every stage of their life, for demos, screenshots and tests of the case list: taken
through the real intake and moved on through the real transitions, back-dated so that some are
overdue (red), some near their deadline (yellow), one has broken a 容缺 promise, one sits in
特别程序, one waits in 收件 past the 一次性告知 limit.
"""

from __future__ import annotations

import datetime as dt
import random

from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, GAP, MISSING, NOTICE, REJECT, MaterialCheck, merge_materials,
)
from counter_app.domain.catalog import ORIGINAL, PERSON, PROMISED
from counter_app.services.demo_cases import random_applicant
from counter_app.services.intake import IntakeRequest, submit_intake
from counter_app.services.lifecycle import transition

# (name, taken so many working days ago, outcome, steps: (kind, reason, payload, working days later))
PLANS = (
    ("overdue", 9, ACCEPT, [("review", "", {}, 0)]),
    ("near", 3, ACCEPT, [("review", "", {}, 0)]),
    ("broken_promise", 2, ACCEPT_WITH_GAPS, [("review", "", {}, 0)]),
    ("hearing", 3, ACCEPT, [("review", "", {}, 0), ("suspend", "申请人要求听证", {"procedure": "hearing"}, 1)]),
    ("ready", 4, ACCEPT, [("review", "", {}, 0), ("approve", "", {}, 2), ("conclude", "", {}, 2),
                          ("result_ready", "", {}, 3)]),
    ("issued", 7, ACCEPT, [("review", "", {}, 0), ("approve", "", {}, 2), ("conclude", "", {}, 2),
                           ("result_ready", "", {}, 3), ("issue", "", {"method": "pickup"}, 4)]),
    ("deemed", 7, NOTICE, [("supplement", "", {}, 0)]),
    ("received", 0, NOTICE, [("supplement", "", {}, 0)]),
    ("notified", 0, NOTICE, []),
    ("rejected", 0, REJECT, []),
    ("accepted", 0, ACCEPT, []),
    ("reviewing", 1, ACCEPT, [("review", "", {}, 0)]),
)


def _working_days_back(calendar, today: dt.date, n: int) -> dt.date:
    day = today
    while n > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _checks(lines, outcome, day):
    checks = {ln.key: MaterialCheck("original" if ln.form == ORIGINAL else "copy") for ln in lines}
    if outcome == ACCEPT_WITH_GAPS:
        gap = next(ln for ln in lines if ln.gap_allowed and ln.required)
        checks[gap.key] = MaterialCheck(GAP, promised_date=day + dt.timedelta(days=1))
    elif outcome == NOTICE:
        first = next(ln for ln in lines if ln.required)
        checks[first.key] = MaterialCheck(MISSING, remark="缺少签字，请补签后提交")
    return tuple(checks.items())


def make_lifecycle_cases(*, store, settings, catalog, calendar, now: dt.datetime | None = None,
                         seed: int = 7) -> dict[str, str]:
    """One case per plan; returns plan name → case number."""
    rng = random.Random(seed)
    now = now or dt.datetime.now()
    fits = [i for i in catalog.catalog.items if i.kind == PROMISED and PERSON in i.applicant_types
            and i.promised_days >= 5 and any(m.gap_allowed and m.required for m in i.materials)]
    item = min(fits, key=lambda i: i.promised_days)      # 5 working days in the sample catalog
    plans = sorted(PLANS, key=lambda p: -p[1])           # oldest first: the station clock only runs forward
    made = {}
    for n, (name, back, outcome, steps) in enumerate(plans):
        day = _working_days_back(calendar, now.date(), back)
        at = min(dt.datetime.combine(day, dt.time(9, 5 + n)), now - dt.timedelta(minutes=len(plans) - n))
        lines = merge_materials([item])
        record = submit_intake(store=store, settings=settings, catalog=catalog, calendar=calendar, now=at,
                               request=IntakeRequest(
                                   applicant=random_applicant(rng, day), item_codes=(item.code,),
                                   checks=_checks(lines, outcome, day), outcome=outcome,
                                   reason="申请事项依法不需要取得行政许可" if outcome == REJECT else "",
                                   legal_basis="《中华人民共和国行政许可法》第三十二条" if outcome == REJECT else ""))
        for kind, reason, payload, later in steps:
            when = dt.datetime.combine(calendar.add_working_days(day, later) if later else day, dt.time(14, n))
            transition(store, record.number, kind, who=settings.clerk, window=settings.window,
                       reason=reason, payload=payload, at=min(max(when, at), now))
        made[name] = record.number
    return made

