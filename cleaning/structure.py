"""A page as text blocks with their place in the DOM: what tells chrome from content on any site.

A *block* is the text a block-level element holds itself (not its block-level children),
split at <br>. Each block carries its *style path* (the tag.class#id chain from <body>, as
in a Site Style Tree: the same path on every page of a site), the characters inside links,
and whether it is a heading. On one page, blocks are then judged by structure:

- link density: a subtree whose text is mostly anchor text (menus, related lists, tag
  clouds, prev/next, footers of links) is chrome wherever it sits;
- sibling shape: many short blocks of one path that read like document titles (with a
  page count, a date, a genre word at the end) are a related list even without links;
- text density: the content container is the element holding nearly all of the page's
  prose (low link density, sentence punctuation); what lies outside it is chrome.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split())
SKIP_TAGS = frozenset(
    "script style noscript template iframe svg button select option textarea input head title object embed "
    "canvas map video audio".split())
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BOLD_TAGS = frozenset("strong b".split())
# Inline elements that sites use for counters, watermarks and jammer text glued after a paragraph
# ("…这13天里，<span>页码：1/3</span>"): when one ends a block with a short non-prose text, it is read
# as a line of its own, under its own path, for the rules and the site template to judge.
TAIL_PIECE_TAGS = frozenset("span font small sup sub em i label ins u s".split())
TAIL_PIECE_MAX = 24

LINK_DENSE = 0.5  # share of anchor text above which a subtree is navigation (jusText uses 0.2 on words)
MIN_LINK_SUBTREE = 6  # characters: an empty link-only element says nothing
PROSE_IN_LINKS = 0.3  # an element this much prose (as a share, or in characters) is not navigation,
PROSE_NOT_NAV = 150  # however many links it also holds: a page's <body> holds menus and the text
GOOD_MIN_CHARS = 12  # a prose block: at least this long, punctuated, few links
GOOD_MAX_LINKS = 0.25
CONTAINER_SHARE = 0.85  # go down into a child while it holds this share of the prose
TITLE_LIST_MIN = 4  # sibling blocks of one path before their shape counts
TITLE_LIST_SHARE = 0.7
TITLE_MAX_CHARS = 60

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_PROSE_PUNCT = re.compile(r"[，。；！？,;!?]")  # not "：": "key：value" lines are metadata
_SENTENCE_INSIDE = re.compile(r"[。；！？]")
# What a title in a list of other documents looks like: it ends in a genre word or carries
# listing metadata (a date, a page count, a file size, a count of reads or downloads).
_TITLE_END = re.compile(r"(总结|报告|计划|方案|心得|体会|范文|汇报|材料|讲话|发言|致辞|演讲稿|模板|大全|篇|范例|样本|[.．](docx?|pdf|pptx?))"
                        r"\s*[)）】]?$")
_LIST_META = re.compile(r"\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2})?|\d+\s*页|\d+(\.\d+)?\s*[KkMm][Bb]|\d+\s*(阅读|浏览|下载|次)")


@dataclass(slots=True)
class Block:
    """The own text of one block-level element (one <br>-separated line of it)."""

    path: str  # style path from <body>: "body/div.main/div#content/p", digits folded
    text: str
    links: int  # characters of the text inside <a>
    heading: bool  # an <hN>, or a short block set all in bold
    chain: tuple[int, ...]  # numbers of the block elements holding it, <body> first (this page only)


def _step(el) -> str:
    """tag.class#id with digits folded, so "item-12" on one page matches "item-7" on the next."""
    names = ""
    cls = el.get("class")
    if cls:
        names += "." + ".".join(sorted(cls.split())[:3])
    if el.get("id"):
        names += "#" + el.get("id")
    return el.tag + _DIGITS.sub("0", names.replace("/", ""))


