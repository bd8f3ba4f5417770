"""``counter-app deadline`` (the due date alone on the last line) and ``counter-app calendar
import FILE`` (a year's arrangement and the hall's closures; a bad file changes nothing)."""

import json

from tests.cli.test_catalog_cli import run

Y2027 = {"source": "国办发明电〔2026〕X号（测试用）", "years": {"2027": {
    "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"],
    "workdays": ["2027-02-07"], "closures": ["2027-01-04"]}}}


def test_deadline_prints_the_due_date_on_its_last_line(tmp_path):
    d = tmp_path / "st"
    out = run("deadline", "--accepted", "2025-01-24", "--days", "5", "--data-dir", d).stdout
    assert out.splitlines()[-1] == "2025-02-07"
    out = run("deadline", "--accepted", "2026-03-02", "--days", "10", "--stopped-days", "4", "--data-dir", d).stdout
    assert out.splitlines()[-1] == "2026-03-20"


def test_deadline_across_new_year_without_a_calendar_warns_and_still_answers(tmp_path):
    p = run("deadline", "--accepted", "2026-12-28", "--days", "10", "--lang", "en", "--data-dir", tmp_path / "st")
    assert p.stdout.splitlines()[-1] == "2027-01-11"
    assert "no 2027" in p.stderr


def test_deadline_refuses_a_bad_date_in_the_users_language(tmp_path):
    p = run("deadline", "--accepted", "2026-02-30", "--days", "3", "--data-dir", tmp_path, check=False)
    assert p.returncode != 0 and "2026-02-30" in p.stderr and "YYYY-MM-DD" in p.stderr and "日期" in p.stderr


def test_an_imported_year_and_its_closures_move_the_deadlines(tmp_path):
    d = tmp_path / "st"
    f = tmp_path / "2027.json"
    f.write_text(json.dumps(Y2027, ensure_ascii=False), encoding="utf-8")
    out = run("calendar", "import", f, "--data-dir", d).stdout
    assert "2027" in out and "6" in out
    # 31 Dec 2026 + 1: 1 Jan holiday, Mon 4 Jan the hall is closed → Tue 5 Jan
    p = run("deadline", "--accepted", "2026-12-31", "--days", "1", "--data-dir", d)
    assert p.stdout.splitlines()[-1] == "2027-01-05" and p.stderr == ""
    # Sunday 7 Feb 2027 is a make-up working day
    assert run("deadline", "--accepted", "2027-02-04", "--days", "1", "--data-dir", d).stdout.splitlines()[-1] == "2027-02-07"
    saved = json.loads((d / "cn_holidays.json").read_text(encoding="utf-8"))
    assert {"2025", "2026", "2027"} <= set(saved["years"])        # the bundled years are kept


def test_a_bad_calendar_file_changes_nothing_and_says_what_is_wrong(tmp_path):
    d = tmp_path / "st"
    f = tmp_path / "bad.json"
    cases = [
        ("{not json", "无法读取"),
        (json.dumps({"years": {}}), "没有任何年份"),
        (json.dumps({"years": {"27": {}}}), "不是年份"),
        (json.dumps({"years": {"2027": {"holidays": ["2027-02-30"]}}}), "2027-02-30"),
        (json.dumps({"years": {"2027": {"holidays": ["2028-01-01"]}}}), "别的年份"),
        (json.dumps({"years": {"2027": {"workdays": ["2027-02-08"]}}}), "不是周六或周日"),
        (json.dumps({"years": {"2027": {"holidays": ["2027-02-07"], "workdays": ["2027-02-07"]}}}), "既是放假日"),
        (json.dumps({"years": {"2027": {"holiday": []}}}), "holiday"),
    ]
    for text, words in cases:
        f.write_text(text, encoding="utf-8")
        p = run("calendar", "import", f, "--data-dir", d, check=False)
        assert p.returncode == 2 and words in p.stderr, (text, p.stderr)
    assert not (d / "cn_holidays.json").exists() and not (d / "hall_closures.json").exists()
    f.write_text(json.dumps({"years": {"2027": {"workdays": ["2027-02-08"]}}}), encoding="utf-8")
    p = run("calendar", "import", f, "--lang", "en", "--data-dir", d, check=False)
    assert "is not a Saturday or Sunday" in p.stderr


def test_the_near_deadline_warning_is_a_station_setting_in_working_days(tmp_path):
    d = tmp_path / "st"
    run("station", "set", "deadline_warn_days", "3", "--data-dir", d)
    assert json.loads((d / "station.json").read_text(encoding="utf-8"))["deadline_warn_days"] == 3
    for bad in ("31", "-1", "两天"):
        p = run("station", "set", "deadline_warn_days", bad, "--data-dir", d, check=False)
        assert p.returncode == 2 and "deadline_warn_days" in p.stderr
    assert json.loads((d / "station.json").read_text(encoding="utf-8"))["deadline_warn_days"] == 3
