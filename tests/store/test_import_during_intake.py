"""A 10,000-item catalog import while the window takes cases (issue 14: the import held the write
lock while it built pinyin keys for 10.5 s, and intakes failed after 3 s with 数据库正被其他程序占用).
Counted: every intake started during the import is saved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic_catalog import ACTIONS, PLACES, SUBJECTS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
INTAKES = """
import collections, json, sys
from pathlib import Path
from counter_app.errors import UserError
from counter_app.services.catalog_view import CatalogView
from counter_app.store.database import Store
from tests.store.test_intake import _submit
store = Store(Path(sys.argv[1]))
view = CatalogView.load(store)
print("ready", flush=True)
stop = Path(sys.argv[2])
failed, saved = collections.Counter(), 0
while not stop.exists() or saved < 5:
    try:
        _submit(store, view)
        saved += 1
    except UserError as exc:
        failed[exc.key] += 1
print(json.dumps({"saved": saved, "failed": failed}), flush=True)
"""


def big_catalog(path: Path, n: int = 10_000) -> Path:
    doc = json.loads((ROOT / "tests" / "fixtures" / "mini_catalog.json").read_text(encoding="utf-8"))
    doc["version"] = "2026.12.20"
    combos = [f"{s}{a}{p}" for s in SUBJECTS for a in ACTIONS for p in PLACES][:n]
    template = doc["items"][0]
    doc["items"] += [dict(template, code=f"9{k:011d}", name=name, aliases=[name[:4] + "办理"])
                     for k, name in enumerate(combos)]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_intakes_during_a_10000_item_import_all_succeed(store, tmp_path):
    catalog = big_catalog(tmp_path / "big.json")
    stop = tmp_path / "import-finished"
    intakes = subprocess.Popen([sys.executable, "-c", INTAKES, str(store.data_dir), str(stop)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert intakes.stdout.readline().strip() == "ready", intakes.stderr.read()
    imp = subprocess.run([sys.executable, "-m", "counter_app", "catalog", "import", str(catalog),
                          "--data-dir", str(store.data_dir)], capture_output=True, text=True, cwd=ROOT)
    stop.touch()
    out, err = intakes.communicate(timeout=300)
    assert imp.returncode == 0, imp.stderr
    result = json.loads(out.strip().splitlines()[-1])
    assert result["failed"] == {} and result["saved"] >= 5, (result, err)
