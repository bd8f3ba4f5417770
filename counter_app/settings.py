"""Station settings: declared once, typed, with defaults (DESIGN.md rule 6).

Kept as ``station.json`` in the station's data directory. UI state (window geometry) is
not here: the GUI keeps it in QSettings (``gui/window_state.py``). Supervisors' PIN hashes are
not here either: this file is readable by every user of the machine (``counter_app.supervisors``).

The file carries ``"version"``. An older file is upgraded step by step by the functions in
``UPGRADES`` when it is read, and written back upgraded (when the folder is writable). Keys this
version does not know (written by a newer version, or by hand) are kept and written back, not
dropped. A file from a newer version is read, but not overwritten.

The defaults are the demo hall's. :func:`demo_values` names the ones still in use: outside
demo mode the first start asks for them, and official documents are not printed with them.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.domain.case_number import valid_code
from counter_app.errors import PERMANENT, UserError

SETTINGS_FILE = "station.json"
SETTINGS_VERSION = 2


@dataclass(frozen=True)
class HallProfile:
    code: str = "330402001"
    name: str = "南湖区政务服务中心"
    phone: str = "0573-82000000"
    address: str = "南湖区广益路1317号"
    footer: str = "办件进度可扫描二维码或拨打咨询电话查询。"
    logo: str = ""                      # path to a PNG; empty = none
    query_url: str = "https://zwfw.example.gov.cn/q"   # progress-query link base
    extra: dict = field(default_factory=dict, compare=False, repr=False)   # keys this version does not know


@dataclass(frozen=True)
class EvaluationSettings:
    """好差评 at this station (``domain.evaluation``)."""
    follow_up_days: int = 10            # a 差评's follow-up is due this many working days later (5-15)
    rating_minutes: int = 30            # no rating this long after the stage: unrated (not satisfied)
    extra: dict = field(default_factory=dict, compare=False, repr=False)   # keys this version does not know


@dataclass(frozen=True)
class RetentionSettings:
    """How long personal data stays on this station (``services.retention``); the central server
    is the archive."""
    photo_until_delivered: bool = True  # a card photo goes once the case is synced and every department has it
    photo_max_days: int = 30            # and after this many days in any case
    closed_case_days: int = 30          # a closed case's personal data goes this long after the server confirmed it; 0 = kept
    extra: dict = field(default_factory=dict, compare=False, repr=False)   # keys this version does not know


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
    demo: bool = False
    deadline_warn_days: int = 2         # cases this many working days or fewer from their deadline show yellow
    handover_slots: tuple[str, ...] = ("10:30", "16:00")   # 集中交接时段, HH:MM (domain.handover_slots)
    lock_after_minutes: int = 10        # the window locks after this long without a key or click; 0 = never
    warn_unsent_hours: int = 24         # warn when an entry has waited this long for the central server
    warn_catalog_days: int = 30         # warn when the catalog has not been refreshed for this many days
    evaluation: EvaluationSettings = field(default_factory=EvaluationSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    extra: dict = field(default_factory=dict, compare=False, repr=False)   # keys this version does not know


PAPERS = ("a4", "80mm", "58mm")


class _BadValue(Exception):
    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field_name = field_name


def _build(cls, raw, place: str = ""):
    """The dataclass from its JSON form; each value must have its default's type."""
    if not isinstance(raw, dict):
        raise _BadValue(place.rstrip(".") or "station")
    known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
    kwargs = {"extra": {k: v for k, v in raw.items() if k not in known and k != "version"}}
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            continue
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


def _v1_to_v2(raw: dict, data_dir: Path) -> dict:
    """Version 2: supervisors' PIN hashes leave station.json, to be set again (see counter_app.supervisors)."""
    from counter_app import supervisors

    entries = raw.pop("supervisors", None)
    if isinstance(entries, list) and entries:
        supervisors.import_legacy(data_dir, entries)
    return raw


# version N -> N + 1; each takes the JSON object and the data directory, returns the object
UPGRADES = {1: _v1_to_v2}


def _read(path: Path) -> tuple[dict, int]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise _BadValue("station")
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _BadValue("version")
    return raw, version


def _upgrade(raw: dict, version: int, data_dir: Path, path: Path) -> dict:
    if version >= SETTINGS_VERSION:
        return raw
    while version < SETTINGS_VERSION:
        raw = UPGRADES[version](dict(raw), data_dir)
        version += 1
    raw["version"] = SETTINGS_VERSION
    try:
        _write(path, raw)
    except OSError:
        pass     # a read-only station still starts; the upgrade is written the next time it can be
    return raw


