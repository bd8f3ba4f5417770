"""Where the bundled resources and the per-station data live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
UI_DIR = RESOURCES.parent / "ui"          # Qt Designer sources and the QSS theme


def resource(*parts: str) -> Path:
    """A file shipped in ``resources/`` (fonts, catalog, translations, reader profiles)."""
    return RESOURCES.joinpath(*parts)


def default_data_dir() -> Path:
    """The platform's per-user data directory for this application."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("onewindow-counter", "OneWindow"))
