"""Build inputs beside WARC files: the PDF, DOCX and HTML files a user holds, each read as a page.

A file becomes a `Page` with its file URI as URL (file:///abs/path), status 200, the content
type its extension names and its modification time as crawl time; from there it is cleaned
like any fetched page. Word formats the build cannot read (.doc, .wps, .rtf, .odt) are read
too, so they are counted and rejected with their reason (`unsupported_format`) instead of
vanishing. Other files in a folder are left alone, as before; a file of another kind named
on the command line is refused, unless its first bytes say it is a WARC file.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from worksum.cleaning.documents import DOCX_TYPE, PDF_TYPE
from worksum.cleaning.record import Page

from .warc import MAX_BODY_BYTES, NotWarcError, Skipped, WarcStats, iter_pages
from .warc import _not_warc as not_warc  # the same first-bytes test the WARC reader uses

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".pdf": PDF_TYPE, ".docx": DOCX_TYPE, ".html": "text/html", ".htm": "text/html",
    # read only to be rejected with their reason
    ".doc": "application/msword", ".wps": "application/vnd.ms-works", ".rtf": "application/rtf",
    ".odt": "application/vnd.oasis.opendocument.text",
}
_WARC_NAMES = (".warc.gz", ".warc")
_GIVE = "give WARC files, documents or folders holding them"


def is_document_file(path: Path) -> bool:
    return path.suffix.lower() in CONTENT_TYPES


def find_inputs(inputs: Iterable[str | os.PathLike], skip: str | os.PathLike | None = None) -> list[Path]:
    """WARC and document files named on the command line or found (recursively) in folders.

    `skip`: a folder whose files are never inputs (the corpus being built, with its report.html).
    """
    files: list[Path] = []
    skip = Path(skip).resolve() if skip else None
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.name.endswith(_WARC_NAMES) or is_document_file(p))
            files += [p for p in found if p.is_file() and not (skip and p.resolve().is_relative_to(skip))]
        elif path.is_file() and is_document_file(path):
            files.append(path)
        elif path.exists():
            problem = not_warc(path)
            if problem:
                raise NotWarcError(f"{path} is not a WARC file ({problem}) nor a document "
                                   f"({', '.join(sorted(CONTENT_TYPES))}); {_GIVE}")
            files.append(path)
        else:
            raise FileNotFoundError(f"input not found: {path} ({_GIVE})")
    return files


def iter_inputs(files: Iterable[Path], stats: WarcStats | None = None,
                max_body: int = MAX_BODY_BYTES) -> Iterator[Page]:
    """The pages of the WARC files, then one page per document file (unreadable ones land in `stats.skipped`)."""
    stats = stats if stats is not None else WarcStats()
    files = input_order(list(files))
    yield from iter_pages([f for f in files if not is_document_file(f)], stats, max_body=max_body)
    for path in files:
        if is_document_file(path):
            page = file_page(path, stats, max_body)
            if page is not None:
                yield page


def input_order(files: list[Path]) -> list[Path]:
    """The inputs in corpus order (corpus/order.py): WARC files first, then document files, each as given."""
    return [f for f in files if not is_document_file(f)] + [f for f in files if is_document_file(f)]


def file_page(path: Path, stats: WarcStats, max_body: int = MAX_BODY_BYTES) -> Page | None:
    """A document file as a fetched page; None (and a skipped record with its reason) when it cannot be read."""
    url = path.resolve().as_uri()
    try:
        mtime = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(path.stat().st_mtime))
        with open(path, "rb") as fh:
            body = fh.read(max_body + 1)  # never more, even from a file still growing
    except OSError as exc:
        log.warning("%s: cannot read it (%s): skipped", path, exc.strerror or exc)
        stats.skipped.append(Skipped(url, "unreadable_file", "", "", 0))
        return None
    if len(body) > max_body:
        log.warning("%s: larger than the %s bytes a document may have: skipped", path, f"{max_body:,}")
        stats.skipped.append(Skipped(url, "too_large", mtime, "", 0))
        return None
    return Page(url=url, status=200, content_type=CONTENT_TYPES[path.suffix.lower()], body=body,
                crawl_time=mtime, warc_file="", page_kind="document")
