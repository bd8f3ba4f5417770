"""The built wheel, installed into a fresh virtual environment outside the checkout, runs:
resources, translations and the migrations come from the installed package, not the checkout."""

from __future__ import annotations

from counter_app.store import sqlite_file
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import counter_app

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DATA_FOLDERS = {"resources": "counter_app/resources", "db": "counter_app/db", "ui": "counter_app/ui"}
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                              ".hypothesis", "shots", "out", "*.db*")


def run(cmd, *, cwd, env=None, timeout=900):
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, venv, a clean environment for it, a working folder outside the checkout)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(REPO, src, ignore=SKIP)        # the working tree, built without touching it
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", QT_QPA_PLATFORM="offscreen",
               # the suite's keyring backend (a folder holding that one module: no checkout on the path)
               PYTHONPATH=str(REPO / "tests" / "keyring_support"))
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp / "dist", src],
        cwd=tmp, env=env)
    wheel, = (tmp / "dist").glob("onewindow_counter-*.whl")
    venv = tmp / "venv"
    run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", venv], cwd=tmp, env=env)
    run([venv / "bin/python", "-m", "pip", "install", "-q", wheel], cwd=tmp, env=env)
    work = tmp / "work"
    work.mkdir()
    return wheel, venv, env, work


def test_wheel_holds_every_data_file_of_the_top_level_folders(installed):
    wheel = installed[0]
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, inside in DATA_FOLDERS.items():
        files = [p for p in (REPO / folder).rglob("*") if p.is_file()
                 and "__pycache__" not in p.parts and p.suffix != ".pyc"]
        assert files, folder
        missing = [str(p.relative_to(REPO)) for p in files
                   if f"{inside}/{p.relative_to(REPO / folder).as_posix()}" not in names]
        assert not missing, f"not in the wheel: {missing}"       # e.g. a new chain under db/


def test_installed_package_finds_its_data_inside_the_venv(installed):
    _, venv, env, work = installed
    out = run([venv / "bin/python", "-c", "import json, counter_app, counter_app.paths as p; "
               "print(json.dumps([counter_app.__file__, str(p.RESOURCES), str(p.UI_DIR), "
               "str(p.migrations('client'))]))"], cwd=work, env=env)
    for path in json.loads(out):
        assert Path(path).resolve().is_relative_to(venv.resolve()), path
        assert not Path(path).resolve().is_relative_to(REPO), path
        assert Path(path).exists(), path


def test_version_catalog_import_search_and_migrations_from_the_installed_wheel(installed):
    _, venv, env, work = installed
    app = venv / "bin/counter-app"
    assert run([app, "--version"], cwd=work, env=env).strip() == f"counter-app {counter_app.__version__}"

    site = Path(run([venv / "bin/python", "-c", "import counter_app.paths as p; print(p.RESOURCES)"],
                    cwd=work, env=env).strip())
    station = work / "station"
    out = run([app, "catalog", "import", site / "catalog/sample_catalog.json", "--data-dir", station,
               "--lang", "en"], cwd=work, env=env)
    assert "345" in out, out

    found = json.loads(run([app, "catalog", "search", "gtgsh", "--json", "--limit", "3",
                            "--data-dir", station], cwd=work, env=env))
    assert found and found[0]["name"] == "个体工商户设立登记", found

    # the database was created by the migrations shipped in the wheel, up to their head
    heads = run([venv / "bin/python", "-c", "from alembic.script import ScriptDirectory; "
                 "import counter_app.paths as p; "
                 "print(ScriptDirectory(str(p.migrations('client'))).get_current_head())"],
                cwd=work, env=env).strip()
    con = sqlite_file.connect(station / "counter.db")
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (heads,)
    finally:
        con.close()


def test_documents_from_the_installed_wheel_use_its_font_and_translations(installed):
    _, venv, env, work = installed
    out_dir = work / "sample"
    run([venv / "bin/counter-app", "documents", "sample", "--out", out_dir, "--data-dir",
         work / "station2"], cwd=work, env=env)
    receipt = (out_dir / "receipt-a4.pdf").read_bytes()
    assert receipt.startswith(b"%PDF") and b"WenQuanYi" in receipt
