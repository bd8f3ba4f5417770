import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI must never fail by chance: under CI=true every property runs the same examples each time and
# keeps no database of failures between runs. Locally the examples stay random.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                                     print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# a hall admin's /etc/onewindow-counter/station.json on this machine must not change what tests see
os.environ["ONEWINDOW_MACHINE_SETTINGS"] = str(Path(__file__).parent / "no-machine-settings.json")

# The station's key lives in the OS keyring (issue 13): the whole suite, its child processes too,
# uses the test backend by keyring's own switch; its secrets are in one file of this run only.
_KEYRING_SUPPORT = str(Path(__file__).parent / "keyring_support")
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_KEYRING_SUPPORT, os.environ.get("PYTHONPATH")) if p)
if _KEYRING_SUPPORT not in sys.path:
    sys.path.insert(0, _KEYRING_SUPPORT)
os.environ["PYTHON_KEYRING_BACKEND"] = "onewindow_test_keyring.SharedTestKeyring"
if "ONEWINDOW_TEST_KEYRING" not in os.environ:
    os.environ["ONEWINDOW_TEST_KEYRING"] = os.path.join(tempfile.mkdtemp(prefix="onewindow-keyring-"), "keyring.json")

FIXTURES = Path(__file__).parent / "fixtures"
MINI_CATALOG = FIXTURES / "mini_catalog.json"


def set_up_station():
    """Station settings an admin has filled in (not the demo hall's): official documents print."""
    import dataclasses

    from counter_app.settings import DEMO_HALL, StationSettings

    hall = dataclasses.replace(DEMO_HALL, phone="0573-82000001", query_url="https://zwfw.nanhu.gov.cn/q")
    return StationSettings(hall=hall, clerk="c07", clerk_name="陈静")


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


@pytest.fixture
def hall_theme(qapp):
    """The hall's theme as the app applies it (bundled font, QSS padding: they change what fits),
    and the application's font and style sheet as they were afterwards, for the other tests."""
    from counter_app.gui.app import apply_theme

    font = qapp.font()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL cluster for this test session (initdb in a temp folder, loopback port)."""
    from counter_app.central.pg_harness import Cluster, ClusterUnavailable

    try:
        cluster = Cluster().start()
    except ClusterUnavailable as exc:   # a PostgreSQL test must never pass silently
        pytest.fail(f"PostgreSQL test cluster unavailable: {exc}")
    yield cluster
    cluster.stop()


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: kill and fuzz runs; CI runs them with small counts "
                                       "(KILL_COUNT, FUZZ_EXAMPLES)")
