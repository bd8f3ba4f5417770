"""Department delivery fixtures: the simulator on loopback, a station whose catalog has one item
per simulated department, the keyring in memory."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from counter_app.connectors import credentials
from counter_app.connectors.registry import Registry
from counter_app.dept_sim import config as sim_config
from counter_app.dept_sim import descriptions
from counter_app.dept_sim.runner import SimRunner
from counter_app.services.catalog_io import import_catalog
from counter_app.services.catalog_view import CatalogView
from counter_app.services.delivery import Deliverer, Policy, direct_db
from counter_app.services.delivery_fixtures import accept_cases, catalog_for
from counter_app.services.holidays import load_calendar
from counter_app.settings import save_settings
from counter_app.store.database import Store
from tests.conftest import set_up_station
from tests.sync.conftest import memory_keyring  # noqa: F401 (autouse: the keyring in memory)

FAST = Policy(max_failures=3, backoff_base=0.05, backoff_cap=0.2)


class SimStation:
    """A station wired to a running simulator."""

    def __init__(self, tmp_path, sim_cfg, *, timeout: float = 5.0, enter_credentials: bool = True) -> None:
        self.runner = SimRunner(sim_cfg).start()
        self.sim = self.runner.sim
        self.dir = tmp_path / "station"
        self.settings = set_up_station()
        self.dir.mkdir(parents=True, exist_ok=True)
        save_settings(self.dir, self.settings)
        descriptions.write_all(self.sim, self.dir / "connectors", timeout=timeout, poll_seconds=0.2)
        if enter_credentials:
            for system, c in descriptions.credentials(self.sim).items():
                credentials.save(self.settings.clerk, system, c)
        self.store = Store(self.dir)
        cat = catalog_for([(d.code, d.name) for d in sim_cfg.departments], tmp_path / "catalog.json")
        import_catalog(store=self.store, path=cat)
        self.catalog = CatalogView.load_file(self.dir / "counter.db")
        self.items = {i.department: i.code for i in self.catalog.catalog.items}
        self.registry = Registry.for_station(self.dir)
        self.deliverers = []

    def accept(self, departments, per_department: int = 1) -> list:
        codes = [self.items[d] for d in departments]
        return accept_cases(store=self.store, settings=self.settings, catalog=self.catalog,
                            calendar=load_calendar(self.dir), item_codes=codes, count=len(codes) * per_department)

    def deliverer(self, policy: Policy = FAST, **kw) -> Deliverer:
        d = Deliverer(direct_db(self.store), self.registry, policy=policy, **kw)
        self.deliverers.append(d)
        return d

    def counts(self) -> dict:
        return self.runner.counts()

    def close(self) -> None:
        for d in self.deliverers:
            d.close()
        self.registry.close()
        self.runner.stop()
        self.store.close()


@pytest.fixture
def sim_station(tmp_path):
    made = []

    def make(cfg, **kw) -> SimStation:
        st = SimStation(tmp_path / f"s{len(made)}", cfg, **kw)
        made.append(st)
        return st
    yield make
    for st in made:
        st.close()


def departments(n: int, **changes_by_index) -> sim_config.SimConfig:
    """n simulated departments of every kind in turn; ``changes_by_index``: {"i3": {...}}."""
    cfg = sim_config.generated(n, statuses=(("01", 0.0), ("02", 0.3), ("03", 0.6)))
    deps = list(cfg.departments)
    for key, change in changes_by_index.items():
        i = int(key[1:])
        if "auth" in change or "kind" in change:      # credentials of the new auth kind
            change = {"credentials": {}, **change}
        deps[i] = sim_config.complete(replace(deps[i], **change))
    return replace(cfg, departments=tuple(deps))


def new_db(cluster) -> str:
    name = "front_" + uuid.uuid4().hex[:8]
    cluster.execute(f"CREATE DATABASE {name}")
    return cluster.url(name)
