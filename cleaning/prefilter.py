"""A cheap look at a page's first bytes, before extraction: can it be a Chinese work document at all?

Made for Common Crawl-like input, where nearly every page is in another language or is Chinese
text of another kind: reading such a page in full (decode, parse, structure, cleaning) costs
milliseconds, this look tens of microseconds. A page is skipped, with its reason, when
- `no_cjk`: the first HEAD_BYTES of the page hold fewer than MIN_CJK Chinese characters
  (title and the opening of the body; markup, scripts and styles count as they come);
- `no_genre_sign`: it has a title, and neither the title (in Simplified script) nor the URL
  carries any sign of the genre (a genre word, 范文, or its pinyin in the URL).
Only HTML is judged: PDF and DOCX bodies are compressed, so they always pass. The look is
conservative: what passes still goes through every step of the build.
"""
from __future__ import annotations

import html
import re
from urllib.parse import unquote

from .decode import declared_charsets
from .genre import WORK_GENRE
from .record import Page
from .script import t2s

HEAD_BYTES = 32_768  # the title and the opening of the body are in here on any page
MIN_CJK = 20  # Chinese characters in those bytes: fewer is a page in another language
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.I | re.S)
_GENRE = re.compile(WORK_GENRE + r"|范文|范本|汇编|例文")  # the genre module's words, and the doc sites' own labels
# The genre in a URL: pinyin slugs doc sites use for their sections and documents
_URL_GENRE = re.compile(r"zongjie|huibao|jihua|shuzhi|xinde|tihui|baogao|fanwen|gongzuo|guihua|ganxiang|"
                        r"summary|report|work[-_]?plan", re.I)
REASONS = ("no_cjk", "no_genre_sign")


def _head_text(page: Page) -> str:
    """The first HEAD_BYTES as text, by the charset the page declares (else UTF-8, else GB18030)."""
    head = page.body[:HEAD_BYTES]
    for codec in declared_charsets(head, page.content_type) or ["utf-8"]:
        try:
            return head.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError:  # cut mid-character, or no UTF-8: a lenient read is enough to count
        text = head.decode("utf-8", errors="replace")
        return text if text.count("\ufffd") < 8 else head.decode("gb18030", errors="replace")


def skip_reason(page: Page) -> str:
    """Why the page cannot be a Chinese work document ('' when it may be one)."""
    if page.body[:5] in (b"%PDF-",) or page.body[:2] == b"PK":  # documents: judged after extraction
        return ""
    text = _head_text(page)
    if len(_CJK.findall(text, 0, HEAD_BYTES)) < MIN_CJK:
        return "no_cjk"
    m = _TITLE.search(text)
    title = html.unescape(m.group(1)).strip() if m else ""
    if not title:  # no title to judge: the full read decides
        return ""
    if _GENRE.search(title) or _URL_GENRE.search(page.url) or _GENRE.search(unquote(page.url)):
        return ""
    if _GENRE.search(t2s(title[:200])):  # a Traditional title (總結, 計劃 …)
        return ""
    return "no_genre_sign"
