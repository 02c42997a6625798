"""Downloader middlewares."""
from __future__ import annotations

from scrapy.exceptions import NotConfigured

from corpus.warc import RotatingWarcWriter


def _headers(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in headers.items() for v in vs]


class WarcArchiveMiddleware:
    """Archive every response (robots.txt, listings, documents, errors) to rotating WARC files.

    It sits next to the downloader (priority above HttpCompressionMiddleware), so bodies
    are stored exactly as they came over the wire, with their Content-Encoding.
    """

    def __init__(self, directory: str, max_bytes: int, prefix: str, stats):
        self.writer = RotatingWarcWriter(directory, prefix=prefix, max_bytes=max_bytes)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        directory = crawler.settings.get("WARC_DIR")
        if not directory:
            raise NotConfigured("WARC_DIR not set")
        mw = cls(directory, crawler.settings.getint("WARC_MAX_BYTES"), crawler.settings.get("BOT_NAME"),
                 crawler.stats)
        from scrapy import signals

        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def process_response(self, request, response, spider=None):
        kind = request.meta.get("page_kind") or ("robots" if request.url.endswith("/robots.txt") else "")
        self.writer.write_exchange(
            url=response.url, request_headers=_headers(request.headers), method=request.method,
            status=response.status, reason="", response_headers=_headers(response.headers), body=response.body,
            metadata={"page-kind": kind, "spider": getattr(spider, "name", ""),
                      "referer": request.headers.get("Referer", b"").decode("latin-1"),
                      "depth": str(request.meta.get("depth", 0))},
        )
        self.stats.inc_value("warc/records")
        self.stats.inc_value(f"warc/records/{kind or 'other'}")
        return response

    def spider_closed(self, spider=None):
        self.writer.close()
