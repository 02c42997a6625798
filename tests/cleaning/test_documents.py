"""PDF and DOCX documents: text layer, page furniture, wrapped lines, rejections, and stage B after them."""
import io
import zipfile

import pytest

from worksum.cleaning import documents
from worksum.cleaning.pipeline import clean_page, extract_page
from worksum.cleaning.record import Page
from worksum.cleaning.stats import Stats
from tests import docfiles
from tests.docfiles import PLAN, PLAN_TITLE, SUMMARY, TITLE

PARAGRAPHS = [text for text, _ in SUMMARY]


def _page(body: bytes, content_type: str = documents.PDF_TYPE, url: str = "http://docs.example/files/1") -> Page:
    return Page(url=url, status=200, content_type=content_type, body=body, page_kind="document")


def _pdf_space_repaired(text: str) -> str:
    return text.replace("共 12 场", "共12场")  # the one place our text puts spaces the way a PDF does


@pytest.mark.parametrize("number", [docfiles.number_dash, docfiles.number_of_total, docfiles.number_slash,
                                    docfiles.number_bare])
def test_pdf_text_without_headers_footers_page_numbers_and_with_wraps_joined(number):
    pdf = docfiles.make_pdf(number=number)
    stats = Stats()
    title, lines, reason = documents.read(pdf, "pdf", "test.pdf", stats)
    assert reason == "" and title == TITLE
    assert lines == [TITLE] + [p.replace("共 12 场", "共 12场") for p in PARAGRAPHS]  # wrapped after "12 "
    counts = stats.by_step()["document"]
    pages = counts["page_number"]
    assert pages >= 3 and counts["running_line"] == 2 * pages  # one header and one footer on every page
    assert counts["wrapped_lines_joined"] > 0


def test_the_text_layer_is_real_chinese_and_stage_b_finishes_the_repairs():
    ex = extract_page(_page(docfiles.make_pdf(meta_title=f"Microsoft Word - {TITLE}.docx")))
    assert ex.reason == "" and ex.title == TITLE and not ex.blocks
    [doc] = clean_page(ex)
    assert doc.reason == "" and doc.meta["genre"] == "document" and doc.meta["year"] == 2024
    assert doc.lines == [_pdf_space_repaired(p) for p in PARAGRAPHS]  # the title line repeated is gone too
    for furniture in ("内部材料", "不得外传", "- 2 -"):
        assert furniture not in doc.text


def test_a_pdf_without_metadata_takes_its_first_line_as_title():
    title, lines, _ = documents.read(docfiles.make_pdf(header="", footer="", number=None), "pdf")
    assert title == TITLE and lines[0] == TITLE


def test_a_one_page_pdf_keeps_its_first_and_last_lines():
    blocks = [("一、基本情况", True), ("本月共受理群众来信来访九件，已全部办结，回访满意率达到预期目标。", False)]
    title, lines, reason = documents.read(docfiles.make_pdf("便民服务站月度小结", blocks, header="", footer="",
                                                            number=None), "pdf")
    assert (title, lines, reason) == ("便民服务站月度小结", ["便民服务站月度小结", blocks[0][0], blocks[1][0]], "")


def test_short_lines_are_not_joined_as_if_wrapped():
    lines = ["一、指导思想", "坚持问题导向", "二、工作目标", "年底前完成全部改造任务。"]
    assert documents.join_wrapped(lines) == lines


def test_page_numbers_only_at_page_edges():
    pages = [["12", "正文第一段的开头部分，讲的是今年的重点工作", "第1页 共2页"],
             ["Page 2 of 2", "正文第二段，数字3/4出现在正文里不算页码。", "3"]]
    assert documents.strip_page_furniture(pages) == [pages[0][1], pages[1][1]]
    middle = [["标题", "3", "正文一句话。", "结尾一句话。", "最后一句话。", "第1页"]]
    assert documents.strip_page_furniture(middle) == middle[0][:5]  # "3" follows a body line: it is no page number


