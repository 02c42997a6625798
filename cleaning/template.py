"""Site templates: what the pages of one site share is its furniture; where they differ is the content.

Learned across the pages of a site in a build (a Site Style Tree in its simplest form):
- the content path: the style path of the content container most pages agree on;
- chrome texts: (path, line shape) pairs repeated on nearly every page, outside the main text path
  or at the edges of the content (a fixed notice, a section label, an editor's sentence). A line's
  shape takes out what differs from page to page inside one template sentence: the page's own
  title and the numbers of a short line ("小编整理了§，供参考", "全文0字 浏览0次");
- slots: named elements (a class or id) off the text's path that nearly every page fills with a
  short line before or after the text, whatever it says (a byline, a counter, a button row).
The counts behind a template are kept with the corpus, so an incremental build adds its pages
to them and learns the same template a full build of all the pages would.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from .structure import reads_as_prose

MIN_PAGES = 3  # fewer pages of a site say nothing about its template
CONTENT_SHARE = 0.6  # of the pages must agree on the content path
# Furniture is printed on (nearly) every page of a site; a salutation or closing that many documents
# of one genre share is not. Lines repeated on fewer pages than these shares stay.
CHROME_SHARE = 0.8  # of the pages (and at least MIN_PAGES) must repeat a line off the text's own path
MAIN_TEXT_SHARE = 0.9  # ... and on the text's own path (at its start or end only)
# A sentence built around the page's own title ("小编为您整理了§，供参考") is the site's, never the
# author's: printed on half the pages, it is the template, wherever it sits.
TITLED_SHARE = 0.5
EDGE_BLOCKS = 3  # repeated text at the content's first/last blocks is chrome even on the main path
MAX_TEXT_KEYS = 20_000  # per site: one-off texts are forgotten beyond this, repeated ones kept


KEY_VERSION = 3  # line shapes (title and numbers folded, titled ones marked); older counts are relearned
SHAPE_MAX_CHARS = 80  # numbers are folded in lines up to this long; a paragraph's numbers are its own
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_BARE_DATE = re.compile(r"^\s*\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]?\s*(\d{1,2}\s*日?)?\s*$")  # a document's own date


def line_shape(text: str, title: str = "") -> str:
    """The line with the page's title and (in a short line that is no bare date) its numbers folded."""
    if len(title) >= 4 and title in text:
        text = text.replace(title, "§")
    if len(text) <= SHAPE_MAX_CHARS and not _BARE_DATE.match(text):
        text = _NUMBER.sub("0", text)
    return text


TITLED = "t"  # key prefix of a shape built around the page's title
_KEYS: dict[tuple[str, str, str], str] = {}  # text_key()s of lines seen lately: a site's furniture repeats on every page
_MAX_KEYS = 50_000


def text_key(path: str, text: str, title: str = "") -> str:
    if len(title) < 4 or title not in text:  # the title folds nothing: the same key on every page (and one cache entry)
        title = ""
    key = _KEYS.get((path, text, title))
    if key is None:
        shape = line_shape(text, title)
        digest = hashlib.blake2b(f"{path}\n{shape}".encode(), digest_size=8).hexdigest()
        key = TITLED + digest if "§" in shape else digest
        if len(_KEYS) >= _MAX_KEYS:  # bounded: one-off texts (the documents' own lines) would fill it
            _KEYS.clear()
        _KEYS[(path, text, title)] = key
    return key


def under(path: str, container: str) -> bool:
    return path == container or path.startswith(container + "/")


def named(path: str) -> bool:
    """The element has a class or id: bare paths (div/div/p) are shared by text and furniture alike."""
    last = path.rsplit("/", 1)[-1]
    return "." in last or "#" in last


def main_path(content: list[tuple[str, str]]) -> str:
    """The style path holding most of the content's characters: the text's own paragraphs."""
    chars: Counter = Counter()
    for p, t in content:
        chars[p] += len(t)
    return chars.most_common(1)[0][0] if chars else ""


def beside_text(content: list[tuple[str, str]]) -> list[str]:
    """Paths of the short lines (no sentences) off the main path before its first or after its last paragraph."""
    main = main_path(content)
    on_main = [i for i, (p, _) in enumerate(content) if p == main]
    if not on_main:
        return []
    return [p for i, (p, t) in enumerate(content)
            if (i < on_main[0] or i > on_main[-1]) and p != main and is_short_line(t)]


def is_short_line(text: str) -> bool:
    """No sentence, and not a salutation (a line ending in a colon opens what follows)."""
    return not reads_as_prose(text) and not text.endswith(("：", ":"))


