"""``counter-app card decode FILE|-`` and ``counter-app card read [--reader NAME] [--reader-profiles DIR]``.

Both print the card as JSON (see :meth:`counter_app.cards.record.CardData.to_json`). A record
that cannot be decoded, or a read that fails, prints one line saying why on standard error
and exits with status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from counter_app.errors import UserError


def register(sub, common, tr) -> None:
    p = sub.add_parser("card", parents=[common], help=tr("cli.help.card"))
    card_sub = p.add_subparsers(dest="card_command", metavar=tr("cli.metavar.action"), required=True)
    d = card_sub.add_parser("decode", parents=[common], help=tr("cli.help.card_decode"))
    d.add_argument("file", metavar=tr("cli.metavar.file"), help=tr("cli.help.card_file"))
    d.set_defaults(handler=run_decode)
    r = card_sub.add_parser("read", parents=[common], help=tr("cli.help.card_read"))
    r.add_argument("--reader", metavar=tr("cli.metavar.name"), default=None, help=tr("cli.help.reader"))
    r.add_argument("--reader-profiles", metavar=tr("cli.metavar.dir"), type=Path, action="append", default=[],
                   help=tr("cli.help.reader_profiles"))
    r.set_defaults(handler=run_read)


def _print_card(card) -> None:
    json.dump(card.to_json(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _fail(tr, exc: UserError) -> int:
    print(tr.error(exc), file=sys.stderr)
    return 1


def run_decode(args: argparse.Namespace, tr) -> int:
    from counter_app.cards.decode import decode_hex

    try:
        if args.file == "-":
            # bytes, not text: in a zh_CN.UTF-8 locale Python decodes stdin strictly, and any
            # byte that is not UTF-8 ended in a UnicodeDecodeError traceback (issue 14)
            stdin = getattr(sys.stdin, "buffer", None)
            text = sys.stdin.read() if stdin is None else stdin.read().decode("utf-8", errors="replace")
        else:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _fail(tr, UserError("cards.file_unreadable", path=args.file))
    try:
        card = decode_hex(text)
    except UserError as exc:
        return _fail(tr, exc)
    _print_card(card)
    return 0


def run_read(args: argparse.Namespace, tr) -> int:
    from counter_app.cards.station import AUTO, open_reader, profile_dirs_of, reader_spec

    spec = args.reader
    settings = None
    if spec is None or not args.reader_profiles:
        from counter_app.cli import data_dir_of
        from counter_app.settings import load_settings

        try:
            settings = load_settings(data_dir_of(args))
        except UserError as exc:
            return _fail(tr, exc)
    spec = spec or (reader_spec(settings) if settings else AUTO)
    dirs = profile_dirs_of(settings, [str(d) for d in args.reader_profiles]) if settings else \
        tuple(str(d) for d in args.reader_profiles)
    result = open_reader(spec, profile_dirs=dirs).read_card()
    if not result.ok:
        return _fail(tr, result.error())
    _print_card(result.card)
    return 0
