"""Split compilation pages ("…工作总结7篇", "…(精选5篇)") into their pieces.

Pieces are found from the page's structure: heading lines of one shape that repeat with
numbers running 1, 2, 3 … (or DOM headings), backed by the count the title announces. The
number may sit anywhere in the heading: "第1篇：X", "【篇1】X", "篇一 X", "【一】X", "X篇1",
"X【篇1】", "X (篇1)", "X范文第1篇", "X1". With the title's count one such heading is enough
(pages often show only their first piece); without it the shape must repeat. The page's own
lines before the first piece (editor intro, the compilation heading) belong to no piece, and
copies of the compilation heading between pieces are dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .normalize import title_key

_NUM = r"(?:\d+|[一二三四五六七八九十百零〇两]+)"
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

# The count a compilation title announces: "7篇", "(九篇)", "(通用5篇)", "精选3篇", "汇编15篇" (not "第2篇").
TITLE_COUNT = re.compile(
    rf"[（(【\[]?\s*(?:通用|精选|优秀|热门|最新|推荐|实用|经典|专业|分享|收集|汇编|合集|范文|模板|集锦|大全|共)?\s*(?<!第)({_NUM})\s*篇\s*[）)】\]]?")
TITLE_MANY = re.compile(r"多篇|合集|汇编|大全|集锦")
# What a title says besides its subject: SEO tags and the words around the count.
TITLE_NOISE = re.compile(r"[（(【\[]\s*(全文完整|完整版|精选|精|推荐|荐|热门|最新|优秀|原创|必备|实用|精华|经典|通用)\s*[）)】\]]"
                         r"|(精选|范文|模板|大全|合集|汇编|集锦|多篇|优秀|通用|最新|汇总)+$")
HEADING_MAX = 80
PIECE_SKIP = 1  # numbers a run of 篇 markers may skip
ECHO_LINES = 3  # a title printed this close above "<title>1" makes it the first piece's heading
EARLY_LINES = 8  # a compilation heading sits at the top of the page
GLUE_TAIL = 4  # characters of the title's end that a glued piece heading must repeat
SENTENCE = re.compile(r"[。！？；!?;]")
# What any piece heading holds: a piece word, a bracket, or a number at its end.
_MARKER_HINT = re.compile(r"篇|范文|模板|样本|样文|例文|【|\d[)）]?\s*$", re.MULTILINE)
# Numbered sections inside one document: not piece headings.
SECTION = re.compile(rf"^\s*(?:[（(]?{_NUM}[）)、.．]|第{_NUM}[章节条部分])")


@dataclass(frozen=True)
class Shape:
    """One way of writing a piece heading; `related` shapes need the heading to repeat the title."""

    name: str
    pattern: re.Pattern
    says_piece: bool  # the marker itself says 篇 (or 范文N): strong alone
    related: bool = False


def _shape(name: str, pattern: str, says_piece: bool, related: bool = False) -> Shape:
    return Shape(name, re.compile(pattern), says_piece, related)


# Prefix shapes first: "篇一" alone is a prefix marker with an empty heading.
SHAPES: tuple[Shape, ...] = (
    _shape("nth_piece", rf"^(?:推荐|精选|优秀|热门)?【?\s*第\s*(?P<n>{_NUM})\s*篇\s*】?\s*[:：、.．]?\s*(?P<head>.*)$", True),
    _shape("piece_n", rf"^【?\s*篇\s*[(（]?\s*(?P<n>{_NUM})\s*[)）]?\s*】?\s*[:：、.．]?\s*(?P<head>.*)$", True),
    _shape("sample_n", rf"^(?:范文|模板|样本|样文|例文)\s*(?P<n>{_NUM})\s*[:：、.．]?\s*(?P<head>.*)$", True),
    _shape("bracket_n", rf"^【\s*(?P<n>{_NUM})\s*】\s*(?P<head>.*)$", False),
    _shape("piece_suffix", rf"^(?P<head>.*?)\s*[（(【\[]?\s*(?:第\s*(?P<n>{_NUM})\s*篇|篇\s*(?P<m>{_NUM}))\s*[】\]）)]?\s*[:：]?$", True),
    _shape("sample_suffix", rf"^(?P<head>.*?范文)\s*[（(【\[]?\s*(?P<n>\d{{1,2}})\s*[】\]）)]?\s*[:：]?$", True),
    _shape("bracket_suffix", r"^(?P<head>.*?[^\d\s.．、:：])\s*【\s*(?P<n>\d{1,2})\s*】$", False),  # a bracket: a marker itself
    _shape("number_suffix", r"^(?P<head>.*?[^\d\s.．、:：])\s*[（(\[]?\s*(?P<n>\d{1,2})\s*[)）\]]?$", False, related=True),
)


@dataclass(frozen=True)
class Marker:
    index: int
    number: int
    head: str
    shape: Shape


def _to_int(num: str) -> int:
    """'12' → 12, '十五' → 15, '二十三' → 23, '九' → 9."""
    if num.isdigit():
        return int(num)
    if "百" in num:
        hundreds, _, rest = num.partition("百")
        return _to_int(hundreds or "一") * 100 + (_to_int(rest) if rest else 0)
    if "十" in num:
        tens, _, ones = num.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    return _DIGITS.get(num, 0) if len(num) == 1 else int("".join(str(_DIGITS.get(c, 0)) for c in num))


@lru_cache(maxsize=4096)
def parse_title(title: str) -> tuple[str, int | None, bool]:
    """(subject of the title, count it announces or None, whether it names a compilation)."""
    count = None
    m = None
    for m in TITLE_COUNT.finditer(title):
        pass
    if m:
        count = _to_int(m.group(1))
        title = title[:m.start()] + title[m.end():]
    many = bool(TITLE_MANY.search(title)) or count is not None
    stem = title.strip()
    while True:
        shorter = TITLE_NOISE.sub("", stem).strip()
        if shorter == stem:
            break
        stem = shorter
    return stem, count, many


SAME_WORDS = 0.9  # share of a heading's characters in the title when it words the title in another order


def _related(head: str, stem_key: str) -> bool:
    """The heading repeats the title: inside it, around it, or its words in another order
    ("幼儿园小班保育员工作总结1" under "幼儿园保育员小班工作总结5篇")."""
    hk = title_key(head)
    if len(hk) < 4 or not stem_key:
        return False
    if hk in stem_key or stem_key in hk:
        return True
    return hk[-2:] == stem_key[-2:] and sum((Counter(hk) & Counter(stem_key)).values()) >= SAME_WORDS * max(len(hk), len(stem_key))


def _markers(lines: list[str], stem_key: str) -> list[Marker]:
    found = []
    for i, line in enumerate(lines):
        line = line.lstrip("?？ ")  # a garbled character before the marker ("?【一】…")
        if len(line) > HEADING_MAX or SENTENCE.search(line.rstrip("。")):
            continue
        for shape in SHAPES:
            m = shape.pattern.match(line)
            if not m:
                continue
            head = m.group("head").strip(" ：:、")
            if shape.related and not _related(head, stem_key):
                continue
            number = m.group("n") or m.groupdict().get("m")
            found.append(Marker(i, _to_int(number), head, shape))
            break
    return found


def _best_run(markers: list[Marker]) -> list[Marker]:
    """The longest chain of markers of one shape numbered n, n+1, n+2 … in page order (markers that say
    篇 may skip a number: an excerpt or a site leaves a piece out)."""
    best: list[Marker] = []
    for shape in SHAPES:
        own = [m for m in markers if m.shape is shape]
        step = PIECE_SKIP + 1 if shape.says_piece else 1
        for start, first in enumerate(own):
            run = [first]
            for m in own[start + 1:]:
                if 0 < m.number - run[-1].number <= step:
                    run.append(m)
            if len(run) > len(best):
                best = run
    return best


def _convincing(run: list[Marker], count: int | None, many: bool, headings: frozenset[int], stem_key: str,
                echoed: bool = False) -> bool:
    """Whether a run of numbered headings marks pieces, given what the title and the DOM say; `echoed`:
    the first heading without its number is a line just above it (the page's title, then "<title>1")."""
    if not run:
        return False
    shape, k = run[0].shape, len(run)
    in_dom = all(m.index in headings for m in run)
    if count is not None or many:  # the page announces pieces: one explicit heading is enough
        return k >= 2 or shape.says_piece or shape.related or in_dom
    starts_at_one = run[0].number == 1
    early = run[0].index < EARLY_LINES  # a page showing only its first piece opens with its marker
    if shape.says_piece:  # "<title>第1篇", "篇一：…" name themselves the first of several
        return starts_at_one and (k >= 2 or early or _related(run[0].head, stem_key))
    own_title = title_key(run[0].head) == stem_key
    if starts_at_one and early and (shape.related and (own_title or echoed) or k == 1 and own_title):
        return True  # the page's own title numbered 1, at the top ("<title>1", "【一】<title>")
    return starts_at_one and (k >= 3 or (k >= 2 and in_dom))


def _unnumbered(lines: list[str], stem_key: str, count: int | None, headings: frozenset[int]) -> list[int]:
    """Piece starts without numbers: DOM headings (no section numbers), or lines repeating the title."""
    if count is None or count < 2:
        return []
    dom = _unnumbered_dom(lines, headings, count)
    if dom:
        return dom
    return [i for i, line in enumerate(lines) if len(line) <= 40 and not SENTENCE.search(line) and _related(line, stem_key)]


def _unnumbered_dom(lines: list[str], headings: frozenset[int], count: int) -> list[int]:
    """DOM headings without section numbers, as many as the announced pieces or fewer (at least two)."""
    dom = [i for i in sorted(headings) if i < len(lines) and len(lines[i]) <= HEADING_MAX
           and not SENTENCE.search(lines[i]) and not SECTION.match(lines[i])]
    return dom if 2 <= len(dom) <= count else []


OUTLINE_START = re.compile(r"^\s*一\s*[、.．]")
SALUTATION = re.compile(r"^[^。！？；]{2,20}[：:]$")


def _outline_restarts(lines: list[str], count: int | None, headings: frozenset[int]) -> list[int]:
    """Pieces printed without headings: each opens with a paragraph, then its own "一、" outline.
    Trusted only when the outline starts exactly as many times as the title announces pieces,
    and the page has no headings of its own that could mark them."""
    if count is None or count < 2 or _unnumbered_dom(lines, headings, count):
        return []
    firsts = [i for i, line in enumerate(lines) if OUTLINE_START.match(line)]
    if len(firsts) != count:
        return []
    starts = []
    for i in firsts:
        start = i - 1 if i >= 1 and SENTENCE.search(lines[i - 1]) and not SECTION.match(lines[i - 1]) else i
        if start >= 1 and SALUTATION.match(lines[start - 1]):
            start -= 1
        starts.append(start)
    return starts


def is_compilation_heading(line: str, title: str) -> bool:
    """A copy of the page's compilation heading ("社区工作总结5篇", the title itself)."""
    if len(line) > HEADING_MAX or SENTENCE.search(line.rstrip("。")):
        return False
    lk = title_key(line)
    if not lk:
        return False
    if lk == title_key(title):
        return True
    stem, count, many = parse_title(line)
    own_stem, own_count, _ = parse_title(title)
    if not (count is not None or many) or count not in (None, own_count):
        return False
    key, own_key = title_key(stem), title_key(own_stem)
    return len(key) >= 4 and (key in own_key or own_key in key)


def announced(title: str, lines: list[str]) -> str:
    """The heading that announces the compilation: the title, else an early line with a count."""
    _, count, many = parse_title(title)
    if count is not None or many:
        return title
    for line in lines[:EARLY_LINES]:
        if len(line) <= HEADING_MAX and not SENTENCE.search(line.rstrip("。")) and not SECTION.match(line):
            _, count, many = parse_title(line)
            if (count or 0) >= 2 or many:
                return line
    return title


def _unglue(lines: list[str], stem: str, headings: frozenset[int]) -> tuple[list[str], frozenset[int]]:
    """Put piece headings glued into the text on lines of their own ("…制度简述篇1一、文书档案…")."""
    tail = title_key(stem)[-GLUE_TAIL:]
    if len(tail) < GLUE_TAIL:
        return lines, headings
    glued = re.compile(rf"(?:^|(?<=[。！？；]))[^。！？；\n]{{0,30}}{re.escape(tail)}\s*(?:篇\s*{_NUM}|【\s*篇\s*{_NUM}\s*】|第\s*{_NUM}\s*篇)")
    out: list[str] = []
    moved: set[int] = set()
    for i, line in enumerate(lines):
        if i in headings:
            moved.add(len(out))
        if not glued.search(line) or glued.fullmatch(line.strip()):
            out.append(line)
            continue
        last = 0
        for m in glued.finditer(line):
            out.extend(part for part in (line[last:m.start()].strip(), m.group(0).strip()) if part)
            last = m.end()
        out.extend([line[last:].strip()] if line[last:].strip() else [])
    return out, frozenset(moved)


def _holds_a_piece(lines: list[str], heading: str) -> bool:
    """Text before a "…第2篇" heading is the unmarked first piece when it is more than one intro sentence."""
    return sum(bool(SENTENCE.search(ln)) for ln in lines if not is_compilation_heading(ln, heading)) >= 2


def heading_indices(lines: list[str], heading_texts: set[str] | frozenset[str]) -> frozenset[int]:
    """Indices of `lines` whose text was a heading in the DOM (for callers that dropped lines since)."""
    return frozenset(i for i, line in enumerate(lines) if line in heading_texts)


def split_pieces(title: str, lines: list[str], headings: frozenset[int] = frozenset()) -> list[tuple[str, list[str]]]:
    """Return [(piece title, piece lines)], or [] when the page is a single document.

    `headings` are the indices of `lines` that were headings in the DOM (h2-h4, or a paragraph
    all in <strong>/<b>); `heading_indices` finds them from their texts.
    """
    heading = announced(title, lines)
    stem, count, many = parse_title(heading)
    if count is None and not many and not _MARKER_HINT.search("\n".join(ln for ln in lines if len(ln) <= HEADING_MAX)):
        return []  # nothing announces pieces and no line looks like a piece heading
    stem_key = title_key(stem)
    if count is not None or many:
        lines, headings = _unglue(lines, stem, headings)
    run = _best_run(_markers(lines, stem_key))
    # (first line of the piece, its title, whether that first line is its heading)
    alone = len(run) == 1 and count is None and not many  # one marker, nothing announcing pieces
    # Numbers from 2 below a whole text: the first piece was printed without its marker. "第2篇：…" says
    # so even alone.
    second = bool(run) and run[0].number == 2 and _holds_a_piece(lines[:run[0].index], heading)
    lone_second = second and run[0].shape.says_piece
    if alone and not lone_second and _holds_a_piece(lines[:run[0].index], heading):
        run = []  # the text above it is more than a site's intro: the page is no compilation we can tell
    echoed = bool(run) and any(title_key(ln) == title_key(run[0].head) for ln in lines[max(0, run[0].index - ECHO_LINES):run[0].index])
    if lone_second or _convincing(run, count, many, headings, stem_key, echoed):
        starts = [(m.index, m.head or stem or title, True) for m in run]
        if second:
            starts.insert(0, (0, stem or run[0].head or title, False))
    else:
        starts = [(i, lines[i], True) for i in _unnumbered(lines, stem_key, count, headings)
                  if not is_compilation_heading(lines[i], heading)]
        starts = starts or [(i, stem or title, False) for i in _outline_restarts(lines, count, headings)]
    if not starts:
        return []
    pieces = []
    for k, (first, piece_title, has_heading) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = [ln for ln in lines[first + has_heading:end] if not is_compilation_heading(ln, heading)]
        inner = split_pieces(piece_title, body)  # a piece that is a compilation of its own, showing one piece
        pieces.append((piece_title, inner[0][1] if len(inner) == 1 else body))
    return pieces
