"""Downloader middlewares: robots.txt, WARC archive, incremental fetching, polite back-off."""
from __future__ import annotations

import logging
import sqlite3
import time
from collections import defaultdict
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from worksum.corpus.warc import RotatingWarcWriter

from .outcome import DISK_FULL, NO_ROOM
from .seen import SeenStore

log = logging.getLogger(__name__)


def _headers(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in headers.items() for v in vs]


def stop_for_full_disk(crawler, doing: str, exc: Exception) -> None:
    """Close the spider with finish reason disk_full (the crawl exits 74); what is archived stays."""
    first = not crawler.stats.get_value("worksum/disk_full")
    crawler.stats.inc_value("worksum/disk_full")  # the responses still in flight fail the same way
    if first:
        log.error("disk full while %s (%s): stopping the crawl; what was archived is kept, the rest is fetched "
                  "next run", doing, exc)
        deferred_from_coro(crawler.engine.close_spider_async(reason=DISK_FULL))


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """robots.txt as RFC 9309 says: 2xx → its rules; 4xx → no rules (everything allowed); 5xx, a
    timeout or an unreachable site → everything disallowed for this run.

    The robots.txt request has its own short timeout and retries (ROBOTSTXT_TIMEOUT,
    ROBOTSTXT_RETRY_TIMES), so a site that never answers costs seconds, not minutes.
    """

    DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"

    def __init__(self, crawler):
        super().__init__(crawler)
        self.timeout = crawler.settings.getfloat("ROBOTSTXT_TIMEOUT")
        self.retries = crawler.settings.getint("ROBOTSTXT_RETRY_TIMES")

    async def process_request(self, request, spider=None):
        if (request.callback is NO_CALLBACK and request.meta.get("dont_obey_robotstxt")
                and urlparse_cached(request).path == "/robots.txt"):  # the middleware's own request
            request.meta.setdefault("download_timeout", self.timeout)
            request.meta.setdefault("max_retry_times", self.retries)
        return await super().process_request(request)

    async def _parse_robots(self, response, netloc, request):
        if 400 <= response.status < 500:
            response = response.replace(body=b"")
        elif response.status >= 500:
            self._disallow(netloc, f"answered {response.status}")
            response = response.replace(body=self.DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc, netloc):
        if isinstance(exc, IgnoreRequest):  # dropped on purpose (a full disk, a banned site), already logged
            self._stats.inc_value("worksum/robots/disallowed_sites")
        else:
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
            self._disallow(netloc, f"could not be fetched ({type(exc).__name__}: {exc})")
        waiting = self._parsers[netloc]
        self._parsers[netloc] = build_from_crawler(self._parserimpl, self.crawler, self.DISALLOW_ALL)
        waiting.callback(self._parsers[netloc])

    def _disallow(self, netloc: str, why: str) -> None:
        self._stats.inc_value("worksum/robots/disallowed_sites")
        log.warning("robots.txt of %s %s: nothing is fetched from %s this run (RFC 9309)", netloc, why, netloc)


class WarcArchiveMiddleware:
    """Archive every response (robots.txt, listings, documents, errors) to rotating WARC files.

    It sits next to the downloader (priority above HttpCompressionMiddleware), so bodies
    are stored exactly as they came over the wire, with their Content-Encoding. A full
    disk stops the crawl cleanly: the WARC file ends on the last whole record, and the
    page that did not fit is not recorded as fetched, so the next run fetches it.
    """

    def __init__(self, crawler, directory: str, max_bytes: int, prefix: str):
        self.crawler, self.stats = crawler, crawler.stats
        self.writer = RotatingWarcWriter(directory, prefix=prefix, max_bytes=max_bytes)

    @classmethod
    def from_crawler(cls, crawler):
        directory = crawler.settings.get("WARC_DIR")
        if not directory:
            raise NotConfigured("WARC_DIR not set")
        mw = cls(crawler, directory, crawler.settings.getint("WARC_MAX_BYTES"), crawler.settings.get("BOT_NAME"))
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def process_response(self, request, response, spider=None):
        if response.status == 304:  # nothing new to archive; the incremental middleware answers it
            return response
        kind = request.meta.get("page_kind") or ("robots" if request.url.endswith("/robots.txt") else "")
        try:
            self.writer.write_exchange(
                url=response.url, request_headers=_headers(request.headers), method=request.method,
                status=response.status, reason="", response_headers=_headers(response.headers), body=response.body,
                metadata={"page-kind": kind, "spider": self.crawler.spider.name,
                          "referer": request.headers.get("Referer", b"").decode("latin-1"),
                          "depth": str(request.meta.get("depth", 0))},
            )
        except OSError as exc:
            if exc.errno not in NO_ROOM:
                raise
            stop_for_full_disk(self.crawler, f"archiving {response.url}", exc)
            raise IgnoreRequest("disk full") from exc
        self.stats.inc_value("warc/records")
        self.stats.inc_value(f"warc/records/{kind or 'other'}")
        return response

    def spider_closed(self, spider=None):
        self.writer.close()


