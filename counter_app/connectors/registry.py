"""Which connector serves which department: the description files of a station, each made into
its kind's connector (a registry, not an if-chain: DESIGN.md "Registries"). Connectors are made
on first use and kept (their HTTP clients and database pools are reused)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Iterable

from counter_app.connectors.description import Description, Problem, load_all, station_dirs

FACTORIES: dict[str, Callable[..., object]] = {}     # kind → factory(description, data_dir)


def register(kind: str):
    def wrap(factory):
        FACTORIES[kind] = factory
        return factory
    return wrap


@register("http_json")
@register("http_xml")
def _http(desc: Description, _data_dir):
    from counter_app.connectors.http_json import HttpConnector

    return HttpConnector(desc)


@register("front_db")
def _front(desc: Description, _data_dir):
    from counter_app.connectors.front_db import FrontDbConnector

    return FrontDbConnector(desc)


@register("manual")
def _manual(desc: Description, _data_dir):
    from counter_app.connectors.manual import ManualConnector

    return ManualConnector(desc)


@register("relay")
def _relay(desc: Description, data_dir):
    from counter_app.connectors.relay import RelayConnector

    return RelayConnector(desc, data_dir)


class Registry:
    def __init__(self, descriptions: Iterable[Description], problems: Iterable[Problem] = (), *,
                 data_dir: Path | None = None) -> None:
        self.data_dir = data_dir         # the station's (a relay finds its enrolment there)
        self.descriptions = list(descriptions)
        self.problems = list(problems)
        self._by_dept = {d: desc for desc in self.descriptions for d in desc.departments}
        self._made: dict[str, object] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, dirs: Iterable[str | Path], *, data_dir: Path | None = None) -> Registry:
        return cls(*load_all(dirs), data_dir=data_dir)

    @classmethod
    def for_station(cls, data_dir: Path) -> Registry:
        return cls.load(station_dirs(data_dir), data_dir=Path(data_dir))

    def description(self, department: str) -> Description | None:
        return self._by_dept.get(department)

    def connector(self, department: str):
        desc = self._by_dept.get(department)
        if desc is None:
            return None
        with self._lock:
            made = self._made.get(desc.path)
            if made is None:
                made = self._made[desc.path] = FACTORIES[desc.kind](desc, self.data_dir)
            return made

    def close(self) -> None:
        with self._lock:
            for c in self._made.values():
                c.close()
            self._made.clear()
