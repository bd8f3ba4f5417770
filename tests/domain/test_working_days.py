import datetime as dt

from counter_app.domain import case_number
from counter_app.services.holidays import load_calendar

CAL = load_calendar()


def test_national_day_week_and_its_make_up_saturday():
    # 2026: 1-7 October off, Saturday 10 October worked
    assert CAL.add_working_days(dt.date(2026, 9, 30), 1) == dt.date(2026, 10, 8)
    assert CAL.add_working_days(dt.date(2026, 10, 9), 1) == dt.date(2026, 10, 10)


def test_spring_festival_2026():
    # off 15-23 February; Saturday 14 February and Saturday 28 February worked
    assert CAL.is_working_day(dt.date(2026, 2, 14))
    assert not CAL.is_working_day(dt.date(2026, 2, 16))
    assert CAL.add_working_days(dt.date(2026, 2, 13), 2) == dt.date(2026, 2, 24)


def test_ordinary_weeks_skip_weekends_and_zero_days_is_the_same_day():
    assert CAL.add_working_days(dt.date(2026, 11, 27), 1) == dt.date(2026, 11, 30)
    assert CAL.add_working_days(dt.date(2026, 11, 27), 0) == dt.date(2026, 11, 27)
    assert CAL.covers(dt.date(2026, 12, 31)) and not CAL.covers(dt.date(2027, 1, 1))


def test_case_numbers_name_hall_window_day_and_sequence():
    assert case_number.format_number("330402001", "W05", dt.date(2026, 11, 28), 7) == "330402001-W05-20261128-0007"
    assert case_number.format_number("H", "W", dt.date(2026, 1, 2), 12345).endswith("-12345")
    for hall, window in (("330-402", "W1"), ("H", ""), ("H", "窗口1")):
        try:
            case_number.format_number(hall, window, dt.date(2026, 1, 1), 1)
        except ValueError:
            continue
        raise AssertionError(f"{hall!r}/{window!r} accepted")
