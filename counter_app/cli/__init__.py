"""The ``counter-app`` command.

No arguments start the GUI. Each group of subcommands lives in its own module with a
``register(subparsers, common)`` function; add the module to ``COMMAND_MODULES``.
Every subcommand takes ``--data-dir`` and ``--lang``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from counter_app.errors import UserError
from counter_app.i18n import Translator

COMMAND_MODULES = (
    "counter_app.cli.gui_cmd",
    "counter_app.cli.catalog_cmd",
    "counter_app.cli.card_cmd",
    "counter_app.cli.documents_cmd",
    "counter_app.cli.supervisor_cmd",
)


def common_options(*, suppress: bool) -> argparse.ArgumentParser:
    default = argparse.SUPPRESS if suppress else None
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir", type=Path, default=default,
                   help="station data directory (default: the platform's user data directory)")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=default, help="UI and message language")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counter-app", parents=[common_options(suppress=False)],
                                     description="一窗通 · OneWindow Counter")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options(suppress=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def data_dir_of(args: argparse.Namespace) -> Path:
    if getattr(args, "data_dir", None):
        return Path(args.data_dir)
    from counter_app.paths import default_data_dir

    return default_data_dir()


def language_of(args: argparse.Namespace) -> str | None:
    return getattr(args, "lang", None)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or all(a.startswith("--") for a in argv[::2]) and not any(
            a in ("-h", "--help") for a in argv):
        argv = ["gui", *argv]
    parser = build_parser()
    args = parser.parse_args(argv)
    tr = Translator(language_of(args))
    try:
        return int(args.handler(args, tr) or 0)
    except UserError as exc:
        print(tr.error(exc), file=sys.stderr)
        for problem in getattr(exc, "problems", ()):
            print("  " + problem.text(tr), file=sys.stderr)
        return 2 if exc.kind != "transient" else 75
    except KeyboardInterrupt:
        return 130
