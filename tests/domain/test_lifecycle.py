"""The case lifecycle: every legal and every illegal step, the state derived from the events,
the refusal messages in both languages, and the GB/T 39046 mappings as data."""

import datetime as dt
import itertools

import pytest

from counter_app.domain import case_status as cs
from counter_app.domain import lifecycle as lc
from counter_app.domain.case_event import CaseEvent
from counter_app.errors import UserError
from counter_app.i18n import Translator

AT = dt.datetime(2026, 3, 2, 10, 0)

HANDOVER = {"handover", "handover_received", "handover_missing"}     # the papers to the back office and back
EVALUATION = {"rate", "follow_up"}       # 好差评: after any intake outcome, in every state after it
ACCESS = {"looked_up", "reprinted", "exported"}   # who looked at the person's data: at any time after intake
# The allowed steps as the issue and the provincial platforms describe them, written out state
# by state (independently of the module's table).
LEGAL = {
    None: {"receive"},
    "received": {"accept", "accept_gaps", "notice", "reject", "withdraw"},
    "notified": {"supplement", "reject", "withdraw"},
    "accepted": {"review", "approve", "approve_gaps", "deny", "gap_delivered", "withdraw", "terminate", *HANDOVER},
    "reviewing": {"correction", "corrected", "suspend", "approve", "approve_gaps", "deny", "gap_delivered",
                  "withdraw", "terminate", *HANDOVER},
    "suspended": {"resume", "gap_delivered", "withdraw", "terminate", *HANDOVER},
    "approved": {"conclude", "revoke"},
    "approved_gaps": {"conclude", "revoke", "gap_delivered", "terminate"},
    "denied": {"conclude"},
    "concluded": {"result_ready", "revoke"},
    "ready": {"issue", "revoke"},
    "issued": {"revoke"},
    "rejected": set(), "withdrawn": set(), "revoked": set(), "terminated": set(),
}
LEGAL = {state: kinds | (EVALUATION | ACCESS if state else set()) for state, kinds in LEGAL.items()}


def _facts(state, kind):
    """A life in ``state`` whose facts let ``kind``'s own conditions pass, so that only the
    state decides."""
    gaps = {"房产证明": dt.date(2026, 2, 27)} if kind in ("approve_gaps", "gap_delivered", "terminate") else {}
    decision = "approve" if state in ("approved", "approved_gaps", "concluded", "ready", "issued") else None
    return lc.CaseLife(state=state, gaps=gaps, correcting=kind == "corrected", decision=decision)


def _payload(kind):
    return {"procedure": "hearing"} if kind == "suspend" else {"material": "房产证明"} if kind == "gap_delivered" else {}


def test_the_legal_table_covers_every_state_and_kind():
    assert set(LEGAL) == {None, *cs.STATUSES}
    assert set(lc.ALLOWED_FROM) == set(cs.EVENT_KINDS)


@pytest.mark.parametrize("state,kind", list(itertools.product([None, *cs.STATUSES], cs.EVENT_KINDS)))
def test_every_step_is_allowed_exactly_where_the_lifecycle_allows_it(state, kind):
    life = _facts(state, kind)
    legal = kind in LEGAL[state]
    if legal:
        lc.check(life, kind, at=AT, reason="依申请", payload=_payload(kind))
        event = CaseEvent.new("c1", kind, at=AT, clerk="w", hall="h", window="W01", payload=_payload(kind))
        after = lc.apply(life, event)
        assert after.state == cs.STATUS_AFTER.get(kind, state)
    else:
        with pytest.raises(UserError) as err:
            lc.check(life, kind, at=AT, reason="依申请", payload=_payload(kind))
        assert err.value.key == "lifecycle.refused"


def test_a_refusal_names_the_state_and_the_action_in_the_users_language():
    life = lc.CaseLife(state="rejected")
    with pytest.raises(UserError) as err:
        lc.check(life, "approve", at=AT)
    assert Translator("zh_CN").error(err.value) == "办件当前为“不予受理”，不能“准予许可”。"
    en = Translator("en").error(err.value)
    assert en == "The case is “Not accepted”: “Granted” is not possible now."


def test_every_state_event_and_procedure_has_a_chinese_and_an_english_label():
    zh, en = Translator("zh_CN"), Translator("en")
    keys = [lc.state_label(s) for s in cs.STATUSES] + [lc.event_label(k) for k in cs.EVENT_KINDS] \
        + [lc.procedure_label(p) for p in lc.PROCEDURES]
    for key in keys:
        assert zh.has(key), key
        assert zh(key) != en(key), key
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en(key)), key


def _ev(kind, day, **payload):
    return CaseEvent.new("c1", kind, at=dt.datetime.combine(day, dt.time(9)), clerk="w", hall="h",
                         window="W01", payload=payload)


def test_the_state_and_the_facts_are_folded_from_the_events():
    d = dt.date(2026, 3, 2)
    events = [_ev("receive", d), _ev("accept_gaps", d, gaps={"房产证明": "2026-03-06", "户口簿": "2026-03-09"}),
              _ev("review", d), _ev("suspend", dt.date(2026, 3, 4), procedure="hearing"),
              _ev("resume", dt.date(2026, 3, 10)),
              _ev("gap_delivered", dt.date(2026, 3, 5), material="房产证明"), _ev("correction", d, reason="签字")]
    life = lc.derive(events)
    assert life.state == "reviewing" and life.accepted_on == d and life.received_on == d
    assert life.stops == (lc.Stop("hearing", dt.date(2026, 3, 4), dt.date(2026, 3, 10)),)
    assert life.gaps == {"户口簿": dt.date(2026, 3, 9)} and "房产证明" in life.delivered
    assert life.correcting and life.events == 7
    assert life.overdue_gaps(dt.date(2026, 3, 9)) == {} and life.overdue_gaps(dt.date(2026, 3, 10))
    assert life.state == cs.status_from(e.kind for e in events)


