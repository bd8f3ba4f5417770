"""Starting the window: the station's context, the theme and fonts, demo mode."""

from __future__ import annotations

import sys
from pathlib import Path

from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.paths import UI_DIR

WARM_UP_DELAY_MS = 150     # after the first paint, so the import does not hold up the window


def prepare_demo(data_dir: Path | None, keep: bool, *, with_catalog: bool = True) -> Path:
    """Demo settings and (``with_catalog``) the sample catalog: ``services.demo_station``. The
    window's own start passes False: :func:`open_station` imports it on the writer thread."""
    from counter_app.services.demo_station import prepare_demo as prepare

    return prepare(data_dir, keep, with_catalog=with_catalog)


def open_context(data_dir: Path, tr: Translator, *, with_catalog: bool = True):
    """Settings and calendar (files); with ``with_catalog`` also the store (created or migrated
    on the calling thread) and the catalog, for callers that want a ready context at once. The
    window's start passes False and opens the store on the writer thread instead."""
    from counter_app.gui.context import StationContext
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import load_settings
    from counter_app.store.sqlite_file import DB_ERRORS, DB_FILE, check_writable, classify, current_revision

    data_dir = Path(data_dir)
    if data_dir.is_dir():
        check_writable(data_dir)      # else SQLite says "unable to open" and the window would call it damaged
    try:
        current_revision(data_dir / DB_FILE)   # no SQLAlchemy yet: an unreadable file is said so before the window
    except DB_ERRORS as exc:
        raise classify(exc) from None
    ctx = StationContext(data_dir=data_dir, settings=load_settings(data_dir), tr=tr,
                         calendar=load_calendar(data_dir), catalog=None)
    if with_catalog:
        ctx.store
        ctx.catalog = load_catalog_view(data_dir)
    return ctx


def early_catalog(data_dir: Path):
    """The catalog read with plain sqlite3 before the store is opened (Alembic and SQLAlchemy
    take most of a second to import): None when there is no file or it cannot be read yet."""
    from counter_app.store.sqlite_file import DB_FILE

    if not (Path(data_dir) / DB_FILE).exists():
        return None
    try:
        return load_catalog_view(data_dir)
    except UserError:
        return None


def open_station(store, ctx, *, have_catalog: bool):
    """On the writer thread at start: the store is open (migrated) by now; documents a crash
    left owed are archived; the demo gets the sample catalog; then the catalog for searching
    unless the early read had it already. Returns (catalog or None, Recovery)."""
    from counter_app.services.case_documents import recover

    recovery = recover(store=store, settings=ctx.settings, data_dir=ctx.data_dir)
    from counter_app.services import retention

    retention.sweep(store=store, settings=ctx.settings)     # personal data past its keeping time
    if ctx.settings.demo:
        from counter_app.services.demo_station import ensure_sample_catalog

        ensure_sample_catalog(store=store)
    if have_catalog and not store.migrated:
        return None, recovery
    return load_catalog_view(ctx.data_dir), recovery


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


def build_window(ctx, *, printing: bool = True, loading: bool = False, delivering: bool = True):
    from counter_app.gui.intake_window import IntakeWindow

    window = IntakeWindow(ctx, loading=loading)
    from counter_app.gui.station_watch import StationWatch

    window.station_watch = StationWatch(window)     # a new catalog between cases, a clock set back
    if printing:
        from counter_app.gui.intake_printing import attach_printing

        attach_printing(window, ctx)
    from counter_app.gui.sync_indicator import attach_sync

    attach_sync(window, ctx)        # only when the station is enrolled with a central server
    from counter_app.gui.clerk_lock import attach_clerk_lock

    attach_clerk_lock(window, ctx)  # sign-in (when the station has clerk accounts), Ctrl+L, idle lock
    from counter_app.gui.station_guards import attach_guards

    attach_guards(window, ctx)      # unsent entries too old, the catalog not refreshed
    if delivering:
        from counter_app.gui.delivery_driver import attach_delivery

        attach_delivery(window, ctx)    # accepted cases to the departments' systems (issue 9)
    return window


