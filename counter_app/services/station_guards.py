"""Warnings a real deployment needs before things go wrong quietly (MOSIP has them):

- entries waiting for the central server longer than the station allows
  (``warn_unsent_hours``): the link, the server or the credential has been broken for a while;
- a catalog not refreshed for ``warn_catalog_days``: cases may be taken under items, fees or
  materials the province has changed since.

"Refreshed" is the later of the catalog's last import and the last time the central server
confirmed it current (``counter-app sync`` records that, :data:`CATALOG_CHECKED`). 0 in a setting
turns its warning off. (Refusing an intake on a nearly full disk is ``store.disk_space``.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from counter_app.settings import StationSettings
from counter_app.store import outbox
from counter_app.store.models import CatalogVersionRow

CATALOG_CHECKED = "catalog_checked_at"     # sync_state key: the server said our catalog is current


@dataclass(frozen=True)
class Facts:
    oldest_unsent: dt.datetime | None
    unsent: int
    catalog_refreshed: dt.datetime | None   # None: no catalog at all (the window says so already)


def read_facts(store, *, enrolled: bool = True) -> Facts:
    """What the warnings need. A station not enrolled with a central server has nobody to send
    its outbox to yet (it is kept for a later enrolment): its waiting entries are no warning."""
    with store.session() as s:
        backlog = outbox.backlog(s)
        imported = s.scalar(select(func.max(CatalogVersionRow.imported_at)))
        checked = outbox.get_state(s, CATALOG_CHECKED)
    refreshed = imported
    if checked:
        try:
            refreshed = max(filter(None, (imported, dt.datetime.fromisoformat(checked))))
        except ValueError:
            pass
    if not enrolled:
        return Facts(None, 0, refreshed)
    return Facts(backlog.oldest, backlog.pending, refreshed)


def mark_catalog_checked(s, now: dt.datetime | None = None) -> None:
    outbox.set_state(s, CATALOG_CHECKED, (now or dt.datetime.now()).isoformat(timespec="seconds"))


def warnings(settings: StationSettings, facts: Facts, now: dt.datetime | None = None) -> list[tuple[str, dict]]:
    """(message key, params) of each warning that applies now, most urgent first."""
    now = now or dt.datetime.now()
    out = []
    if settings.warn_unsent_hours and facts.oldest_unsent is not None:
        hours = (now - facts.oldest_unsent).total_seconds() / 3600
        if hours >= settings.warn_unsent_hours:
            out.append(("guard.unsent_old", {"n": facts.unsent, "hours": int(hours)}))
    if settings.warn_catalog_days and facts.catalog_refreshed is not None:
        days = (now - facts.catalog_refreshed).days
        if days >= settings.warn_catalog_days:
            out.append(("guard.catalog_old", {"days": days, "limit": settings.warn_catalog_days}))
    return out
