"""The Windows installer compiles on Linux (makensis) into a real NSIS installer holding the app."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "installers/windows/build-installer.sh"


def build(tmp_path, *args):
    return subprocess.run(["bash", str(SCRIPT), *map(str, args)], cwd=tmp_path, capture_output=True,
                          text=True, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DIST_DIR": str(tmp_path / "dist")},
                          timeout=300)


def contents(exe: Path) -> set[str]:
    listing = subprocess.run(["7z", "l", "-slt", str(exe)], capture_output=True, text=True, check=True).stdout
    return {line[7:] for line in listing.splitlines() if line.startswith("Path = ")}


def test_stand_in_payload_gives_a_windows_installer_with_an_uninstaller(tmp_path):
    done = build(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    exe, = (tmp_path / "dist").glob("onewindow-counter-*-setup.exe")
    kind = subprocess.run(["file", "-b", str(exe)], capture_output=True, text=True).stdout
    assert "PE32" in kind and "Nullsoft" in kind, kind
    assert {"counter-app.exe", "onewindow-counter.exe", "_internal/README.txt", "uninstall.exe"} <= contents(exe)


def test_a_frozen_folder_is_packed_as_it_is(tmp_path):
    frozen = tmp_path / "counter-app"
    (frozen / "_internal/PySide6").mkdir(parents=True)
    (frozen / "counter-app.exe").write_bytes(b"MZ frozen")
    (frozen / "onewindow-counter.exe").write_bytes(b"MZ frozen window")
    (frozen / "_internal/PySide6/Qt6Core.dll").write_bytes(b"MZ qt")
    done = build(tmp_path, frozen)
    assert done.returncode == 0, done.stdout + done.stderr
    exe, = (tmp_path / "dist").glob("*-setup.exe")
    assert {"counter-app.exe", "onewindow-counter.exe", "_internal/PySide6/Qt6Core.dll",
            "uninstall.exe"} <= contents(exe)
    assert "_internal/README.txt" not in contents(exe)


def test_a_folder_without_the_app_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    done = build(tmp_path, tmp_path / "empty")
    assert done.returncode != 0 and "counter-app.exe" in done.stderr
    assert not list((tmp_path / "dist").glob("*.exe"))
