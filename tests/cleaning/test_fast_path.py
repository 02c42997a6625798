"""The fast extraction path gives the documents the slow ones give.

- The structure path (lxml blocks, the content container, the site template) and the
  trafilatura path give the same documents on the devset.
- The one-pass block walker and the structure analysis equal a plain statement of the same
  rules (written here the simple way) on the devset's pages and on heavy generated pages.
- The batched normalisation and the word counts read from jieba's file equal what they replace.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from worksum.cleaning import structure as S
from worksum.cleaning.decode import decode_html
from worksum.cleaning.extract import parse
from worksum.cleaning.normalize import normalize_line, normalize_line_each
from worksum.cleaning.pipeline import Cleaner, ExtractStep
from worksum.cleaning.script import _word_freq
from worksum.cleaning.stats import Stats
from worksum.cleaning.template import SiteCounts
from worksum.corpus.warc import find_warcs, iter_pages
from tests.conftest import DEVSET, needs_devset

ROOT = Path(__file__).resolve().parents[2]


def _documents(pages, structure: bool) -> tuple[dict, Stats]:
    """(url, part) → (title, text, reason) of every page, as a build makes them (templates learned first)."""
    stats = Stats()
    step = ExtractStep(structure=structure)
    extracted = [step(page, stats) for page in pages]
    counts: dict[str, SiteCounts] = {}
    for ex in extracted:
        if not ex.reason and ex.blocks:
            counts.setdefault(ex.site, SiteCounts()).add_page([(p, t, why) for p, t, _, why in ex.blocks],
                                                              ex.container)
    templates = {site: t for site, c in counts.items() if (t := c.template()) is not None}
    cleaner = Cleaner(templates)
    return {(d.url, d.part): (d.title, d.text, d.reason) for ex in extracted for d in cleaner(ex, stats)}, stats


@needs_devset()
def test_the_structure_path_and_the_trafilatura_path_give_the_same_documents_on_the_devset():
    pages = list(iter_pages(find_warcs([DEVSET / "pages.warc.gz"])))
    fast, fast_stats = _documents(pages, structure=True)
    slow, slow_stats = _documents(pages, structure=False)
    assert fast_stats.counts["extract/structure"] >= 0.9 * len(pages)  # the fast path did the work
    assert slow_stats.counts["extract/trafilatura"] == fast_stats.counts["extract/structure"] \
        + fast_stats.counts["extract/trafilatura"]
    assert sum(1 for _, _, reason in fast.values() if not reason) >= len(pages) // 2
    # The same pages and pieces, rejected for the same reasons; the kept ones with the same title and text
    # (a rejected page's text is never published: the trafilatura path may leave a button line in it).
    assert fast.keys() == slow.keys()
    assert {key: doc[2] for key, doc in fast.items()} == {key: doc[2] for key, doc in slow.items()}
    differ = [key for key, doc in fast.items() if not doc[2] and doc != slow[key]]
    assert not differ, f"{len(differ)} documents differ, first {differ[0]}: {fast[differ[0]]!r} vs {slow[differ[0]]!r}"


# ---- the structure analysis, stated plainly ------------------------------------------------------

def _plain_blocks(tree) -> list[S.Block]:
    """page_blocks the simple way: a recursive walk collecting each block element's own text."""
    body = tree.find(".//body") if tree.tag != "body" else tree
    root = body if body is not None else tree
    blocks: list[S.Block] = []
    state = {"parts": [], "links": 0, "bold": 0, "tail": None}
    opened: list[tuple[str, int, bool]] = []
    numbers = iter(range(1, 10**9))

    def emit(parts, links, bold, suffix):
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if text and opened:
            heading = not suffix and (opened[-1][2] or (bold >= 0.9 * len(text) and len(text) <= S.TITLE_MAX_CHARS))
            blocks.append(S.Block(opened[-1][0] + suffix, text, min(links, len(text)), heading,
                                  tuple(n for _, n, _ in opened)))

    def flush():
        if state["tail"]:  # a short inline piece ending the block: a block of its own under its own path
            start, links, bold, name = state["tail"]
            emit(state["parts"][:start], links, bold, "")
            emit(state["parts"][start:], state["links"] - links, state["bold"] - bold, "/" + name)
        else:
            emit(state["parts"], state["links"], state["bold"], "")
        state.update(parts=[], links=0, bold=0, tail=None)

    def add(text, in_link, in_bold):
        if text:
            state["parts"].append(text)
            state["links"] += len(text.strip()) if in_link else 0
            state["bold"] += len(text.strip()) if in_bold else 0
            if text.strip():
                state["tail"] = None

    def step(el) -> str:
        names = ""
        if el.get("class"):
            names += "." + ".".join(sorted(el.get("class").split())[:3])
        if el.get("id"):
            names += "#" + el.get("id")
        return el.tag + re.sub(r"\d+", "0", names.replace("/", ""))

    def visit(el, in_link=False, in_bold=False):
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # a comment or processing instruction: only the text after it is read
            add(el.tail, in_link, in_bold)
            return
        skipped = tag in S.SKIP_TAGS
        if not skipped:
            is_block = tag in S.BLOCK_TAGS or el is root
            if is_block or tag == "br":
                flush()
            if is_block:
                opened.append(((opened[-1][0] + "/" if opened else "") + step(el), next(numbers),
                               tag in S.HEADING_TAGS))
            inner_link, inner_bold = in_link or tag == "a", in_bold or tag in S.BOLD_TAGS
            start = (len(state["parts"]), state["links"], state["bold"])
            add(el.text, inner_link, inner_bold)
            for child in el:
                visit(child, inner_link, inner_bold)
            if is_block:
                flush()
                opened.pop()
            elif tag in S.TAIL_PIECE_TAGS:
                piece = "".join(state["parts"][start[0]:]).strip()
                before = "".join(state["parts"][:start[0]]).strip()
                fits = 0 < len(piece) <= S.TAIL_PIECE_MAX and not S.reads_as_prose(piece) and S.reads_as_prose(before)
                state["tail"] = (*start, step(el)) if fits else None
        if el is not root:
            add(el.tail, in_link, in_bold)

    visit(root)
    flush()
    return blocks


