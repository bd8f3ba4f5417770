"""Starting the window: the station's context, the theme and fonts, demo mode."""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import sys
import tempfile
from pathlib import Path

from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.paths import UI_DIR, resource

SAMPLE_CATALOG = resource("catalog", "sample_catalog.json")
DEMO_SUPERVISOR = ("王科长", "246810")   # demo mode only; README says so
WARM_UP_DELAY_MS = 150     # after the first paint, so the import does not hold up the window


def prepare_demo(data_dir: Path | None, keep: bool) -> Path:
    """A fresh station directory with the sample catalog and demo settings."""
    from counter_app.services.catalog_io import import_catalog
    from counter_app import supervisors
    from counter_app.settings import load_settings, save_settings
    from counter_app.store.database import Store

    if data_dir is None or not keep:
        data_dir = Path(tempfile.mkdtemp(prefix="counter-demo-", dir=data_dir))
    store = Store(data_dir)
    try:
        from counter_app.store import catalog_read

        with store.session() as s:
            has_catalog = catalog_read.current_version(catalog_read.session_rows(s)) is not None
        if not has_catalog:
            import_catalog(store=store, path=SAMPLE_CATALOG)
    finally:
        store.close()
    settings = load_settings(data_dir)
    if not supervisors.names(data_dir):
        supervisors.add(data_dir, *DEMO_SUPERVISOR)
    save_settings(data_dir, dataclasses.replace(settings, demo=True, reader="simulator"))
    return data_dir


def open_context(data_dir: Path, tr: Translator, *, with_catalog: bool = True):
    """Settings, calendar and (unless told not to) the catalog, read with plain sqlite3;
    migrations run first if needed."""
    from counter_app.gui.context import StationContext
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import load_settings
    from counter_app.store.migrations import head_revision
    from counter_app.store.sqlite_file import DB_FILE, check_writable, classify, current_revision

    data_dir = Path(data_dir)
    path = data_dir / DB_FILE
    if data_dir.is_dir():
        check_writable(data_dir)      # else SQLite says "unable to open" and the window would call it damaged
    try:
        revision = current_revision(path)
    except sqlite3.Error as exc:
        raise classify(exc) from None
    ctx = StationContext(data_dir=data_dir, settings=load_settings(data_dir), tr=tr,
                         calendar=load_calendar(data_dir), catalog=None)
    if revision != head_revision():
        ctx.store                      # creates or migrates the database file
    if with_catalog:
        ctx.catalog = load_catalog_view(data_dir)
    return ctx


def load_catalog_view(data_dir: Path):
    """The station's catalog for searching, or None when none is imported yet."""
    from counter_app.services.catalog_view import CatalogView
    from counter_app.store.sqlite_file import DB_FILE

    try:
        return CatalogView.load_file(Path(data_dir) / DB_FILE)
    except UserError as exc:
        if exc.key != "catalog.empty_store":
            raise
        return None


def build_window(ctx, *, printing: bool = True, loading: bool = False):
    from counter_app.gui.intake_window import IntakeWindow

    window = IntakeWindow(ctx, loading=loading)
    if printing:
        from counter_app.gui.intake_printing import attach_printing

        attach_printing(window, ctx)
    return window


def apply_theme(app) -> None:
    from counter_app.gui.fonts import install_fonts

    install_fonts(app)
    qss = UI_DIR / "theme.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def start(args: argparse.Namespace):
    """Create the application and show the intake screen; (app, window), window None on failure."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from counter_app.cli import data_dir_of

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OneWindow Counter")
    app.setOrganizationName("OneWindow")
    apply_theme(app)
    tr = Translator(getattr(args, "lang", None))
    try:
        if getattr(args, "demo", False):
            base = Path(args.data_dir) if getattr(args, "data_dir", None) else None
            data_dir = prepare_demo(base, getattr(args, "keep", False))
        else:
            data_dir = data_dir_of(args)
        ctx = open_context(data_dir, tr, with_catalog=False)
        if getattr(args, "lang", None) is None:
            ctx.tr = tr = Translator(ctx.settings.language)
    except UserError as exc:
        QMessageBox.critical(None, tr("gui.title"), tr.error(exc))
        return app, None
    from counter_app.gui.qt_language import install_qt_translations

    install_qt_translations(app, tr.language)
    window = build_window(ctx, loading=True)
    window.show()
    window.focus_search()
    # the catalog right after the first paint (tens of ms), then SQLAlchemy and the write path in the background once the window has painted,
    # then start the card reader
    QTimer.singleShot(0, lambda: window.finish_loading(lambda: load_catalog_view(ctx.data_dir)))
    QTimer.singleShot(WARM_UP_DELAY_MS, window.warm_up)
    profiles = tuple(getattr(args, "reader_profiles", None) or ())
    QTimer.singleShot(WARM_UP_DELAY_MS, lambda: _start_reader(window, ctx, tr, profiles))
    return app, window


def _start_reader(window, ctx, tr, profile_dirs=()) -> None:
    from counter_app.gui.intake_reader import attach_reader

    try:
        attach_reader(window, ctx, profile_dirs=profile_dirs)
    except Exception as exc:  # noqa: BLE001 - a reader must never keep the window from working
        window.on_card_failed(tr.error(exc))


def run(args: argparse.Namespace) -> int:
    app, window = start(args)
    if window is None:
        return 2
    return app.exec()
