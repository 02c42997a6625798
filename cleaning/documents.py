"""Documents that are not HTML: the text of a PDF's text layer or of a DOCX, as lines.

Doc-sharing sites serve the documents themselves (download links, viewer payloads) and users
hold folders of downloaded files. `kind_of` tells a PDF or DOCX body from a page (first by its
bytes, then by its Content-Type); `read` returns the document's title and lines, or why it
cannot be read:

  unsupported_format   .doc and the other binary Office files, RTF, WPS, ODT, a ZIP that is no DOCX
  encrypted            a PDF that needs a password to open, a password-protected Office file
  no_text_layer        a PDF of scanned pages: nothing to read without OCR
  no_text              a DOCX without a word in it
  unreadable_document  a file that does not parse (cut off, corrupt)
  too_large            past the byte, page or character caps: a hostile file must not take a worker

The repairs here are the ones only a paginated document needs: running headers and footers (a
line that recurs at the top or bottom of most pages), page numbers at the page edges, and the
lines a PDF broke at the page width joined back into their paragraph. Everything else (spaces a
PDF puts between Chinese and digits, chunk markers, chrome lines, script, genre, metadata) is
stage B's, exactly as for a page.

pypdf, not pdfplumber: on a generated 200-page Chinese PDF (CID font STSong-Light, ~950
characters a page) both return the same text on every page, but pypdf reads about 90 pages/s
and pdfplumber about 13 (pdfminer's layout analysis places every character, which plain lines
do not need). pypdf is pure Python (pdfplumber also brings pdfminer, pypdfium2 and Pillow),
caps stream decompression and tokens per stream itself, and the build's alarm can interrupt it.
"""
from __future__ import annotations

import io
import logging
import math
import re
import zipfile
from collections import Counter

from .normalize import clean_title, cjk_count, normalize_line, split_lines
from .repair import ends_sentence
from .stats import Stats

log = logging.getLogger(__name__)
logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every quirk of real-world PDFs

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Document formats recognised but not read: their own reason rather than `not_html`.
UNSUPPORTED_TYPES = ("application/msword", "application/vnd.ms-", "application/rtf", "text/rtf",
                     "application/vnd.oasis.opendocument", "application/vnd.openxmlformats-officedocument",
                     "application/vnd.wps", "application/kswps", "application/wps")

# Caps: a work document is a few pages; far past these a file is a book, a bomb or a trap.
MAX_BYTES = 20 * 1024 * 1024  # the crawl's DOWNLOAD_MAXSIZE
MAX_PAGES = 500
MAX_CHARS = 2_000_000
MAX_ZIP_MEMBERS = 2_000
MAX_UNZIPPED = 64 * 1024 * 1024  # declared sizes; zipfile never inflates a member past its declared size

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt, .wps, and password-protected Office files
_ZIP = b"PK\x03\x04"
_ENCRYPTED_OFFICE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted DOCX is kept in

EDGE_LINES = 3  # lines at the top and at the bottom of a page where running headers, footers and numbers sit
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－~·•\s]*\d{1,4}[-–—－~·•\s]*"  # 3, - 3 -, —3—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"  # 第3页, 第3页 共12页
    r"|共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页"  # 共12页 第3页
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"  # 3/12
    r"|(?:page|p\.?)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)
_DIGITS = re.compile(r"\d+")

# A line is wrapped (not the end of its paragraph) when it fills the line width and ends mid-sentence.
FULL_LINE = 0.85  # share of the document's line width a wrapped line fills
MIN_LINE_WIDTH = 15  # below this the "lines" are a form or a list, not wrapped prose
_LIST_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[)）]"
                          r"|第[一二三四五六七八九十\d]+[章节条部分])")

_WORD_PREFIX = re.compile(r"^\s*microsoft\s+word\s*-\s*", re.I)  # PDFs printed from Word title themselves so
_PLACEHOLDER_TITLE = re.compile(r"^(?:新建|未命名|无标题|文档\d*$)")
TITLE_CHARS = 40  # a first line longer than this is prose, not a title


