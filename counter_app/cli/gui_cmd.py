"""``counter-app gui`` (the default) and ``counter-app demo``: start the window."""

from __future__ import annotations

import argparse


def register(sub, common) -> None:
    p = sub.add_parser("gui", parents=[common], help="start the intake window (default)")
    p.set_defaults(handler=run_gui, demo=False)
    p = sub.add_parser("demo", parents=[common],
                       help="start in demo mode: fresh data directory, sample catalog, simulated card reader")
    p.add_argument("--keep", action="store_true", help="reuse the demo data directory instead of a fresh one")
    p.set_defaults(handler=run_gui, demo=True)


def run_gui(args: argparse.Namespace, tr) -> int:
    from counter_app.gui.app import run  # Qt is imported only when a window is wanted

    return run(args)
