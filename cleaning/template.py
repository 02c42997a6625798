"""Site templates: what the pages of one site share is its furniture; where they differ is the content.

Learned across the pages of a site in a build (a Site Style Tree in its simplest form):
- the content path: the style path of the content container most pages agree on;
- chrome paths: paths inside the content that the page-level structure judged chrome on
  most of the pages where they occur (a related list that is link-light on some pages);
- chrome texts: (path, text) pairs repeated on most pages, outside the main text path or at
  the edges of the content (a fixed notice, a section label).
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
CHROME_SHARE = 0.5  # of the pages (and at least MIN_PAGES) must repeat a text or judge a path chrome
CHROME_PATH_SHARE = 0.8  # of a path's characters on a page judged chrome for the page to count it as chrome
MAIN_TEXT_SHARE = 0.9  # of the pages must repeat a line on the text's own path for it to be furniture
EDGE_BLOCKS = 3  # repeated text at the content's first/last blocks is chrome even on the main path
MAX_TEXT_KEYS = 20_000  # per site: one-off texts are forgotten beyond this, repeated ones kept


def text_key(path: str, text: str) -> str:
    return hashlib.blake2b(f"{path}\n{text}".encode("utf-8"), digest_size=8).hexdigest()


def under(path: str, container: str) -> bool:
    return path == container or path.startswith(container + "/")


@dataclass(frozen=True)
class SiteTemplate:
    content_path: str = ""
    main_path: str = ""  # the path of most content text: its repeats count only at the edges
    chrome_paths: frozenset[str] = frozenset()
    chrome_texts: frozenset[str] = frozenset()  # text_key()s repeated on CHROME_SHARE of the pages
    constant_texts: frozenset[str] = frozenset()  # ... and on MAIN_TEXT_SHARE: what may go from the text's own path

    def chrome_reason(self, path: str, text: str, at_edge: bool) -> str:
        # A path name is no proof on its own (pages of one site reuse bare paths such as div/div/div
        # for furniture and for text): prose on a chrome path stays.
        if path in self.chrome_paths and not reads_as_prose(text):
            return "template_path"
        key = text_key(path, text)
        if key in self.chrome_texts and path != self.main_path:
            return "template_text"
        # On the text's own path only a line printed on (nearly) every page, at the text's start or end: a site
        # label, not a salutation or closing that many documents of one genre share.
        if key in self.constant_texts and at_edge:
            return "template_text"
        return ""


_COUNTERS = ("containers", "main_chars", "path_pages", "chrome_path_pages", "texts")


@dataclass
class SiteCounts:
    """What the pages of one site showed, summed: enough to learn (and re-learn) its template."""

    pages: int = 0
    containers: Counter = field(default_factory=Counter)  # content path → pages
    main_chars: Counter = field(default_factory=Counter)  # block path → content characters
    path_pages: Counter = field(default_factory=Counter)  # path inside the content → pages
    chrome_path_pages: Counter = field(default_factory=Counter)  # path → pages judging it chrome
    texts: Counter = field(default_factory=Counter)  # text_key → pages

    def add_page(self, blocks: list[tuple[str, str, str]], container: str) -> None:
        """Count one page: blocks as (path, text, page-level chrome reason)."""
        self.pages += 1
        if container:
            self.containers[container] += 1
        inside = [(p, t, why) for p, t, why in blocks if container and under(p, container)]
        chars: Counter = Counter()
        chrome: Counter = Counter()
        for p, t, why in inside:
            chars[p] += len(t)
            chrome[p] += len(t) if why else 0
        for path, n in chars.items():
            self.path_pages[path] += 1
            if chrome[path] >= CHROME_PATH_SHARE * n:  # the path is furniture here, not just one list under it
                self.chrome_path_pages[path] += 1
        for p, t, why in inside:
            if not why:
                self.main_chars[p] += len(t)
        self.texts.update({text_key(p, t) for p, t, _ in blocks})
        if len(self.texts) > MAX_TEXT_KEYS:
            self.texts = Counter({k: n for k, n in self.texts.items() if n > 1})

    def merge(self, other: "SiteCounts") -> None:
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
        chrome_paths = {p for p, n in self.chrome_path_pages.items()
                        if n >= need and n >= CONTENT_SHARE * self.path_pages[p] and p != main}
        texts = {k for k, n in self.texts.items() if n >= need}
        constant = {k for k in texts if self.texts[k] >= MAIN_TEXT_SHARE * self.pages}
        return SiteTemplate(content_path, main, frozenset(chrome_paths), frozenset(texts), frozenset(constant))

    def to_json(self) -> dict:
        return {"pages": self.pages, **{name: dict(getattr(self, name)) for name in _COUNTERS}}

    @classmethod
    def from_json(cls, data: dict) -> "SiteCounts":
        counts = cls(pages=int(data["pages"]))
        for name in _COUNTERS:
            getattr(counts, name).update({str(k): int(v) for k, v in data.get(name, {}).items()})
        return counts
