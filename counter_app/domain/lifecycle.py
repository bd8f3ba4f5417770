"""A case's life after intake: which event may follow which state, and the state derived from
the events (a fold over ``case_event`` rows, oldest first).

The names are those of ``domain.case_status`` (the one vocabulary: the intake's events are the
first transitions here). The model follows what provincial platforms use:

    收件 ─受理/容缺受理→ 受理 ─转审查→ 审查 ─准予/容缺通过/不予许可→ 决定 ─办结→ 办结 ─→ 待出件 ─出件/送达→ 出件
      │ └一次性告知→ 补正 ─补齐补正→ 收件            审查 ⇄ 特别程序 (the clock stops)
      └不予受理                                      撤回 before a decision · 撤销 a granted permit
                                                    终止 when a 容缺 promise is not kept

A 即办件 is decided at the window: 受理 → 准予 directly. Refused transitions raise a
``UserError`` whose message names the state and the action in the user's language.

The GB/T 39046-2020 codes (办件类型, 特别程序种类, 业务动作) are kept as data (``GBT_*``) so an
export to the provincial platform is a mapping. 办件类型 (1 即办件, 2 承诺件) is the standard's; the
特别程序种类 and 业务动作 values are provisional (the standard's text is not in this repository):
check them against the province's interface document before the first export, and change only
these tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain import case_status as cs
from counter_app.domain.case_event import CaseEvent
from counter_app.errors import Label, UserError

START = None     # the "state" before the first event

# Which states each kind may follow (its target is case_status.STATUS_AFTER, or the same state).
_BEFORE_DECISION = (cs.ACCEPTED, cs.REVIEWING)
ALLOWED_FROM: dict[str, frozenset] = {k: frozenset(v) for k, v in {
    cs.RECEIVE: (START,),
    cs.ACCEPT: (cs.RECEIVED,),
    cs.ACCEPT_WITH_GAPS: (cs.RECEIVED,),
    cs.NOTICE: (cs.RECEIVED,),
    cs.REJECT: (cs.RECEIVED, cs.NOTIFIED),
    cs.SUPPLEMENT: (cs.NOTIFIED,),
    cs.REVIEW: (cs.ACCEPTED,),
    cs.CORRECTION: (cs.REVIEWING,),
    cs.CORRECTED: (cs.REVIEWING,),
    cs.SUSPEND: (cs.REVIEWING,),
    cs.RESUME: (cs.SUSPENDED,),
    cs.GAP_DELIVERED: (cs.ACCEPTED, cs.REVIEWING, cs.SUSPENDED, cs.APPROVED_WITH_GAPS),
    cs.APPROVE: _BEFORE_DECISION,
    cs.APPROVE_WITH_GAPS: _BEFORE_DECISION,
    cs.DENY: _BEFORE_DECISION,
    cs.CONCLUDE: (cs.APPROVED, cs.APPROVED_WITH_GAPS, cs.DENIED),
    cs.RESULT_READY: (cs.CONCLUDED,),
    cs.ISSUE: (cs.READY,),
    cs.WITHDRAW: (cs.RECEIVED, cs.NOTIFIED, cs.ACCEPTED, cs.REVIEWING, cs.SUSPENDED),
    cs.REVOKE: (cs.APPROVED, cs.APPROVED_WITH_GAPS, cs.CONCLUDED, cs.READY, cs.ISSUED),
    cs.TERMINATE: (cs.ACCEPTED, cs.REVIEWING, cs.SUSPENDED, cs.APPROVED_WITH_GAPS),
    # 集中交接 (services.handover): the papers travel to the back office; the state stays
    **{k: (cs.ACCEPTED, cs.REVIEWING, cs.SUSPENDED) for k in cs.HANDOVER_KINDS},
    # 好差评 (domain.evaluation): a rating and its follow-up come after any intake outcome; the state stays
    **{k: cs.STATUSES for k in cs.EVALUATION_KINDS},
    # who looked at the case's person (services.access_log): at any time; the state stays
    **{k: cs.STATUSES for k in cs.ACCESS_KINDS},
}.items()}
assert set(ALLOWED_FROM) == set(cs.EVENT_KINDS)

INTAKE_KINDS = (cs.RECEIVE, cs.ACCEPT_WITH_GAPS)  # written by services.intake only (materials checked there)
# After 补齐补正 the case is in 收件 again and the clerk decides from the case detail: these
# intake outcomes are transitions too.
REDECISIONS = (cs.ACCEPT, cs.NOTICE, cs.REJECT)
STEPS = (*REDECISIONS, *cs.LIFECYCLE_KINDS)     # what a clerk may do from the case detail
NEEDS_REASON = frozenset({cs.NOTICE, cs.REJECT, cs.DENY, cs.WITHDRAW, cs.REVOKE, cs.TERMINATE, cs.SUSPEND,
                          cs.CORRECTION})
FINAL = frozenset({cs.REJECTED, cs.WITHDRAWN, cs.REVOKED, cs.TERMINATED})   # nothing follows
DECIDED = frozenset({cs.APPROVED, cs.APPROVED_WITH_GAPS, cs.DENIED})
CLOCK_RUNS = frozenset({cs.ACCEPTED, cs.REVIEWING, cs.SUSPENDED})   # the completion deadline applies

# 特别程序种类 (行政许可法 §45): the kinds a clerk picks from when the clock stops.
HEARING, EXPERT_REVIEW, INSPECTION, TESTING, QUARANTINE, APPRAISAL, AUCTION, SITE_CHECK, PUBLIC_NOTICE = (
    "hearing", "expert_review", "inspection", "testing", "quarantine", "appraisal", "auction",
    "site_check", "public_notice")
PROCEDURES = (HEARING, EXPERT_REVIEW, INSPECTION, TESTING, QUARANTINE, APPRAISAL, AUCTION, SITE_CHECK,
              PUBLIC_NOTICE)

# GB/T 39046-2020 mappings (data, for the export).
GBT_CASE_TYPE = {"immediate": "1", "promised": "2"}            # 办件类型: 1 即办件, 2 承诺件
GBT_SPECIAL_PROCEDURE = {HEARING: "2", AUCTION: "3", INSPECTION: "5", TESTING: "6", QUARANTINE: "7",
                         APPRAISAL: "8", EXPERT_REVIEW: "9", SITE_CHECK: "10", PUBLIC_NOTICE: "11"}
GBT_ACTION = {                                                  # 业务动作 of the 办件过程信息
    cs.RECEIVE: "01", cs.ACCEPT: "02", cs.ACCEPT_WITH_GAPS: "02", cs.NOTICE: "04", cs.REJECT: "03",
    cs.SUPPLEMENT: "05", cs.REVIEW: "06", cs.CORRECTION: "04", cs.CORRECTED: "05", cs.SUSPEND: "07",
    cs.RESUME: "08", cs.GAP_DELIVERED: "05", cs.APPROVE: "09", cs.APPROVE_WITH_GAPS: "09", cs.DENY: "10",
    cs.CONCLUDE: "11", cs.RESULT_READY: "12", cs.ISSUE: "13", cs.WITHDRAW: "14", cs.REVOKE: "15",
    cs.TERMINATE: "16", cs.HANDED_OVER: "17", cs.HANDOVER_RECEIVED: "18", cs.HANDOVER_MISSING: "19",
}
GBT_RESULT = {cs.APPROVED: "1", cs.APPROVED_WITH_GAPS: "1", cs.DENIED: "2"}   # 办结结果: 1 准予, 2 不予


def state_label(state: str | None) -> Label:
    return Label(f"lifecycle.state.{state or 'none'}")


def event_label(kind: str) -> Label:
    return Label(f"lifecycle.event.{kind}")


def procedure_label(procedure: str) -> Label:
    return Label(f"lifecycle.procedure.{procedure}")


@dataclass(frozen=True)
class Stop:
    """A stretch in 特别程序: from the day it began to the day it ended (None: still running)."""
    procedure: str
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class CaseLife:
    """What the events say about a case: its state and the facts its deadlines need."""
    state: str | None = START
    received_on: dt.date | None = None       # the papers (again) complete: the 一次性告知 clock
    accepted_on: dt.date | None = None
    decision: str | None = None              # the decision's kind, once decided
    stops: tuple[Stop, ...] = ()
    gaps: Mapping[str, dt.date] = field(default_factory=dict)      # 容缺 still owed: key → promised date
    delivered: Mapping[str, dt.date] = field(default_factory=dict)  # 容缺 brought: key → day
    correcting: bool = False                 # a 补正 asked during review, not yet brought
    events: int = 0

    def overdue_gaps(self, today: dt.date) -> dict[str, dt.date]:
        """容缺 materials whose promised day has passed (a promise not kept)."""
        return {k: d for k, d in self.gaps.items() if d < today}

    @property
    def stopped(self) -> bool:
        return self.state == cs.SUSPENDED


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def apply(life: CaseLife, event: CaseEvent) -> CaseLife:
    """The life after ``event``. Never refuses: the log is the truth (an event from another
    window is applied as it was written there); ``check`` refuses before writing."""
    kind, day, p = event.kind, event.at.date(), event.payload
    changes: dict[str, Any] = {"state": cs.STATUS_AFTER.get(kind, life.state), "events": life.events + 1}
    if kind in (cs.RECEIVE, cs.SUPPLEMENT):
        changes["received_on"] = day
    elif kind in (cs.ACCEPT, cs.ACCEPT_WITH_GAPS):
        changes["accepted_on"] = _day(p.get("deemed_from")) or day     # §32: accepted from the receipt
        gaps = {k: d for k, v in (p.get("gaps") or {}).items() if (d := _day(v))}
        changes["gaps"] = gaps
    elif kind in (cs.APPROVE, cs.APPROVE_WITH_GAPS, cs.DENY):
        changes["decision"] = kind
    elif kind == cs.SUSPEND:
        changes["stops"] = (*life.stops, Stop(str(p.get("procedure", "")), day))
    elif kind == cs.RESUME and life.stops and life.stops[-1].end is None:
        last = life.stops[-1]
        changes["stops"] = (*life.stops[:-1], Stop(last.procedure, last.start, day))
    elif kind == cs.GAP_DELIVERED:
        key = str(p.get("material", ""))
        changes["gaps"] = {k: d for k, d in life.gaps.items() if k != key}
        changes["delivered"] = {**life.delivered, key: day}
    elif kind == cs.CORRECTION:
        changes["correcting"] = True
    elif kind == cs.CORRECTED:
        changes["correcting"] = False
    return dataclasses.replace(life, **changes)


def derive(events: Iterable[CaseEvent]) -> CaseLife:
    """The case's life from its events, oldest first (the fold)."""
    life = CaseLife()
    for event in events:
        life = apply(life, event)
    return life


