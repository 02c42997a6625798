"""Character normalisation that keeps Chinese typography.

NFKC would turn full-width punctuation (，：（）) into ASCII, which Chinese text keeps;
we only fold full-width letters and digits, odd spaces, and drop invisible and control characters.
"""
from __future__ import annotations

import re

# Regexes rather than str.translate: they skip the (usual) text without such characters much faster.
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")  # ０-９ Ａ-Ｚ ａ-ｚ
# Invisible characters, control characters (terminal escapes, NUL, bell …) and bidi overrides:
# a title is printed to terminals and tables, and none of these is ever part of a document.
_INVISIBLE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b"
                        r"\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]+")
_SPACES = re.compile(r"[ \t\x0b\x0c\r\x1c-\x1f\x85\u00a0\u3000\u2002-\u200a\u2028\u2029\u202f\u205f]+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _halfwidth(m: re.Match) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in m.group(0))


def normalize_line(line: str) -> str:
    line = _FULLWIDTH_ALNUM.sub(_halfwidth, _INVISIBLE.sub("", line))
    return _SPACES.sub(" ", line).strip()


def normalize_line_each(lines: list[str]) -> list[str]:
    """[normalize_line(ln) for ln in lines] in one pass over their text (lines without newlines)."""
    if not lines:
        return []
    text = _FULLWIDTH_ALNUM.sub(_halfwidth, _INVISIBLE.sub("", "\n".join(lines)))
    return [ln.strip() for ln in _SPACES.sub(" ", text).split("\n")]  # no pattern matches a newline


def split_lines(text: str) -> list[str]:
    """The non-empty lines of `text`, stripped."""
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def normalize_lines(lines: list[str]) -> list[str]:
    """normalize_line over many lines in one pass; empty lines dropped."""
    return split_lines(normalize_line("\n".join(lines)))


def cjk_count(text: str) -> int:
    """Number of CJK ideographs (counted by runs: far fewer match objects than per character)."""
    return sum(map(len, _CJK_RUN.findall(text)))


def cjk_ratio(text: str, cjk: int | None = None) -> float:
    """Share of CJK ideographs among the visible (non-space) characters (`cjk`: their count, if known)."""
    visible = len("".join(text.split()))
    return (cjk_count(text) if cjk is None else cjk) / visible if visible else 0.0


_FILE_EXT = re.compile(r"\.(docx?|pdf|pptx?|xlsx?|txt|wps)\b", re.IGNORECASE)
_FILE_WORDS = re.compile(r"(word|pdf)(格式|版|文档)|[（(]?可编辑[）)]?", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")


def title_key(text: str) -> str:
    """Comparison key for titles: file extensions, 'Word格式' and punctuation removed."""
    return _NON_WORD.sub("", _FILE_WORDS.sub("", _FILE_EXT.sub("", text))).lower()


_FILE_SUFFIX = re.compile(r"\s*(?:word(?:格式|版)?|pdf版?)?\s*\.(?:docx?|pdf|pptx?|xlsx?|txt|wps)\s*$", re.IGNORECASE)
# SEO tags glued to titles ("…15篇【荐】", "…7篇(全文完整)"); a count such as "(通用5篇)" stays.
_TITLE_TAG = re.compile(r"\s*[（(【\[]\s*(?:全文完整|完整版|荐|推荐|精选|热门|最新|优秀|原创|必备|实用|精华|经典|可编辑|(?i:word)版)\s*[）)】\]]")
# A site name before or after the title, set off by a space or a bar: "某某范文网 X", "X 某某文库", "X｜某某文档网".
_SITE_AFFIX = re.compile(r"^[^\s]{1,10}(?:网|文库)\s+(?=\S{4})|(?<=\S{4})\s+[^\s]{1,10}(?:网|文库)$"
                         r"|(?<=\S{4})\s*[｜|_–—]\s*[^｜|_–—]{1,12}(?:网|文库|文档|范文|站)$")


def clean_title(title: str) -> str:
    """A title without the file extension, 'Word格式', SEO tags and a site name set off by a space."""
    cleaned = _SITE_AFFIX.sub("", _TITLE_TAG.sub("", _FILE_SUFFIX.sub("", title))).strip()
    return cleaned or title.strip()
