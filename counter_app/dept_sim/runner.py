"""Running the simulator: in its own thread (the demo, tests, the benchmark) or in the
foreground (``counter-dept-sim``)."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import uvicorn

from counter_app.dept_sim.config import SimConfig
from counter_app.dept_sim.front_db_side import FrontDbDepartment
from counter_app.dept_sim.server import Simulator


class SimRunner:
    def __init__(self, config: SimConfig) -> None:
        self.sim = Simulator(config)
        self.sim.bind()
        self.front = [FrontDbDepartment(st.dept, self.sim) for st in self.sim.states.values()
                      if st.dept.kind == "front_db"]
        cfg = uvicorn.Config(self.sim.app, log_level="warning", access_log=False, lifespan="off",
                             timeout_graceful_shutdown=1, limit_concurrency=2000, backlog=2048)
        self.server = uvicorn.Server(cfg)
        self.thread: threading.Thread | None = None

    @property
    def control_url(self) -> str:
        return f"http://{self.sim.config.host}:{self.sim.control_port}"

    def serve(self) -> None:
        for f in self.front:
            f.start()
        asyncio.run(self.server.serve(sockets=self.sim.serving_sockets()))

    def start(self) -> SimRunner:
        self.thread = threading.Thread(target=self.serve, name="dept-sim", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("department simulator did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.server.force_exit = True      # a hanging department's request must not hold the exit
        if self.thread:
            self.thread.join(timeout=10)
        for f in self.front:
            f.stop()
        for s in [self.sim.control, *self.sim.sockets.values()]:
            s.close()

    def counts(self) -> dict:
        return self.sim.counts()


def fetch_counts(control_url: str) -> dict:
    """The counts of a simulator running in another process."""
    return httpx.get(control_url.rstrip("/") + "/_sim/counts", timeout=10).json()