def test_docx_paragraphs_and_table_in_order_without_the_page_header():
    table = [["项目", "完成数"], ["巡查商铺", "二十六家"]]
    body = docfiles.make_docx(table=table, header="社区文件页眉", meta_title=PLAN_TITLE)
    assert documents.kind_of("application/octet-stream", body) == "docx"
    title, lines, reason = documents.read(body, "docx")
    assert reason == "" and title == PLAN_TITLE
    assert lines == [PLAN_TITLE, *PLAN, "项目 完成数", "巡查商铺 二十六家"]
    [doc] = clean_page(extract_page(_page(body, documents.DOCX_TYPE)))
    assert doc.reason == "" and doc.meta["genre"] == "document" and doc.lines[:len(PLAN)] == PLAN


def test_docx_without_metadata_title_uses_its_first_line():
    title, _, _ = documents.read(docfiles.make_docx(meta_title="文档1"), "docx")
    assert title == PLAN_TITLE


def test_encrypted_pdf_is_rejected_unless_it_opens_without_a_password():
    pdf = docfiles.make_pdf()
    locked = docfiles.encrypt_pdf(pdf, user_password="user-secret")
    assert documents.read(locked, "pdf") == ("", [], "encrypted")
    assert extract_page(_page(locked)).reason == "encrypted"
    copy_protected = docfiles.encrypt_pdf(pdf, user_password="")  # restricts copying only: any viewer opens it
    assert documents.read(copy_protected, "pdf") == documents.read(pdf, "pdf")


def test_image_only_pdf_has_no_text_layer():
    assert extract_page(_page(docfiles.image_only_pdf())).reason == "no_text_layer"
    # three pages of headers, footers and page numbers, and nothing else: a scan with a stamped header
    only_furniture = docfiles.make_pdf(title="", blocks=[("", True)] * 2, lines_per_page=1)
    assert documents.read(only_furniture, "pdf")[2] == "no_text_layer"


def test_doc_and_other_formats_are_unsupported():
    assert documents.kind_of("application/msword", docfiles.DOC_BYTES) == "unsupported"
    assert extract_page(_page(docfiles.DOC_BYTES, "application/msword")).reason == "unsupported_format"
    assert extract_page(_page(b"{\\rtf1 text}", "application/rtf")).reason == "unsupported_format"
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert extract_page(_page(xlsx.getvalue(), "application/octet-stream")).reason == "unsupported_format"
    encrypted_office = docfiles.DOC_BYTES + "EncryptedPackage".encode("utf-16-le")
    assert extract_page(_page(encrypted_office, "application/octet-stream")).reason == "encrypted"
    # not documents at all: as before
    assert extract_page(_page(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")).reason == "not_html"
    assert documents.kind_of("text/html", b"<html><body>%PDF- in a page</body></html>") == ""


def test_corrupt_documents_are_unreadable():
    pdf = docfiles.make_pdf()
    for body in (b"%PDF-1.7\n" + bytes(range(256)) * 8, pdf[:200]):
        assert extract_page(_page(body, "application/octet-stream")).reason == "unreadable_document"
    docx = docfiles.make_docx()
    assert extract_page(_page(docx[: len(docx) // 2], documents.DOCX_TYPE)).reason == "unreadable_document"
    assert extract_page(_page(b"not a pdf at all", documents.PDF_TYPE)).reason == "unreadable_document"


def test_caps_bound_the_work(monkeypatch):
    pdf, docx = docfiles.make_pdf(), docfiles.make_docx()
    monkeypatch.setattr(documents, "MAX_PAGES", 2)
    assert documents.read(pdf, "pdf")[2] == "too_large"
    monkeypatch.setattr(documents, "MAX_UNZIPPED", 1000)  # a zip bomb declares its giant sizes
    assert documents.read(docx, "docx")[2] == "too_large"
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    assert documents.read(pdf, "pdf")[2] == "too_large"


def test_a_pdf_served_as_html_is_still_read_as_a_pdf():
    ex = extract_page(_page(docfiles.make_pdf(), "text/html; charset=utf-8"))
    assert ex.reason == "" and ex.title == TITLE
