"""The plain records that flow through the cleaning steps."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteHints:
    """What a site profile tells the cleaning about its pages (all optional)."""

    content_xpath: str = ""  # where the document text sits
    prune_xpath: tuple[str, ...] = ()  # furniture to cut before reading the page
    encoding: str = ""  # the charset the site really uses, when it mislabels its pages
    script: str = ""  # "zh-Hant" for a Traditional-script mirror


@dataclass
class Page:
    """One fetched response as read from a WARC file."""

    url: str
    status: int
    content_type: str
    body: bytes
    crawl_time: str = ""
    warc_file: str = ""
    page_kind: str = ""  # set by our crawler: "document", "listing", "robots"; "" for foreign WARCs


@dataclass
class Document:
    """One document cut from a page; `reason` is set when a step rejects it."""

    url: str
    site: str
    title: str
    lines: list[str]
    crawl_time: str = ""
    part: int = 0  # 0 for a whole page, 1..n for the pieces of a compilation page
    source_script: str = "zh-Hans"
    script_converted: bool = False
    reason: str = ""  # rejection reason, empty when kept
    meta: dict = field(default_factory=dict)  # doc_type, year, quality signals, pii counts ...

    @property
    def text(self) -> str:
        return "\n".join(self.lines)