def apply_theme(app) -> None:
    from counter_app.gui.fonts import install_fonts

    install_fonts(app)
    qss = UI_DIR / "theme.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def start(*, data_dir: Path | None, lang: str | None = None, demo: bool = False, keep: bool = False,
          reader_profiles=()):
    """Create the application and show the intake screen; (app, window), window None on failure.

    ``data_dir`` None in demo mode: a fresh folder under the temp directory. The window paints
    first; the writer thread then opens (or migrates) the store and reads the catalog, and the
    card reader is attached.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OneWindow Counter")
    app.setOrganizationName("OneWindow")
    apply_theme(app)
    tr = Translator(lang)
    from counter_app.gui.qt_language import install_qt_translations

    first_language = tr.language
    qt_texts = install_qt_translations(app, first_language)   # before any message box: 确定, not "OK"
    try:
        if demo:
            data_dir = prepare_demo(Path(data_dir) if data_dir else None, keep, with_catalog=False)
        from counter_app import log_setup

        log_setup.configure(Path(data_dir))     # the demo's folder is known only now
        ctx = open_context(Path(data_dir), tr, with_catalog=False)
        if lang is None:
            ctx.tr = tr = Translator(ctx.settings.language)
        from counter_app.store.window_lock import hold_window

        # held until the program ends; the OS frees it even after a kill
        ctx.window_lock = hold_window(data_dir, ctx.settings.hall.code, ctx.settings.window)
    except UserError as exc:
        QMessageBox.critical(None, tr("gui.title"), tr.error(exc))
        return app, None
    if tr.language != first_language:       # the station's own language, from its settings
        if qt_texts is not None:
            app.removeTranslator(qt_texts)
        install_qt_translations(app, tr.language)
    from counter_app.gui.station_settings import needs_first_run, run_first_run

    if needs_first_run(ctx.settings) and not run_first_run(ctx):
        return app, None                   # the admin quit the first-run screen
    window = build_window(ctx, loading=True)
    from counter_app.gui.window_state import remember_geometry

    remember_geometry(window)
    window.show()
    if window.clerk_lock.covered:
        window.clerk_lock.page.focus()     # the hands on the login
    else:
        window.focus_search()
    from counter_app.gui.customer_screen import attach as attach_customer_screen

    attach_customer_screen(window)   # the applicant's screen: on a second monitor, else beside the window
    window.destroyed.connect(lambda *_: ctx.close())
    # with the window as context: a window closed before the timers fire cancels them
    QTimer.singleShot(0, window, lambda: _open_in_background(window, ctx))
    profiles = tuple(reader_profiles or ())
    QTimer.singleShot(WARM_UP_DELAY_MS, window, lambda: _start_reader(window, ctx, tr, profiles))
    if demo:
        QTimer.singleShot(WARM_UP_DELAY_MS, window, lambda: _start_demo_departments(window, ctx))
    return app, window


def _start_demo_departments(window, ctx) -> None:
    """The demo's simulated department systems (issue 9), started on the network pool; then the
    window's delivery reads their description files."""
    from counter_app.services.demo_departments import start_demo_departments

    def started(runner) -> None:
        ctx.dept_sim = runner
        driver = getattr(window, "delivery_driver", None)
        if driver is not None:
            driver.reload()

    ctx.ops.network(lambda: start_demo_departments(ctx.data_dir), name="demo departments", owner=window) \
        .success(started).failure(lambda exc: window.show_banner(ctx.tr.error(exc), "warn"))


def _open_in_background(window, ctx) -> None:
    """Two steps on the writer thread, in order: the catalog as the file has it, then the store
    (created or migrated) and, if the first step found none or the schema changed, the catalog."""
    found = {}        # written and read on the writer thread only, in this order

    def read_early():
        found["catalog"] = early_catalog(ctx.data_dir)
        return found["catalog"]

    early = ctx.ops.call(read_early, name="early catalog")

    def shown(catalog) -> None:
        if catalog is not None:
            window.finish_loading(lambda: catalog)

    def failed(exc: BaseException) -> None:
        def load():
            raise exc
        window.finish_loading(load)

    def opened(result) -> None:
        catalog, recovery = result
        if catalog is not None or window.loading:      # None: the early read had it, or there is none
            window.finish_loading(lambda: catalog)
        if recovery.failed:
            window.show_banner(ctx.tr("documents.still_owed", n=recovery.failed, what=ctx.tr.error(recovery.error)),
                               "bad")
        elif recovery.archived:
            window.show_banner(ctx.tr("documents.recovered", n=recovery.archived), "warn")

    early.success(shown)
    ctx.ops.write(lambda store: open_station(store, ctx, have_catalog=found["catalog"] is not None), name="open") \
        .success(opened).failure(failed)


def _start_reader(window, ctx, tr, profile_dirs=()) -> None:
    from counter_app.gui.intake_reader import attach_reader

    try:
        attach_reader(window, ctx, profile_dirs=profile_dirs)
    except Exception as exc:  # noqa: BLE001 - a reader must never keep the window from working
        window.on_card_failed(tr.error(exc))


def run(**options) -> int:
    """Start the window (options as :func:`start`) and run the event loop."""
    app, window = start(**options)
    if window is None:
        return 2
    return app.exec()
