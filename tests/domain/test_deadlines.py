"""Working-day deadlines on the official 2025 and 2026 arrangements (国办发明电〔2024〕12号,
国办发明电〔2025〕7号), with the working weekends, 特别程序, 补正, 一次性告知 and 容缺 worked by hand."""

import datetime as dt

from hypothesis import given, strategies as st

from counter_app.domain import deadlines as dl
from counter_app.domain.lifecycle import CaseLife, Stop
from counter_app.domain.working_days import HolidayCalendar
from counter_app.services.holidays import load_calendar

CAL = load_calendar()
D = dt.date


def test_the_bundled_calendar_is_the_state_councils_2025_and_2026_notices():
    # 2025: Spring Festival 28 Jan – 4 Feb, Sunday 26 Jan and Saturday 8 Feb worked; National Day
    # and Mid-Autumn 1–8 Oct, Sunday 28 Sep and Saturday 11 Oct worked; Labour Day 1–5 May, Sunday 27 Apr worked
    assert [CAL.is_working_day(D(2025, 1, d)) for d in (25, 26, 27, 28)] == [False, True, True, False]
    assert not any(CAL.is_working_day(D(2025, 2, d)) for d in range(1, 5))
    assert CAL.is_working_day(D(2025, 2, 8)) and CAL.is_working_day(D(2025, 4, 27))
    assert CAL.is_working_day(D(2025, 9, 28)) and CAL.is_working_day(D(2025, 10, 11))
    assert not any(CAL.is_working_day(D(2025, 10, d)) for d in range(1, 9))
    # 2026: New Year 1–3 Jan, Sunday 4 Jan worked; Spring Festival 15–23 Feb, Saturdays 14 and 28 Feb
    # worked; Labour Day 1–5 May, Saturday 9 May worked; National Day 1–7 Oct, Sunday 20 Sep and Saturday 10 Oct worked
    assert CAL.is_working_day(D(2026, 1, 4)) and not CAL.is_working_day(D(2026, 1, 2))
    assert CAL.is_working_day(D(2026, 2, 14)) and CAL.is_working_day(D(2026, 2, 28))
    assert not any(CAL.is_working_day(D(2026, 2, d)) for d in range(15, 24))
    assert CAL.is_working_day(D(2026, 5, 9)) and CAL.is_working_day(D(2026, 9, 20))
    assert CAL.is_working_day(D(2026, 10, 10)) and not CAL.is_working_day(D(2026, 10, 7))


def test_due_dates_across_the_2025_holidays_and_their_working_weekends():
    # accepted Fri 24 Jan 2025: Sun 26 (1), Mon 27 (2), holiday to 4 Feb, 5–7 Feb (3–5), Sat 8 Feb (6)
    assert dl.due_date(CAL, D(2025, 1, 24), 1) == D(2025, 1, 26)
    assert dl.due_date(CAL, D(2025, 1, 24), 5) == D(2025, 2, 7)
    assert dl.due_date(CAL, D(2025, 1, 24), 6) == D(2025, 2, 8)
    # accepted Fri 26 Sep 2025: Sun 28 (1), 29, 30 (3), holiday 1–8 Oct, 9, 10 (5), Sat 11 Oct (6)
    assert dl.due_date(CAL, D(2025, 9, 26), 3) == D(2025, 9, 30)
    assert dl.due_date(CAL, D(2025, 9, 26), 4) == D(2025, 10, 9)
    assert dl.due_date(CAL, D(2025, 9, 26), 6) == D(2025, 10, 11)


