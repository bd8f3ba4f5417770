"""``counter-app station set KEY VALUE`` and ``counter-app station show [--json]``: the station's
settings from a shell, for deploying many windows by script (the keys of station.json, with
``hall.code``, ``hall.name``, ... for the hall). A value is checked as station.json's is when read
(hall and window codes, paper); nothing is written when it is refused.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from pathlib import Path

from counter_app.cli import data_dir_of
from counter_app.errors import UserError

TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def register(sub, common, tr) -> None:
    p = sub.add_parser("station", parents=[common], help=tr("station.help"))
    ssub = p.add_subparsers(dest="station_command", metavar=tr("cli.metavar.action"), required=True)
    st = ssub.add_parser("set", parents=[common], help=tr("station.help.set"))
    st.add_argument("key", metavar=tr("station.metavar.key"))
    st.add_argument("value", metavar=tr("station.metavar.value"))
    st.set_defaults(handler=do_set)
    show = ssub.add_parser("show", parents=[common], help=tr("station.help.show"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=do_show)


def _fields(obj, prefix: str = ""):
    for f in dataclasses.fields(obj):
        if f.name == "extra":
            continue
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from _fields(value, f"{prefix}{f.name}.")
        else:
            yield prefix + f.name, value


def _typed(key: str, old, text: str):
    if isinstance(old, bool):
        if text.lower() not in TRUE + FALSE:
            raise UserError("station.bad_value", setting=key, value=text)
        return text.lower() in TRUE
    if isinstance(old, int):
        try:
            return int(text)
        except ValueError:
            raise UserError("station.bad_value", setting=key, value=text) from None
    if isinstance(old, tuple):
        return tuple(part.strip() for part in text.split(",") if part.strip())
    return text


def _replaced(settings, key: str, value):
    head, _, rest = key.partition(".")
    if rest:
        return dataclasses.replace(settings, **{head: _replaced(getattr(settings, head), rest, value)})
    return dataclasses.replace(settings, **{head: value})


def do_set(args: argparse.Namespace, tr) -> int:
    from counter_app.settings import load_settings, save_settings

    data_dir = data_dir_of(args)
    settings = load_settings(data_dir)
    current = dict(_fields(settings))
    if args.key not in current:
        raise UserError("station.unknown_key", setting=args.key, keys=", ".join(current))
    new = _replaced(settings, args.key, _typed(args.key, current[args.key], args.value))
    # the checks station.json gets when it is read, on a scratch copy first
    with tempfile.TemporaryDirectory() as scratch:
        save_settings(Path(scratch), new)
        try:
            load_settings(Path(scratch))
        except UserError:
            raise UserError("station.bad_value", setting=args.key, value=args.value) from None
    save_settings(data_dir, new)
    print(tr("station.set_done", setting=args.key, value=args.value))
    return 0


def do_show(args: argparse.Namespace, tr) -> int:
    from counter_app.settings import load_settings

    values = dict(_fields(load_settings(data_dir_of(args))))
    if args.json:
        print(json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()},
                         ensure_ascii=False, indent=2))
    else:
        for key, value in values.items():
            print(f"{key}\t{','.join(value) if isinstance(value, tuple) else value}")
    return 0
