"""The one-time notice lists everything still missing when the case was not accepted."""

import dataclasses

from counter_app.documents import render
from counter_app.documents.notice import to_complete
from counter_app.documents.sample import sample_case
from counter_app.domain.case import GAP, MISSING, NOTICE, MaterialCheck
from tests.documents.conftest import pdftotext, squash


def test_a_gap_material_is_on_the_notice_of_a_case_not_accepted(context):
    import datetime as dt

    record = sample_case(NOTICE, seq=5)
    gap_line = next(m.line for m in record.materials if m.line.gap_allowed and m.line.required)
    optional = next(m.line for m in record.materials if not m.line.required)
    checks = {gap_line.key: MaterialCheck(GAP, promised_date=dt.date(2026, 12, 4)),
              optional.key: MaterialCheck(MISSING)}
    record = dataclasses.replace(record, materials=tuple(
        dataclasses.replace(m, check=checks.get(m.line.key, m.check)) for m in record.materials))
    text = squash(pdftotext_of(render("notice", record, context, paper="a4")))
    assert squash(gap_line.name) in text            # promised for later, but the case was not accepted
    assert squash(optional.name) in text            # the clerk marked it missing: they must bring it
    original = sample_case(NOTICE, seq=5)
    listed_before = {m.line.key for m, _why in to_complete(original)}
    assert f"需补正材料（共{len(listed_before | {gap_line.key, optional.key})}项）" in text


def pdftotext_of(pdf: bytes) -> str:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "notice.pdf"
        path.write_bytes(pdf)
        return pdftotext(path)
