"""What a screen needs from the station, passed in explicitly (no global application object).

The SQLAlchemy store is opened on first use (the window asks for it right after it is
shown), so starting the window does not wait for SQLAlchemy to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain.working_days import HolidayCalendar
from counter_app.i18n import Translator
from counter_app.settings import StationSettings

if TYPE_CHECKING:
    from counter_app.services.catalog_view import CatalogView
    from counter_app.store.database import Store


@dataclass
class StationContext:
    data_dir: Path
    settings: StationSettings
    tr: Translator
    calendar: HolidayCalendar
    catalog: CatalogView | None      # None until a catalog is imported
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from counter_app.store.database import Store

            self._store = Store(self.data_dir)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
