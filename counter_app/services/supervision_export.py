"""The supervisor's report as files: an Excel workbook (openpyxl: a sheet per table, the charts
beside them, dates as dates) and CSV files (UTF-8 with a BOM, so Excel on Windows reads the
Chinese). Files are in Chinese whatever the clerk's language: the report goes to the hall's
director and the 电子监察 office like a printed document; the screen shows the same tables in its
own language (``tables(report, tr)``)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain import case_status as cs
from counter_app.domain import evaluation as ev
from counter_app.errors import PERMANENT, UserError
from counter_app.i18n import Translator
from counter_app.services.supervision_figures import DEADLINE_STATES, Report


@dataclass(frozen=True)
class Table:
    name: str                 # file stem for CSV
    title: str                # sheet name (≤ 31 characters)
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    chart: str = ""           # "bar" | "stacked" | "pie" | "" (none)


def _minutes(seconds: float | None):
    return round(seconds / 60, 1) if seconds is not None else None


def _days(value: float | None):
    return round(value, 1) if value is not None else None


def tables(report: Report, tr: Translator | None = None) -> list[Table]:
    tr = tr or Translator("zh_CN")

    def c(key: str) -> str:
        return tr(f"report.col.{key}")

    outcome = {o: tr(f"outcome.{o}") for o in cs.OUTCOMES}
    share = f"{report.bad_share:.1%}" if report.bad_share is not None else "—"
    summary = (
        (c("period"), tr("report.period", start=report.start.isoformat(), end=report.end.isoformat())),
        (c("as_of"), report.today),
        (c("cases"), report.cases),
        *((f"{outcome[o]}", report.by_outcome.get(o, 0)) for o in cs.OUTCOMES),
        (c("window_avg"), _minutes(report.window_seconds.average)),
        (c("window_p90"), _minutes(report.window_seconds.p90)),
        (c("completion_avg"), _days(report.completion_days.average)),
        (c("completion_p90"), _days(report.completion_days.p90)),
        (c("concluded"), report.completion_days.count),
        (c("near_count"), len(report.near)),
        (c("overdue_count"), len(report.overdue)),
        (c("rated"), report.rated),
        (c("bad"), report.bad),
        (c("bad_share"), share),
        (c("unrated"), report.unrated),
        (c("open_follow_ups"), len(report.follow_ups)),
    )
    deadline_names = {"on_time": c("state.on_time"), "near": c("sheet.near"), "overdue": c("sheet.overdue")}

    def deadline_rows(rows):
        return tuple((r.number, r.due, r.days_left, r.items, r.departments, r.window, r.clerk) for r in rows)

    deadline_headers = (c("number"), c("due"), c("days_left"), c("item"), c("department"), c("window"), c("clerk"))
    return [
        Table("summary", c("sheet.summary"), (c("measure"), c("value")), summary),
        Table("by_day", c("sheet.by_day"), (c("day"), *outcome.values(), c("total")),
              tuple((day, *(n.get(o, 0) for o in cs.OUTCOMES), sum(n.values())) for day, n in report.by_day.items()),
              chart="stacked"),
        Table("by_outcome", c("sheet.by_outcome"), (c("outcome"), c("count")),
              tuple((outcome[o], report.by_outcome.get(o, 0)) for o in cs.OUTCOMES), chart="pie"),
        Table("by_window", c("sheet.by_window"), (c("window"), c("count")), tuple(report.by_window.items()),
              chart="bar"),
        Table("by_clerk", c("sheet.by_clerk"), (c("clerk"), c("count")), tuple(report.by_clerk.items())),
        Table("by_department", c("sheet.by_department"), (c("department_code"), c("department"), c("count")),
              tuple((k, report.department_names.get(k, k), n) for k, n in report.by_department.items()), chart="bar"),
        Table("by_item", c("sheet.by_item"), (c("item_code"), c("item"), c("count")),
              tuple((k, report.item_names.get(k, k), n) for k, n in report.by_item.items())),
        Table("deadlines", c("sheet.deadlines"), (c("state"), c("count")),
              tuple((deadline_names[s], report.deadline_status.get(s, 0)) for s in DEADLINE_STATES), chart="pie"),
        Table("near", c("sheet.near"), deadline_headers, deadline_rows(report.near)),
        Table("overdue", c("sheet.overdue"), deadline_headers, deadline_rows(report.overdue)),
        Table("ratings", c("sheet.ratings"), (c("code"), c("sheet.ratings"), c("count")),
              tuple((level, tr(ev.level_label(level)), report.ratings.get(level, 0)) for level in ev.LEVELS),
              chart="bar"),
        Table("ratings_by_clerk", c("sheet.ratings_by_clerk"),
              (c("clerk"), c("rated"), c("bad"), c("bad_share"), *(tr(ev.level_label(level)) for level in ev.LEVELS)),
              tuple(_clerk_row(clerk, n) for clerk, n in report.ratings_by_clerk.items())),
        Table("follow_ups", c("sheet.follow_ups"),
              tuple(c(k) for k in ("number", "window", "clerk", "rating", "rated_at", "follow_up_due", "days_left",
                                   "responsible", "done", "called_back")),
              tuple((r.number, r.window, r.clerk, tr(ev.level_label(r.follow_up.level)), r.follow_up.opened_at,
                     r.follow_up.due, r.days_left, r.follow_up.responsible, r.follow_up.done,
                     c("yes") if r.follow_up.called_back else c("no")) for r in report.follow_ups)),
    ]


def listed_numbers(report: Report) -> list[str]:
    """The cases an export names one by one (deadline lists, follow-ups): each gets an access record."""
    return list(dict.fromkeys([r.number for r in (*report.near, *report.overdue)]
                              + [r.number for r in report.follow_ups]))


def _clerk_row(clerk: str, levels: dict[int, int]) -> tuple:
    rated = sum(levels.values())
    bad = sum(n for level, n in levels.items() if level in ev.BAD)
    return (clerk, rated, bad, f"{bad / rated:.1%}" if rated else "—", *(levels.get(level, 0) for level in ev.LEVELS))


def _cannot_write(path: Path, exc: OSError) -> UserError:
    return UserError("report.cannot_write", kind=PERMANENT, path=str(path), detail=exc.strerror or type(exc).__name__)


def _csv_value(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def write_csv(report: Report, folder: Path) -> list[Path]:
    """One ``<table>.csv`` per table in ``folder`` (made if missing), UTF-8 with BOM."""
    folder = Path(folder)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for t in tables(report):
            path = folder / f"{t.name}.csv"
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(t.headers)
                w.writerows([_csv_value(v) for v in row] for row in t.rows)
            written.append(path)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    return written


def write_xlsx(report: Report, path: Path) -> Path:
    """The workbook: a sheet per table with its chart beside it (``supervision_workbook``)."""
    from counter_app.services.supervision_workbook import workbook

    path = Path(path)
    try:
        workbook(tables(report)).save(path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return path
