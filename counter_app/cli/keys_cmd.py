"""``counter-app keys ...``: the station's data key (see :mod:`counter_app.store.station_keys`).

``keys status [--json]`` says where the key is kept and whether the database is encrypted;
``keys use-passphrase [--passphrase-stdin]`` is the escape hatch for a hall without a keyring: on
a new data folder, the key is derived from a passphrase asked at every start.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from counter_app.cli import data_dir_of


def register(sub, common, tr) -> None:
    p = sub.add_parser("keys", parents=[common], help=tr("keys.help"))
    ksub = p.add_subparsers(dest="keys_command", metavar=tr("cli.metavar.action"), required=True)
    st = ksub.add_parser("status", parents=[common], help=tr("keys.help.status"))
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=do_status)
    up = ksub.add_parser("use-passphrase", parents=[common], help=tr("keys.help.use_passphrase"))
    up.add_argument("--passphrase-stdin", action="store_true")
    up.set_defaults(handler=do_use_passphrase)


def ask_on_terminal(tr):
    """The start passphrase, asked on the terminal without echo (``--passphrase-stdin`` aside)."""
    def ask(_data_dir: str) -> str:
        if not sys.stdin.isatty():       # a script pipes it in (as ``use-passphrase --passphrase-stdin``)
            return sys.stdin.readline().rstrip("\r\n")
        return getpass.getpass(tr("keys.passphrase_prompt"))

    return ask


def do_status(args: argparse.Namespace, tr) -> int:
    from counter_app.store import sqlite_file, station_keys

    data_dir = data_dir_of(args)
    info = station_keys.read_info(data_dir)
    db = data_dir / sqlite_file.DB_FILE
    state = "no_db" if not db.exists() else "plain" if sqlite_file.is_plain(db) else "encrypted"
    if args.json:
        print(json.dumps({"source": info.source if info else None, "key_id": info.key_id if info else None,
                          "database": state}))
        return 0
    print(tr(f"keys.status.source.{info.source}") if info else tr("keys.status.none"))
    print(tr(f"keys.status.{state}"))
    return 0


def _read_twice(args, tr) -> str | None:
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(tr("keys.passphrase_prompt"))
    return first if getpass.getpass(tr("keys.passphrase_again")) == first else None


def do_use_passphrase(args: argparse.Namespace, tr) -> int:
    from counter_app.store import station_keys

    data_dir = data_dir_of(args)
    if station_keys.has_key(data_dir):     # said before the passphrase is typed
        station_keys.use_passphrase(data_dir, "")
    passphrase = _read_twice(args, tr)
    if passphrase is None:
        print(tr("keys.passphrase_mismatch"), file=sys.stderr)
        return 2
    station_keys.use_passphrase(data_dir, passphrase)
    print(tr("keys.passphrase_set"))
    return 0