class DocumentError(Exception):
    """Why a document cannot be read: `reason` for the corpus, the message for the log."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


def kind_of(content_type: str, body: bytes) -> str:
    """"pdf", "docx", "unsupported" (a document format not read), or "" for anything else (pages)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:1024]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE) or head.startswith(b"{\\rtf"):
        return "unsupported"
    if head.startswith(_ZIP):
        return "unsupported" if _zip_without_word(body) else "docx"
    if ctype == PDF_TYPE:
        return "pdf"  # mislabelled or damaged: the reader says which
    if ctype == DOCX_TYPE:
        return "docx"
    return "unsupported" if ctype.startswith(UNSUPPORTED_TYPES) else ""


def _zip_without_word(body: bytes) -> bool:
    """A ZIP that opens and holds no Word document (XLSX, PPTX, ODT, an archive); a damaged one may be a DOCX."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "word/document.xml" not in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def read(body: bytes, kind: str, name: str = "", stats: Stats | None = None) -> tuple[str, list[str], str]:
    """(title, lines, "") of a document of `kind`, or ("", [], reason) when it cannot be read.

    `name` (the URL) is for the log; what the repairs removed is counted in `stats` under "document".
    """
    stats = stats if stats is not None else Stats()
    try:
        if len(body) > MAX_BYTES:
            raise DocumentError("too_large", f"{len(body):,} bytes (at most {MAX_BYTES:,})")
        if kind == "pdf":
            title, lines = _read_pdf(body, stats)
        elif kind == "docx":
            title, lines = _read_docx(body)
        else:
            raise DocumentError(*_unsupported(body))
    except DocumentError as exc:
        log.info("%s: %s (%s)", name, exc.reason, exc)
        return "", [], exc.reason
    except Exception as exc:  # the parsers raise whatever they trip on in a damaged file
        log.warning("%s: unreadable %s: %s: %s", name, kind.upper(), type(exc).__name__, str(exc)[:200])
        return "", [], "unreadable_document"
    return title, lines, ""


def _unsupported(body: bytes) -> tuple[str, str]:
    if body.startswith(_OLE) and _ENCRYPTED_OFFICE in body:
        return "encrypted", "a password-protected Office file"
    if body.startswith(_OLE):
        return "unsupported_format", "a binary Office file (.doc, .wps, .xls, .ppt): save it as DOCX or PDF"
    return "unsupported_format", "not a PDF or a DOCX"


# ---- PDF -------------------------------------------------------------------------------------

def _read_pdf(body: bytes, stats: Stats) -> tuple[str, list[str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body), strict=False)
    if reader.is_encrypted and not _opens_without_password(reader):
        raise DocumentError("encrypted", "the PDF needs a password to open")
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise DocumentError("too_large", f"{count} pages (at most {MAX_PAGES})")
    pages, chars = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        chars += len(text)
        if chars > MAX_CHARS:
            raise DocumentError("too_large", f"more than {MAX_CHARS:,} characters of text")
        pages.append(split_lines(normalize_line(text)))
    if not any(pages):
        raise DocumentError("no_text_layer", f"{count} page(s) without text (scanned pages need OCR)")
    lines = strip_page_furniture(pages, stats)
    if not lines:
        raise DocumentError("no_text_layer", "its only text is page furniture (headers, footers, page numbers)")
    joined = join_wrapped(lines)
    stats.add("document", "wrapped_lines_joined", len(lines) - len(joined))
    return _title(_pdf_title(reader), joined), joined


def _opens_without_password(reader) -> bool:
    """Most 'protected' PDFs only restrict copying: they open with the empty user password."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except (DependencyError, NotImplementedError) as exc:  # a cipher this install cannot undo
        log.info("cannot decrypt a PDF: %s", exc)
        return False


def _pdf_title(reader) -> str:
    try:
        meta = reader.metadata
        return str(meta.title or "") if meta else ""
    except Exception:  # a damaged Info dictionary: the first line will do
        return ""


