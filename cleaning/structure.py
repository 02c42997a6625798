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


_STEPS: dict[tuple, str] = {}  # (tag, class, id) → style step: sites repeat a few hundred of them


def _step(el) -> str:
    """tag.class#id with digits folded, so "item-12" on one page matches "item-7" on the next."""
    cls, id_ = el.get("class"), el.get("id")
    key = (el.tag, cls, id_)
    step = _STEPS.get(key)
    if step is None:
        names = ""
        if cls:
            names += "." + ".".join(sorted(cls.split())[:3])
        if id_:
            names += "#" + id_
        step = el.tag + _DIGITS.sub("0", names.replace("/", ""))
        if len(_STEPS) < 100_000:  # bounded: class names made per page (hashes) would grow it forever
            _STEPS[key] = step
    return step


# What a tag is to the block walk, found with one dict lookup per element. Comments, processing
# instructions and entities have a factory function for a tag: they are skipped like scripts.
_INLINE, _LINK, _BOLD, _PIECE, _BR, _SKIP, _BLOCK, _HEADING = range(8)
_KIND: dict = {
    **{tag: _SKIP for tag in SKIP_TAGS}, etree.Comment: _SKIP, etree.ProcessingInstruction: _SKIP, etree.Entity: _SKIP,
    **{tag: _BLOCK for tag in BLOCK_TAGS}, **{tag: _HEADING for tag in HEADING_TAGS},
    "br": _BR, "a": _LINK, **{tag: _BOLD for tag in BOLD_TAGS}, **{tag: _PIECE for tag in TAIL_PIECE_TAGS},
}


def page_blocks(tree) -> list[Block]:
    """The text blocks of a parsed page, in document order (scripts, styles, forms skipped).

    One pass over lxml's events with the state in local variables: this loop runs for every
    element of every page, so it avoids method calls and work for empty text.
    """
    body = tree.find(".//body") if tree.tag != "body" else tree
    root = body if body is not None else tree
    # iterwalk never reports comments or processing instructions, so the text after one would be
    # lost: strip them first (in C), which joins that text to the text before.
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    kinds = _KIND
    if kinds.get(root.tag) == _SKIP:
        return []
    blocks: list[Block] = []
    paths = [_step(root)]  # the open block elements, innermost last (the root is one, whatever its tag): style path,
    numbers = [1]  # number on this page,
    heads = [root.tag in HEADING_TAGS]  # and whether it is a heading tag
    number = 1
    parts: list[str] = []  # inline text of the innermost open block so far
    links = bold = 0  # characters of it inside <a>, inside <b>/<strong>
    link_depth, bold_depth = int(root.tag == "a"), int(root.tag in BOLD_TAGS)
    inline_open: dict = {}  # open inline elements that may end a block: element → (first part, links, bold)
    tail = None  # (first part, links, bold, step) of a short inline piece that ends the block so far

    # " ".join(s.split()): whitespace runs as one space, none at the ends (str.split and the \s of re
    # know the same whitespace), without a regex.
    def emit(texts: list[str], n_links: int, n_bold: int, suffix: str) -> None:
        text = " ".join("".join(texts).split())
        if text:
            heading = not suffix and (heads[-1] or (n_bold >= 0.9 * len(text) and len(text) <= TITLE_MAX_CHARS))
            blocks.append(Block(paths[-1] + suffix, text, min(n_links, len(text)), heading, tuple(numbers)))

    def flush() -> None:
        nonlocal parts, links, bold, tail
        if tail:  # the short inline piece ending the block is a line of its own, under its own path
            start, at_links, at_bold, step = tail
            emit(parts[:start], at_links, at_bold, "")
            emit(parts[start:], links - at_links, bold - at_bold, "/" + step)
            parts, links, bold, tail = [], 0, 0, None
            return
        text = " ".join("".join(parts).split())  # the common case, without the call
        if text:
            n = len(text)
            heading = heads[-1] or (bold >= 0.9 * n and n <= TITLE_MAX_CHARS)
            blocks.append(Block(paths[-1], text, links if links < n else n, heading, tuple(numbers)))
        parts, links, bold = [], 0, 0

    walker = etree.iterwalk(root, events=("start", "end"))
    next(walker)  # the root's start: it was opened above
    text = root.text
    for event, el in walker:
        if text:  # the text the previous event brought: an element's own text, or the tail after it
            parts.append(text)
            if tail and text.strip():  # more text follows: the piece does not end the block
                tail = None
            if link_depth > 0 or bold_depth > 0:
                n = len(text.strip())
                links += n if link_depth > 0 else 0
                bold += n if bold_depth > 0 else 0
        kind = kinds.get(el.tag, _INLINE)
        if event == "start":
            if kind >= _BLOCK:
                if parts:
                    flush()
                number += 1
                paths.append(paths[-1] + "/" + _step(el))
                numbers.append(number)
                heads.append(kind == _HEADING)
            elif kind == _LINK:
                link_depth += 1
            elif kind == _BOLD:
                bold_depth += 1
            elif kind == _PIECE:
                inline_open[el] = (len(parts), links, bold)
            elif kind == _BR:
                if parts:
                    flush()
            elif kind == _SKIP:
                walker.skip_subtree()  # the next event is this element's end
                text = None
                continue
            text = el.text
            continue
        if el is root:  # its end: the last event
            break
        if kind >= _BLOCK:
            if parts:
                flush()
            paths.pop(), numbers.pop(), heads.pop()
        elif kind == _LINK:
            link_depth -= 1
        elif kind == _BOLD:
            bold_depth -= 1
        elif kind == _PIECE and el in inline_open:
            start, at_links, at_bold = inline_open.pop(el)
            piece = "".join(parts[start:]).strip()
            fits = 0 < len(piece) <= TAIL_PIECE_MAX and not reads_as_prose(piece) \
                and reads_as_prose("".join(parts[:start]).strip())  # after a paragraph, not a list item's title
            tail = (start, at_links, at_bold, _step(el)) if fits else None
        text = el.tail  # a skipped element's too
    if parts:
        flush()
    return blocks


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


