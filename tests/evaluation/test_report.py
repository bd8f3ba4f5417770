"""``counter-app report`` counts what ``counter-app demo cases`` made, and the workbook and the CSV
files hold the same numbers."""

import csv
import datetime as dt
import json
from collections import Counter

import openpyxl
import pytest

from counter_app.cli import main
from counter_app.domain import evaluation as ev
from counter_app.services.catalog_view import CatalogView
from counter_app.services.demo_cases import make_demo_cases
from counter_app.services.demo_ratings import rate_demo_cases
from counter_app.services.holidays import load_calendar
from counter_app.services.supervision import collect, period_days
from counter_app.settings import StationSettings
from counter_app.store import case_repo

NOW = dt.datetime(2026, 11, 27, 17, 0)


@pytest.fixture
def made(store):
    settings = StationSettings()
    records = make_demo_cases(store=store, settings=settings, catalog=CatalogView.load(store),
                              calendar=load_calendar(), count=40, days_back=10, seed=5, now=NOW)
    rate_demo_cases(store=store, settings=settings, calendar=load_calendar(), records=records, seed=5)
    return records


def _expected(store, records):
    with store.session() as s:
        rated = {}
        for r in records:
            from counter_app.store import case_events

            for rating in ev.ratings_of(case_events.of_case(s, r.id)).values():
                rated[str(rating.level)] = rated.get(str(rating.level), 0) + 1
    outcomes = Counter(r.outcome for r in records)
    depts = Counter(d for r in records for d in {i.department for i in r.items})
    return outcomes, depts, rated


def test_the_json_report_counts_the_demo_cases_per_outcome_and_department(store, made, capsys):
    outcomes, depts, rated = _expected(store, made)
    start = min(r.created_at for r in made).date()
    assert main(["report", "--from", start.isoformat(), "--to", "2026-11-30", "--json",
                 "--data-dir", str(store.data_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"cases", "by_outcome", "by_department", "overdue", "ratings"}
    assert out["cases"] == len(made) == 40
    assert {k: v for k, v in out["by_outcome"].items() if v} == dict(outcomes)
    assert set(out["by_outcome"]) == {"accept", "accept_gaps", "notice", "reject"}
    assert out["by_department"] == dict(depts)
    assert list(out["ratings"]) == ["1", "2", "3", "4", "5"]
    assert {k: v for k, v in out["ratings"].items() if v} == rated
    assert sum(out["ratings"].values()) > 20                   # most applicants rated


def test_a_period_outside_the_cases_counts_nothing_and_a_reversed_one_is_refused(store, made, capsys):
    assert main(["report", "--from", "2025-01-01", "--to", "2025-01-31", "--json",
                 "--data-dir", str(store.data_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 0 and out["ratings"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert main(["report", "--from", "2026-11-30", "--to", "2026-11-01", "--data-dir", str(store.data_dir)]) == 2
    assert "早于" in capsys.readouterr().err


def test_the_workbook_and_the_csv_hold_the_same_numbers(store, made, tmp_path):
    outcomes, depts, rated = _expected(store, made)
    xlsx, folder = tmp_path / "监察.xlsx", tmp_path / "csv"
    assert main(["report", "--from", "2026-11-01", "--to", "2026-11-30", "--xlsx", str(xlsx), "--csv", str(folder),
                 "--data-dir", str(store.data_dir)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    assert {"概况", "每日办件", "按办理结果", "按部门", "评价等级", "已超期", "差评整改"} <= set(wb.sheetnames)
    by_outcome = {row[0]: row[1] for row in wb["按办理结果"].iter_rows(min_row=2, values_only=True)}
    assert by_outcome == {"受理": outcomes["accept"], "容缺受理": outcomes["accept_gaps"],
                          "一次性告知": outcomes["notice"], "不予受理": outcomes["reject"]}
    assert {row[0]: row[2] for row in wb["按部门"].iter_rows(min_row=2, values_only=True)} == dict(depts)
    assert [c.value for c in wb["按部门"][1]] == ["部门编码", "部门", "件数"]
    levels = {str(row[0]): row[2] for row in wb["评价等级"].iter_rows(min_row=2, values_only=True) if row[2]}
    assert levels == rated
    day_cell = wb["每日办件"]["A2"]
    assert isinstance(day_cell.value, dt.datetime) and day_cell.number_format == "yyyy-mm-dd"
    assert sum(row[-1] for row in wb["每日办件"].iter_rows(min_row=2, values_only=True)) == 40
    assert wb["每日办件"]._charts and wb["评价等级"]._charts and wb["期限状态"]._charts
    raw = (folder / "by_department.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (folder / "by_department.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["部门编码", "部门", "件数"]
    assert {r[0]: int(r[2]) for r in rows[1:]} == dict(depts)


def test_handling_time_at_the_window_is_card_to_commit(store, made):
    report = collect(store=store, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), calendar=load_calendar(),
                     now=NOW)
    assert report.window_seconds.count == 40
    assert 90 <= report.window_seconds.average <= 15 * 60
    assert report.window_seconds.average <= report.window_seconds.p90 <= 15 * 60


def test_periods_today_week_month():
    wed = dt.date(2026, 12, 2)
    assert period_days("today", wed) == (wed, wed)
    assert period_days("week", wed) == (dt.date(2026, 11, 30), wed)
    assert period_days("month", wed) == (dt.date(2026, 12, 1), wed)