def _sentence(text: str) -> bool:
    return any(c in text for c in "。；！？")


def _plain_analyse(blocks: list[S.Block]) -> tuple[list[str], list[str]]:
    """analyse the simple way: sums over every (block, ancestor) pair, each block's rules evaluated where used."""
    chars, links, prose = defaultdict(int), defaultdict(int), defaultdict(int)
    for b in blocks:
        for n in b.chain:
            chars[n] += len(b.text)
            links[n] += b.links
            prose[n] += len(b.text) if S._is_prose(b) else 0
    dense = {n for n, c in chars.items() if c >= S.MIN_LINK_SUBTREE and links[n] > S.LINK_DENSE * c
             and prose[n] < min(S.PROSE_IN_LINKS * c, S.PROSE_NOT_NAV)}
    by_path = defaultdict(list)
    for i, b in enumerate(blocks):
        by_path[b.path].append(i)
    listed = set()
    for members in by_path.values():
        texts = [blocks[i].text for i in members]
        # prose between most neighbouring members: they head the text's parts
        gaps = [any(S._is_prose(blocks[k]) for k in range(a + 1, b)) for a, b in zip(members, members[1:])]
        if 2 * sum(gaps) > len(gaps):
            continue
        if len(texts) >= S.TITLE_LIST_MIN and not any(len(t) > S.TITLE_MAX_CHARS or _sentence(t) for t in texts):
            if sum(map(S.looks_like_title, texts)) >= S.TITLE_LIST_SHARE * len(texts):
                listed.update(members)
    runs, run = [], []  # runs of consecutive title-like blocks of one path
    for i, b in enumerate(blocks):
        if S.looks_like_title(b.text) and not _sentence(b.text) and (not run or blocks[run[-1]].path == b.path):
            run.append(i)
            continue
        runs.append(run)
        run = [i] if S.looks_like_title(b.text) and not _sentence(b.text) else []
    runs.append(run)
    for run in runs:
        if len(run) >= S.TITLE_LIST_MIN:
            listed.update(run)
    chrome = ["link_dense" if dense & set(b.chain) else "title_list" if i in listed else ""
              for i, b in enumerate(blocks)]
    layout = S.analyse(blocks)  # the container search is shared: compare the chrome decisions it starts from
    return chrome, [why if why != "outside_content" else "" for why in layout.chrome]


def _pages(tmp_path: Path) -> list[str]:
    html = []
    if (DEVSET / "pages.warc.gz").exists():
        html += [decode_html(p.body, p.content_type)[0] for p in iter_pages(find_warcs([DEVSET / "pages.warc.gz"]))]
    out = tmp_path / "heavy"
    subprocess.run([sys.executable, str(ROOT / "bench" / "sitegen.py"), "--out", str(out), "--styles", "4",
                    "--pages-per-style", "4", "--seed", "11", "--heavy", "--pool", "heldout"],
                   check=True, capture_output=True, timeout=120)
    html += [decode_html(p.body, p.content_type)[0] for p in iter_pages(find_warcs([out / "pages.warc.gz"]))]
    html.append("<html><body>前言<!-- 注释 --><b>粗体</b>尾<script>x()</script>后<br>下一行<div>块<a>链接"
                "</a><p>段落</p>尾巴</div><?pi x?>末</body></html>")
    return html


def test_the_block_walker_and_the_analysis_equal_their_plain_statement(tmp_path):
    pages = _pages(tmp_path)
    assert len(pages) >= 17
    for html in pages:
        blocks = S.page_blocks(parse(html))
        assert blocks == _plain_blocks(parse(html))
        chrome, judged = _plain_analyse(blocks)
        assert judged == chrome



def test_the_analysis_is_the_same_whatever_its_cache_of_text_facts_holds(tmp_path, monkeypatch):
    pages = [S.page_blocks(parse(html)) for html in _pages(tmp_path)]
    cold = []
    for blocks in pages:
        S._FACTS.clear()
        cold.append(S.analyse(blocks))
    warm = [S.analyse(blocks) for blocks in pages]  # every text seen before
    monkeypatch.setattr(S, "_MAX_FACTS", 5)
    S._FACTS.clear()
    full = [S.analyse(blocks) for blocks in pages]  # the cache fills and is cleared again and again
    assert len(S._FACTS) <= 5
    assert cold == warm == full
    assert sum(1 for layout in cold if layout.container) >= 15
    assert {"link_dense", "title_list", "outside_content"} <= {why for layout in cold for why in layout.chrome}

def test_batched_normalisation_equals_line_by_line():
    lines = ["  ＡＢＣ１２３ 全角　空格  ", "\u200b零宽\u00ad字符\x1b[31m红\x1b[0m", "", "tab\there\r", "普通的一行。",
             "\u3000\u3000首行缩进", "\x0b\x0c"]
    assert normalize_line_each(lines) == [normalize_line(ln) for ln in lines]
    assert normalize_line_each([]) == []


def test_word_counts_read_from_the_dictionary_file_equal_jiebas_table(tmp_path):
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(tmp_path)  # its cache file
    jieba.initialize()
    theirs = {w: n for w, n in jieba.dt.FREQ.items() if n and len(w) >= 2}  # the words the phrase policy looks up
    ours = _word_freq()
    assert len(ours) > 100_000
    assert {w: int(n) for w, n in ours.items()} == theirs
