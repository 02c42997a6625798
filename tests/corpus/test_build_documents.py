"""`build` over folders of PDF, DOCX and HTML files, and over a WARC holding a PDF response."""
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pyarrow.dataset as ds
import pytest

from worksum.cleaning.documents import PDF_TYPE
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.files import find_inputs
from worksum.corpus.warc import MAX_BODY_BYTES, NotWarcError, RotatingWarcWriter
from tests import docfiles
from tests.corpus.warcs import page_html, work_text
from tests.docfiles import PLAN, PLAN_TITLE, SUMMARY, TITLE

CFG = BuildConfig(workers=2, progress=False)
ROOT = Path(__file__).resolve().parents[2]
MTIME = 1_720_000_000  # 2024-07-03T09:46:40Z
PARAGRAPHS = [text.replace("共 12 场", "共12场") for text, heading in SUMMARY]  # the PDF's space repaired


def _rows(out: Path, kind: str) -> list[dict]:
    return ds.dataset(out / kind, format="parquet").to_table().to_pylist()


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (MTIME, MTIME))
    return path


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "downloads"
    _write(d / "总结.pdf", docfiles.make_pdf(number=docfiles.number_of_total))
    _write(d / "plans" / "plan.docx", docfiles.make_docx(meta_title=PLAN_TITLE))
    _write(d / "plans" / "copy-of-summary.docx", docfiles.make_docx(TITLE, PARAGRAPHS))
    _write(d / "page.htm", page_html("河东街道2023年度综治工作总结", work_text(7)))
    _write(d / "locked.pdf", docfiles.encrypt_pdf(docfiles.make_pdf(), user_password="user-secret"))
    _write(d / "scan.PDF", docfiles.image_only_pdf())
    _write(d / "old.doc", docfiles.DOC_BYTES)
    _write(d / "broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)
    _write(d / "notes.txt", "这个文件不是文档，构建时不读它。".encode())
    return d


def test_a_folder_of_documents_builds_into_the_corpus(folder, tmp_path):
    out = tmp_path / "corpus"
    report = build([str(folder)], out, BuildConfig(workers=2, progress=False, keep_duplicates=True))
    assert report.document_files == 8 and report.warc_files == 0 and report.pages == 8  # notes.txt is no input
    kept, rejected = _rows(out, "data"), _rows(out, "rejected")
    by_name = {unquote(Path(r["url"]).name): r for r in kept + rejected}
    # every file becomes one row: kept, a duplicate or rejected with its own reason
    assert {name: r["reason"] for name, r in by_name.items() if r in rejected} == {
        "locked.pdf": "encrypted", "scan.PDF": "no_text_layer", "old.doc": "unsupported_format",
        "broken.pdf": "unreadable_document"}
    assert (report.kept, report.duplicates, report.dup_reasons, len(kept)) == (3, 1, {"exact": 1}, 4)
    # the DOCX copy of the PDF's text is its exact duplicate: dedup works across formats (and keeps the
    # copy that needed no repair)
    pdf, copy = by_name["总结.pdf"], by_name["copy-of-summary.docx"]
    assert (pdf["dup_reason"], pdf["duplicate_of"], copy["duplicate_of"]) == ("exact", copy["id"], None)
    assert pdf["noise_chars"] > copy["noise_chars"] == 0
    # the file URI, percent-encoded, its mtime, the site of local files, and no WARC file
    assert pdf["url"] == (folder / "总结.pdf").resolve().as_uri() and pdf["url"].startswith("file:///")
    assert pdf["crawl_time"] == "2024-07-03T09:46:40Z" and pdf["site"] == "local" and pdf["warc_file"] == ""
    # the PDF's text: no running header, footer or page numbers; wrapped lines joined; PDF spaces repaired
    assert pdf["title"] == TITLE and pdf["text"] == "\n".join(PARAGRAPHS)
    assert (pdf["genre"], pdf["year"]) == ("document", 2024) and pdf["doc_type"]
    plan = by_name["plan.docx"]
    assert plan["title"] == PLAN_TITLE and plan["text"] == "\n".join(PLAN) and plan["genre"] == "document"
    assert "河东街道" in by_name["page.htm"]["title"] and by_name["page.htm"]["genre"] == "document"
    steps = report.steps
    assert steps["extract"]["pdf"] == 1 and steps["extract"]["docx"] == 2
    assert steps["document"]["running_line"] > 0 and steps["document"]["page_number"] > 0


def test_single_document_files_and_refusals(folder, tmp_path):
    files = find_inputs([folder / "plans" / "plan.docx", folder / "old.doc"])
    assert [f.name for f in files] == ["plan.docx", "old.doc"]
    report = build([str(f) for f in files], tmp_path / "out", CFG)
    assert (report.kept, report.reasons) == (1, {"unsupported_format": 1})
    with pytest.raises(NotWarcError, match=r"notes.txt is not a WARC file .* nor a document"):
        find_inputs([folder / "notes.txt"])
    with pytest.raises(FileNotFoundError, match="input not found"):
        find_inputs([folder / "missing.pdf"])
    # a corpus built inside the input folder: its report.html and shards are no inputs of the next build
    inside = folder / "corpus"
    build([str(folder / "plans")], inside, CFG)
    (inside / "report.html").write_text(docfiles.PLAN_TITLE)
    again = build([str(folder)], inside, BuildConfig(workers=1, progress=False, replace=True))
    assert again.document_files == 8 and again.pages == 8
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "readme.md").write_text("nothing to build")
    with pytest.raises(FileNotFoundError, match="no WARC files .* or documents"):
        build([str(empty)], tmp_path / "o3", CFG)


