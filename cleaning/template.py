"""Site templates: what the pages of one site share is its furniture; where they differ is the content.

Learned across the pages of a site in a build (a Site Style Tree in its simplest form):
- the content path: the style path of the content container most pages agree on;
- chrome texts: (path, text) pairs repeated on nearly every page, outside the main text path or
  at the edges of the content (a fixed notice, a section label);
- slots: named elements (a class or id) off the text's path that nearly every page fills with a
  short line before or after the text, whatever it says (a byline, a counter, a button row).
The counts behind a template are kept with the corpus, so an incremental build adds its pages
to them and learns the same template a full build of all the pages would.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from .structure import reads_as_prose

MIN_PAGES = 3  # fewer pages of a site say nothing about its template
CONTENT_SHARE = 0.6  # of the pages must agree on the content path
# Furniture is printed on (nearly) every page of a site; a salutation or closing that many documents
# of one genre share is not. Lines repeated on fewer pages than these shares stay.
CHROME_SHARE = 0.8  # of the pages (and at least MIN_PAGES) must repeat a line off the text's own path
MAIN_TEXT_SHARE = 0.9  # ... and on the text's own path (at its start or end only)
EDGE_BLOCKS = 3  # repeated text at the content's first/last blocks is chrome even on the main path
MAX_TEXT_KEYS = 20_000  # per site: one-off texts are forgotten beyond this, repeated ones kept


_KEYS: dict[tuple[str, str], str] = {}  # text_key()s of lines seen lately: a site's furniture repeats on every page
_MAX_KEYS = 50_000


def text_key(path: str, text: str) -> str:
    key = _KEYS.get((path, text))
    if key is None:
        key = hashlib.blake2b(f"{path}\n{text}".encode(), digest_size=8).hexdigest()
        if len(_KEYS) >= _MAX_KEYS:  # bounded: one-off texts (the documents' own lines) would fill it
            _KEYS.clear()
        _KEYS[(path, text)] = key
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

    def chrome_reason(self, path: str, text: str, at_edge: bool, beside_text: bool = False) -> str:
        """Why a block of the content is template furniture ('' when it is not); `beside_text`: it sits
        before the text's first paragraph or after its last, and is no sentence."""
        if beside_text and path in self.slots:
            return "template_slot"
        key = text_key(path, text)
        if key in self.chrome_texts and path != self.main_path:
            return "template_text"
        # On the text's own path only a line printed on (nearly) every page, at the text's start or end: a site
        # label, not a salutation or closing that many documents of one genre share.
        if key in self.constant_texts and at_edge:
            return "template_text"
        return ""


_COUNTERS = ("containers", "main_chars", "texts", "slots")


@dataclass
class SiteCounts:
    """What the pages of one site showed, summed: enough to learn (and re-learn) its template."""

    pages: int = 0
    containers: Counter = field(default_factory=Counter)  # content path → pages
    main_chars: Counter = field(default_factory=Counter)  # block path → content characters
    texts: Counter = field(default_factory=Counter)  # text_key → pages
    slots: Counter = field(default_factory=Counter)  # named path → pages printing a short line on it beside the text

    def add_page(self, blocks: list[tuple[str, str, str]], container: str) -> None:
        """Count one page: blocks as (path, text, page-level chrome reason)."""
        self.pages += 1
        if container:
            self.containers[container] += 1
        content = [(p, t) for p, t, why in blocks if container and not why and under(p, container)]
        for p, t in content:
            self.main_chars[p] += len(t)
        self.slots.update({p for p in beside_text(content) if named(p)})
        self.texts.update({text_key(p, t) for p, t, _ in blocks})
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
        texts = {k for k, n in self.texts.items() if n >= need}
        constant = {k for k in texts if self.texts[k] >= MAIN_TEXT_SHARE * self.pages}
        slots = {p for p, n in self.slots.items() if n >= need and p != main}
        return SiteTemplate(content_path, main, frozenset(texts), frozenset(constant), frozenset(slots))

    def to_json(self) -> dict:
        return {"pages": self.pages, **{name: dict(getattr(self, name)) for name in _COUNTERS}}

    @classmethod
    def from_json(cls, data: dict) -> SiteCounts:
        counts = cls(pages=int(data["pages"]))
        for name in _COUNTERS:
            getattr(counts, name).update({str(k): int(v) for k, v in data.get(name, {}).items()})
        return counts
