"""Opening a sync session for an enrolled station: its enrolment, its credential, a client."""

from __future__ import annotations

from pathlib import Path

from counter_app.errors import NEEDS_USER, UserError
from counter_app.sync import config, credential
from counter_app.sync.client import CentralClient


def open_client(data_dir: Path) -> tuple[config.Enrolment, CentralClient]:
    enrolment = config.load(data_dir)
    if enrolment is None:
        raise UserError("sync.not_enrolled", kind=NEEDS_USER)
    token = credential.load(data_dir, enrolment.device_id)
    if not token:
        raise UserError("sync.no_credential", kind=NEEDS_USER)
    return enrolment, CentralClient(enrolment.url, token=token, ca_file=enrolment.ca_file)
