"""Crawl report and live progress."""
from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from scrapy import signals
from twisted.internet import task

log = logging.getLogger("worksum.crawl")


class CrawlReport:
    """Log progress every PROGRESS_INTERVAL s; write Scrapy's stats to CRAWL_REPORT at the end.

    Progress goes through logging, so it is a plain line per interval on a terminal and in cron mail alike.
    """

    def __init__(self, crawler, path: str | None, interval: float):
        self.crawler, self.path, self.interval = crawler, path, interval
        self.started = time.monotonic()
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler, crawler.settings.get("CRAWL_REPORT"), crawler.settings.getfloat("PROGRESS_INTERVAL"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider=None):
        if self.interval > 0:
            self.loop = task.LoopingCall(self.progress)
            self.loop.start(self.interval, now=False)

    def progress(self):
        stats = self.crawler.stats
        pages = stats.get_value("response_received_count", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        engine = self.crawler.engine
        queued = len(engine._slot.scheduler) if getattr(engine, "_slot", None) and engine._slot.scheduler else 0
        log.info("progress: %d pages (%.1f/s), %d queued, %d in flight, %d documents", pages, pages / elapsed,
                 queued, len(engine.downloader.active), stats.get_value("item_scraped_count", 0))

    def spider_closed(self, spider=None, reason=""):
        if self.loop and self.loop.running:
            self.loop.stop()
        if not self.path:
            return
        stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                 for k, v in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(stats, indent=2, sort_keys=True, default=str), encoding="utf-8")
        os.replace(tmp, path)