def test_due_dates_across_2026_and_new_year():
    assert dl.due_date(CAL, D(2025, 12, 31), 1) == D(2026, 1, 4)       # 1–3 Jan off, Sunday 4 worked
    assert dl.due_date(CAL, D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert dl.due_date(CAL, D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert dl.due_date(CAL, D(2026, 4, 30), 4) == D(2026, 5, 9)        # 6, 7, 8 May, Saturday 9
    # a 0-day item (即办) taken on a rest day is due the next working day
    assert dl.due_date(CAL, D(2026, 10, 3), 0) == D(2026, 10, 8)


def _life(**kw):
    base = dict(state="reviewing", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 2))
    return CaseLife(**{**base, **kw})


def test_special_procedure_moves_the_due_date_out_by_the_working_days_spent_in_it():
    # accepted Mon 2 Mar 2026, 10 working days promised: due Mon 16 Mar. A hearing from Wed 4 Mar
    # to Tue 10 Mar takes 5, 6, 9, 10 Mar out of the count: 3, 4 (2), 11–13 (5), 16–20 (10) → Fri 20 Mar.
    base = dl.deadline_of(_life(), calendar=CAL, today=D(2026, 3, 3), promised_date=D(2026, 3, 16),
                          legal_days=20)
    assert base.due == D(2026, 3, 16) and base.legal_due == D(2026, 3, 30) and base.stopped_days == 0
    stop = (Stop("hearing", D(2026, 3, 4), D(2026, 3, 10)),)
    moved = dl.deadline_of(_life(stops=stop), calendar=CAL, today=D(2026, 3, 11), promised_date=D(2026, 3, 16),
                           legal_days=20)
    assert moved.stopped_days == 4 and moved.due == D(2026, 3, 20) and moved.legal_due == D(2026, 4, 3)


def test_a_procedure_still_running_keeps_moving_the_due_date_day_by_day():
    running = (Stop("expert_review", D(2026, 3, 4)),)
    life = _life(state="suspended", stops=running)
    on_fri = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 6), promised_date=D(2026, 3, 16))
    on_mon = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 9), promised_date=D(2026, 3, 16))
    assert (on_fri.stopped_days, on_fri.due) == (2, D(2026, 3, 18))
    assert (on_mon.stopped_days, on_mon.due) == (3, D(2026, 3, 19))


def test_a_correction_in_review_restarts_nothing_but_is_shown():
    plain = dl.deadline_of(_life(), calendar=CAL, today=D(2026, 3, 9), promised_date=D(2026, 3, 16))
    asked = dl.deadline_of(_life(correcting=True), calendar=CAL, today=D(2026, 3, 9), promised_date=D(2026, 3, 16))
    assert asked.due == plain.due == D(2026, 3, 16) and asked.correcting and not plain.correcting


def test_near_the_deadline_yellow_past_it_red_with_the_station_setting():
    life = _life()
    colour = {day: dl.deadline_of(life, calendar=CAL, today=D(2026, 3, day), promised_date=D(2026, 3, 16)).colour
              for day in (11, 12, 16, 17)}
    assert colour == {11: "", 12: "yellow", 16: "yellow", 17: "red"}
    wider = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 11), promised_date=D(2026, 3, 16), warn_days=3)
    assert wider.colour == "yellow" and wider.days_left == 3
    assert dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 18), promised_date=D(2026, 3, 16)).days_left == -2


def test_one_time_notice_timer_while_the_papers_lie_in_received():
    # received Mon 28 Sep 2026: 29, 30 Sep (2), holiday 1–7 Oct, 8, 9 Oct (4), Saturday 10 Oct worked (5)
    life = CaseLife(state="received", received_on=D(2026, 9, 28))
    d = dl.deadline_of(life, calendar=CAL, today=D(2026, 9, 30), promised_date=None)
    assert d.notice_due == D(2026, 10, 10) and d.days_left == 3 and not d.deemed_accepted and d.colour == ""
    late = dl.deadline_of(life, calendar=CAL, today=D(2026, 10, 12), promised_date=None)
    assert late.deemed_accepted and late.colour == "red"


