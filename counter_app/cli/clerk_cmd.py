"""``counter-app clerk add LOGIN [--name NAME] [--password-stdin] | remove LOGIN | list``: the
clerks of a station that has no central server (an enrolled station's clerks are the server's,
``counter-central clerk add``). With at least one, the window asks for a sign-in at start and to
unlock; without any it keeps the clerk of the station settings. Passwords (at least 8 characters)
are kept as scrypt verifiers in ``clerks.json``, readable by the station's user only."""

from __future__ import annotations

import argparse
import getpass
import sys

from counter_app.cli import data_dir_of


def register(sub, common, tr) -> None:
    p = sub.add_parser("clerk", parents=[common], help=tr("clerk.help"))
    csub = p.add_subparsers(dest="clerk_command", metavar=tr("cli.metavar.action"), required=True)
    add = csub.add_parser("add", parents=[common], help=tr("clerk.help.add"))
    add.add_argument("login")
    add.add_argument("--name", default="", help=tr("clerk.help.name"))
    add.add_argument("--password-stdin", action="store_true", help=tr("clerk.help.password_stdin"))
    add.set_defaults(handler=do_add)
    rm = csub.add_parser("remove", parents=[common], help=tr("clerk.help.remove"))
    rm.add_argument("login")
    rm.set_defaults(handler=do_remove)
    csub.add_parser("list", parents=[common], help=tr("clerk.help.list")).set_defaults(handler=do_list)


def do_add(args: argparse.Namespace, tr) -> int:
    from counter_app.errors import UserError
    from counter_app.sync import clerk_signin, config

    data_dir = data_dir_of(args)
    if config.load(data_dir) is not None:
        raise UserError("clerk.enrolled_station")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(tr("clerk.password_prompt"))
        if getpass.getpass(tr("clerk.password_again")) != password:
            print(tr("clerk.password_mismatch"), file=sys.stderr)
            return 2
    clerk_signin.add_local(data_dir, args.login, args.name, password)
    print(tr("clerk.added", login=args.login.strip()))
    return 0


def do_remove(args: argparse.Namespace, tr) -> int:
    from counter_app.errors import UserError
    from counter_app.sync import clerk_signin

    if not clerk_signin.remove_local(data_dir_of(args), args.login.strip()):
        raise UserError("clerk.unknown", login=args.login.strip())
    print(tr("clerk.removed", login=args.login.strip()))
    return 0


def do_list(args: argparse.Namespace, tr) -> int:
    from counter_app.sync import clerk_signin

    for login, name, role in clerk_signin.local_clerks(data_dir_of(args)):
        print(f"{login}\t{name}\t{role}")
    return 0
