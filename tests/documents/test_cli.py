"""``counter-app documents sample`` writes every kind; the parser's choices match the package."""

from __future__ import annotations

import pytest

from counter_app import documents
from counter_app.cli import documents_cmd, main

from .conftest import pdftotext


@pytest.mark.parametrize("paper", ["a4", "58mm"])
def test_sample_writes_every_kind(tmp_path, capsys, paper):
    out = tmp_path / "out"
    assert main(["documents", "sample", "--out", str(out), "--paper", paper, "--data-dir", str(tmp_path)]) == 0
    written = sorted(p.name for p in out.glob("*.pdf"))
    assert written == sorted(f"{k}-{paper}.pdf" for k in documents.KINDS)
    assert "欧阳晓明" in pdftotext(out / f"receipt-{paper}.pdf")
    assert "6" in capsys.readouterr().out


def test_bad_paper_is_refused_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["documents", "sample", "--out", str(tmp_path), "--paper", "letter"])


def test_cli_choices_match_the_package():
    assert documents_cmd.KINDS == documents.KINDS
    assert documents_cmd.PAPERS == documents.PAPERS


def test_reprint_without_archive_says_so(tmp_path, capsys):
    assert main(["documents", "reprint", "330402001-W01-20261127-0001", "--data-dir", str(tmp_path)]) == 2
    assert "没有已归档" in capsys.readouterr().err