def test_a_document_larger_than_the_cap_is_rejected(tmp_path):
    big = _write(tmp_path / "big" / "big.pdf", docfiles.make_pdf())
    with open(big, "r+b") as fh:
        fh.truncate(MAX_BODY_BYTES + 1)  # sparse: no disk used
    report = build([str(big)], tmp_path / "out", CFG)
    [row] = _rows(tmp_path / "out", "rejected")
    assert report.reasons == {"too_large": 1} and row["url"] == big.resolve().as_uri()


def test_a_warc_holding_pdf_and_docx_responses_builds_into_the_corpus(tmp_path):
    w = RotatingWarcWriter(tmp_path / "warc")
    exchanges = [
        ("https://wenku.example/view/1.html", "text/html; charset=utf-8", page_html("某县2023年度工作总结", work_text(3))),
        ("https://wenku.example/download/2", PDF_TYPE, docfiles.make_pdf(meta_title=TITLE)),
        # a download served as bytes: the first bytes tell what it is
        ("https://wenku.example/download/3", "application/octet-stream", docfiles.make_docx()),
        ("https://wenku.example/download/4", "application/msword", docfiles.DOC_BYTES),
        ("https://wenku.example/download/5", PDF_TYPE, docfiles.image_only_pdf()),
    ]
    for url, ctype, body in exchanges:
        w.write_exchange(url, [], "GET", 200, "OK", [("Content-Type", ctype)], body, {"page-kind": "document"})
    w.close()
    report = build([str(tmp_path / "warc")], tmp_path / "out", CFG)
    kept = {r["url"].rsplit("/", 1)[1]: r for r in _rows(tmp_path / "out", "data")}
    rejected = {r["url"].rsplit("/", 1)[1]: r["reason"] for r in _rows(tmp_path / "out", "rejected")}
    assert report.pages == 5 and report.warc_files == 1 and report.document_files == 0
    assert rejected == {"4": "unsupported_format", "5": "no_text_layer"}
    assert set(kept) == {"1.html", "2", "3"}
    assert kept["2"]["text"] == "\n".join(PARAGRAPHS) and kept["2"]["title"] == TITLE
    assert kept["2"]["site"] == "wenku.example" and kept["2"]["warc_file"] == w.finished[0].name
    assert kept["2"]["genre"] == "document" and kept["1.html"]["genre"] == "document"
    assert kept["3"]["title"] == PLAN_TITLE and kept["3"]["text"] == "\n".join(PLAN)


def test_the_cli_builds_a_folder_and_says_how_many_documents_it_read(folder, tmp_path):
    cli = subprocess.run([sys.executable, "-m", "worksum.cli", "build", str(folder), "--out", str(tmp_path / "o"),
                          "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert cli.returncode == 0, cli.stderr
    assert "from 0 WARC file(s) and 8 document file(s)" in cli.stdout and "documents kept:    3" in cli.stdout


def test_a_pdf_that_takes_too_long_is_cut_off_by_the_alarm_not_called_damaged(tmp_path):
    slow = _write(tmp_path / "in" / "slow.pdf", docfiles.slow_pdf())
    _write(tmp_path / "in" / "plan.docx", docfiles.make_docx())
    started = time.monotonic()
    report = build([str(tmp_path / "in")], tmp_path / "out",
                   BuildConfig(workers=1, progress=False, extract_timeout_s=1))
    assert report.reasons == {"extract_timeout": 1} and report.kept == 1
    assert time.monotonic() - started < 20
    [row] = _rows(tmp_path / "out", "rejected")
    assert row["url"] == slow.resolve().as_uri()


def test_a_file_named_twice_is_built_once_and_its_second_read_is_counted(tmp_path):
    """The second read of one page is rejected as `refetched` by the build, which rewrites its spool line."""
    page = _write(tmp_path / "in" / "summary.html", page_html("街道2024年度安全生产工作总结", work_text(12)))
    out = tmp_path / "corpus"
    report = build([str(page.parent), str(page)], out, CFG)  # in its folder and by name
    assert report.pages == 2 and report.kept == 1 and report.reasons == {"refetched": 1}
    [kept], [rejected] = _rows(out, "data"), _rows(out, "rejected")
    assert kept["url"] == rejected["url"] == page.resolve().as_uri()
    assert kept["title"] == "街道2024年度安全生产工作总结" and len(kept["text"]) > 200
    assert rejected["reason"] == "refetched" and rejected["text"] == ""