def test_an_owed_material_past_its_promised_day_flags_the_case_red():
    life = _life(state="accepted", gaps={"房屋产权证明": D(2026, 3, 6)})
    on_day = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 6), promised_date=D(2026, 3, 20))
    after = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 9), promised_date=D(2026, 3, 20))
    assert not on_day.broken_promise and on_day.colour == ""
    assert after.overdue_gaps == {"房屋产权证明": D(2026, 3, 6)} and after.broken_promise and after.colour == "red"
    decided = dl.deadline_of(CaseLife(state="concluded", gaps={"x": D(2026, 3, 6)}), calendar=CAL,
                             today=D(2026, 3, 9), promised_date=D(2026, 3, 20))
    assert decided.colour == "" and decided.due is None       # the clock stopped at the decision


def test_a_year_without_a_calendar_counts_monday_to_friday_and_says_so():
    life = _life(state="accepted", accepted_on=D(2026, 12, 28), received_on=D(2026, 12, 28))
    d = dl.deadline_of(life, calendar=CAL, today=D(2026, 12, 30), promised_date=D(2027, 1, 11), legal_days=10)
    assert d.legal_due == D(2027, 1, 11) and d.uncovered_years == (2027,)
    assert dl.due_date(CAL, D(2027, 12, 31), 1) == D(2028, 1, 3)
    assert dl.deadline_of(_life(), calendar=CAL, today=D(2026, 3, 3), promised_date=D(2026, 3, 16)).uncovered_years == ()


def test_a_hall_closure_is_not_a_working_day_even_on_a_make_up_saturday():
    cal = HolidayCalendar(CAL.holidays, CAL.workdays, CAL.years, frozenset({D(2026, 2, 14), D(2026, 3, 3)}))
    assert not cal.is_working_day(D(2026, 2, 14))
    assert dl.due_date(cal, D(2026, 3, 2), 1) == D(2026, 3, 4)


days = st.dates(min_value=D(2024, 6, 1), max_value=D(2028, 6, 30))


@given(start=days, n=st.integers(0, 80), stopped=st.integers(0, 30))
def test_a_due_date_is_never_a_rest_day(start, n, stopped):
    due = dl.due_date(CAL, start, n, stopped)
    assert CAL.is_working_day(due) and due >= start


@given(accepted=days, n=st.integers(0, 60), stop_at=st.integers(0, 40), length=st.integers(0, 30),
       running=st.booleans(), look=st.integers(0, 120))
def test_a_special_procedure_never_moves_a_due_date_earlier(accepted, n, stop_at, length, running, look):
    promised = dl.due_date(CAL, accepted, n)
    start = accepted + dt.timedelta(days=stop_at)
    today = accepted + dt.timedelta(days=look)
    stop = Stop("testing", start, None if running else start + dt.timedelta(days=length))
    plain = CaseLife(state="reviewing", received_on=accepted, accepted_on=accepted)
    stopped = CaseLife(state="suspended" if running else "reviewing", received_on=accepted, accepted_on=accepted,
                       stops=(stop,))
    a = dl.deadline_of(plain, calendar=CAL, today=today, promised_date=promised, legal_days=n)
    b = dl.deadline_of(stopped, calendar=CAL, today=today, promised_date=promised, legal_days=n)
    assert b.due >= a.due
    assert (b.legal_due >= a.legal_due) if n else b.legal_due is None
    assert CAL.is_working_day(b.due)


def test_an_immediate_case_is_due_the_day_it_is_taken_and_red_only_once_that_day_passed():
    life = _life(state="accepted", accepted_on=D(2026, 3, 2))
    same_day = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 2), promised_date=D(2026, 3, 2), immediate=True)
    next_day = dl.deadline_of(life, calendar=CAL, today=D(2026, 3, 3), promised_date=D(2026, 3, 2), immediate=True)
    assert (same_day.due, same_day.days_left, same_day.colour) == (D(2026, 3, 2), 0, "")
    assert next_day.colour == "red" and next_day.days_left == -1
