"""``counter-app report --from YYYY-MM-DD --to YYYY-MM-DD [--xlsx FILE] [--csv DIR] [--json]``:
the supervisor's figures for a period (``services.supervision``), on the screen, as a workbook,
as CSV files, or as JSON::

    {"cases": n, "by_outcome": {...}, "by_department": {...}, "overdue": n, "ratings": {"1": n, ... "5": n}}
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from counter_app.cli import data_dir_of
from counter_app.cli.documents_cmd import _date


def register(sub, common, tr) -> None:
    p = sub.add_parser("report", parents=[common], help=tr("report.help"))
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD", help=tr("report.help.from"))
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD", help=tr("report.help.to"))
    p.add_argument("--xlsx", type=Path, default=None, metavar=tr("cli.metavar.file"), help=tr("report.help.xlsx"))
    p.add_argument("--csv", type=Path, default=None, metavar=tr("cli.metavar.dir"), help=tr("report.help.csv"))
    p.add_argument("--json", action="store_true", help=tr("report.help.json"))
    p.set_defaults(handler=do_report)


def do_report(args: argparse.Namespace, tr) -> int:
    from counter_app.errors import UserError
    from counter_app.services.holidays import load_calendar
    from counter_app.services.supervision import collect
    from counter_app.settings import load_settings
    from counter_app.store.database import Store

    if args.end < args.start:
        raise UserError("report.bad_period", start=args.start.isoformat(), end=args.end.isoformat())
    data_dir = data_dir_of(args)
    settings = load_settings(data_dir)
    store = Store(data_dir)
    try:
        report = collect(store=store, start=args.start, end=args.end, calendar=load_calendar(data_dir),
                         rating_minutes=settings.evaluation.rating_minutes, warn_days=settings.deadline_warn_days,
                         settings=settings)
        from counter_app.services import supervision_export as ex
        from counter_app.services.access_log import Viewer, note_numbers

        for kind, target, write in (("xlsx", args.xlsx, ex.write_xlsx), ("csv", args.csv, ex.write_csv)):
            if target:
                write(report, target)
                note_numbers(store, "exported", ex.listed_numbers(report), Viewer.of(settings), what=kind)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.summary(), ensure_ascii=False))
        return 0
    print(tr("report.line", start=args.start.isoformat(), end=args.end.isoformat(), cases=report.cases,
             overdue=len(report.overdue), near=len(report.near), rated=report.rated, bad=report.bad,
             open=len(report.follow_ups)))
    for outcome, n in report.by_outcome.items():
        print(f"  {tr('outcome.' + outcome)}: {n}")
    if args.xlsx:
        print(tr("report.wrote", path=str(args.xlsx)))
    if args.csv:
        print(tr("report.wrote", path=str(args.csv)))
    return 0
