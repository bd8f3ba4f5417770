"""Enrolling a window with the hall's central server: spend the one-time code, keep the credential
(keyring or a 0600 file), remember the server, and take the hall and window codes the server gave:
the case numbers this window issues from now on carry them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from counter_app.errors import UserError
from counter_app.settings import load_settings, save_settings
from counter_app.sync import config, credential
from counter_app.sync.client import CentralClient


def enrol(data_dir: Path, url: str, code: str, *, ca_file: str = "") -> tuple[config.Enrolment, str]:
    """Returns the enrolment and where the credential went ("keyring" or a file path)."""
    if ca_file and not Path(ca_file).is_file():
        raise UserError("sync.no_ca_file", path=ca_file)
    client = CentralClient(url, ca_file=str(Path(ca_file).resolve()) if ca_file else "")
    try:
        reply = client.enrol(code)
    finally:
        client.close()
    enrolment = config.Enrolment(url=url, device_id=reply["device_id"], hall_code=reply["hall_code"],
                                 hall_name=reply["hall_name"], window_code=reply["window_code"],
                                 ca_file=str(Path(ca_file).resolve()) if ca_file else "")
    where = credential.save(data_dir, enrolment.device_id, reply["token"])
    config.save(data_dir, enrolment)
    settings = load_settings(data_dir)
    hall = dataclasses.replace(settings.hall, code=enrolment.hall_code, name=enrolment.hall_name)
    save_settings(data_dir, dataclasses.replace(settings, hall=hall, window=enrolment.window_code))
    return enrolment, where