def _subtree_sums(blocks: list[Block], prose: list[bool]) -> dict[int, list[int]]:
    """For every element holding a block: [characters, characters in links, characters of prose blocks]
    of the blocks inside it.

    Each block adds to its innermost element, which then adds to its parent, children before
    parents (element numbers run in document order): one addition per element, not per
    (block, ancestor).
    """
    sums: dict[int, list[int]] = {}
    parent: dict[int, int] = {}
    for b, good in zip(blocks, prose):
        chain = b.chain
        chars = len(b.text)
        own = sums.get(chain[-1])
        if own is None:
            sums[chain[-1]] = [chars, b.links, chars if good else 0]
        else:
            own[0] += chars
            own[1] += b.links
            own[2] += chars if good else 0
        for depth in range(len(chain) - 1, 0, -1):  # record the chain's parents up to one already known
            if chain[depth] in parent:
                break
            parent[chain[depth]] = chain[depth - 1]
    for number in sorted(parent, reverse=True):
        own = sums[number]  # its children (larger numbers) came first
        up = sums.get(parent[number])
        if up is None:
            sums[parent[number]] = own.copy()
        else:
            up[0] += own[0]
            up[1] += own[1]
            up[2] += own[2]
    return sums


def _link_dense_elements(blocks: list[Block], prose: list[bool]) -> set[int]:
    """Elements whose text is mostly anchor text and little prose (a page's <body> can be link-heavy too)."""
    return {n for n, (chars, links, prose_chars) in _subtree_sums(blocks, prose).items()
            if chars >= MIN_LINK_SUBTREE and links > LINK_DENSE * chars
            and prose_chars < min(PROSE_IN_LINKS * chars, PROSE_NOT_NAV)}


def looks_like_title(text: str) -> bool:
    return len(text) <= TITLE_MAX_CHARS and (bool(_TITLE_END.search(text)) or bool(_LIST_META.search(text)))


def _interleaved(members: list[int], prose: list[bool]) -> bool:
    """Do prose blocks lie between most neighbouring members? Then they head the text's parts, not a list."""
    gaps = [any(prose[a + 1:b]) for a, b in zip(members, members[1:])]
    return sum(gaps) * 2 > len(gaps)