class _Collector:
    """Accumulates the inline text of the innermost open block element."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.open: list[tuple[str, int, bool]] = []  # (path, number, is heading tag)
        self.parts: list[tuple[str, bool, bool]] = []  # (text, inside a link, inside bold)
        self.tail_piece: tuple[int, str] | None = None  # (first part, step) of a short inline element ending the block

    def add(self, text: str | None, in_link: bool, in_bold: bool) -> None:
        if text:
            self.parts.append((text, in_link, in_bold))
            if text.strip():
                self.tail_piece = None  # more text follows: the element does not end the block

    def close_inline(self, start: int, el) -> None:
        """An inline element closed: remember it when it is a short non-prose piece after the block's text."""
        piece = "".join(t for t, _, _ in self.parts[start:]).strip()
        fits = 0 < len(piece) <= TAIL_PIECE_MAX and not reads_as_prose(piece) \
            and any(t.strip() for t, _, _ in self.parts[:start])
        self.tail_piece = (start, _step(el)) if fits else None

    def flush(self) -> None:
        if self.tail_piece and self.open:
            start, step = self.tail_piece
            self.tail_piece = None
            parts, self.parts = self.parts, self.parts[:start]
            self.flush()
            self.parts = parts[start:]
            self._emit("/" + step)
        else:
            self._emit("")
        self.parts, self.tail_piece = [], None

    def _emit(self, suffix: str) -> None:
        text = _SPACES.sub(" ", "".join(t for t, _, _ in self.parts)).strip()
        if text and self.open:
            path, _, is_heading = self.open[-1]
            links = sum(len(t.strip()) for t, in_link, _ in self.parts if in_link)
            bold = sum(len(t.strip()) for t, _, in_bold in self.parts if in_bold)
            heading = not suffix and (is_heading or (bold >= 0.9 * len(text) and len(text) <= TITLE_MAX_CHARS))
            self.blocks.append(Block(path + suffix, text, min(links, len(text)), heading,
                                     tuple(number for _, number, _ in self.open)))


def page_blocks(tree) -> list[Block]:
    """The text blocks of a parsed page, in document order (scripts, styles, forms skipped)."""
    body = tree.find(".//body") if tree.tag != "body" else tree
    root = body if body is not None else tree
    c = _Collector()
    skipping = None
    link_depth = bold_depth = 0
    number = 0
    inline_starts: dict = {}
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skipping is not None:
                continue
            if not tag or tag in SKIP_TAGS:  # comments, processing instructions, scripts ...
                skipping = el
                continue
            if tag in BLOCK_TAGS or el is root:
                c.flush()
                parent = c.open[-1][0] + "/" if c.open else ""
                number += 1
                c.open.append((parent + _step(el), number, tag in HEADING_TAGS))
            elif tag == "br":
                c.flush()
            elif tag in TAIL_PIECE_TAGS:
                inline_starts[el] = len(c.parts)
            link_depth += tag == "a"
            bold_depth += tag in BOLD_TAGS
            c.add(el.text, link_depth > 0, bold_depth > 0)
            continue
        if skipping is not None:
            if el is not skipping:
                continue
            skipping = None
        else:
            if tag in BLOCK_TAGS or el is root:
                c.flush()
                c.open.pop()
            elif el in inline_starts:
                c.close_inline(inline_starts.pop(el), el)
            link_depth -= tag == "a"
            bold_depth -= tag in BOLD_TAGS
        if el is not root:
            c.add(el.tail, link_depth > 0, bold_depth > 0)
    c.flush()
    return c.blocks


@dataclass(slots=True)
class Layout:
    """One page judged by its structure: a chrome reason per block ('' for content)."""

    blocks: list[Block]
    chrome: list[str]
    container: str  # style path of the content container; '' when the page has no prose


def reads_as_prose(text: str) -> bool:
    """Long enough and punctuated like sentences (not a title, a label or a list item)."""
    return len(text) >= GOOD_MIN_CHARS and bool(_PROSE_PUNCT.search(text))