def test_the_case_conditions_refuse_with_their_own_reason():
    reviewing = lc.CaseLife(state="reviewing", gaps={"x": dt.date(2026, 3, 3)})
    cases = [
        (reviewing, "approve", {}, "依法", "lifecycle.gaps_outstanding"),
        (lc.CaseLife(state="reviewing"), "approve_gaps", {}, "", "lifecycle.no_gaps"),
        (reviewing, "gap_delivered", {"material": "y"}, "", "lifecycle.gap_unknown"),
        (reviewing, "suspend", {"procedure": "lunch"}, "听证", "lifecycle.procedure_needed"),
        (reviewing, "deny", {}, "  ", "lifecycle.reason_needed"),
        (lc.CaseLife(state="reviewing", gaps={"x": dt.date(2026, 3, 2)}), "terminate", {}, "逾期",
         "lifecycle.terminate_needs_broken_promise"),      # promised today: not yet broken
        (lc.CaseLife(state="concluded", decision="deny"), "revoke", {}, "错误", "lifecycle.revoke_needs_grant"),
        (lc.CaseLife(state="reviewing", correcting=True), "correction", {}, "签字", "lifecycle.correction_open"),
        (lc.CaseLife(state="reviewing"), "corrected", {}, "", "lifecycle.no_correction"),
    ]
    for life, kind, payload, reason, key in cases:
        with pytest.raises(UserError) as err:
            lc.check(life, kind, at=AT, reason=reason, payload=payload)
        assert err.value.key == key, kind
        assert Translator("en").has(key)


def test_what_a_clerk_may_do_follows_the_state():
    assert lc.allowed(lc.CaseLife(state="accepted"), at=AT) == ("review", "approve", "deny", "withdraw")
    assert lc.allowed(lc.CaseLife(state="ready"), at=AT) == ("issue",)
    assert lc.allowed(lc.CaseLife(state="ready", decision="approve"), at=AT) == ("issue", "revoke")
    assert lc.allowed(lc.CaseLife(state="rejected"), at=AT) == ()
    # after 补齐补正 the clerk decides again from the detail (容缺受理 needs the intake's checklist)
    assert lc.allowed(lc.CaseLife(state="received"), at=AT) == ("accept", "notice", "reject", "withdraw")


def test_gbt_codes_are_data_for_every_kind_and_procedure():
    # ratings are 好差评 data, not 办件过程 actions: they go to the province with the evaluation, not
    # here; nor are the access records (who looked at the person's data)
    assert set(lc.GBT_ACTION) == set(cs.EVENT_KINDS) - set(cs.EVALUATION_KINDS) - set(cs.ACCESS_KINDS)
    assert set(lc.GBT_SPECIAL_PROCEDURE) == set(lc.PROCEDURES)
    assert lc.GBT_CASE_TYPE == {"immediate": "1", "promised": "2"}


def test_stored_values_fit_their_columns():
    assert max(map(len, cs.STATUSES)) <= 16 and max(map(len, cs.EVENT_KINDS)) <= 32


def test_every_step_a_clerk_may_take_has_a_button_label_in_both_languages():
    zh, en = Translator("zh_CN"), Translator("en")
    for kind in lc.STEPS:
        key = f"lifecycle.do.{kind}"
        assert zh.has(key) and en(key) != zh(key) and en(key)[0].isupper(), kind


from hypothesis import given, strategies as st  # noqa: E402


@given(st.lists(st.sampled_from(cs.EVENT_KINDS), max_size=40), st.integers(0, 20))
def test_any_sequence_of_attempts_leaves_a_state_the_events_explain(attempts, late_days):
    """Whatever a clerk tries in whatever order, only allowed steps become events, and the state
    folded from those events is the state the steps led to."""
    life, written = lc.CaseLife(), []
    day = dt.datetime(2026, 3, 2, 9)
    for n, kind in enumerate(attempts):
        at = day + dt.timedelta(days=n % 3 + (late_days if kind == "terminate" else 0), minutes=n)
        payload = {"procedure": "testing"} if kind == "suspend" else \
            {"material": next(iter(life.gaps), "x")} if kind == "gap_delivered" else \
            {"gaps": {"房产证明": "2026-03-04"}} if kind == "accept_gaps" else {}
        try:
            lc.check(life, kind, at=at, reason="理由", payload=payload)
        except UserError as exc:
            assert Translator("en").has(exc.key)
            continue
        event = CaseEvent.new("c1", kind, at=at, clerk="w", hall="h", window="W01", payload=payload)
        written.append(event)
        life = lc.apply(life, event)
    assert lc.derive(written) == life
    assert life.state == cs.status_from(e.kind for e in written)
    assert (life.state is None) == (not written)
    for kind in lc.allowed(life, at=day + dt.timedelta(days=30)):
        assert life.state in lc.ALLOWED_FROM[kind]
