"""``counter-app documents sample|reprint|handover``: check the layout and the printer; print again
from the archive; the day's handover sheet.

``documents sample --out DIR [--paper a4|80mm|58mm] [--print]`` writes every document kind
for sample cases, with this station's hall profile (logo, name, phone, footer), as
``DIR/<kind>-<paper>.pdf``; ``--print`` also sends them to the station's printer.
``documents reprint NUMBER [--kind KIND]`` prints a case's archived documents again.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from counter_app.cli import data_dir_of

# Spelled out so building the parser does not import reportlab (a test checks they match).
KINDS = ("receipt", "notice", "gap_promise", "rejection", "delivery", "handover")
PAPERS = ("a4", "80mm", "58mm")


def register(sub, common) -> None:
    p = sub.add_parser("documents", parents=[common], help="sample documents and reprints")
    dsub = p.add_subparsers(dest="documents_command", metavar="ACTION", required=True)
    s = dsub.add_parser("sample", parents=[common], help="write every document kind for a sample case")
    s.add_argument("--out", type=Path, required=True, help="folder for the PDFs")
    s.add_argument("--paper", choices=PAPERS, default=None,
                   help="paper size (default: the station's setting)")
    s.add_argument("--print", dest="send", action="store_true", help="also print them on the station's printer")
    s.set_defaults(handler=do_sample)
    r = dsub.add_parser("reprint", parents=[common], help="print a case's archived documents again")
    r.add_argument("number", help="case number")
    r.add_argument("--kind", choices=KINDS, action="append", help="only this document (repeatable)")
    r.set_defaults(handler=do_reprint)
    h = dsub.add_parser("handover", parents=[common], help="the handover sheet (交接单) of a day's promised cases")
    h.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    h.add_argument("--paper", choices=PAPERS, default=None, help="paper size (default: the station's setting)")
    h.add_argument("--out", type=Path, default=None, help="also write the PDF here")
    h.add_argument("--print", dest="send", action="store_true", help="print it on the station's printer")
    h.set_defaults(handler=do_handover)


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (YYYY-MM-DD)") from None


def do_handover(args: argparse.Namespace, tr) -> int:
    import datetime as dt

    from counter_app.documents.printing import print_pdf
    from counter_app.services.handover import make_handover
    from counter_app.settings import load_settings
    from counter_app.store.database import Store

    data_dir = data_dir_of(args)
    settings = load_settings(data_dir)
    sheet = make_handover(store=Store(data_dir), settings=settings, data_dir=data_dir,
                          day=args.date or dt.date.today(), paper=args.paper)
    if args.out:
        args.out.write_bytes(sheet.pdf)
    print(tr("handover.made", n=len(sheet.cases), batch=sheet.batch, path=str(args.out or sheet.path)))
    if args.send:
        print_pdf(sheet.pdf, settings, title=f"交接单 {sheet.batch}")
    return 0


def do_sample(args: argparse.Namespace, tr) -> int:
    from counter_app.documents import KINDS, render
    from counter_app.documents.common import DocContext
    from counter_app.documents.printing import print_pdf
    from counter_app.documents.sample import SAMPLE_TIME, sample_cases
    from counter_app.errors import UserError
    from counter_app.settings import load_settings

    settings = load_settings(data_dir_of(args)) if getattr(args, "data_dir", None) else _default_settings()
    paper = args.paper or settings.paper
    settings = dataclasses.replace(settings, paper=paper)
    ctx = DocContext.from_settings(settings, now=SAMPLE_TIME)
    cases = sample_cases()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for kind in KINDS:
        pdf = render(kind, cases[kind], ctx, paper=paper)
        path = args.out / f"{kind}-{paper}.pdf"
        path.write_bytes(pdf)
        if args.send:
            try:
                print_pdf(pdf, settings, title=path.name)
                print(tr("documents.printed", path=str(path)))
            except UserError as exc:
                failed += 1
                print(tr.error(exc))
    print(tr("documents.sample_written", count=len(KINDS), paper=paper, out=str(args.out)))
    return 75 if failed else 0


def _default_settings():
    from counter_app.paths import default_data_dir
    from counter_app.settings import StationSettings, load_settings

    try:
        return load_settings(default_data_dir())
    except Exception:  # no station yet (or unreadable): the sample still shows the layout
        return StationSettings()


def do_reprint(args: argparse.Namespace, tr) -> int:
    from counter_app.documents import archive
    from counter_app.documents.printing import reprint
    from counter_app.errors import PERMANENT, UserError
    from counter_app.settings import load_settings

    data_dir = data_dir_of(args)
    settings = load_settings(data_dir)
    kinds = args.kind or archive.archived_kinds(data_dir, args.number)
    if not kinds:
        raise UserError("documents.not_archived", kind=PERMANENT, number=args.number, doc_kind="*")
    for kind in kinds:
        path = reprint(args.number, kind, settings, data_dir)
        print(tr("documents.reprinted", path=str(path)))
    return 0
