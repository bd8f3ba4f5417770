"""``counter-app departments status [--json]``, ``departments deliver [--once]``,
``departments resend CASE_NUMBER``, ``departments answer CASE_NUMBER`` (a manual department's
answer, by hand) and ``departments credentials SYSTEM`` (issue 9)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
import time

from counter_app.cli import data_dir_of


def register(sub, common, tr) -> None:
    p = sub.add_parser("departments", parents=[common], help=tr("departments.help.group"))
    dsub = p.add_subparsers(dest="departments_command", metavar="ACTION", required=True)
    status = dsub.add_parser("status", parents=[common], help=tr("departments.help.status"))
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=do_status)
    deliver = dsub.add_parser("deliver", parents=[common], help=tr("departments.help.deliver"))
    deliver.add_argument("--once", action="store_true", help=tr("departments.help.once"))
    deliver.set_defaults(handler=do_deliver)
    resend = dsub.add_parser("resend", parents=[common], help=tr("departments.help.resend"))
    resend.add_argument("case_number")
    resend.add_argument("--department", default=None)
    resend.set_defaults(handler=do_resend)
    answer = dsub.add_parser("answer", parents=[common], help=tr("departments.help.answer"))
    answer.add_argument("case_number")
    answer.add_argument("--department", required=True)
    answer.add_argument("--status", required=True, choices=["received", "in_progress", "done", "returned"])
    answer.add_argument("--reference", default="")
    answer.set_defaults(handler=do_answer)
    cred = dsub.add_parser("credentials", parents=[common], help=tr("departments.help.credentials"))
    cred.add_argument("system")
    cred.add_argument("--clerk", default=None)
    cred.add_argument("--stdin", action="store_true", help=tr("departments.help.cred_stdin"))
    cred.set_defaults(handler=do_credentials)


def _open(args):
    from counter_app.connectors.registry import Registry
    from counter_app.store.database import Store

    data_dir = data_dir_of(args)
    return data_dir, Store(data_dir), Registry.for_station(data_dir)


def _problems(registry, tr) -> None:
    for p in registry.problems:
        print(p.text(tr), file=sys.stderr)


def do_status(args: argparse.Namespace, tr) -> int:
    from counter_app.services.department_health import health

    _, store, registry = _open(args)
    try:
        rows = health(store, registry)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"departments": [r.as_json() for r in rows],
                          "problems": [p.text(tr) for p in registry.problems]}, ensure_ascii=False))
        return 0
    _problems(registry, tr)
    now = dt.datetime.now()
    for r in rows:
        oldest = f"{r.oldest_case} ({int((now - r.oldest_at).total_seconds() // 60)} min)" if r.oldest_at else "-"
        print(tr("departments.status_line", code=r.department, name=r.name, state=tr(f"departments.state.{r.state}"),
                 waiting=r.waiting, parked=r.parked, oldest=oldest,
                 reason=tr(r.reason) if r.reason else ""))
    return 0


def do_deliver(args: argparse.Namespace, tr) -> int:
    from counter_app.services.delivery import Deliverer, direct_db

    _, store, registry = _open(args)
    _problems(registry, tr)
    deliverer = Deliverer(direct_db(store), registry)
    worked = 0
    try:
        if args.once:
            worked = deliverer.run_once()
        else:
            while True:             # until Ctrl+C; a hanging department holds only its own lane
                deliverer.kick()
                time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        deliverer.close()
        registry.close()
        store.close()
    print(tr("departments.worked", n=worked))
    return 0


def do_resend(args: argparse.Namespace, tr) -> int:
    from counter_app.services.delivery import resend

    _, store, registry = _open(args)
    try:
        n = resend(store, args.case_number, department=args.department)
    finally:
        store.close()
    print(tr("departments.resent", n=n, number=args.case_number))
    return 0


def do_answer(args: argparse.Namespace, tr) -> int:
    """A manual department's answer (the handover sheet came back, or it phoned)."""
    from counter_app.services.delivery import record_by_hand
    from counter_app.settings import load_settings

    data_dir, store, _registry = _open(args)
    try:
        record_by_hand(store, args.case_number, args.department, status=args.status, reference=args.reference,
                       clerk=load_settings(data_dir).clerk)
    finally:
        store.close()
    print(tr("departments.answered", number=args.case_number, status=tr(f"departments.dept_status.{args.status}")))
    return 0


def do_credentials(args: argparse.Namespace, tr) -> int:
    """Enter a system's credentials for a clerk (default: the station's clerk) into the keyring."""
    from counter_app.connectors import credentials
    from counter_app.errors import UserError
    from counter_app.services.delivery import credentials_saved
    from counter_app.settings import load_settings

    data_dir, store, registry = _open(args)
    try:
        desc = next((d for d in registry.descriptions if d.system == args.system), None)
        if desc is None:
            raise UserError("departments.no_such_system", system=args.system)
        clerk = args.clerk or load_settings(data_dir).clerk
        values = {}
        lines = sys.stdin.read().splitlines() if args.stdin else []
        for n, name in enumerate(desc.credential_fields):
            values[name] = lines[n] if args.stdin and n < len(lines) else getpass.getpass(f"{name}: ")
        credentials.save(clerk, desc.system, values)
        credentials_saved(store, clerk, desc.departments)
    finally:
        store.close()
    print(tr("departments.credentials_saved", system=desc.name, clerk=clerk))
    return 0