def _is_prose(b: Block) -> bool:
    return reads_as_prose(b.text) and b.links <= GOOD_MAX_LINKS * len(b.text)


def _link_dense_elements(blocks: list[Block]) -> set[int]:
    """Elements whose text is mostly anchor text and little prose (a page's <body> can be link-heavy too)."""
    chars: dict[int, int] = defaultdict(int)
    links: dict[int, int] = defaultdict(int)
    prose: dict[int, int] = defaultdict(int)
    for b in blocks:
        is_prose = _is_prose(b)
        for number in b.chain:
            chars[number] += len(b.text)
            links[number] += b.links
            prose[number] += len(b.text) if is_prose else 0
    return {n for n, c in chars.items()
            if c >= MIN_LINK_SUBTREE and links[n] > LINK_DENSE * c
            and prose[n] < min(PROSE_IN_LINKS * c, PROSE_NOT_NAV)}


def looks_like_title(text: str) -> bool:
    return len(text) <= TITLE_MAX_CHARS and (bool(_TITLE_END.search(text)) or bool(_LIST_META.search(text)))


def _title_lists(blocks: list[Block]) -> set[int]:
    """Blocks that form a list of other documents' titles, linked or not.

    Two shapes: all blocks of one path are short, unpunctuated and title-like (a sidebar list),
    or a run of consecutive title-like blocks of one path (a list printed as paragraphs below the text;
    not a document's closing date followed by a metadata bar and a tag line).
    """
    by_path: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(blocks):
        by_path[b.path].append(i)
    listed: set[int] = set()
    for members in by_path.values():
        texts = [blocks[i].text for i in members]
        if len(texts) < TITLE_LIST_MIN or any(len(t) > TITLE_MAX_CHARS or _SENTENCE_INSIDE.search(t) for t in texts):
            continue
        if sum(map(looks_like_title, texts)) >= TITLE_LIST_SHARE * len(texts):
            listed.update(members)
    run: list[int] = []
    for i, b in enumerate([*blocks, None]):
        if run and b is not None and b.path != blocks[run[-1]].path:  # a list's items share one path
            if len(run) >= TITLE_LIST_MIN:
                listed.update(run)
            run = []
        if b is not None and looks_like_title(b.text) and not _SENTENCE_INSIDE.search(b.text):
            run.append(i)
            continue
        if len(run) >= TITLE_LIST_MIN:
            listed.update(run)
        run = []
    return listed


def _container(blocks: list[Block], chrome: list[str]) -> tuple[int, int] | None:
    """(element number, depth) of the deepest element holding CONTAINER_SHARE of the page's prose."""
    prose: dict[int, int] = defaultdict(int)
    children: dict[int, set[int]] = defaultdict(set)
    for b, why in zip(blocks, chrome):
        if why or not _is_prose(b):
            continue
        for depth, number in enumerate(b.chain):
            prose[number] += len(b.text)
            if depth:
                children[b.chain[depth - 1]].add(number)
    if not prose:
        return None
    node, depth = blocks[0].chain[0], 0
    while children[node]:
        best = max(children[node], key=prose.__getitem__)
        if prose[best] < CONTAINER_SHARE * prose[node]:
            break
        node, depth = best, depth + 1
    return node, depth


def analyse(blocks: list[Block]) -> Layout:
    """Judge every block of one page: link-dense subtrees, title lists, and what lies outside the content."""
    dense = _link_dense_elements(blocks)
    lists = _title_lists(blocks)
    chrome = ["link_dense" if dense.intersection(b.chain) else "title_list" if i in lists else ""
              for i, b in enumerate(blocks)]
    found = _container(blocks, chrome)
    if found is None:
        return Layout(blocks, chrome, "")
    number, depth = found
    container = ""
    for i, b in enumerate(blocks):
        if number in b.chain:
            container = container or "/".join(b.path.split("/")[:depth + 1])
        elif not chrome[i]:
            chrome[i] = "outside_content"
    return Layout(blocks, chrome, container)
