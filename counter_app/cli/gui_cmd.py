"""``counter-app gui`` (the default) and ``counter-app demo``: start the window."""

from __future__ import annotations

import argparse


def register(sub, common) -> None:
    p = sub.add_parser("gui", parents=[common], help="start the intake window (default)")
    _reader_profiles(p)
    p.set_defaults(handler=run_gui, demo=False)
    p = sub.add_parser("demo", parents=[common],
                       help="start in demo mode: fresh data directory, sample catalog, simulated card reader")
    p.add_argument("--keep", action="store_true", help="reuse the demo data directory instead of a fresh one")
    _reader_profiles(p)
    p.set_defaults(handler=run_gui, demo=True)


def _reader_profiles(p) -> None:
    p.add_argument("--reader-profiles", metavar="DIR", action="append", default=[],
                   help="a folder of reader profiles (*.toml) added to the built-in ones (repeatable)")


def run_gui(args: argparse.Namespace, tr) -> int:
    from counter_app.gui.app import run  # Qt is imported only when a window is wanted

    return run(args)
