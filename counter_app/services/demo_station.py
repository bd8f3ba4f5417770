"""Demo mode's station: demo settings, the demo supervisor, the demo clerk and the sample catalog.

Used by the window's start (the catalog part on the writer thread), the screenshot script and
the startup benchmark; the window never opens database sessions itself.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from counter_app.paths import resource
from counter_app.store.database import Store

SAMPLE_CATALOG = resource("catalog", "sample_catalog.json")
DEMO_SUPERVISOR = ("王科长", "246810")   # demo mode only; README says so
DEMO_CLERK_PASSWORD = "demo1234"        # the demo clerk (signed in by itself) unlocks with it


def prepare_demo(data_dir: Path | None, keep: bool, *, with_catalog: bool = True) -> Path:
    """A station directory with demo settings (a fresh one under ``data_dir`` unless ``keep``)
    and, with ``with_catalog``, the sample catalog."""
    from counter_app import supervisors
    from counter_app.settings import load_settings, save_settings

    if data_dir is None or not keep:
        data_dir = Path(tempfile.mkdtemp(prefix="counter-demo-", dir=data_dir))
    if with_catalog:
        store = Store(data_dir, demo=True)     # the demo may keep its key in a demo-only file
        try:
            ensure_sample_catalog(store=store)
        finally:
            store.close()
    settings = load_settings(data_dir)
    if not supervisors.names(data_dir):
        supervisors.add(data_dir, *DEMO_SUPERVISOR)
    from counter_app.sync import clerk_signin

    if not any(login == settings.clerk for login, _, _ in clerk_signin.local_clerks(data_dir)):
        clerk_signin.add_local(data_dir, settings.clerk, settings.clerk_name, DEMO_CLERK_PASSWORD)
    save_settings(data_dir, dataclasses.replace(settings, demo=True, reader="simulator"))
    return data_dir


def ensure_sample_catalog(*, store: Store) -> bool:
    """Import the sample catalog unless the station has a catalog; True if it was imported."""
    from counter_app.services.catalog_io import import_catalog
    from counter_app.store import catalog_read

    with store.session() as s:
        if catalog_read.current_version(catalog_read.session_rows(s)) is not None:
            return False
    import_catalog(store=store, path=SAMPLE_CATALOG)
    return True
