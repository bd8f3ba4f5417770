"""Where the bundled resources and the per-station data live.

``resources/``, ``db/`` and ``ui/`` are top-level folders of the repository and are installed
as the packages ``counter_app.resources``, ``counter_app.db`` and ``counter_app.ui``
(pyproject.toml maps them). They are found through ``importlib.resources``, never relative to
a checkout, so an editable install, an installed wheel and a frozen app all find the same files.
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    found = files(package)
    if not isinstance(found, Path):     # e.g. a zipped install: Qt, reportlab and Alembic need files
        raise RuntimeError(f"{package} is not a folder on disk ({found!r}); install unzipped")
    return found


RESOURCES = _folder("counter_app.resources")
UI_DIR = _folder("counter_app.ui")          # the QSS theme


def resource(*parts: str) -> Path:
    """A file shipped in ``resources/`` (fonts, catalog, translations, reader profiles)."""
    return RESOURCES.joinpath(*parts)


def migrations(chain: str) -> Path:
    """The Alembic script folder of one migration chain under ``db/`` (``client``, ...)."""
    return _folder("counter_app.db") / chain


def default_data_dir() -> Path:
    """The platform's per-user data directory for this application."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("onewindow-counter", "OneWindow"))


def machine_settings_file() -> Path:
    """The hall admin's station defaults for every user of this machine: copied as a new user's
    ``station.json`` at its first start. The Windows installer writes it (``/HALL= /WINDOW=``
    ...); on Linux the admin puts it in ``/etc``. ``ONEWINDOW_MACHINE_SETTINGS`` overrides."""
    override = os.environ.get("ONEWINDOW_MACHINE_SETTINGS")
    if override:
        return Path(override)
    if sys.platform == "win32":
        from platformdirs import site_config_dir

        return Path(site_config_dir("onewindow-counter", "OneWindow")) / "station.json"
    return Path("/etc/onewindow-counter/station.json")
