"""Relay: a window that cannot reach a department's network hands the case to the central server,
which forwards it with its own connector; the department gets it once (its client id passes
through), and the reference comes back onto the case."""

import time

from sqlalchemy import select

from counter_app.central import admin
from counter_app.cli import main as app_main
from counter_app.store.models import DeliveryRow
from tests.central.conftest import LiveServer, db, db_url, pg_template  # noqa: F401 (fixtures)
from tests.conftest import MINI_CATALOG

RELAY = 'name = "市场监管 经中心转送"\ndepartments = ["D01"]\nkind = "relay"\npoll_seconds = 0.2\n'


def test_a_case_relayed_through_the_central_server_arrives_once(tmp_path, db, monkeypatch):  # noqa: F811
    from counter_app.connectors.registry import Registry
    from counter_app.dept_sim import config, descriptions
    from counter_app.dept_sim.runner import SimRunner
    from counter_app.services.catalog_view import CatalogView
    from counter_app.services.delivery import Deliverer, direct_db
    from counter_app.services.delivery_fixtures import accept_cases
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import load_settings
    from counter_app.store.database import Store

    runner = SimRunner(config.generated(1, names=[("D01", "市场监督管理局")], statuses=(("01", 0), ("03", 0.3)),
                                        kinds=(("http_json", "none"),))).start()
    central_dir = tmp_path / "central-connectors"
    descriptions.write_all(runner.sim, central_dir)
    monkeypatch.setenv("COUNTER_CENTRAL_CONNECTORS", str(central_dir))
    live = LiveServer(db)
    station = tmp_path / "station"
    try:
        code, _ = admin.new_enrolment_code(db, hall="330402001", window="W01")
        assert app_main(["catalog", "import", str(MINI_CATALOG), "--data-dir", str(station)]) == 0
        assert app_main(["enrol", live.url, code, "--data-dir", str(station)]) == 0
        (station / "connectors").mkdir()
        (station / "connectors" / "relay-market.toml").write_text(RELAY, encoding="utf-8")
        store = Store(station)
        catalog = CatalogView.load_file(station / "counter.db")
        records = accept_cases(store=store, settings=load_settings(station), catalog=catalog,
                               calendar=load_calendar(station), item_codes=["000131128000"], count=2)
        registry = Registry.for_station(station)
        d = Deliverer(direct_db(store), registry)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            d.run_once(timeout=30)
            with store.session() as s:
                rows = list(s.scalars(select(DeliveryRow)))
            if rows and all(r.state == "done" for r in rows):
                break
            time.sleep(0.1)
        assert [(r.state, r.reference[:4]) for r in rows] == [("done", "D01-"), ("done", "D01-")], [(r.reason, r.detail) for r in rows]
        c = runner.counts()["D01"]
        assert c["distinct"] == c["total"] == 2 and c["cases"] == sorted(r.number for r in records)
        d.close()
        registry.close()
        store.close()
    finally:
        live.stop()
        runner.stop()
