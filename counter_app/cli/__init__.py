"""The ``counter-app`` command.

No arguments start the GUI. Each group of subcommands lives in its own module with a
``register(subparsers, common, tr)`` function; add the module to ``COMMAND_MODULES``.
Every subcommand takes ``--data-dir`` and ``--lang``. Help and argument errors are in the
user's language like everything else: Chinese unless ``--lang en`` (see
:mod:`counter_app.cli.parser_words`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.i18n import LANGUAGES, Translator

COMMAND_MODULES = (
    "counter_app.cli.gui_cmd",
    "counter_app.cli.catalog_cmd",
    "counter_app.cli.card_cmd",
    "counter_app.cli.documents_cmd",
    "counter_app.cli.supervisor_cmd",
    "counter_app.cli.clerk_cmd",
    "counter_app.cli.sync_cmd",
    "counter_app.cli.station_cmd",
    "counter_app.cli.calendar_cmd",
    "counter_app.cli.report_cmd",
    "counter_app.cli.departments_cmd",
    "counter_app.cli.keys_cmd",
)


def common_options(tr, *, suppress: bool) -> argparse.ArgumentParser:
    default = argparse.SUPPRESS if suppress else None
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir", type=Path, default=default, metavar=tr("cli.metavar.dir"),
                   help=tr("cli.help.data_dir"))
    p.add_argument("--lang", choices=list(LANGUAGES), default=default, help=tr("cli.help.lang"))
    return p


def build_parser(tr: Translator | None = None) -> argparse.ArgumentParser:
    tr = tr or Translator()
    parser = argparse.ArgumentParser(prog="counter-app", parents=[common_options(tr, suppress=False)],
                                     description=tr("cli.description"))
    # Python 3.11's version action does not pass its help through gettext: translated here
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}",
                        help=argparse._("show program's version number and exit"))
    sub = parser.add_subparsers(dest="command", metavar=tr("cli.metavar.command"))
    common = common_options(tr, suppress=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common, tr)
    return parser


def data_dir_of(args: argparse.Namespace) -> Path:
    if getattr(args, "data_dir", None):
        return Path(args.data_dir)
    from counter_app.paths import default_data_dir

    return default_data_dir()


def language_of(args: argparse.Namespace) -> str | None:
    return getattr(args, "lang", None)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``--limit 0`` is a mistake, not "one")."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        from counter_app.cli.parser_words import word

        raise argparse.ArgumentTypeError(word("cli.not_positive", value=text))
    return value


def main(argv: list[str] | None = None) -> int:
    from counter_app.cli.parser_words import language_in, localized

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or all(a.startswith("--") for a in argv[::2]) and not any(
            a in ("-h", "--help", "--version") for a in argv):
        argv = ["gui", *argv]
    tr = Translator(language_in(argv))
    with localized(tr):
        parser = build_parser(tr)
        args = parser.parse_args(argv)
    tr = Translator(language_of(args) or tr.language)
    from counter_app.cli.keys_cmd import ask_on_terminal
    from counter_app.command_exit import run_handler
    from counter_app.store.station_keys import set_passphrase_prompt

    set_passphrase_prompt(ask_on_terminal(tr))     # a station on the passphrase escape hatch
    from counter_app import log_setup

    log_setup.configure(data_dir_of(args))          # the file is made only when something is logged
    return run_handler(args, tr)
