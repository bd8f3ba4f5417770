"""Every document on every paper: scannable codes, Chinese text as written, masked IDs, nothing cut."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest

from counter_app.documents import CASE_KINDS, KINDS, PAPERS, render
from counter_app.documents.codes import query_link
from counter_app.documents.paper import paper as paper_spec
from counter_app.documents.sample import APPLICANT, AGENT, sample_case
from counter_app.domain import id_number
from counter_app.domain.case import ACCEPT_WITH_GAPS, GAP, CheckedMaterial, MaterialCheck, MaterialLine
from counter_app.domain.catalog import PROMISED, ServiceItem
from counter_app.errors import UserError

from .conftest import png_pages, pdftotext, squash, zbar

WITH_QR = {"receipt", "notice", "rejection"}


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", KINDS)
def test_codes_decode_at_203_dpi(rendered, cases, context, kind, paper):
    found = [code for png in png_pages(rendered[(kind, paper)]) for code in zbar(png)]
    records = cases[kind] if kind == "handover" else [cases[kind]]
    barcodes = sorted(data for sym, data in found if sym == "CODE-128")
    batch = [d for d in barcodes if d.startswith("JJ-")]         # the handover sheet's own code
    assert len(batch) == (1 if kind == "handover" else 0)
    assert [d for d in barcodes if d not in batch] == sorted(r.number for r in records)
    qrs = [data for sym, data in found if sym == "QR-Code"]
    if kind in WITH_QR:
        r = records[0]
        assert qrs == [f"{context.hall.query_url}?n={r.number}&c={r.query_code}"]
    else:
        assert qrs == []


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", CASE_KINDS)
def test_chinese_text_extracts_as_written_and_ids_are_masked(rendered, cases, context, kind, paper):
    record = cases[kind]
    text = squash(pdftotext(rendered[(kind, paper)]))
    assert context.hall.name in text
    assert record.applicant.name in text
    for item in record.items:
        assert squash(item.name) in text
    # personal data: never the full ID number (applicant's or agent's) nor the full phone number
    assert APPLICANT.id_number not in text and AGENT.id_number not in text
    assert APPLICANT.phone not in text
    if kind in ("receipt", "gap_promise", "delivery"):     # these identify the applicant: masked
        assert id_number.mask(APPLICANT.id_number) in text


def test_receipt_lists_what_was_received_gaps_and_the_promise(rendered, cases):
    record = cases["receipt"]
    text = squash(pdftotext(rendered[("receipt", "80mm")]))
    for m in record.materials:
        assert squash(m.line.name) in text
    assert "2026年12月4日前补交" in text          # the 容缺 material's promised date
    assert "承诺办结：2026年12月4日" in text
    assert "0573-82000000" in text
    assert record.applicant.address not in text    # the address is masked on the applicant's copy


def test_notice_lists_every_deficiency_with_what_is_wrong(rendered, cases):
    text = squash(pdftotext(rendered[("notice", "a4")]))
    assert "租赁协议已过期，需提供有效期内的租赁协议" in text
    assert "须提交原件" in text
    assert "需补正材料（共3项）" in text


def test_rejection_carries_reason_basis_and_remedies(rendered, cases):
    record = cases["rejection"]
    text = squash(pdftotext(rendered[("rejection", "58mm")]))
    assert squash(record.reason) in text
    assert squash(record.legal_basis) in text
    assert "行政复议" in text and "行政诉讼" in text


def test_delivery_receipt_keeps_the_full_postal_address(rendered, cases):
    text = squash(pdftotext(rendered[("delivery", "a4")]))
    assert squash(cases["delivery"].delivery_address) in text
    assert "受送达人签字" in text


def words_out_of_bounds(pdf, paper: str) -> list[str]:
    """Words whose box leaves the page's text area (pdftotext -bbox)."""
    spec = paper_spec(paper)
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    bad = []
    for page in re.findall(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", out, re.S):
        width, height = float(page[0]), float(page[1])
        assert abs(width - spec.width) < 0.5
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page[2]):
            if float(x0) < spec.margin_x - 0.5 or float(x1) > width - spec.margin_x + 0.5 \
                    or float(y0) < 0 or float(y1) > height:
                bad.append(word)
    return bad


