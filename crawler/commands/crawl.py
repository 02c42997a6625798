"""`scrapy crawl` whose exit code also says how the crawl ended (crawler.outcome): a crawl that a
full disk stopped exits 74, where Scrapy's own command exits 0 whatever the finish reason."""
from __future__ import annotations

from scrapy import signals
from scrapy.commands.crawl import Command as ScrapyCrawl

from worksum.crawler.outcome import exit_code


class Command(ScrapyCrawl):
    finish_reason = ""

    def _create_crawler(self, spidercls):
        crawler = super()._create_crawler(spidercls)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)
        return crawler

    def _spider_closed(self, spider=None, reason: str = "") -> None:
        self.finish_reason = reason

    def run(self, args, opts) -> None:
        super().run(args, opts)
        if not self.exitcode:
            self.exitcode = exit_code(self.finish_reason)
