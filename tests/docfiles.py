"""PDF and DOCX files written by the tests themselves (reportlab, pypdf, python-docx), with text of our own."""
from __future__ import annotations

import io
import zlib
from collections.abc import Callable

TITLE = "青溪镇农业服务中心2024年上半年工作总结"
# (heading or paragraph, is_heading): a work summary written for these tests.
SUMMARY = [
    ("一、主要工作完成情况", True),
    ("今年上半年，中心围绕春耕备耕和农技推广两项重点，组织技术人员分片包村，先后走访农户四百余户，帮助群众解决"
     "种苗调配、病虫防治和农机维修方面的实际困难，全镇春播面积比去年同期增加百分之六。", False),
    ("在农技推广方面，我们在三个村建立水稻绿色高产示范片，引进两个抗倒伏新品种，举办田间课堂共 12 场，参训群众"
     "累计六百余人次，示范片亩均增产约四十公斤，带动周边农户主动调整品种结构。", False),
    ("二、存在的问题", True),
    ("一是基层农技人员年龄偏大，懂新技术、会用新设备的年轻骨干不足；二是部分村组的灌溉渠道年久失修，遇到连续"
     "干旱时供水紧张，影响了晚稻育秧的进度，群众对此反映较多。", False),
    ("三、下半年工作打算", True),
    ("下半年，中心将继续抓好秋粮生产服务，重点做好晚稻病虫害统防统治，同时争取项目资金修缮三条主要灌渠，并与县"
     "农业学校合作开展青年农技员轮训，力争全年各项指标圆满完成。", False),
]
PLAN_TITLE = "白沙社区2025年度安全生产工作计划"
PLAN = [
    "为切实做好本社区安全生产工作，防范和减少各类事故发生，结合社区实际，制定本年度工作计划。",
    "一、健全责任体系。社区与辖区内二十六家沿街商铺逐一签订安全责任书，明确网格员每周巡查一次，发现隐患当场"
    "登记、限期整改，整改情况在居民群里公开。",
    "二、开展专项整治。三月至五月集中排查电动自行车楼道充电和违规停放问题，联合物业增设充电桩四十个，对屡教"
    "不改的住户上门劝导，确保楼道畅通。",
    "三、加强宣传培训。每季度组织一次消防演练，邀请消防站教员讲解灭火器使用和初期火灾处置，重点覆盖独居老人"
    "和小微企业从业人员，全年培训不少于三百人次。",
    "四、强化督查考核。社区安全生产领导小组每月召开一次调度会，通报隐患整改进度，对工作不力的网格进行约谈，"
    "年底将考核结果纳入网格员绩效评定。",
]


def number_dash(page: int, total: int) -> str:
    return f"- {page} -"


def number_of_total(page: int, total: int) -> str:
    return f"第{page}页 共{total}页"


def number_slash(page: int, total: int) -> str:
    return f"{page}/{total}"


def number_bare(page: int, total: int) -> str:
    return str(page)


def wrap(text: str, width: int) -> list[str]:
    """Cut a paragraph at a fixed number of characters, as a PDF breaks it at the page width."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def make_pdf(title: str = TITLE, blocks: list[tuple[str, bool]] = SUMMARY, *, header: str = "青溪镇人民政府内部材料",
             footer: str = "请妥善保管 不得外传", number: Callable[[int, int], str] | None = number_dash,
             width: int = 24, lines_per_page: int = 9, meta_title: str | None = None) -> bytes:
    """A PDF of wrapped paragraphs over several pages, with a running header, footer and page numbers.

    Each page draws its number first and its footer last, so they come out at both ends of its text layer.
    """
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    font = _cjk_font()
    lines = [title] + [ln for text, heading in blocks for ln in ([text] if heading else wrap(text, width))]
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5)
    if meta_title is not None:
        c.setTitle(meta_title)
    w, h = A5
    for n, page_lines in enumerate(pages, start=1):
        c.setFont(font, 8)
        if number:
            c.drawCentredString(w / 2, 24, number(n, len(pages)))
        if header:
            c.drawString(36, h - 30, header)
        c.setFont(font, 11)
        y = h - 64
        for line in page_lines:
            c.drawString(36, y, line)
            y -= 20
        if footer:
            c.setFont(font, 8)
            c.drawString(36, 40, footer)
        c.showPage()
    c.save()
    return buf.getvalue()


def image_only_pdf(pages: int = 2) -> bytes:
    """A 'scanned' PDF: every page is a picture, there is no text layer."""
    from PIL import Image
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (120, 160), "white")
    for x in range(10, 110):
        for y in range(20, 140, 12):
            img.putpixel((x, y), (0, 0, 0))  # lines of 'print'
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5)
    for _ in range(pages):
        c.drawImage(ImageReader(img), 20, 20, width=380, height=550)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner-secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(title: str = PLAN_TITLE, paragraphs: list[str] = PLAN, *, meta_title: str | None = None,
              table: list[list[str]] | None = None, header: str = "") -> bytes:
    """A DOCX: the title as a heading, the paragraphs, an optional table; `header` goes in the page header."""
    import docx

    document = docx.Document()
    if meta_title is not None:
        document.core_properties.title = meta_title
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for col, text in enumerate(row):
                grid.cell(r, col).text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# The first bytes of a binary Word file (an OLE compound document), then filler.
DOC_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "老格式的文档".encode("utf-16-le") * 40


def slow_pdf(text_operators: int = 1_000_000) -> bytes:
    """A small PDF (one compressed content stream) that takes pypdf seconds to read: a hostile file's trick."""
    content = zlib.compress(b"BT /F1 12 Tf 10 10 Td " + b"(A) Tj " * text_operators + b"ET", 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
