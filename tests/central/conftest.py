"""Central-server fixtures: a fresh database on SQLite *and* PostgreSQL, a real uvicorn on 127.0.0.1."""

import itertools
import socket
import threading
import time

import httpx
import pytest

from counter_app.central import admin
from counter_app.central.database import Database

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_template(postgres_cluster):
    """A database migrated once; each test copies it (CREATE DATABASE ... TEMPLATE) in milliseconds."""
    if not getattr(postgres_cluster, "central_template", False):   # tests/sync imports this fixture too
        postgres_cluster.execute("CREATE DATABASE central_template")
        Database(postgres_cluster.url("central_template")).close()
        postgres_cluster.central_template = True
    return postgres_cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    cluster = request.getfixturevalue("pg_template")
    name = f"t{next(_numbers)}"
    cluster.execute(f"CREATE DATABASE {name} TEMPLATE central_template")
    return cluster.url(name)


@pytest.fixture
def db(db_url):
    d = Database(db_url)
    admin.add_hall(d, "330402001", "南湖区政务服务中心")
    admin.add_hall(d, "330411002", "秀洲区政务服务中心")
    yield d
    d.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The FastAPI app under a real uvicorn, in a thread, on a free loopback port."""

    def __init__(self, db: Database, port: int | None = None) -> None:
        import uvicorn

        from counter_app.central.app import create_app

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def live(db):
    server = LiveServer(db)
    yield server
    server.stop()


def enrol(db, url, hall="330402001", window="W01") -> httpx.Client:
    code, _ = admin.new_enrolment_code(db, hall=hall, window=window)
    reply = httpx.post(f"{url}/api/v1/enrol", json={"code": code})
    reply.raise_for_status()
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {reply.json()['token']}"}, timeout=30)