def _copy_machine_defaults(path: Path) -> bool:
    """A new user's station.json starts as the machine's defaults, when the admin gave some."""
    from counter_app.paths import machine_settings_file

    source = machine_settings_file()
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        return False      # a read-only data folder: the station starts from the built-in defaults
    return True


def load_settings(data_dir: Path) -> StationSettings:
    path = Path(data_dir) / SETTINGS_FILE
    if not path.exists() and not _copy_machine_defaults(path):
        return StationSettings()
    try:
        raw, version = _read(path)
        raw = _upgrade(raw, version, Path(data_dir), path)
        settings = _build(StationSettings, raw)
    except _BadValue as bad:
        raise UserError("settings.bad_value", path=str(path), field=bad.field_name) from None
    except (OSError, ValueError, TypeError):
        raise UserError("settings.unreadable", path=str(path)) from None
    for field_name, code in (("hall.code", settings.hall.code), ("window", settings.window)):
        if not valid_code(str(code)):
            raise UserError("settings.bad_code", path=str(path), field=field_name, value=str(code))
    if not 0 <= settings.deadline_warn_days <= 30:
        raise UserError("settings.bad_value", path=str(path), field="deadline_warn_days")
    for field_name in ("lock_after_minutes", "warn_unsent_hours", "warn_catalog_days"):
        if not 0 <= getattr(settings, field_name) <= 100_000:
            raise UserError("settings.bad_value", path=str(path), field=field_name)
    if settings.paper not in PAPERS:
        raise UserError("settings.bad_paper", path=str(path), value=settings.paper, choices=" / ".join(PAPERS))
    from counter_app.domain.handover_slots import bad_slot

    if (slot := bad_slot(settings.handover_slots)) is not None:
        raise UserError("settings.bad_slot", path=str(path), value=slot)
    from counter_app.domain.evaluation import settings_problem

    problem = settings_problem(settings.evaluation)
    if problem:
        raise UserError("settings.bad_range", path=str(path), field=problem[0], low=problem[1], high=problem[2])
    keep = settings.retention
    for name, low, high in (("photo_max_days", 1, 30), ("closed_case_days", 0, 3650)):
        if not low <= getattr(keep, name) <= high:
            raise UserError("settings.bad_range", path=str(path), field=f"retention.{name}", low=low, high=high)
    return settings


def _dump(obj) -> dict:
    out = {}
    for f in dataclasses.fields(obj):
        if f.name == "extra":
            continue
        value = getattr(obj, f.name)
        out[f.name] = _dump(value) if dataclasses.is_dataclass(value) else list(value) if isinstance(value, tuple) \
            else value
    return {**obj.extra, **out}


def _write(path: Path, raw: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def save_settings(data_dir: Path, settings: StationSettings) -> None:
    """Write station.json; raises UserError when the folder cannot be written or the file is newer."""
    path = Path(data_dir) / SETTINGS_FILE
    try:
        if path.exists() and _read(path)[1] > SETTINGS_VERSION:
            raise UserError("settings.newer_file", kind=PERMANENT, path=str(path))
    except (OSError, ValueError, _BadValue):
        pass      # an unreadable file is replaced by good settings
    try:
        _write(path, {"version": SETTINGS_VERSION, **_dump(settings)})
    except OSError:
        from counter_app.store.sqlite_file import check_writable

        check_writable(path.parent)      # a read-only folder is called that, as everywhere else
        raise UserError("settings.cannot_write", kind=PERMANENT, path=str(path)) from None


# What the demo station prints with; never on an official document outside demo mode.
DEMO_HALL = HallProfile()
DEMO_CLERK = ("demo", "演示受理员")
DEMO_HOST = "example.gov.cn"


def demo_values(settings: StationSettings) -> tuple[str, ...]:
    """The settings that still hold the demo hall's values (empty when the station is set up)."""
    out = []
    hall = settings.hall
    if (hall.name, hall.phone, hall.address) == (DEMO_HALL.name, DEMO_HALL.phone, DEMO_HALL.address):
        out.append("hall")
    if DEMO_HOST in hall.query_url:
        out.append("hall.query_url")
    if settings.clerk in ("", DEMO_CLERK[0]) or settings.clerk_name in ("", DEMO_CLERK[1]):
        out.append("clerk")
    return tuple(out)
