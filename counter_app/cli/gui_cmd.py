"""``counter-app gui`` (the default) and ``counter-app demo``: start the window."""

from __future__ import annotations

import argparse


def register(sub, common, tr) -> None:
    p = sub.add_parser("gui", parents=[common], help=tr("cli.help.gui"))
    _reader_profiles(p, tr)
    p.set_defaults(handler=run_gui, demo=False)
    p = sub.add_parser("demo", parents=[common], help=tr("cli.help.demo"))
    p.add_argument("--keep", action="store_true", help=tr("cli.help.keep"))
    _reader_profiles(p, tr)
    p.set_defaults(handler=run_gui, demo=True)


def _reader_profiles(p, tr) -> None:
    p.add_argument("--reader-profiles", metavar=tr("cli.metavar.dir"), action="append", default=[],
                   help=tr("cli.help.reader_profiles_gui"))


def run_gui(args: argparse.Namespace, tr) -> int:
    from counter_app.gui.app import run  # Qt is imported only when a window is wanted

    # the window gets plain values: gui/ never imports the command line
    if getattr(args, "data_dir", None) or not args.demo:
        from counter_app.cli import data_dir_of

        data_dir = data_dir_of(args)
    else:
        data_dir = None                  # demo: a fresh folder under the temp directory
    return run(data_dir=data_dir, lang=getattr(args, "lang", None), demo=args.demo,
               keep=getattr(args, "keep", False), reader_profiles=tuple(args.reader_profiles or ()))
