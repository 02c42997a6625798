"""Traditional → Simplified with a phrase policy.

Plain t2s leaves Taiwan vocabulary (智慧財產權, 專案, 社群); OpenCC's tw2sp fixes it
but over-converts mirrors that were machine-converted from mainland text (資料 → 数据,
新增 → 添加, 線上 → 在线). A text is one kind of mirror, so the choice is made per text:
only a text that uses Taiwan vocabulary somewhere (a phrase whose t2s form is a rare word
in jieba's mainland dictionary next to its tw2sp form) gets the phrase policy; any other
text is converted character by character. Under the policy, each phrase where the two
disagree takes tw2sp's form only when its mainland frequency is at least PREFER_RATIO
times that of the t2s form.
"""
from __future__ import annotations

import difflib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

import opencc

from .normalize import cjk_count

TRADITIONAL_SHARE = 0.05  # share of CJK characters t2s changes above which a text is Traditional
PREFER_RATIO = 5.0
TAIWAN_RATIO = 20.0  # a known t2s word this much rarer than its tw2sp form is Taiwan vocabulary (社群, 專案)
MAX_DIFF_CHARS = 2000  # a longer clause is no sentence (text without punctuation): its diff would take minutes
_WINDOWS = ((0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1), (1, 2), (2, 2))


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# A word of jieba's dictionary with its count: "word count [tag]" per line. Only words of two or more
# characters with a count are ever looked up (the phrase windows below).
_DICT_LINE = re.compile(r"^([^ \n]{2,}) ([1-9][0-9]*)", re.MULTILINE)


@lru_cache(maxsize=1)
def _word_freq() -> dict[str, str]:
    """Mainland word counts from jieba's dictionary file (loaded once per process, only for Traditional pages).

    Read straight from the file: jieba's own prefix table holds 500 000 entries and takes three
    times as long to load. Counts stay strings (as in the file) until looked up.
    """
    spec = importlib.util.find_spec("jieba")  # found, not imported: importing jieba costs more than reading the file
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the jieba package (a dependency of worksum) is not installed")
    path = Path(spec.submodule_search_locations[0]) / "dict.txt"
    return dict(_DICT_LINE.findall(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern:
    """A character class of every ideograph that t2s changes on its own (about 2 700)."""
    block = "\n".join(chr(c) for c in range(0x4E00, 0xA000))  # newlines keep phrase rules out
    converted = _converter("t2s").convert(block)
    changed = [a for a, b in zip(block, converted) if a != b and a != "\n"]
    return re.compile("[" + "".join(changed) + "]")


def traditional_share(text: str) -> float:
    """Share of CJK characters that t2s would change (on a sample: a page is one script)."""
    sample = text[:6000]
    cjk = cjk_count(sample)
    return len(_traditional_chars().findall(sample)) / cjk if cjk else 0.0


def is_traditional(text: str) -> bool:
    return traditional_share(text) >= TRADITIONAL_SHARE


def _prefer_mainland(a: str, b: str, i1: int, i2: int, j1: int, j2: int) -> bool:
    """Should the tw2sp form b[j1:j2] replace the t2s form a[i1:i2]?"""
    freq = _word_freq()
    for left, right in _WINDOWS:
        if i1 - left < 0 or j1 - left < 0:
            continue
        wa, wb = a[i1 - left:i2 + right], b[j1 - left:j2 + right]
        if len(wa) < 2 or len(wb) < 2:
            continue
        fa, fb = int(freq.get(wa, 0)), int(freq.get(wb, 0))
        if fa or fb:
            return fb >= PREFER_RATIO * max(fa, 1)
    return True  # neither form is a known word: trust OpenCC's Taiwan phrase table


def _is_taiwan_word(a: str, b: str, i1: int, i2: int, j1: int, j2: int) -> bool:
    """Is the t2s phrase at a[i1:i2] a mainland word TAIWAN_RATIO times rarer than its tw2sp form?

    Each side is looked up as the first window around the phrase that is a listed word
    (社群 / 社区, 智慧财产 / 知识产权). A form that is no listed word at all (线上 is only the
    beginning of longer words in jieba's table) is no evidence either way."""
    fa, fb = _listed_frequency(a, i1, i2), _listed_frequency(b, j1, j2)
    return bool(fa and fb >= TAIWAN_RATIO * fa)


def _listed_frequency(s: str, i: int, j: int) -> int:
    """Frequency of the first window around s[i:j] that jieba lists as a word (0: none)."""
    freq = _word_freq()
    for left, right in _WINDOWS:
        window = s[i - left:j + right] if i - left >= 0 else ""
        if len(window) >= 2 and freq.get(window):
            return int(freq[window])
    return 0


_CLAUSE_BREAK = re.compile(r"([。，、；：！？,;:!?\n]+)")


def s2t(text: str) -> str:
    """Simplified → Traditional character by character (OpenCC `s2t`): the Traditional spellings of a list of words."""
    return _converter("s2t").convert(text)


def to_simplified(text: str) -> str:
    """Convert Traditional (including Taiwan phrasing) to mainland Simplified."""
    a = _converter("tw2s").convert(text)
    b = _converter("tw2sp").convert(text)
    if a == b:
        return a
    # Phrases never span punctuation: align clause by clause so each diff stays tiny.
    ca, cb = _CLAUSE_BREAK.split(a), _CLAUSE_BREAK.split(b)
    if len(ca) != len(cb):
        ca, cb = [a], [b]
    pairs = [(x, y) for x, y in zip(ca, cb) if x != y and max(len(x), len(y)) <= MAX_DIFF_CHARS]
    if not any(_is_taiwan_word(x, y, *r) for x, y in pairs for r in _diff_regions(x, y)):
        return a  # a character-level mirror of mainland text
    return "".join(x if x == y else _merge(x, y) for x, y in zip(ca, cb))


def _merge(a: str, b: str) -> str:
    """Take t2s output `a` and, phrase by phrase, tw2sp's `b` where mainland usage prefers it."""
    if max(len(a), len(b)) > MAX_DIFF_CHARS:  # the diff grows faster than the square of the length
        return a
    out, last = [], 0
    for i1, i2, j1, j2 in _diff_regions(a, b):
        out.append(a[last:i1])
        out.append(b[j1:j2] if _prefer_mainland(a, b, i1, i2, j1, j2) else a[i1:i2])
        last = i2
    out.append(a[last:])
    return "".join(out)


@lru_cache(maxsize=8192)  # the evidence scan and the merge diff the same clauses; mirrors repeat phrases
def _diff_regions(a: str, b: str) -> tuple[tuple[int, int, int, int], ...]:
    """Differing regions of a and b; edits one or two characters apart form one phrase (建立/创建)."""
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if regions and i1 - regions[-1][1] <= 2:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return tuple(tuple(r) for r in regions)