@dataclass(frozen=True)
class SiteTemplate:
    content_path: str = ""
    main_path: str = ""  # the path of most content text
    chrome_texts: frozenset[str] = frozenset()  # text_key()s repeated on CHROME_SHARE of the pages
    constant_texts: frozenset[str] = frozenset()  # ... and on MAIN_TEXT_SHARE: what may go from the text's own path
    slots: frozenset[str] = frozenset()  # paths of the short lines printed before or after the text on every page

    def chrome_reason(self, path: str, text: str, at_edge: bool, beside_text: bool = False, title: str = "") -> str:
        """Why a block of the content is template furniture ('' when it is not); `beside_text`: it sits
        before the text's first paragraph or after its last, and is no sentence; `title`: the page's title."""
        if beside_text and path in self.slots:
            return "template_slot"
        key = text_key(path, text, title)
        if key in self.chrome_texts and path != self.main_path:
            return "template_text"
        # On the text's own path only a line printed on (nearly) every page, at the text's start or end: a site
        # label, not a salutation or closing that many documents of one genre share.
        if key in self.constant_texts and at_edge:
            return "template_text"
        return ""


def _share(key: str, share: float) -> float:
    """The share of a site's pages a line must be repeated on to be its template."""
    return TITLED_SHARE if key.startswith(TITLED) else share


_COUNTERS = ("containers", "main_chars", "texts", "slots")


@dataclass(frozen=True)
class PageTally:
    """What one page adds to its site's counts: small, so it can travel apart from the page (a distributed
    build sends each site's tallies to one place, where they are counted in corpus order)."""

    container: str
    main_chars: tuple[tuple[str, int], ...]  # (block path, content characters), in block order
    slots: frozenset[str]
    texts: frozenset[str]

    @classmethod
    def of(cls, blocks: list[tuple[str, str, str]], container: str, title: str = "") -> PageTally:
        """Blocks as (path, text, page-level chrome reason), and the page's title."""
        content = [(p, t) for p, t, why in blocks if container and not why and under(p, container)]
        return cls(container, tuple((p, len(t)) for p, t in content),
                   frozenset(p for p in beside_text(content) if named(p)),
                   frozenset(text_key(p, t, title) for p, t, _ in blocks))


@dataclass
class SiteCounts:
    """What the pages of one site showed, summed: enough to learn (and re-learn) its template."""

    pages: int = 0
    containers: Counter = field(default_factory=Counter)  # content path → pages
    main_chars: Counter = field(default_factory=Counter)  # block path → content characters
    texts: Counter = field(default_factory=Counter)  # text_key → pages
    slots: Counter = field(default_factory=Counter)  # named path → pages printing a short line on it beside the text

    def add_page(self, blocks: list[tuple[str, str, str]], container: str, title: str = "") -> None:
        """Count one page: blocks as (path, text, page-level chrome reason), and the page's title."""
        self.add(PageTally.of(blocks, container, title))

    def add(self, page: PageTally) -> None:
        """Count one page's tally. Pages are counted one by one in corpus order: past MAX_TEXT_KEYS the
        one-off texts seen so far are forgotten, so the order of pages is part of what is learned."""
        self.pages += 1
        if page.container:
            self.containers[page.container] += 1
        for p, n in page.main_chars:
            self.main_chars[p] += n
        self.slots.update(page.slots)
        self.texts.update(page.texts)
        if len(self.texts) > MAX_TEXT_KEYS:
            self.texts = Counter({k: n for k, n in self.texts.items() if n > 1})

    def merge(self, other: SiteCounts) -> None:
        self.pages += other.pages
        for name in _COUNTERS:
            getattr(self, name).update(getattr(other, name))

    def template(self) -> SiteTemplate | None:
        if self.pages < MIN_PAGES:
            return None
        need = max(MIN_PAGES, CHROME_SHARE * self.pages)
        content_path = ""
        if self.containers:
            path, n = self.containers.most_common(1)[0]
            content_path = path if n >= CONTENT_SHARE * self.pages else ""
        main = self.main_chars.most_common(1)[0][0] if self.main_chars else ""
        texts = {k for k, n in self.texts.items() if n >= max(MIN_PAGES, _share(k, CHROME_SHARE) * self.pages)}
        constant = {k for k in texts if self.texts[k] >= _share(k, MAIN_TEXT_SHARE) * self.pages}
        slots = {p for p, n in self.slots.items() if n >= need and p != main}
        return SiteTemplate(content_path, main, frozenset(texts), frozenset(constant), frozenset(slots))

    def to_json(self) -> dict:
        return {"pages": self.pages, "key_version": KEY_VERSION, **{name: dict(getattr(self, name)) for name in _COUNTERS}}

    @classmethod
    def from_json(cls, data: dict) -> SiteCounts:
        if data.get("key_version") != KEY_VERSION:
            return cls()  # counted with keys of another shape: relearned from the pages to come
        counts = cls(pages=int(data["pages"]))
        for name in _COUNTERS:
            getattr(counts, name).update({str(k): int(v) for k, v in data.get(name, {}).items()})
        return counts
