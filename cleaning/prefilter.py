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
from .script import s2t

HEAD_BYTES = 32_768  # the title and the opening of the body are in here on any page
MIN_CJK = 20  # Chinese characters in those bytes: fewer is a page in another language
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)
_NOT_CJK_LEAD = bytes(b for b in range(256) if not 0xE4 <= b <= 0xE9)
_GENRE_WORDS = WORK_GENRE + r"|范文|范本|汇编|例文"  # the genre module's words, and the doc sites' own labels
# … in Simplified and Traditional spellings (the pattern's characters converted once, with the variants OpenCC
# does not give: 匯報 beside 彙報, 計畫 beside 計劃), so no title is converted
_TRADITIONAL = s2t(_GENRE_WORDS).replace("彙", "[彙匯]").replace("劃", "[劃畫]")
_GENRE = re.compile(f"{_GENRE_WORDS}|{_TRADITIONAL}")
# The genre in a URL: pinyin slugs doc sites use for their sections and documents
_URL_GENRE = re.compile(r"zongjie|huibao|jihua|shuzhi|xinde|tihui|baogao|fanwen|gongzuo|guihua|ganxiang|"
                        r"summary|report|work[-_]?plan", re.I)
REASONS = ("no_cjk", "no_genre_sign")


def skip_reason(page: Page) -> str:
    """Why the page cannot be a Chinese work document ('' when it may be one)."""
    if page.body[:5] == b"%PDF-" or page.body[:2] == b"PK":  # documents: judged after extraction
        return ""
    head = page.body[:HEAD_BYTES]
    declared = declared_charsets(head, page.content_type)
    codec = declared[0] if declared else "utf-8"
    if not _enough_cjk(head, codec):
        if declared or not _enough_cjk(head, "gb18030"):  # no label: GBK bytes are the other common case
            return "no_cjk"
        codec = "gb18030"
    m = _TITLE.search(head)
    title = html.unescape(_decode_title(m.group(1), codec, bool(declared))).strip() if m else ""
    if not title:  # no title to judge: the full read decides
        return ""
    if _GENRE.search(title) or _URL_GENRE.search(page.url) or _GENRE.search(unquote(page.url)):
        return ""
    return "no_genre_sign"


def _decode_title(raw: bytes, codec: str, declared: bool) -> str:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):  # not what the page says, or no label and not UTF-8: GB18030
        return raw.decode(codec if declared and codec != "utf-8" else "gb18030", errors="replace")


def _enough_cjk(head: bytes, codec: str) -> bool:
    """At least MIN_CJK Chinese characters in `head` read as `codec`. In UTF-8 a Chinese character (U+4000-U+9FFF)
    is the only thing that starts with a byte E4-E9, so they are counted on the bytes, without decoding."""
    if codec == "utf-8":
        return len(head.translate(None, _NOT_CJK_LEAD)) >= MIN_CJK
    try:
        text = head.decode(codec, errors="replace")
    except LookupError:
        return True  # a charset Python does not know: let the full read decide
    for n, _ in enumerate(_CJK.finditer(text), 1):
        if n >= MIN_CJK:
            return True
    return False
