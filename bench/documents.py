"""PDF and DOCX reading speed: pypdf's text layer, worksum's document reader, and pdfplumber beside them.

    python bench/documents.py [--pages 200] [--rounds 3]

Writes a dense Chinese PDF (reportlab's CID font STSong-Light; a running header and a page
number on every page, lines wrapped at the page width) and a DOCX of the same paragraphs, then
prints pages/s of pypdf `extract_text`, of `cleaning.documents.read` (text layer, page furniture,
wrapped lines joined), and of pdfplumber when it is installed, with whether the texts agree.
"""
import argparse
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from worksum.cleaning import documents  # noqa: E402

PHRASES = ["围绕年度目标细化分解任务", "每月召开一次工作例会", "深入企业走访了解需求", "及时协调解决实际困难",
           "完善内部管理制度", "按时完成各项统计报表", "组织干部职工集中学习", "加快推进重点项目建设"]


def paragraphs(n: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    return ["".join("本季度我们" + "，".join(rnd.sample(PHRASES, 3)) + "。" for _ in range(5)) for _ in range(n)]


def make_pdf(pages: int, width: int = 36) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [p[i:i + width] for p in paragraphs(pages * 6) for i in range(0, len(p), width)]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    w, h = A4
    per_page = len(lines) // pages
    for n in range(pages):
        c.setFont("STSong-Light", 9)
        c.drawString(72, h - 40, "示例单位内部资料")
        c.setFont("STSong-Light", 11)
        for k, line in enumerate(lines[n * per_page:(n + 1) * per_page]):
            c.drawString(72, h - 80 - 16 * k, line)
        c.setFont("STSong-Light", 9)
        c.drawCentredString(w / 2, 40, f"- {n + 1} -")
        c.showPage()
    c.save()
    return buf.getvalue()


def make_docx(n: int) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs(n):
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def best(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from pypdf import PdfReader

    pdf = make_pdf(args.pages)
    print(f"PDF: {args.pages} pages, {len(pdf):,} bytes")
    t, texts = best(lambda: [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages], args.rounds)
    print(f"pypdf extract_text           {args.pages / t:8.0f} pages/s")
    t, (title, lines, reason) = best(lambda: documents.read(pdf, "pdf"), args.rounds)
    print(f"documents.read (PDF)         {args.pages / t:8.0f} pages/s  ({len(lines)} paragraphs, reason {reason!r})")
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber                   not installed")
    else:
        def plumb():
            with pdfplumber.open(io.BytesIO(pdf)) as doc:
                return [p.extract_text() for p in doc.pages]

        t, other = best(plumb, 1)
        same = sum(a.strip() == b.strip() for a, b in zip(texts, other))
        print(f"pdfplumber extract_text      {args.pages / t:8.0f} pages/s  (same text as pypdf on {same}/{len(texts)} "
              "pages)")
    docx_body = make_docx(args.pages * 6)
    t, _ = best(lambda: documents.read(docx_body, "docx"), args.rounds)
    print(f"documents.read (DOCX)        {args.pages * 6 / t:8.0f} paragraphs/s")


if __name__ == "__main__":
    main()
