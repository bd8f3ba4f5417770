"""Reference data from the central server, pulled by version: the hall's current catalog and the
holiday calendar. Called between cases (the ``sync`` command, or a window with no case open),
never under a clerk's open case: a case keeps the item data it was accepted under anyway.

A catalog goes through the ordinary import (validated whole first, older versions refused); the
calendar becomes ``<data dir>/cn_holidays.json``, which the deadline rules read.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from counter_app.errors import UserError
from counter_app.store import catalog_read, outbox
from counter_app.sync.client import CentralClient

CALENDAR_STATE = "calendar_version"


def refresh(store, client: CentralClient, data_dir: Path) -> list[tuple[str, dict]]:
    """Updates what changed; returns (message key, params) for each thing updated or refused."""
    notes = []
    with store.session() as s:
        current = catalog_read.current_version(catalog_read.session_rows(s))
        have_calendar = outbox.get_state(s, CALENDAR_STATE)
    reply = client.catalog(current[0] if current else "")
    if reply.get("changed"):
        notes.append(_import_catalog(store, reply))
    elif reply.get("version"):
        from counter_app.services.station_guards import mark_catalog_checked

        with store.transaction() as s:       # the server's current catalog is ours: refreshed
            mark_catalog_checked(s)
    reply = client.calendar(have_calendar)
    if reply.get("changed"):
        _write_atomically(Path(data_dir) / "cn_holidays.json", reply["content"])
        with store.transaction() as s:
            outbox.set_state(s, CALENDAR_STATE, reply["version"])
        notes.append(("sync.calendar_updated", {"version": reply["version"]}))
    return notes


def _import_catalog(store, reply: dict) -> tuple[str, dict]:
    from counter_app.services.catalog_io import import_catalog

    fd, name = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(reply["content"])
        summary = import_catalog(store=store, path=Path(name))
    except UserError as exc:
        return exc.key, exc.params
    finally:
        os.unlink(name)
    return "sync.catalog_updated", {"version": summary.version, "items": summary.items}


def _write_atomically(path: Path, text: str) -> None:
    json.loads(text)    # the server checked it at publishing; never replace a good file with junk
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
