"""``counter-app calendar import FILE``: the admin takes a year's holiday arrangement (the State
Council's yearly notice) and the hall's closures into the station's calendar.

``counter-app deadline --accepted YYYY-MM-DD --days N [--stopped-days K]``: the due date, for a
clerk answering "when will it be ready?": N working days after the acceptance day (not counted),
moved out by K working days of 特别程序, on the station's calendar. The date alone is the last line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from counter_app.cli import data_dir_of


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from counter_app.cli.parser_words import word

        raise argparse.ArgumentTypeError(word("deadline.cli.bad_date", value=text)) from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        from counter_app.cli.parser_words import word

        raise argparse.ArgumentTypeError(word("deadline.cli.bad_days"))
    return value


def register(sub, common, tr) -> None:
    p = sub.add_parser("calendar", parents=[common], help=tr("calendar.help"))
    csub = p.add_subparsers(dest="calendar_command", metavar=tr("cli.metavar.action"), required=True)
    imp = csub.add_parser("import", parents=[common], help=tr("calendar.help.import"))
    imp.add_argument("file", metavar=tr("calendar.metavar.file"))
    imp.set_defaults(handler=do_import)
    d = sub.add_parser("deadline", parents=[common], help=tr("deadline.help"))
    d.add_argument("--accepted", type=_date, required=True, metavar="YYYY-MM-DD", help=tr("deadline.help.accepted"))
    d.add_argument("--days", type=_days, required=True, metavar="N", help=tr("deadline.help.days"))
    d.add_argument("--stopped-days", type=_days, default=0, metavar="K", help=tr("deadline.help.stopped"))
    d.set_defaults(handler=do_deadline)


def do_import(args, tr) -> int:
    from counter_app.services.holidays import import_calendar

    done = import_calendar(data_dir=data_dir_of(args), path=args.file)
    print(tr("calendar.import.done", years="、".join(map(str, done.years)) if tr.language != "en"
             else ", ".join(map(str, done.years)), holidays=done.holidays, workdays=done.workdays,
             closures=done.closures))
    return 0


def do_deadline(args, tr) -> int:
    from counter_app.domain.deadlines import due_date
    from counter_app.services.holidays import load_calendar

    calendar = load_calendar(data_dir_of(args))
    due = due_date(calendar, args.accepted, args.days, args.stopped_days)
    missing = sorted({y for y in range(args.accepted.year, due.year + 1) if y not in calendar.years})
    if missing:
        print(tr("deadline.uncovered", years=", ".join(map(str, missing))), file=sys.stderr)
    print(tr("deadline.cli.due", days=args.days, stopped=args.stopped_days))
    print(due.isoformat())
    return 0
