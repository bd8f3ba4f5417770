"""What a screen needs from the station, passed in explicitly (no global application object)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.working_days import HolidayCalendar
from counter_app.i18n import Translator
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import StationSettings
from counter_app.store.database import Store


@dataclass
class StationContext:
    data_dir: Path
    store: Store
    settings: StationSettings
    tr: Translator
    calendar: HolidayCalendar
    catalog: CatalogView | None      # None until a catalog is imported
