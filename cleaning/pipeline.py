"""Page → documents: the cleaning steps in the order they must run.

Stage A (`extract_page`) is the expensive part (parsing, trafilatura) and runs once per
page; stage B (`clean_page`) is cheap and runs after per-site chrome lines are learned
across all pages of a build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import compilation, filters, genre, metadata, repair, rules
from .decode import decode_html
from .extract import extract_lines, page_title, parse
from .normalize import clean_title, normalize_line, normalize_lines, split_lines, title_key
from .record import Document, Page
from .script import is_traditional, to_simplified

_NAV_BAR = re.compile(r"^(?:[A-Za-z\u4e00-\u9fff]{1,8}\s*[|｜/\s]\s*){2,}[A-Za-z\u4e00-\u9fff]{1,8}$")
_HTML_TYPES = ("text/html", "application/xhtml")


@dataclass
class Extracted:
    """What stage A keeps of a page: enough to clean it again without re-parsing."""

    url: str
    site: str
    title: str = ""
    lines: list[str] = field(default_factory=list)
    crawl_time: str = ""
    reason: str = ""  # set when the page cannot be a document at all


def site_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    for prefix in ("www.", "m.", "wap.", "mip."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def extract_page(page: Page, prune_xpath: list[str] | None = None) -> Extracted:
    """Stage A: decode, parse and extract the main-text lines of one fetched page."""
    ex = Extracted(url=page.url, site=site_of(page.url), crawl_time=page.crawl_time)
    if page.page_kind in ("listing", "robots"):
        ex.reason = f"{page.page_kind}_page"
    elif page.status != 200:
        ex.reason = f"http_{page.status}"
    elif page.content_type and not page.content_type.lower().startswith(_HTML_TYPES):
        ex.reason = "not_html"
    elif not page.body.strip():
        ex.reason = "empty"
    if ex.reason:
        return ex
    html, _ = decode_html(page.body, page.content_type)
    tree = parse(html)
    if tree is None:
        ex.reason = "unparsable_html"
        return ex
    ex.title = clean_title(normalize_line(page_title(tree)))
    ex.lines = normalize_lines(extract_lines(tree, prune_xpath))
    if not ex.lines:
        ex.reason = "no_text"
    return ex


def _drop_chrome(lines: list[str], title: str) -> list[str]:
    """Remove furniture lines, related-link blocks and leading repeats of the title."""
    out: list[str] = []
    in_related = False
    for line in lines:
        head = rules.RELATED_HEAD.match(line)
        if head:
            rest = line[head.end():]
            if not any(p in rest for p in "。；！？"):
                in_related = True
                continue
        if in_related and len(line) <= 40 and not any(p in line for p in "。；！？"):
            continue
        in_related = False
        if rules.chrome_kind(line) or repair.is_ascii_junk(line) or (len(line) <= 60 and _NAV_BAR.match(line)):
            continue
        out.append(line)
    key = title_key(title)
    while out and key and title_key(out[0]) == key:
        out.pop(0)
    return out


def _convert_script(title: str, text: str) -> tuple[str, str, bool]:
    if not is_traditional(title + "\n" + text):
        return title, text, False
    title, text = to_simplified(title + "\n" + text).split("\n", 1)
    return title, text, True


def _finish(doc: Document) -> Document:
    """Filters, metadata, PII scrubbing for one document."""
    text, pii = metadata.scrub_pii(doc.text)
    doc.lines = text.split("\n") if text else []
    found = genre.classify(doc.title, text)
    doc.reason = filters.reject_reason(doc, found=found)
    region, level, body = metadata.region_and_body(doc.title)
    doc.meta = {
        "genre": found.label, "genre_score": found.score,
        "doc_type": None if doc.reason else metadata.doc_type(doc.title, text),  # work documents only
        "year": metadata.year(doc.title, text),
        "region": region, "region_level": level, "issuer_kind": body,
        **metadata.quality_signals(doc.lines), **pii,
    }
    return doc


def clean_page(ex: Extracted, site_chrome: frozenset[str] = frozenset()) -> list[Document]:
    """Stage B: turn extracted lines into zero or more documents (rejected ones carry a reason)."""
    base = Document(url=ex.url, site=ex.site, title=ex.title, lines=[], crawl_time=ex.crawl_time)
    if ex.reason:
        base.reason = ex.reason
        return [base]
    # The repairs run on the whole text at once: one regex pass per page, not per line.
    text = "\n".join(ln for ln in ex.lines if ln not in site_chrome)
    title, _ = repair.remove_pinyin(ex.title)
    text, _ = repair.remove_pinyin(text)
    title, text, converted = _convert_script(title, text)
    base.title, base.script_converted = title, converted
    base.source_script = "zh-Hant" if converted else "zh-Hans"
    text = repair.repair_text(repair.remove_watermark_runs(text)[0])
    lines = repair.join_chunk_markers(_drop_chrome(split_lines(rules.strip_inline(text)), title))
    pieces = compilation.split_pieces(title, lines)
    if not pieces:
        base.lines = lines
        return [_finish(base)]
    docs = []
    for number, (piece_title, piece_lines) in enumerate(pieces, start=1):
        doc = Document(url=ex.url, site=ex.site, title=piece_title, lines=_drop_chrome(piece_lines, piece_title),
                       crawl_time=ex.crawl_time, part=number, source_script=base.source_script,
                       script_converted=converted)
        docs.append(_finish(doc))
    return docs
