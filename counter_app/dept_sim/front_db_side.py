"""The department's side of a simulated 前置库: it creates the exchange tables, takes each new
accept row (``sync_sign`` 0 → 1, counted), and answers through ``up_pro_process`` rows: a
reference at once, then the configured status words as their times pass."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

from sqlalchemy import create_engine, insert, select, update

from counter_app.connectors.front_db import exchange_tables
from counter_app.dept_sim.config import SimDepartment
from counter_app.dept_sim.descriptions import FRONT_FIELDS


class FrontDbDepartment:
    def __init__(self, dept: SimDepartment, sim, *, every: float = 0.2) -> None:
        self.dept = dept
        self.sim = sim
        self.every = every
        self.engine = create_engine(dept.database_url, pool_pre_ping=True)
        options = {"accept_table": f"up_pro_accept_{dept.code}", "material_table": f"up_pro_material_{dept.code}",
                   "answer_table": f"up_pro_process_{dept.code}"}
        self.md, self.accept, self.material, self.process = exchange_tables(options, list(FRONT_FIELDS))
        self.md.create_all(self.engine)
        self.answered: dict[str, str] = {}      # case number → last status word written
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"front-db-{dept.code}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(timeout=5)
        self.engine.dispose()

    def _run(self) -> None:
        st = self.sim.states[self.dept.code]
        while not self._stop.wait(self.every):
            try:
                self._step(st)
            except Exception:   # noqa: BLE001 - the database restarting: try again next tick
                time.sleep(self.every)

    def _step(self, st) -> None:
        with self.engine.begin() as conn:
            new = conn.execute(select(self.accept.c.row_guid, self.accept.c.projid)
                               .where(self.accept.c.sync_sign == "0")).all()
            for guid, projid in new:
                self.sim.accept(st, guid, projid)
                conn.execute(update(self.accept).where(self.accept.c.row_guid == guid).values(sync_sign="1"))
        with self.sim.lock:
            cases = list(st.cases.values())
        rows = []
        for got in cases:
            word = st.status_word(got.at)
            if self.answered.get(got.case_number) != word:
                self.answered[got.case_number] = word
                rows.append(dict(row_guid=str(uuid.uuid4()), cd_operation="I", cd_time=dt.datetime.now(),
                                 cd_batch="sim", sync_sign="0", projid=got.case_number, dept_ref=got.reference,
                                 status=word, note=""))
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(self.process), rows)
