import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
MINI_CATALOG = FIXTURES / "mini_catalog.json"


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "station"


@pytest.fixture
def store(data_dir):
    from counter_app.services.catalog_io import import_catalog
    from counter_app.store.database import Store

    s = Store(data_dir)
    import_catalog(store=s, path=MINI_CATALOG)
    yield s
    s.close()
