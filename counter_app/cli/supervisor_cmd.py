"""``counter-app supervisor add NAME | list``: who may authorise overrides at this station.

The PIN is asked twice without echo (or read from standard input with ``--pin-stdin``) and
stored salted and hashed in station.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys

from counter_app.cli import data_dir_of


def register(sub, common) -> None:
    p = sub.add_parser("supervisor", parents=[common], help="supervisors who may authorise overrides")
    ssub = p.add_subparsers(dest="supervisor_command", metavar="ACTION", required=True)
    add = ssub.add_parser("add", parents=[common], help="add a supervisor (or change their PIN)")
    add.add_argument("name")
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    add.set_defaults(handler=do_add)
    lst = ssub.add_parser("list", parents=[common], help="list the station's supervisors")
    lst.set_defaults(handler=do_list)


def _read_pin(args) -> str | None:
    if args.pin_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("PIN: ")
    if getpass.getpass("PIN (again): ") != first:
        return None
    return first


def do_add(args: argparse.Namespace, tr) -> int:
    from counter_app.domain.supervisor import make_entry
    from counter_app.settings import load_settings, save_settings

    data_dir = data_dir_of(args)
    settings = load_settings(data_dir)
    pin = _read_pin(args)
    if pin is None:
        print(tr("supervisor.pin_mismatch"), file=sys.stderr)
        return 2
    try:
        entry = make_entry(args.name, pin)
    except ValueError:
        print(tr("supervisor.bad"), file=sys.stderr)
        return 2
    kept = tuple(e for e in settings.supervisors if e.split("|", 1)[0] != args.name.strip())
    save_settings(data_dir, dataclasses.replace(settings, supervisors=kept + (entry,)))
    print(tr("supervisor.added", name=args.name.strip()))
    return 0


def do_list(args: argparse.Namespace, tr) -> int:
    from counter_app.domain.supervisor import names
    from counter_app.settings import load_settings

    for name in names(load_settings(data_dir_of(args)).supervisors):
        print(name)
    return 0