def stress_case():
    """Very long item names and address, forty materials, a company applicant."""
    long_name = ("建设工程规划许可证核发（含建筑类、市政交通类、市政管线类、历史文化街区及风貌保护区范围内的"
                 "新建、改建、扩建项目以及临时建设工程规划许可和规划条件核实合并办理）")
    items = (ServiceItem("330000999000001", long_name, "D01", PROMISED, 20, 10),)
    lines = [MaterialLine(f"k{n}", f"第{n}号材料：建设项目附属设施设计方案及专家评审意见（含电子文档光盘一份）",
                          True, "original", 2, True, "", (items[0].code,)) for n in range(1, 41)]
    materials = tuple(CheckedMaterial(line, MaterialCheck("original") if n % 7 else
                                      MaterialCheck(GAP, promised_date=sample_case().promised_date))
                      for n, line in enumerate(lines, 1))
    applicant = dataclasses.replace(
        APPLICANT, kind="legal_entity", org_name="嘉兴市南湖区某某新型城镇化建设投资开发集团有限责任公司第三分公司",
        credit_code="91330402MA2BXXXX0X",
        address="浙江省嘉兴市南湖区东栅街道广益路1317号南湖春晓花园12幢2单元1502室（靠近南湖大道与广益路交叉口东北角）")
    return dataclasses.replace(sample_case(ACCEPT_WITH_GAPS), items=items, materials=materials,
                               applicant=applicant, delivery_address=applicant.address)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", ["receipt", "gap_promise", "delivery"])
def test_long_content_wraps_inside_the_paper(tmp_path, context, kind, paper):
    record = stress_case()
    pdf = tmp_path / f"{kind}.pdf"
    pdf.write_bytes(render(kind, record, context, paper=paper))
    assert words_out_of_bounds(pdf, paper) == []
    text = squash(pdftotext(pdf))
    assert squash(record.items[0].name) in text
    if kind == "receipt":
        for m in record.materials:
            assert squash(m.line.name) in text


def test_a4_paginates_with_page_numbers_and_the_sample_fits_one_page(tmp_path, context, rendered):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render("receipt", stress_case(), context, paper="a4"))
    text = pdftotext(pdf)
    pages = text.count("\f")
    assert pages >= 2
    assert f"第{pages}页/共{pages}页" in squash(text)
    assert pdftotext(rendered[("receipt", "a4")]).count("\f") == 1


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", KINDS)
def test_sample_documents_stay_inside_the_paper(rendered, kind, paper):
    assert words_out_of_bounds(rendered[(kind, paper)], paper) == []


def test_hall_profile_changes_the_paper_without_code(tmp_path, cases):
    from PIL import Image

    from counter_app.documents import DocContext
    from counter_app.settings import HallProfile

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (200, 30, 30)).save(logo)
    hall = HallProfile(name="平湖市行政服务中心", phone="0573-85111111", footer="周六上午正常办公",
                       logo=str(logo), query_url="https://example.org/track?src=receipt")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render("receipt", cases["receipt"], DocContext(hall=hall), paper="80mm"))
    text = squash(pdftotext(pdf))
    assert "平湖市行政服务中心" in text and "0573-85111111" in text and "周六上午正常办公" in text
    r = cases["receipt"]
    codes = zbar(png_pages(pdf)[0])
    assert ("QR-Code", query_link(hall.query_url, r.number, r.query_code)) in codes
    assert query_link(hall.query_url, r.number, r.query_code).startswith("https://example.org/track?src=receipt&n=")
    assert b"/Subtype /Image" in pdf.read_bytes()


def test_every_font_is_the_bundled_one_and_embedded(rendered):
    out = subprocess.run(["pdffonts", str(rendered[("receipt", "a4")])], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    assert out
    for line in out:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        assert "WenQuanYiMicroHei" in name and emb == "yes" and uni == "yes"


def test_unknown_paper_and_kind_are_user_errors(context, cases):
    with pytest.raises(UserError) as e:
        render("receipt", cases["receipt"], context, paper="letter")
    assert e.value.key == "documents.bad_paper"
    with pytest.raises(UserError) as e:
        render("invoice", cases["receipt"], context)
    assert e.value.key == "documents.unknown_kind"
