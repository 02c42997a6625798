"""Turn response bytes into text: valid UTF-8, else the charsets that decode cleanly, judged.

Chinese sites mislabel their encodings all the time (or send none), so a declared charset
is only a candidate beside GB18030 and Big5; when more than one decodes cleanly,
charset-normalizer judges which reads as text. GB2312/GBK are read as GB18030 (a superset)
and Big5 as Big5-HKSCS for the same reason.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
              "big5": "big5hkscs", "cp950": "big5hkscs", "ascii": "utf-8", "us-ascii": "utf-8",
              "iso-8859-1": "cp1252", "latin-1": "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = _SUPERSETS.get(name.strip().lower(), name.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str = "") -> list[str]:
    """Charsets the response itself claims, most trusted first."""
    found = []
    if body.startswith(codecs.BOM_UTF8):
        found.append("utf-8")
    elif body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found.append("utf-16")
    m = _HEADER_CHARSET.search(content_type or "")
    if m:
        found.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        found.append(m.group(1).decode("ascii", "ignore"))
    return [c for c in (_codec(n) for n in found) if c]


def _decodes(body: bytes, codec: str) -> str | None:
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return None
    # cp1252 accepts any byte: only trust it when the page really is mostly ASCII.
    if codec == "cp1252" and sum(b > 127 for b in body) > len(body) // 50:
        return None
    return text


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Return (text, codec used). Never raises: the last resort replaces bad bytes."""
    # Bytes that are valid UTF-8 are UTF-8 whatever the label says: GB18030 and Big5
    # text almost never forms valid UTF-8, while GB18030 will "decode" any UTF-8 into garbage.
    text = _decodes(body, "utf-8")
    if text is not None:
        return text.lstrip("\ufeff"), "utf-8"
    # Big5 bytes nearly always decode as GB18030 too (and short GBK text as Big5): a label
    # or a clean decoding proves nothing, so when several charsets decode, a detector judges.
    candidates = list(dict.fromkeys(declared_charsets(body, content_type) + ["gb18030", "big5hkscs"]))
    clean = {codec: text for codec in candidates if (text := _decodes(body, codec)) is not None}
    if len(clean) == 1:
        [(codec, text)] = clean.items()
        return text.lstrip("\ufeff"), codec
    judged = from_bytes(body, cp_isolation=list(clean) or None).best()
    if judged is not None and judged.encoding:
        return str(judged).lstrip("\ufeff"), judged.encoding
    if clean:  # the detector has no opinion: the most trusted claim that decodes
        codec, text = next(iter(clean.items()))
        return text.lstrip("\ufeff"), codec
    return body.decode("gb18030", errors="replace"), "gb18030-replace"
