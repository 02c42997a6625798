"""Crawl report, live progress, and a garbage collector that leaves start-up's objects alone."""
from __future__ import annotations

import gc
import json
import logging
import os
import time
from pathlib import Path

from scrapy import signals
from twisted.internet import task

from .outcome import LIMIT_REASONS, NO_ROOM
from .profiles import LIMITS

log = logging.getLogger("worksum.crawl")

RESERVED = 64 * 1024  # bytes held for the report from the start, so it can be written on a full disk


class FreezeStartupObjects:
    """Put what start-up built (modules, settings, middlewares, the spider) out of the garbage collector's way.

    A full collection walks every object the collector tracks. Most of them are the ones the crawl
    started with, which live as long as the crawl: walking them again and again was a tenth of
    the CPU a crawl of thousands of pages took. A frozen object that is dropped later is still freed
    (by its reference count); only a cycle of them would stay until the process ends.
    """

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls()
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self, spider=None):
        gc.collect()  # start-up's own garbage is freed, not frozen
        gc.freeze()


class CrawlReport:
    """Log progress every PROGRESS_INTERVAL s; write Scrapy's stats to CRAWL_REPORT at the end.

    Progress goes through logging, so it is a plain line per interval on a terminal and in cron mail alike.
    The report file is created when the crawl starts ("finish_reason": "unfinished"), padded to
    RESERVED bytes: a crawl that fills the disk can still overwrite it with its stats.
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
        if self.path:
            try:
                self._write(json.dumps({"finish_reason": "unfinished"}).ljust(RESERVED))
            except OSError as exc:
                log.warning("cannot write the crawl report %s: %s", self.path, exc)
        if self.interval > 0:
            self.loop = task.LoopingCall(self.progress)
            self.loop.start(self.interval, now=False)

    def progress(self):
        stats = self.crawler.stats
        pages = stats.get_value("response_received_count", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        engine = self.crawler.engine
        scheduled = len(engine._slot.scheduler) if getattr(engine, "_slot", None) and engine._slot.scheduler else 0
        # The downloader's `active` requests include those waiting out a site's delay in its slot queue:
        # only `transferring` ones are being downloaded; the others are queued like the scheduler's.
        downloading = sum(len(slot.transferring) for slot in engine.downloader.slots.values())
        waiting = len(engine.downloader.active) - downloading
        log.info("progress: %d pages (%.1f/s), %d queued, %d downloading, %d document pages", pages,
                 pages / elapsed, scheduled + waiting, downloading, stats.get_value("warc/records/document", 0))

    def spider_closed(self, spider=None, reason=""):
        if self.loop and self.loop.running:
            self.loop.stop()
        self.report_limits(reason)
        if not self.path:
            return
        stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                 for k, v in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        text = json.dumps(stats, indent=2, sort_keys=True, default=str)
        try:
            self._write(text)
        except OSError as exc:
            if exc.errno not in NO_ROOM or not self._overwrite_reserved(text):
                raise

    def report_limits(self, reason: str) -> None:
        """Say when a limit cut the crawl short, and how to raise it."""
        settings, stats = self.crawler.settings, self.crawler.stats
        key = {setting: key for key, (setting, _) in LIMITS.items()}
        if reason in LIMIT_REASONS:
            name = LIMIT_REASONS[reason]
            log.warning("the crawl stopped at its limit %s=%s: raise %s in the profile, or --set %s=…, to go further",
                        name, settings[name], key.get(name, name), name)
        cut = stats.get_value("depth/request_ignored_count", 0)
        if cut:
            log.warning("%d links deeper than DEPTH_LIMIT=%s were not followed: raise max_depth in the profile, "
                        "or --set DEPTH_LIMIT=…, if the site is that deep", cut, settings["DEPTH_LIMIT"])

    def _write(self, text: str) -> None:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    def _overwrite_reserved(self, text: str) -> bool:
        """Write the report into the space reserved at the start (no new blocks needed)."""
        data = text.encode("utf-8")
        path = Path(self.path)
        if not path.exists() or len(data) > path.stat().st_size:
            return False
        with open(path, "r+b") as f:
            f.write(data)
            f.truncate()
        log.warning("disk full: crawl report written into its reserved space %s", path)
        return True
