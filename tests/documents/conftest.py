"""Shared helpers: render the sample documents once, rasterise at 203 dpi, decode with zbar."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from counter_app.documents import KINDS, PAPERS, DocContext, render
from counter_app.documents.sample import sample_cases
from counter_app.settings import StationSettings

NOW = dt.datetime(2026, 11, 27, 16, 5)


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: run scripts/setup.sh --test")


def png_pages(pdf: Path, dpi: int = 203) -> list[Path]:
    need("pdftoppm")
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(prefix.name + "-*.png"))


def zbar(png: Path) -> list[tuple[str, str]]:
    """(symbology, data) of every code zbarimg finds in the image."""
    need("zbarimg")
    proc = subprocess.run(["zbarimg", "-q", "-Sdisable", "-Scode128.enable", "-Sqrcode.enable", str(png)],
                          capture_output=True, text=True)
    return [tuple(line.split(":", 1)) for line in proc.stdout.splitlines() if ":" in line]


def pdftotext(pdf: Path) -> str:
    """The text of a PDF file; an archive file (sealed) is unsealed through stdin."""
    from counter_app.documents import archive

    need("pdftotext")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=archive.read_path(pdf), check=True,
                          capture_output=True).stdout.decode("utf-8")


def squash(text: str) -> str:
    """Text without line breaks and spaces: wrapped Chinese reads as written."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def context() -> DocContext:
    return DocContext.from_settings(StationSettings(), now=NOW, sample=True)


@pytest.fixture(scope="session")
def cases():
    return sample_cases()


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, context, cases) -> dict[tuple[str, str], Path]:
    """Every kind on every paper, written once per test session."""
    folder = tmp_path_factory.mktemp("docs")
    out = {}
    for paper in PAPERS:
        for kind in KINDS:
            path = folder / f"{kind}-{paper}.pdf"
            path.write_bytes(render(kind, cases[kind], context, paper=paper))
            out[(kind, paper)] = path
    return out
