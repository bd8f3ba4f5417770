"""``counter-dept-sim --config FILE`` or ``counter-dept-sim --departments N --port P``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="counter-dept-sim",
                                description="模拟部门业务系统 / simulated department systems on 127.0.0.1")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--config", type=Path, help="TOML file describing the departments")
    src.add_argument("--departments", type=int, help="N departments of every connector kind in turn")
    p.add_argument("--port", type=int, default=0, help="control port; department i on PORT+1+i (0: any free)")
    p.add_argument("--catalog", type=Path, help="take department codes and names from this catalog JSON")
    p.add_argument("--write-connectors", type=Path, metavar="DIR",
                   help="write the matching connector description files into DIR")
    p.add_argument("--credentials-out", type=Path, metavar="FILE",
                   help="write the simulated systems' test credentials (JSON) to FILE")
    p.add_argument("--ready-file", type=Path, metavar="FILE", help="write the control URL here once listening")
    return p


def config_from(args):
    from counter_app.dept_sim import config

    if args.config:
        return config.load(args.config)
    names = None
    if args.catalog:
        data = json.loads(args.catalog.read_text(encoding="utf-8"))
        names = [(d["code"], d["name"]) for d in data["departments"]]
    n = args.departments if names is None else min(args.departments, len(names))
    return config.generated(n, port=args.port, names=names)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from counter_app.dept_sim import descriptions
    from counter_app.dept_sim.runner import SimRunner

    try:
        runner = SimRunner(config_from(args))
    except (OSError, ValueError, KeyError) as exc:
        print(f"counter-dept-sim: {exc}", file=sys.stderr)
        return 2
    if args.write_connectors:
        descriptions.write_all(runner.sim, args.write_connectors)
    if args.credentials_out:
        args.credentials_out.write_text(json.dumps(descriptions.credentials(runner.sim)), encoding="utf-8")
    print(f"control {runner.control_url}", flush=True)
    for code, st in runner.sim.states.items():
        where = st.dept.database_url.split("@")[-1] if st.dept.kind == "front_db" else f"port {runner.sim.port_of(code)}"
        print(f"  {code} {st.dept.kind}/{st.dept.auth} {where} fault={st.dept.fault}", flush=True)
    if args.ready_file:
        args.ready_file.write_text(runner.control_url, encoding="utf-8")
    try:
        runner.serve()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
