"""Item pipelines: one concern each."""
from __future__ import annotations

import json
from pathlib import Path

from scrapy.exceptions import NotConfigured


class PageLogPipeline:
    """Append one JSON line per document page to PAGE_LOG (what was crawled, when)."""

    def __init__(self, path: str):
        self.path = Path(path)
        self.file = None

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("PAGE_LOG")
        if not path:
            raise NotConfigured("PAGE_LOG not set")
        return cls(path)

    def open_spider(self, spider=None):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(self.path, "a", encoding="utf-8")

    def close_spider(self, spider=None):
        if self.file:
            self.file.close()

    def process_item(self, item, spider=None):
        self.file.write(json.dumps(dict(item), ensure_ascii=False) + "\n")
        self.file.flush()  # a killed crawl keeps every line written so far
        return item