_FACTS: dict[str, tuple[bool, bool, bool]] = {}  # block text → _text_facts: a site's sidebars repeat on every page
_MAX_FACTS = 50_000


def _text_facts(text: str) -> tuple[bool, bool, bool]:
    """What the analysis reads in a block's text alone: (reads as prose, plain: short without a sentence inside,
    title-like: plain and shaped like a document's title)."""
    facts = _FACTS.get(text)
    if facts is None:
        plain = len(text) <= TITLE_MAX_CHARS and not _SENTENCE_INSIDE.search(text)
        facts = (reads_as_prose(text), plain, plain and looks_like_title(text))  # a title has no sentence inside
        if len(_FACTS) >= _MAX_FACTS:  # bounded: the documents' own lines are one-offs
            _FACTS.clear()
        _FACTS[text] = facts
    return facts


def _title_lists(blocks: list[Block], prose: list[bool], facts: list[tuple[bool, bool, bool]]) -> set[int]:
    """Blocks that form a list of other documents' titles, linked or not.

    Two shapes: all blocks of one path are short, unpunctuated and title-like (a sidebar list),
    or a run of consecutive title-like blocks of one path (a list printed as paragraphs below the text;
    not a document's closing date followed by a metadata bar and a tag line).
    """
    plain = [f[1] for f in facts]
    titled = [f[2] for f in facts]
    by_path: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(blocks):
        by_path[b.path].append(i)
    listed: set[int] = set()
    for members in by_path.values():
        if len(members) < TITLE_LIST_MIN or not all(plain[i] for i in members) or _interleaved(members, prose):
            continue
        if sum(titled[i] for i in members) >= TITLE_LIST_SHARE * len(members):
            listed.update(members)
    run: list[int] = []
    for i, is_title in enumerate([*titled, False]):
        if run and i < len(blocks) and blocks[i].path != blocks[run[-1]].path:  # a list's items share one path
            if len(run) >= TITLE_LIST_MIN:
                listed.update(run)
            run = []
        if is_title:
            run.append(i)
            continue
        if len(run) >= TITLE_LIST_MIN:
            listed.update(run)
        run = []
    return listed


def _container(blocks: list[Block], chrome: list[str], is_prose: list[bool]) -> tuple[int, int] | None:
    """(element number, depth) of the deepest element holding CONTAINER_SHARE of the page's prose."""
    prose: dict[int, int] = defaultdict(int)
    children: dict[int, set[int]] = defaultdict(set)
    for b, why, good in zip(blocks, chrome, is_prose):
        if why or not good:
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
    facts = [_FACTS.get(b.text) or _text_facts(b.text) for b in blocks]  # the lookup written out: most texts repeat
    prose = [f[0] and b.links <= GOOD_MAX_LINKS * len(b.text) for b, f in zip(blocks, facts)]  # _is_prose
    dense = _link_dense_elements(blocks, prose)
    lists = _title_lists(blocks, prose, facts)
    chrome = ["link_dense" if dense and not dense.isdisjoint(b.chain) else "title_list" if i in lists else ""
              for i, b in enumerate(blocks)]
    found = _container(blocks, chrome, prose)
    if found is None:
        return Layout(blocks, chrome, "")
    number, depth = found
    holder = next(b for b in blocks if number in b.chain)
    container = "/".join(holder.path.split("/")[:depth + 1])
    last = container.rsplit("/", 1)[-1]
    # The text's next page chunks: elements of the container's own named path under the same parent
    # (a bare div/div/div path is shared by text and furniture alike).
    parent = holder.chain[depth - 1] if depth and ("." in last or "#" in last) else None
    for i, b in enumerate(blocks):
        if chrome[i] or number in b.chain:
            continue
        beside = (parent is not None and len(b.chain) > depth and b.chain[depth - 1] == parent
                  and "/".join(b.path.split("/")[:depth + 1]) == container)
        if not beside:
            chrome[i] = "outside_content"
    return Layout(blocks, chrome, container)
