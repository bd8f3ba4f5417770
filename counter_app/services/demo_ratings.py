"""Ratings for demo cases (``counter-app demo cases --ratings``), through the real evaluation
service: most applicants rate 非常满意 or 满意 minutes after the outcome, some do not rate at all
(unrated), a few give a 差评, and some of those follow-ups are worked and closed."""

from __future__ import annotations

import datetime as dt
import random

from counter_app.domain import evaluation as ev
from counter_app.services.evaluation import rate, update_follow_up

WEIGHTS = {ev.VERY_SATISFIED: 62, ev.SATISFIED: 22, ev.BASICALLY_SATISFIED: 7, ev.DISSATISFIED: 5,
           ev.VERY_DISSATISFIED: 2, None: 10}      # None: not rated
DONE = ("已电话回访并致歉，当场补办完毕", "已约谈窗口人员，调整叫号安排", "已核实并向申请人说明告知内容")


def rate_demo_cases(*, store, settings, calendar, records, seed: int | None = None,
                    now: dt.datetime | None = None) -> int:
    """Rate ``records`` (just made by ``make_demo_cases``); returns how many were rated."""
    rng = random.Random(seed)
    now = now or dt.datetime.now()
    levels, weights = zip(*WEIGHTS.items())
    rated = 0
    for record in records:
        level = rng.choices(levels, weights=weights)[0]
        if level is None:
            continue
        reasons = tuple(rng.sample(ev.reasons_for(level), k=rng.choice((0, 1, 1, 2))))
        at = max(record.created_at, min(now, record.created_at + dt.timedelta(minutes=rng.randint(1, 5))))
        result = rate(store=store, settings=settings, calendar=calendar, case_id=record.id, stage=ev.STAGE_INTAKE,
                      level=level, reasons=reasons, now=at)
        rated += 1
        if result.follow_up is not None and rng.random() < 0.5:
            update_follow_up(store=store, settings=settings, case_id=record.id, rating_id=result.follow_up.rating_id,
                             responsible="综合窗口负责人", done=rng.choice(DONE), called_back=True, close=True,
                             now=at + dt.timedelta(days=1))
    return rated
