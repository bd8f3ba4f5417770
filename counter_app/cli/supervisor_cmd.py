"""``counter-app supervisor add NAME | remove NAME | list``: who may authorise overrides at this station.

The PIN (at least 6 digits) is asked twice without echo (or read from standard input with
``--pin-stdin``) and stored salted and hashed in supervisors.json, readable by the station's
user only (see :mod:`counter_app.supervisors`). Setting a new PIN also lifts a lock-out.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time

from counter_app.cli import data_dir_of


def register(sub, common, tr) -> None:
    p = sub.add_parser("supervisor", parents=[common], help=tr("cli.help.supervisor"))
    ssub = p.add_subparsers(dest="supervisor_command", metavar=tr("cli.metavar.action"), required=True)
    add = ssub.add_parser("add", parents=[common], help=tr("cli.help.supervisor_add"))
    add.add_argument("name", metavar=tr("cli.metavar.name"))
    add.add_argument("--pin-stdin", action="store_true", help=tr("cli.help.pin_stdin"))
    add.set_defaults(handler=do_add)
    rm = ssub.add_parser("remove", parents=[common], help=tr("cli.help.supervisor_remove"))
    rm.add_argument("name", metavar=tr("cli.metavar.name"))
    rm.set_defaults(handler=do_remove)
    lst = ssub.add_parser("list", parents=[common], help=tr("cli.help.supervisor_list"))
    lst.set_defaults(handler=do_list)


def _read_pin(args, tr) -> str | None:
    if args.pin_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(tr("supervisor.pin_prompt"))
    if getpass.getpass(tr("supervisor.pin_again")) != first:
        return None
    return first


def do_add(args: argparse.Namespace, tr) -> int:
    from counter_app import supervisors
    from counter_app.settings import load_settings

    data_dir = data_dir_of(args)
    load_settings(data_dir)          # a bad station.json is named first; an old one moves its PINs out
    pin = _read_pin(args, tr)
    if pin is None:
        print(tr("supervisor.pin_mismatch"), file=sys.stderr)
        return 2
    supervisors.add(data_dir, args.name, pin)
    print(tr("supervisor.added", name=args.name.strip()))
    return 0


def do_remove(args: argparse.Namespace, tr) -> int:
    from counter_app import supervisors
    from counter_app.settings import load_settings

    data_dir = data_dir_of(args)
    load_settings(data_dir)
    supervisors.remove(data_dir, args.name)
    print(tr("supervisor.removed", name=args.name.strip()))
    return 0


def do_list(args: argparse.Namespace, tr) -> int:
    from counter_app import supervisors
    from counter_app.settings import load_settings

    data_dir = data_dir_of(args)
    load_settings(data_dir)
    now = time.time()
    for _, sup in sorted(supervisors.load(data_dir).items()):
        if sup.must_reset:
            note = tr("supervisor.list_must_reset")
        elif sup.attempts.locked(now):
            note = tr("supervisor.list_locked", minutes=max(1, round((sup.attempts.locked_until - now) / 60)))
        else:
            note = ""
        print(f"{sup.name}\t{note}".rstrip())
    return 0
