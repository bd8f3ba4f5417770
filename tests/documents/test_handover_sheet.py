"""The batch sheets as printed: zbar reads the batch's code and every case's from the page."""

from counter_app.services import handover
from counter_app.services.catalog_view import CatalogView
from tests.conftest import set_up_station
from tests.documents.conftest import pdftotext, png_pages, squash, zbar
from tests.store.test_handover_batches import FOOD, JOBLESS, _case, at


def test_every_barcode_on_the_sheets_decodes(store, tmp_path):
    view = CatalogView.load(store)
    settings = set_up_station()
    food = [_case(store, view, FOOD, at(t)) for t in ("09:00", "09:05", "09:10")]
    jobless = [_case(store, view, JOBLESS, at("09:20"))]
    sheet = handover.make_handover(store=store, settings=settings, data_dir=store.data_dir, now=at("10:30"))
    assert len(sheet.batches) == 2
    pdf = tmp_path / "sheets.pdf"
    pdf.write_bytes(sheet.pdf)
    pages = png_pages(pdf)
    assert len(pages) == 2                              # each department's sheet on its own page
    found = [{data for kind, data in zbar(p) if kind == "CODE-128"} for p in pages]
    assert found[0] == {sheet.batches[0].code, *(c.number for c in food)}
    assert found[1] == {sheet.batches[1].code, *(c.number for c in jobless)}
    text = squash(pdftotext(pdf))
    assert "10:30时段" in text and "接收部门" in text
    for b in sheet.batches:                              # each batch's own sheet is archived for reprinting
        assert (store.data_dir / "archive" / "handover" / f"{b.code}.pdf").exists()