def refusal(life: CaseLife, kind: str) -> UserError:
    return UserError("lifecycle.refused", state=state_label(life.state), event=event_label(kind))


def check(life: CaseLife, kind: str, *, at: dt.datetime, reason: str = "",
          payload: Mapping[str, Any] | None = None) -> None:
    """Raises a UserError saying why ``kind`` may not happen now; returns when it may."""
    p = payload or {}
    if kind not in ALLOWED_FROM:
        raise UserError("lifecycle.unknown_event", event=kind)
    if life.state not in ALLOWED_FROM[kind]:
        raise refusal(life, kind)
    if kind in NEEDS_REASON and not reason.strip():
        raise UserError("lifecycle.reason_needed", event=event_label(kind))
    if kind == cs.SUSPEND and p.get("procedure") not in PROCEDURES:
        raise UserError("lifecycle.procedure_needed")
    if kind == cs.APPROVE and life.gaps:
        raise UserError("lifecycle.gaps_outstanding", count=len(life.gaps))
    if kind == cs.APPROVE_WITH_GAPS and not life.gaps:
        raise UserError("lifecycle.no_gaps")
    if kind == cs.GAP_DELIVERED and p.get("material") not in life.gaps:
        raise UserError("lifecycle.gap_unknown")
    if kind == cs.CORRECTION and life.correcting:
        raise UserError("lifecycle.correction_open")
    if kind == cs.CORRECTED and not life.correcting:
        raise UserError("lifecycle.no_correction")
    if kind == cs.REVOKE and life.decision not in (cs.APPROVE, cs.APPROVE_WITH_GAPS):
        raise UserError("lifecycle.revoke_needs_grant")
    if kind == cs.TERMINATE and not life.overdue_gaps(at.date()):
        raise UserError("lifecycle.terminate_needs_broken_promise")


def allowed(life: CaseLife, *, at: dt.datetime) -> tuple[str, ...]:
    """The steps a clerk may take now (``STEPS``, in that order). Reason and payload are asked
    later; this only leaves out what the state or the case's facts forbid."""
    out = []
    for kind in STEPS:
        try:
            check(life, kind, at=at, reason="-", payload=_probe(life, kind))
        except UserError:
            continue
        out.append(kind)
    return tuple(out)


def _probe(life: CaseLife, kind: str) -> dict:
    if kind == cs.SUSPEND:
        return {"procedure": PROCEDURES[0]}
    if kind == cs.GAP_DELIVERED and life.gaps:
        return {"material": next(iter(life.gaps))}
    return {}


def target(life: CaseLife, kind: str) -> str | None:
    """The state after ``kind`` (the same state for the kinds that stay)."""
    return cs.STATUS_AFTER.get(kind, life.state)
