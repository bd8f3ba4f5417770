"""Station settings: declared once, typed, with defaults (DESIGN.md rule 6).

Kept as ``station.json`` in the station's data directory. UI state (window geometry) is
not here: the GUI keeps it in QSettings.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.domain.case_number import valid_code
from counter_app.errors import UserError

SETTINGS_FILE = "station.json"


@dataclass(frozen=True)
class HallProfile:
    code: str = "330402001"
    name: str = "南湖区政务服务中心"
    phone: str = "0573-82000000"
    address: str = "南湖区广益路1317号"
    footer: str = "办件进度可扫描二维码或拨打咨询电话查询。"
    logo: str = ""                      # path to a PNG; empty = none
    query_url: str = "https://zwfw.example.gov.cn/q"   # progress-query link base


@dataclass(frozen=True)
class StationSettings:
    hall: HallProfile = field(default_factory=HallProfile)
    window: str = "W01"
    window_name: str = "综合受理1号窗口"
    clerk: str = "demo"
    clerk_name: str = "演示受理员"
    language: str = "zh_CN"
    reader: str = "auto"                # "auto", "simulator", a PC/SC reader name, or "serial:/dev/ttyUSB0"
    reader_profile_dirs: tuple[str, ...] = ()
    printer: str = ""                   # Qt printer name; empty = system default
    paper: str = "a4"                   # a4 | 80mm | 58mm
    escpos_target: str = ""             # "tcp:host:9100", "usb:vid:pid", "serial:/dev/ttyS0"
    supervisors: tuple[str, ...] = ()   # who may override (expired card): counter-app supervisor add NAME
    demo: bool = False


PAPERS = ("a4", "80mm", "58mm")


class _BadValue(Exception):
    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field_name = field_name


def _build(cls, raw, place: str = ""):
    """The dataclass from its JSON form; each value must have its default's type."""
    if not isinstance(raw, dict):
        raise _BadValue(place.rstrip(".") or "station")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in raw:
            continue
        value, where = raw[f.name], place + f.name
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        if dataclasses.is_dataclass(default):
            value = _build(type(default), value, where + ".")
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _BadValue(where)
            value = tuple(value)
        elif not isinstance(value, type(default)) or (isinstance(value, bool) != isinstance(default, bool)):
            raise _BadValue(where)
        kwargs[f.name] = value
    return cls(**kwargs)


def load_settings(data_dir: Path) -> StationSettings:
    path = Path(data_dir) / SETTINGS_FILE
    if not path.exists():
        return StationSettings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        settings = _build(StationSettings, raw)
    except _BadValue as bad:
        raise UserError("settings.bad_value", path=str(path), field=bad.field_name) from None
    except (OSError, ValueError, TypeError):
        raise UserError("settings.unreadable", path=str(path)) from None
    for field_name, code in (("hall.code", settings.hall.code), ("window", settings.window)):
        if not valid_code(str(code)):
            raise UserError("settings.bad_code", path=str(path), field=field_name, value=str(code))
    if settings.paper not in PAPERS:
        raise UserError("settings.bad_paper", path=str(path), value=settings.paper, choices=" / ".join(PAPERS))
    return settings


def save_settings(data_dir: Path, settings: StationSettings) -> None:
    path = Path(data_dir) / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
