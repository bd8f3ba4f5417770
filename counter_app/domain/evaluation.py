"""好差评: the applicant's rating of a stage of their case, and the follow-up a bad one opens.

Five levels, as the national 政务服务"好差评" rules and GB/T 39046 code them: the code is the
number of stars, 5 非常满意 … 1 非常不满意 (a keypad's key is the code). 不满意 (2) and 非常不满意 (1)
are 差评: each opens a follow-up (差评整改) due a set number of working days later (halls use 5 to
15), with a person responsible, what was done and whether the applicant was called back.

A case is rated at most once per stage: after intake (受理环节, whatever its outcome: a 一次性告知
or a 不予受理 is a service too) and after issuing (出件). A stage not rated within the station's
time counts as unrated — never as satisfied.

Ratings and follow-ups are case events (kinds ``case_status.RATE`` / ``FOLLOW_UP``), so they sync
with the case; this module folds them back into :class:`Rating` and :class:`FollowUp`.
Pure rules, no database, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from counter_app.domain.case_event import CaseEvent
from counter_app.domain.case_status import FOLLOW_UP, RATE
from counter_app.domain.working_days import HolidayCalendar
from counter_app.errors import PERMANENT, UserError

VERY_SATISFIED, SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, VERY_DISSATISFIED = 5, 4, 3, 2, 1
LEVELS = (VERY_SATISFIED, SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, VERY_DISSATISFIED)   # as shown
BAD = frozenset({DISSATISFIED, VERY_DISSATISFIED})     # 差评

STAGE_INTAKE = "intake"     # 受理环节: right after the intake's outcome
STAGE_ISSUE = "issue"       # 出件环节: when the result is handed over
STAGES = (STAGE_INTAKE, STAGE_ISSUE)

# The standard choices shown under each level (线下评价: 服务效率 / 服务水平 / 服务态度, and what
# applicants complain of most). Stored as keys; labels are "evaluation.reason.<key>".
GOOD_REASONS = ("quick", "friendly", "clear", "one_trip", "professional")
BAD_REASONS = ("slow", "unfriendly", "unclear", "many_trips", "extra_papers", "waiting")
REASONS = GOOD_REASONS + BAD_REASONS
TEXT_LIMIT = 200            # characters of free text kept with a rating

FOLLOW_UP_DAYS = (5, 15)    # the range halls use for a 差评's follow-up
RATING_MINUTES = (1, 24 * 60)

# follow-up actions (payload "action")
OPEN, UPDATE, CLOSE = "open", "update", "close"


def level_label(level: int) -> str:
    return f"evaluation.level.{level}"


def reasons_for(level: int) -> tuple[str, ...]:
    return BAD_REASONS if level in BAD else GOOD_REASONS


def settings_problem(settings) -> tuple[str, int, int] | None:
    """(setting, low, high) when a station's evaluation settings are out of range, else None."""
    for name, (low, high) in (("evaluation.follow_up_days", FOLLOW_UP_DAYS),
                              ("evaluation.rating_minutes", RATING_MINUTES)):
        value = getattr(settings, name.split(".")[1])
        if not low <= value <= high:
            return name, low, high
    return None


@dataclass(frozen=True)
class Rating:
    event_id: str
    case_id: str
    stage: str
    level: int
    reasons: tuple[str, ...]
    text: str
    clerk: str              # the clerk who served the applicant at that stage
    at: dt.datetime

    @property
    def bad(self) -> bool:
        return self.level in BAD


@dataclass(frozen=True)
class FollowUp:
    """差评整改: what a bad rating asks of the hall."""
    rating_id: str
    case_id: str
    stage: str
    level: int
    opened_at: dt.datetime
    due: dt.date
    responsible: str = ""
    done: str = ""           # what was done
    called_back: bool = False
    closed_at: dt.datetime | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


def rating_payload(*, number: str, stage: str, level: int, reasons: Iterable[str] = (), text: str = "") -> dict:
    return {"number": number, "stage": stage, "level": level, "reasons": list(reasons),
            "text": text.strip()[:TEXT_LIMIT]}


