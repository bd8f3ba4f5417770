"""What a screen needs from the station, passed in explicitly (no global application object).

The database is reached through ``ops`` (:mod:`counter_app.gui.operations`): one writer thread
opens the store (migrating it if needed) and runs every read and write, so the window shows
before SQLAlchemy is imported and never waits on the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain.working_days import HolidayCalendar
from counter_app.i18n import Translator
from counter_app.settings import StationSettings

if TYPE_CHECKING:
    from counter_app.gui.operations import Operations
    from counter_app.services.catalog_view import CatalogView
    from counter_app.store.database import Store


@dataclass
class StationContext:
    data_dir: Path
    settings: StationSettings
    tr: Translator
    calendar: HolidayCalendar
    catalog: CatalogView | None      # None until a catalog is imported
    _ops: Operations | None = field(default=None, repr=False)
    window_lock: object | None = field(default=None, repr=False)   # store.window_lock.WindowLock
    clerk: object | None = None      # the signed-in clerk (sync.clerk_signin.Clerk); None: the settings' clerk
    dept_sim: object | None = field(default=None, repr=False)      # the demo's department simulator (issue 9)

    @property
    def clerk_login_name(self) -> tuple[str, str]:
        """Who accepts cases now: the signed-in clerk, else the station settings' clerk."""
        if self.clerk is not None:
            return self.clerk.login, self.clerk.name
        return self.settings.clerk, self.settings.clerk_name

    @property
    def ops(self) -> Operations:
        if self._ops is None:
            from counter_app.gui.operations import Operations

            self._ops = Operations(self.data_dir)
        return self._ops

    @property
    def store(self) -> Store:
        """The open store, opened on the calling thread if the writer has not yet. Screens use
        ``ops.write``; this is for tests and for callers that want a ready context."""
        return self.ops.store()

    def close(self) -> None:
        if self._ops is not None:
            self._ops.shutdown()
