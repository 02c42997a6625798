"""Character normalisation that keeps Chinese typography.

NFKC would turn full-width punctuation (，：（）) into ASCII, which Chinese text keeps;
we only fold full-width letters and digits, odd spaces and invisible characters.
"""
from __future__ import annotations

import re

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")


def normalize_line(line: str) -> str:
    line = line.translate(_INVISIBLE).translate(_FULLWIDTH_ALNUM)
    return _SPACES.sub(" ", line).strip()


def title_key(text: str) -> str:
    """Comparison key for titles: file extensions, 'Word格式' and punctuation removed."""
    text = re.sub(r"\.(docx?|pdf|pptx?|xlsx?|txt|wps)\b", "", text, flags=re.I)
    text = re.sub(r"(word|pdf)(格式|版|文档)|[（(]?可编辑[）)]?", "", text, flags=re.I)
    return re.sub(r"[^\w]", "", text).lower()


_FILE_SUFFIX = re.compile(r"\s*(?:word(?:格式|版)?|pdf版?)?\s*\.(?:docx?|pdf|pptx?|xlsx?|txt|wps)\s*$", re.I)


def clean_title(title: str) -> str:
    """A title without the file extension and 'Word格式' that document sites append."""
    return _FILE_SUFFIX.sub("", title).strip() or title
