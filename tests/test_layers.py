"""DESIGN.md rule 1: the core never imports Qt."""

import ast
from pathlib import Path

import counter_app

PACKAGE = Path(counter_app.__file__).parent
QT_FREE = [p for p in PACKAGE.iterdir() if p.is_dir() and p.name not in ("gui", "__pycache__")]
QT_FREE_FILES = [p for p in PACKAGE.glob("*.py")]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt():
    offenders = []
    files = [f for d in QT_FREE for f in d.rglob("*.py")] + QT_FREE_FILES
    assert len(files) > 10
    for f in files:
        if f.parent.name == "cli" and f.name == "gui_cmd.py":
            continue  # starts the GUI, importing it lazily inside the handler
        bad = {n for n in _imports(f) if n.split(".")[0] in ("PySide6", "shiboken6")
               or n.startswith("counter_app.gui")}
        if bad:
            offenders.append(f"{f.relative_to(PACKAGE)}: {sorted(bad)}")
    assert offenders == []


def test_no_module_is_a_dumping_ground():
    big = [f"{f.relative_to(PACKAGE)} ({n})" for f in PACKAGE.rglob("*.py")
           if (n := len(f.read_text(encoding="utf-8").splitlines())) > 450]
    assert big == []


def test_the_gui_uses_services_not_the_command_line_nor_sessions_of_its_own():
    """Issue 7: gui/app.py imported counter_app.cli (a cycle) and opened database sessions itself."""
    offenders = []
    for f in (PACKAGE / "gui").rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        cli = {n for n in _imports(f) if n == "counter_app.cli" or n.startswith("counter_app.cli.")}
        if cli or ".session()" in text or ".transaction()" in text:
            offenders.append(f.name)
    assert offenders == []


def test_the_window_app_never_imports_the_hall_server():
    """The frozen window app leaves counter_app.central out (installers/counter-app.spec): an import
    of it from the window's code crashed the installed app's first start (demo's clerk sign-in)."""
    offenders = []
    for f in PACKAGE.rglob("*.py"):
        if (PACKAGE / "central") in f.parents:
            continue
        bad = {n for n in _imports(f) if n == "counter_app.central" or n.startswith("counter_app.central.")}
        if bad:
            offenders.append(f"{f.relative_to(PACKAGE)}: {sorted(bad)}")
    assert offenders == []
