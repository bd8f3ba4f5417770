"""The ``counter-central`` command: run the central server and administer it.

    counter-central serve --data-dir DIR [--host 127.0.0.1] [--port 8800]
    counter-central serve --database-url postgresql+psycopg://... [--workers N] [--cert F --key F]
    counter-central hall add CODE NAME
    counter-central clerk add LOGIN --hall CODE --role clerk|supervisor|admin [--password-stdin]
    counter-central enrol-code --hall CODE --window CODE [--hours H] [--replace]
    counter-central cases --hall CODE [--json]
    counter-central catalog publish FILE [--hall CODE]
    counter-central calendar publish FILE

Every command takes ``--data-dir`` (embedded SQLite) or ``--database-url``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from counter_app.errors import UserError
from counter_app.i18n import Translator


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                       help="数据目录（内嵌 SQLite）/ data folder (embedded SQLite)")
    where.add_argument("--database-url", default=argparse.SUPPRESS,
                       help="数据库 / database, e.g. postgresql+psycopg://user@host/db")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS)
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="counter-central", description="一窗通 中心服务器 / central server")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = sub.add_parser("serve", parents=[common], help="运行服务器 / run the server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8800)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--cert", type=Path, help="TLS 证书 / certificate (PEM)")
    serve.add_argument("--key", type=Path, help="TLS 私钥 / private key (PEM)")
    serve.set_defaults(handler=do_serve)

    hall = sub.add_parser("hall", help="大厅 / halls").add_subparsers(dest="hall_command", required=True)
    add = hall.add_parser("add", parents=[common], help="添加大厅 / add a hall")
    add.add_argument("code")
    add.add_argument("name")
    add.set_defaults(handler=do_hall_add)

    clerk = sub.add_parser("clerk", help="受理员账号 / clerk accounts").add_subparsers(dest="clerk_command",
                                                                                      required=True)
    cadd = clerk.add_parser("add", parents=[common], help="添加或更新账号 / add or update a clerk")
    cadd.add_argument("login")
    cadd.add_argument("--hall", required=True)
    cadd.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    cadd.add_argument("--name", default="")
    cadd.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码 / read the password from stdin")
    cadd.set_defaults(handler=do_clerk_add)

    code = sub.add_parser("enrol-code", parents=[common], help="一次性注册码 / one-time enrolment code")
    code.add_argument("--hall", required=True)
    code.add_argument("--window", required=True)
    code.add_argument("--hours", type=int, default=24, help="有效小时数 / valid for H hours")
    code.add_argument("--replace", action="store_true",
                      help="重新注册：用掉此码时吊销该窗口原有设备 / re-enrol: revokes the window's current device")
    code.set_defaults(handler=do_enrol_code)

    cases = sub.add_parser("cases", parents=[common], help="大厅的全部办件 / every case of a hall")
    cases.add_argument("--hall", required=True)
    cases.add_argument("--json", action="store_true")
    cases.set_defaults(handler=do_cases)

    for name, handler in (("catalog", do_catalog_publish), ("calendar", do_calendar_publish)):
        group = sub.add_parser(name).add_subparsers(dest=f"{name}_command", required=True)
        pub = group.add_parser("publish", parents=[common], help="发布 / publish")
        pub.add_argument("file", type=Path)
        if name == "catalog":
            pub.add_argument("--hall", default="", help="只发布给该大厅 / only for this hall")
        pub.set_defaults(handler=handler)
    return parser


def _url(args) -> str:
    from counter_app.central.database import url_for

    data_dir = getattr(args, "data_dir", None)
    url = getattr(args, "database_url", None)
    if data_dir is None and url is None:
        raise UserError("central.where")
    return url_for(data_dir=data_dir, database_url=url)


def _open(args):
    from counter_app.central.database import Database

    return Database(_url(args))


def do_serve(args, tr) -> int:
    import uvicorn

    from counter_app.central.asgi import URL_VARIABLE
    from counter_app.central.database import upgrade

    url = _url(args)
    if args.workers > 1 and url.startswith("sqlite"):
        raise UserError("central.workers_need_postgres")
    if bool(args.cert) != bool(args.key):
        raise UserError("central.cert_and_key")
    upgrade(url)
    os.environ[URL_VARIABLE] = url
    print(tr("central.serving", url=f"{'https' if args.cert else 'http'}://{args.host}:{args.port}"), flush=True)
    uvicorn.run("counter_app.central.asgi:create_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers if args.workers > 1 else None, log_level="warning",
                ssl_certfile=str(args.cert) if args.cert else None, ssl_keyfile=str(args.key) if args.key else None)
    return 0


def do_hall_add(args, tr) -> int:
    from counter_app.central import admin

    admin.add_hall(_open(args), args.code, args.name)
    print(tr("central.hall_added", code=args.code, name=args.name))
    return 0


def do_clerk_add(args, tr) -> int:
    from counter_app.central import admin

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(tr("central.password") + ": ")
        if getpass.getpass(tr("central.password_again") + ": ") != password:
            raise UserError("central.password_mismatch")
    admin.add_clerk(_open(args), args.login, hall=args.hall, role=args.role, password=password, name=args.name)
    print(tr("central.clerk_added", login=args.login, role=args.role, hall=args.hall))
    return 0


def do_enrol_code(args, tr) -> int:
    from counter_app.central import admin

    code, expires = admin.new_enrolment_code(_open(args), hall=args.hall, window=args.window, hours=args.hours,
                                           replace=args.replace)
    print(code)
    print(tr("central.code_valid_until", until=expires.astimezone().strftime("%Y-%m-%d %H:%M")), file=sys.stderr)
    return 0


def do_cases(args, tr) -> int:
    from counter_app.central import admin

    rows = admin.cases_of_hall(_open(args), args.hall)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for r in rows:
            print(f"{r['number']}\t{r['id']}\t{r['window']}\t{r['status']}")
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UserError("central.unreadable_file", path=str(path)) from None


def do_catalog_publish(args, tr) -> int:
    from counter_app.central import admin

    version = admin.publish_catalog(_open(args), _read(args.file), hall=args.hall)
    print(tr("central.catalog_published", version=version))
    return 0


def do_calendar_publish(args, tr) -> int:
    from counter_app.central import admin

    try:
        version = admin.publish_calendar(_open(args), _read(args.file))
    except (ValueError, KeyError, TypeError):
        raise UserError("central.bad_calendar", path=str(args.file)) from None
    print(tr("central.calendar_published", version=version))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    tr = Translator(getattr(args, "lang", None))
    from counter_app.command_exit import run_handler

    return run_handler(args, tr)


if __name__ == "__main__":
    raise SystemExit(main())