def check_rating(events: Iterable[CaseEvent], *, stage: str, level: int, reasons: Iterable[str] = ()) -> None:
    """Refuse what may not be written: an unknown level, stage or reason, or a second rating of the
    same stage."""
    if level not in LEVELS:
        raise UserError("evaluation.bad_level", level=level)
    if stage not in STAGES:
        raise UserError("evaluation.bad_stage", stage=stage)
    unknown = [r for r in reasons if r not in REASONS]
    if unknown:
        raise UserError("evaluation.bad_reason", reason=unknown[0])
    if stage in ratings_of(events):
        raise UserError(f"evaluation.already_rated.{stage}", kind=PERMANENT)


def too_late(stage_at: dt.datetime, now: dt.datetime, minutes: int) -> bool:
    """The stage ended longer ago than the station waits for a rating: it stays unrated."""
    return now - stage_at > dt.timedelta(minutes=minutes)


def follow_up_due(opened_on: dt.date, calendar: HolidayCalendar, days: int) -> dt.date:
    """The day a 差评's follow-up must be done: ``days`` working days after the rating's day."""
    low, high = FOLLOW_UP_DAYS
    return calendar.add_working_days(opened_on, min(max(days, low), high))


def follow_up_open_payload(rating_id: str, *, stage: str, level: int, due: dt.date, number: str) -> dict:
    return {"rating": rating_id, "action": OPEN, "stage": stage, "level": level, "due": due.isoformat(),
            "number": number}


def follow_up_update_payload(rating_id: str, *, responsible: str, done: str, called_back: bool,
                             close: bool) -> dict:
    return {"rating": rating_id, "action": CLOSE if close else UPDATE, "responsible": responsible.strip(),
            "done": done.strip(), "called_back": bool(called_back)}


def rating_from(event: CaseEvent) -> Rating:
    p = event.payload
    return Rating(event.id, event.case_id, str(p.get("stage", STAGE_INTAKE)), int(p.get("level", 0)),
                  tuple(p.get("reasons") or ()), str(p.get("text", "")), event.clerk, event.at)


def ratings_of(events: Iterable[CaseEvent]) -> dict[str, Rating]:
    """A case's ratings by stage (the first one of a stage counts, should another window have
    written a second before both synced)."""
    out: dict[str, Rating] = {}
    for e in events:
        if e.kind == RATE:
            r = rating_from(e)
            out.setdefault(r.stage, r)
    return out


def follow_ups_of(events: Iterable[CaseEvent]) -> dict[str, FollowUp]:
    """A case's follow-ups by the rating that opened them, with every later update applied."""
    out: dict[str, FollowUp] = {}
    for e in events:
        if e.kind != FOLLOW_UP:
            continue
        out_key, p = str(e.payload.get("rating", "")), e.payload
        if p.get("action") == OPEN:
            try:
                due = dt.date.fromisoformat(str(p.get("due")))
            except ValueError:
                continue
            out.setdefault(out_key, FollowUp(out_key, e.case_id, str(p.get("stage", "")), int(p.get("level", 0)),
                                             e.at, due))
        elif out_key in out:
            out[out_key] = apply_update(out[out_key], p, e.at)
    return out


def apply_update(f: FollowUp, payload: Mapping, at: dt.datetime) -> FollowUp:
    from dataclasses import replace

    closed = at if payload.get("action") == CLOSE else f.closed_at
    return replace(f, responsible=str(payload.get("responsible", f.responsible)),
                   done=str(payload.get("done", f.done)),
                   called_back=bool(payload.get("called_back", f.called_back)), closed_at=closed)


def check_follow_up_update(f: FollowUp | None, *, responsible: str, done: str, close: bool) -> None:
    if f is None:
        raise UserError("evaluation.no_follow_up")
    if not f.open:
        raise UserError("evaluation.follow_up_closed", kind=PERMANENT)
    if not responsible.strip():
        raise UserError("evaluation.needs_responsible")
    if close and not done.strip():
        raise UserError("evaluation.needs_done")
