"""This window's enrolment with a central server (``sync.json`` in the data folder): the server's
URL, the hall's CA file, the device id, hall and window. The credential itself is not here
(:mod:`counter_app.sync.credential`); the pull cursor lives in the database with the data."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from counter_app.errors import UserError

FILE = "sync.json"


@dataclass(frozen=True)
class Enrolment:
    url: str
    device_id: str
    hall_code: str
    hall_name: str
    window_code: str
    ca_file: str = ""       # the hall's CA (PEM): trusted instead of the system store


def load(data_dir: Path) -> Enrolment | None:
    path = Path(data_dir) / FILE
    if not path.exists():
        return None
    try:
        return Enrolment(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        raise UserError("sync.config_unreadable", path=str(path)) from None


def save(data_dir: Path, enrolment: Enrolment) -> None:
    path = Path(data_dir) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(enrolment), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
