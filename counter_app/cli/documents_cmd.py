"""``counter-app documents sample|reprint|handover``: check the layout and the printer; print again
from the archive; the day's handover sheet.

``documents sample --out DIR [--paper a4|80mm|58mm] [--print]`` writes every document kind
for sample cases, with this station's hall profile (logo, name, phone, footer), as
``DIR/<kind>-<paper>.pdf``; ``--print`` also sends them to the station's printer, and stops at
the first printer failure (the next five would fail the same way).
``documents reprint NUMBER [--kind KIND]`` prints a case's archived documents again.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from counter_app.cli import data_dir_of

# Spelled out so building the parser does not import reportlab (a test checks they match).
KINDS = ("receipt", "notice", "gap_promise", "rejection", "delivery", "handover")
PAPERS = ("a4", "80mm", "58mm")


def register(sub, common, tr) -> None:
    p = sub.add_parser("documents", parents=[common], help=tr("cli.help.documents"))
    dsub = p.add_subparsers(dest="documents_command", metavar=tr("cli.metavar.action"), required=True)
    s = dsub.add_parser("sample", parents=[common], help=tr("cli.help.documents_sample"))
    s.add_argument("--out", type=Path, required=True, metavar=tr("cli.metavar.dir"), help=tr("cli.help.out_dir"))
    s.add_argument("--paper", choices=PAPERS, default=None, help=tr("cli.help.paper"))
    s.add_argument("--print", dest="send", action="store_true", help=tr("cli.help.print_samples"))
    s.set_defaults(handler=do_sample)
    r = dsub.add_parser("reprint", parents=[common], help=tr("cli.help.documents_reprint"))
    r.add_argument("number", metavar=tr("cli.metavar.number"), help=tr("cli.help.case_number"))
    r.add_argument("--kind", choices=KINDS, action="append", help=tr("cli.help.kind"))
    r.set_defaults(handler=do_reprint)
    h = dsub.add_parser("handover", parents=[common], help=tr("cli.help.documents_handover"))
    h.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help=tr("cli.help.date"))
    h.add_argument("--paper", choices=PAPERS, default=None, help=tr("cli.help.paper"))
    h.add_argument("--out", type=Path, default=None, metavar=tr("cli.metavar.file"), help=tr("cli.help.out_file"))
    h.add_argument("--print", dest="send", action="store_true", help=tr("cli.help.print_handover"))
    h.set_defaults(handler=do_handover)


def _date(text: str):
    import datetime as dt

    from counter_app.cli.parser_words import word

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(word("cli.not_a_date", value=text)) from None


def _write(path: Path, pdf: bytes) -> None:
    from counter_app.errors import UserError

    try:
        path.write_bytes(pdf)
    except IsADirectoryError:
        raise UserError("documents.out_is_folder", path=str(path)) from None
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError):
    import errno

    from counter_app.errors import UserError

    why = {errno.ENOENT: "missing", errno.ENOTDIR: "missing", errno.EACCES: "denied", errno.EPERM: "denied",
           errno.EROFS: "read_only", errno.ENOSPC: "full"}.get(exc.errno, "other")
    return UserError(f"documents.cannot_write.{why}", path=str(path), detail=exc.strerror or type(exc).__name__)


def _out_folder(out: Path) -> None:
    from counter_app.errors import UserError

    if out.exists() and not out.is_dir():
        raise UserError("documents.out_not_folder", path=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(out, exc) from None


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
        _write(args.out, sheet.pdf)
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
    ctx = DocContext.from_settings(settings, now=SAMPLE_TIME, sample=True)
    cases = sample_cases()
    _out_folder(args.out)
    failure = None
    for kind in KINDS:
        pdf = render(kind, cases[kind], ctx, paper=paper)
        path = args.out / f"{kind}-{paper}.pdf"
        _write(path, pdf)
        if args.send and failure is None:
            try:
                print_pdf(pdf, settings, title=path.name)
                print(tr("documents.printed", path=str(path)))
            except UserError as exc:
                failure = exc       # the same printer would fail the same way for the rest
    print(tr("documents.sample_written", count=len(KINDS), paper=paper, out=str(args.out)))
    if failure is not None:
        print(tr("documents.sample_not_printed", reason=tr.error(failure)), file=sys.stderr)
        return 75 if failure.kind == "transient" else 2
    return 0


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
        raise UserError("documents.nothing_archived", kind=PERMANENT, number=args.number)
    for kind in kinds:
        try:
            path = reprint(args.number, kind, settings, data_dir)
        except UserError as exc:
            if not exc.key.startswith("printer."):
                raise
            print(f"{tr.error(exc)}{tr('printer.try_again')}", file=sys.stderr)
            return 75 if exc.kind == "transient" else 2
        print(tr("documents.reprinted", path=str(path)))
    from counter_app.services.access_log import Viewer, note_numbers
    from counter_app.store.database import Store

    store = Store(data_dir)       # who printed it again, as a case event
    try:
        note_numbers(store, "reprinted", [args.number], Viewer.of(settings), kinds=list(kinds))
    finally:
        store.close()
    return 0
