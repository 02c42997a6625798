"""Split compilation pages ("…范文（精选5篇）", 【篇1】, 第一篇：…) into their pieces."""
from __future__ import annotations

import re

_NUM = r"[一二三四五六七八九十百\d]+"
# A line that opens a piece: 第一篇：X / 篇一 X / 【篇1】X / 范文3：X / 【第2篇】X
PIECE_MARKER = re.compile(
    rf"^(?:【\s*)?(?:第\s*{_NUM}\s*篇|篇\s*{_NUM}|范文\s*{_NUM}|模板\s*{_NUM}|样本\s*{_NUM})(?:\s*】)?\s*[:：、.]?\s*(.*)$")
COMPILATION_TITLE = re.compile(rf"{_NUM}\s*篇|合集|汇编|大全")
MIN_PIECES = 2


def _numbered_title(title_stem: str):
    """Pieces titled like the page plus a number: "X工作总结1", "X工作总结2"."""
    if len(title_stem) < 4:
        return None
    return re.compile(rf"^{re.escape(title_stem)}\s*[（(]?\s*{_NUM}\s*[）)]?\s*$")


def split_pieces(title: str, lines: list[str], headings: frozenset[int] = frozenset()) -> list[tuple[str, list[str]]]:
    """Return [(piece title, piece lines)], or [] when the page is a single document."""
    stem = re.sub(rf"[（(【\[]?\s*(通用|精选|优秀|热门|最新|推荐|实用|经典)?\s*{_NUM}\s*篇\s*[）)】\]]?", "", title).strip()
    numbered = _numbered_title(stem) if COMPILATION_TITLE.search(title) else None
    starts: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if len(line) > 80:
            continue
        m = PIECE_MARKER.match(line)
        if m:
            starts.append((i, m.group(1).strip() or stem))
        elif numbered is not None and numbered.match(line):
            starts.append((i, line.strip()))
    if len(starts) < MIN_PIECES:
        return []
    pieces = []
    for k, (i, piece_title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        pieces.append((piece_title, lines[i + 1:end]))
    return pieces
