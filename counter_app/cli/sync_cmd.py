"""``counter-app enrol URL CODE [--ca FILE]``, ``counter-app sync [--once] [--json]``,
``counter-app sync status [--json]`` and ``counter-app demo cases --count N [--days-back D]``."""

from __future__ import annotations

import argparse
import json
import sys
import time

from counter_app.cli import data_dir_of, positive_int


def register(sub, common, tr) -> None:
    enrol = sub.add_parser("enrol", parents=[common], help=tr("sync.help.enrol"))
    enrol.add_argument("url")
    enrol.add_argument("code")
    enrol.add_argument("--ca", default="", help=tr("sync.help.ca"))
    enrol.set_defaults(handler=do_enrol)

    sync = sub.add_parser("sync", parents=[common], help=tr("sync.help.sync"))
    sync.add_argument("action", nargs="?", choices=["status"], help=tr("sync.help.status"))
    sync.add_argument("--once", action="store_true", help=tr("sync.help.once"))
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=do_sync)

    # ``counter-app demo`` alone starts the window in demo mode (gui_cmd); ``demo cases`` makes cases
    demo = sub.choices.get("demo") or sub.add_parser("demo", parents=[common], help=tr("sync.help.demo"))
    dsub = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=False)
    cases = dsub.add_parser("cases", parents=[common], help=tr("sync.help.demo_cases"))
    cases.add_argument("--count", type=positive_int, required=True)
    cases.add_argument("--days-back", type=int, default=0)
    cases.add_argument("--seed", type=int, default=None)
    cases.add_argument("--ratings", action="store_true", help=tr("report.help.demo_ratings"))
    cases.set_defaults(handler=do_demo_cases)


def do_enrol(args: argparse.Namespace, tr) -> int:
    from counter_app.sync.enrol import enrol

    enrolment, where = enrol(data_dir_of(args), args.url, args.code, ca_file=args.ca)
    print(tr("sync.enrolled", hall=enrolment.hall_name, hall_code=enrolment.hall_code,
             window=enrolment.window_code))
    print(tr("sync.credential_keyring") if where == "keyring" else tr("sync.credential_file", path=where))
    return 0


def _status(store, data_dir) -> dict:
    from counter_app.store import outbox
    from counter_app.sync import config

    with store.session() as s:
        backlog = outbox.backlog(s)
        rejected = outbox.rejected_entries(s)
    enrolment = config.load(data_dir)
    return {"enrolled": enrolment is not None, "server": enrolment.url if enrolment else "",
            "pending": backlog.pending, "rejected": backlog.rejected,
            "oldest_pending": backlog.oldest.isoformat(timespec="seconds") if backlog.oldest else None,
            "rejections": [{"case_id": c, "event_id": e, "reason": r} for c, e, r in rejected]}


def do_sync(args: argparse.Namespace, tr) -> int:
    from counter_app.store.database import Store

    data_dir = data_dir_of(args)
    store = Store(data_dir)
    try:
        if args.action == "status":
            status = _status(store, data_dir)
            if args.json:
                print(json.dumps(status, ensure_ascii=False))
            else:
                print(tr("sync.status_line", pending=status["pending"], rejected=status["rejected"],
                         oldest=status["oldest_pending"] or "-", server=status["server"] or "-"))
            return 0
        return _sync(store, data_dir, args, tr)
    finally:
        store.close()


def _sync(store, data_dir, args, tr) -> int:
    from counter_app.errors import TRANSIENT, UserError
    from counter_app.services import retention
    from counter_app.settings import load_settings
    from counter_app.sync.engine import sync_once
    from counter_app.sync.retry import Backoff
    from counter_app.sync.session import open_client

    _, client = open_client(data_dir)
    backoff = Backoff()
    try:
        while True:
            try:
                report = sync_once(store, client)
            except UserError as exc:
                if args.once or exc.kind != TRANSIENT:
                    raise
                delay = backoff.next_delay()
                print(tr("sync.retrying", error=tr.error(exc), seconds=round(delay)), file=sys.stderr)
                time.sleep(delay)
                continue
            backoff.reset()
            retention.sweep(store=store, settings=load_settings(data_dir))   # what the server now keeps
            _refresh_reference(store, client, data_dir, tr)
            if args.json:
                print(json.dumps(report.as_dict()), flush=True)
            else:
                print(tr("sync.report", **report.as_dict()), flush=True)
            for event_id, reason in report.rejections:
                print(tr("sync.rejected_entry", event=event_id, reason=reason), file=sys.stderr)
            if args.once:
                return 0
            time.sleep(30)
    finally:
        client.close()


def _refresh_reference(store, client, data_dir, tr) -> None:
    """Catalog and calendar by version (a command line has no open case to disturb)."""
    from counter_app.errors import UserError
    from counter_app.sync.reference import refresh

    try:
        notes = refresh(store, client, data_dir)
    except UserError as exc:
        notes = [(exc.key, exc.params)]
    for key, params in notes:
        print(tr(key, **params), file=sys.stderr)


def do_demo_cases(args: argparse.Namespace, tr) -> int:
    from counter_app.services.catalog_view import CatalogView
    from counter_app.services.demo_cases import make_demo_cases
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import load_settings
    from counter_app.store.database import Store

    data_dir = data_dir_of(args)
    store = Store(data_dir, demo=True)     # synthetic cases: a bare machine may keep a demo-only key
    try:
        from counter_app.services.demo_station import ensure_sample_catalog

        ensure_sample_catalog(store=store)     # a fresh folder gets the sample catalog, as `demo` does
        settings, calendar = load_settings(data_dir), load_calendar(data_dir)
        records = make_demo_cases(store=store, settings=settings, catalog=CatalogView.load(store),
                                  calendar=calendar, count=args.count, days_back=args.days_back, seed=args.seed)
        if args.ratings:
            from counter_app.services.demo_ratings import rate_demo_cases

            rate_demo_cases(store=store, settings=settings, calendar=calendar, records=records, seed=args.seed)
    finally:
        store.close()
    print(tr("sync.demo_made", count=len(records)))
    return 0
