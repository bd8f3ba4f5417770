"""The demo's department systems: ``counter-app demo`` starts the department simulator on
loopback with the sample catalog's departments (each an HTTP JSON system that needs no
credentials, so nothing is asked of the clerk) and writes their description files into the demo
data folder, so an accepted case's reference number arrives by itself and its status advances
(签收 at once, 办理中 after 20 s, 办结 after 60 s)."""

from __future__ import annotations

import json
from pathlib import Path

DEMO_STATUSES = (("01", 0.0), ("02", 20.0), ("03", 60.0))


def start_demo_departments(data_dir: Path, catalog_path: Path | None = None):
    """Starts the simulator (a daemon thread) and writes ``<data dir>/connectors``; returns the runner."""
    from counter_app.dept_sim import config, descriptions
    from counter_app.dept_sim.runner import SimRunner
    from counter_app.paths import resource

    path = catalog_path or resource("catalog") / "sample_catalog.json"
    names = [(d["code"], d["name"]) for d in json.loads(Path(path).read_text(encoding="utf-8"))["departments"]]
    cfg = config.generated(len(names), names=names, statuses=DEMO_STATUSES, kinds=(("http_json", "none"),))
    runner = SimRunner(cfg).start()
    folder = Path(data_dir) / "connectors"
    for old in folder.glob("sim-*.toml"):
        old.unlink()           # a kept demo folder: the ports of the last run are gone
    descriptions.write_all(runner.sim, folder, timeout=5.0, poll_seconds=5.0)
    return runner
