"""Main-text extraction: trafilatura on a tree we parse once, plus the page title."""
from __future__ import annotations

import re
from functools import lru_cache

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.settings import Extractor

# Site names glued to <title> after a separator: "X.docx-冰豆网", "X - 人人文库", "X_工作总结_好范文网".
_TITLE_SUFFIX = re.compile(r"\s*(?:[-_|–—]\s*[^-_|–—]{1,12}){1,3}$")
_BLOCK_TAGS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "tr", "section", "article")
_LIST_BULLET = re.compile(r"^\s*[-*•]\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_MAX_BYTES = 3_000_000  # pages above this are cut: lxml and trafilatura slow down badly on giants


def _markup(html: str) -> str | None:
    """The HTML lxml is given: cut to _MAX_BYTES, without an XML declaration; None when there is none."""
    if not html or not html.strip():
        return None
    return _XML_DECL.sub("", html[:_MAX_BYTES], count=1)  # lxml refuses str with an encoding declaration


def parse(html: str):
    """Parse HTML into an lxml.html tree (what trafilatura reads); None for pages with no parsable markup."""
    if (html := _markup(html)) is None:
        return None
    try:
        return lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return None


_PLAIN_PARSER = etree.HTMLParser()


def parse_plain(html: str):
    """Parse HTML into a plain lxml tree: the same tree as `parse`, without lxml.html's element classes,
    whose per-element lookup costs more than the block walk needs (None when nothing parses)."""
    if (html := _markup(html)) is None:
        return None
    try:
        return etree.fromstring(html, _PLAIN_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def drop_tree(el) -> None:
    """Remove an element and its children, keeping the text that follows it (lxml.html's drop_tree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def page_title(tree) -> str:
    """The document title: the first <h1>, else og:title, else <title> without the site name."""
    for xp in ("//h1", "//meta[@property='og:title']/@content", "//title"):
        found = tree.xpath(xp)
        if not found:
            continue
        node = found[0]
        text = node if isinstance(node, str) else "".join(node.itertext())
        text = " ".join(text.split())
        if xp == "//title":
            text = _TITLE_SUFFIX.sub("", text) or text
        if text:
            return text
    return ""


def _plain_lines(tree) -> list[str]:
    """Fallback when trafilatura finds nothing: block-separated text of <body>."""
    body = tree.find(".//body")
    node = body if body is not None else tree
    for bad in node.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in node.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return [ln.strip() for ln in node.text_content().split("\n") if ln.strip()]


@lru_cache(maxsize=1)
def _options() -> Extractor:
    """trafilatura's settings, built once: building them per call costs ~5 % of extraction.

    Recall is favoured (our rules clean after it); `fast` skips the readability/jusText
    comparison, which on doc sites only ever picks the same main block.
    """
    return Extractor(fast=True, recall=True, comments=False, tables=True, dedup=False)


def extract_lines(tree, prune_xpath: list[str] | None = None) -> list[str]:
    """Main-text lines of a parsed page."""
    text = trafilatura.extract(tree, options=_options(), prune_xpath=prune_xpath or None)
    if not text:
        return _plain_lines(tree)
    return [_LIST_BULLET.sub("", ln).strip() for ln in text.split("\n") if ln.strip()]
