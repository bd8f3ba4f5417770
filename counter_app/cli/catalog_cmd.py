"""``counter-app catalog import|export|search``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from counter_app.cli import data_dir_of, positive_int


def register(sub, common, tr) -> None:
    p = sub.add_parser("catalog", parents=[common], help=tr("cli.help.catalog"))
    csub = p.add_subparsers(dest="catalog_command", metavar=tr("cli.metavar.action"), required=True)
    imp = csub.add_parser("import", parents=[common], help=tr("cli.help.catalog_import"))
    imp.add_argument("file", type=Path, metavar=tr("cli.metavar.file"))
    imp.add_argument("--force", action="store_true", help=tr("cli.help.force"))
    imp.set_defaults(handler=do_import)
    exp = csub.add_parser("export", parents=[common], help=tr("cli.help.catalog_export"))
    exp.add_argument("file", type=Path, metavar=tr("cli.metavar.file"))
    exp.set_defaults(handler=do_export)
    srch = csub.add_parser("search", parents=[common], help=tr("cli.help.catalog_search"))
    srch.add_argument("query", metavar=tr("cli.metavar.query"))
    srch.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    srch.add_argument("--limit", type=positive_int, default=10, metavar="N", help=tr("cli.help.limit"))
    srch.set_defaults(handler=do_search)


def _store(args, *, create: bool = False):
    """The station's open database. Only ``import`` may create a station: a read-only command
    with a mistyped ``--data-dir`` says so instead of leaving a new empty station behind."""
    from counter_app.errors import UserError
    from counter_app.store.database import Store
    from counter_app.store.sqlite_file import DB_FILE

    data_dir = data_dir_of(args)
    if not create and not (data_dir / DB_FILE).is_file():
        raise UserError("store.no_station", path=str(data_dir))
    return Store(data_dir)


def do_import(args: argparse.Namespace, tr) -> int:
    from counter_app.services.catalog_io import import_catalog

    summary = import_catalog(store=_store(args, create=True), path=args.file, force=args.force)
    print(tr("catalog.imported", version=summary.version, departments=summary.departments,
             items=summary.items, bundles=summary.bundles))
    return 0


def do_export(args: argparse.Namespace, tr) -> int:
    from counter_app.services.catalog_io import export_catalog

    n = export_catalog(store=_store(args), path=args.file)
    print(tr("catalog.exported", items=n, path=str(args.file)))
    return 0


def do_search(args: argparse.Namespace, tr) -> int:
    from counter_app.services.catalog_view import CatalogView

    # argv bytes that are not UTF-8 arrive as lone surrogates, which a strict UTF-8 stdout cannot
    # print (UnicodeEncodeError in zh_CN.UTF-8): shown as U+FFFD instead
    args.query = os.fsencode(args.query).decode("utf-8", errors="replace")
    view = CatalogView.load(_store(args))
    hits = view.search(args.query, args.limit, items_only=True)
    if args.json:
        json.dump([{"code": h.code, "name": h.name, "department": view.department_name(h.department),
                    "department_code": h.department,
                    "score": h.score} for h in hits], sys.stdout, ensure_ascii=False)
        print()
        return 0
    if not hits:      # no match is an answer, not an error: exit 0 as with --json
        print(tr("search.no_results", query=args.query))
        return 0
    for h in hits:
        print(f"{h.code}\t{h.name}\t{view.department_name(h.department)}\t{h.score:.1f}")
    return 0