class IncrementalMiddleware:
    """Fetch each document page once per recrawl interval, conditionally after that.

    Listings and robots.txt are always fetched (they are how new documents are found).
    The page is recorded after the WARC middleware has archived it, so a crash can
    cost a refetch but never a page.
    """

    def __init__(self, crawler, store: SeenStore, recrawl_seconds: float):
        self.crawler, self.store, self.recrawl, self.stats = crawler, store, recrawl_seconds, crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("SEEN_DB")
        if not path:
            raise NotConfigured("SEEN_DB not set")
        mw = cls(crawler, SeenStore(path), crawler.settings.getfloat("RECRAWL_DAYS") * 86400)
        crawler.signals.connect(mw.store.close, signal=signals.spider_closed)
        return mw

    def process_request(self, request, spider=None):
        if request.meta.get("page_kind") != "document":
            return None
        seen = self.store.get(request.url)
        if seen is None or seen.status != 200:
            return None
        if time.time() - seen.fetched_at < self.recrawl:
            self.stats.inc_value("worksum/incremental/skipped_fresh")
            raise IgnoreRequest("fetched within the recrawl interval")
        if seen.etag:
            request.headers.setdefault("If-None-Match", seen.etag)
        if seen.last_modified:
            request.headers.setdefault("If-Modified-Since", seen.last_modified)
        self.stats.inc_value("worksum/incremental/conditional")
        return None

    def process_response(self, request, response, spider=None):
        if request.meta.get("page_kind") != "document":
            return response
        try:
            if response.status == 304:
                self.store.touch(request.url)
                self.stats.inc_value("worksum/incremental/not_modified")
                raise IgnoreRequest("not modified")
            if response.status == 200:
                self.store.record(request.url, 200, response.headers.get("ETag", b"").decode("latin-1"),
                                  response.headers.get("Last-Modified", b"").decode("latin-1"))
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_FULL:
                raise
            # archived but not recorded: the next run fetches it again, and the build keeps one copy
            stop_for_full_disk(self.crawler, f"recording {request.url} in {self.store.path}", exc)
            raise IgnoreRequest("disk full") from exc
        return response


class PoliteBackoffMiddleware:
    """Honour Retry-After on 429/503 by slowing the site down, and stop asking a site that bans us.

    The retry itself is RetryMiddleware's (429 and 503 are in RETRY_HTTP_CODES); this
    middleware only widens the site's download delay first. After BAN_THRESHOLD
    consecutive 403/429 answers from one site, its remaining requests are dropped.
    """

    def __init__(self, crawler):
        self.crawler, self.stats = crawler, crawler.stats
        self.max_delay = crawler.settings.getfloat("RETRY_AFTER_MAX")
        self.ban_threshold = crawler.settings.getint("BAN_THRESHOLD")
        self.refusals: dict[str, int] = defaultdict(int)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        host = urlsplit(request.url).hostname or ""
        if self.refusals[host] >= self.ban_threshold:
            self.stats.inc_value("worksum/banned/dropped")
            raise IgnoreRequest(f"{host} refuses us: not asking again this run")
        return None

    def process_response(self, request, response, spider=None):
        host = urlsplit(request.url).hostname or ""
        if response.status in (403, 429):
            self.refusals[host] += 1
            if self.refusals[host] == self.ban_threshold:
                self.stats.inc_value("worksum/banned/sites")
                log.warning("%s answered %d times in a row with 403/429: leaving it alone for this run",
                            host, self.ban_threshold)
        elif response.status < 400:
            self.refusals[host] = 0
        retry_after = response.headers.get("Retry-After")
        if response.status in (429, 503) and retry_after:
            try:
                wait = min(float(retry_after), self.max_delay)
            except ValueError:  # an HTTP date: back off by the longest delay we allow
                wait = self.max_delay
            slot_key = request.meta.get("download_slot", host)
            slot = self.crawler.engine.downloader.slots.get(slot_key)
            if slot is not None and slot.delay < wait:
                slot.delay = wait
            self.stats.inc_value("worksum/backoff/retry_after")
        return response
