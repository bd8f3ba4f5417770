"""Sync fixtures: a live central server (SQLite and PostgreSQL), enrolled stations, the keyring in memory."""

import json

import keyring
import pytest

from counter_app.central import admin
from counter_app.cli import main as app_main
from tests.central.conftest import LiveServer, db, db_url, free_port, pg_template  # noqa: F401 (fixtures)
from tests.conftest import MINI_CATALOG
from tests.sync.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def live(db):  # noqa: F811
    server = LiveServer(db)
    yield server
    server.stop()


def cli(*args, capsys=None) -> int:
    return app_main([str(a) for a in args])


class Station:
    def __init__(self, path, db, url, window, hall="330402001") -> None:
        self.path, self.db, self.url, self.window = path, db, url, window
        code, _ = admin.new_enrolment_code(db, hall=hall, window=window)
        assert app_main(["catalog", "import", str(MINI_CATALOG), "--data-dir", str(path)]) == 0
        assert app_main(["enrol", url, code, "--data-dir", str(path)]) == 0

    def run(self, *args) -> int:
        return app_main([*map(str, args), "--data-dir", str(self.path)])

    def sync(self, capsys) -> dict:
        capsys.readouterr()
        code = self.run("sync", "--once", "--json")
        out = capsys.readouterr().out.strip().splitlines()
        assert code == 0, out
        return json.loads(out[-1])

    def store(self):
        from counter_app.store.database import Store

        return Store(self.path)


@pytest.fixture
def station(tmp_path, db, live):  # noqa: F811
    def make(window, hall="330402001"):
        return Station(tmp_path / f"station-{hall}-{window}", db, live.url, window, hall)
    return make