def _edge_key(line: str) -> str:
    """A line as it recurs on every page: its page number, date or count may change."""
    return _DIGITS.sub("#", line.replace(" ", ""))


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def running_lines(pages: list[list[str]]) -> set[str]:
    """Edge keys of the lines at the top or bottom of at least half the pages (two at least)."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        seen.update({_edge_key(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    need = max(2, math.ceil(len(pages) / 2))
    return {key for key, n in seen.items() if n >= need}


def strip_page_furniture(pages: list[list[str]], stats: Stats | None = None) -> list[str]:
    """The lines of all pages without their running headers/footers and page numbers, in order."""
    running = running_lines(pages)
    removed: Counter = Counter()

    def furniture(line: str) -> bool:
        kind = "page_number" if is_page_number(line) else "running_line" if _edge_key(line) in running else ""
        if kind:
            removed[kind] += 1
        return bool(kind)

    out: list[str] = []
    for lines in pages:
        start, end = 0, len(lines)
        while start < min(EDGE_LINES, end) and furniture(lines[start]):
            start += 1
        while end > max(start, len(lines) - EDGE_LINES) and furniture(lines[end - 1]):
            end -= 1
        out += lines[start:end]
    if stats is not None:
        stats.add_all("document", removed)
    return out


def _width(line: str) -> float:
    """Printed width in ideographs: CJK characters and full-width punctuation 1, ASCII about half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.5 for c in line)


def join_wrapped(lines: list[str]) -> list[str]:
    """Join each line the PDF broke at the page width to the next: it fills the line and ends mid-sentence."""
    if len(lines) < 2:
        return lines
    widths = [_width(ln) for ln in lines]
    # The document's line width: the 90th percentile, past a few overlong lines (a footnote in a smaller font).
    full = sorted(widths)[math.ceil(0.9 * (len(widths) - 1))]
    if full < MIN_LINE_WIDTH:
        return lines
    out = [lines[0]]
    for prev, prev_width, line in zip(lines, widths, lines[1:]):
        if prev_width >= FULL_LINE * full and not ends_sentence(prev) and not _LIST_MARKER.match(line):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
    return out


def _glue(a: str, b: str) -> str:
    words = a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum()
    return a + (" " if words else "") + b


# ---- DOCX ------------------------------------------------------------------------------------

def _read_docx(body: bytes) -> tuple[str, list[str]]:
    import docx
    from docx.table import Table

    with zipfile.ZipFile(io.BytesIO(body)) as z:
        members = z.infolist()
        if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED:
            raise DocumentError("too_large", f"{len(members)} parts, {sum(m.file_size for m in members):,} bytes "
                                f"unzipped (at most {MAX_ZIP_MEMBERS}, {MAX_UNZIPPED:,})")
    document = docx.Document(io.BytesIO(body))
    texts, chars = [], 0
    for block in document.iter_inner_content():  # paragraphs and tables in reading order
        text = "\n".join(_row_text(row) for row in block.rows) if isinstance(block, Table) else block.text
        chars += len(text)
        if chars > MAX_CHARS:
            raise DocumentError("too_large", f"more than {MAX_CHARS:,} characters of text")
        texts.append(text)
    lines = split_lines(normalize_line("\n".join(texts)))
    if not lines:
        raise DocumentError("no_text", "the DOCX holds no text")
    return _title(document.core_properties.title or "", lines), lines


def _row_text(row) -> str:
    cells: list[str] = []
    for cell in row.cells:
        text = " ".join(cell.text.split())
        if text and (not cells or cells[-1] != text):  # a merged cell comes back once per grid column
            cells.append(text)
    return " ".join(cells)


# ---- title -----------------------------------------------------------------------------------

def _title(meta_title: str, lines: list[str]) -> str:
    """The title the file's metadata gives, when it is a real one; else the first line, when short."""
    meta = clean_title(normalize_line(_WORD_PREFIX.sub("", meta_title)))
    if cjk_count(meta) >= 4 and not _PLACEHOLDER_TITLE.match(meta):
        return meta
    first = lines[0] if lines else ""
    return clean_title(first) if len(first) <= TITLE_CHARS else ""
