"""One generic spider for every site profile.

`scrapy crawl site -a profile=bdocx` (or `-a profile=path/to/site.toml`), and each profile
is also registered under its own name: `scrapy crawl bdocx`. `-a start_url=…` points a
profile at another address, e.g. a local copy of the site.
"""
from __future__ import annotations

from datetime import datetime, timezone

import scrapy
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule

from worksum.crawler.items import DocumentPageItem
from worksum.crawler.profiles import SiteProfile, available_profiles, load_profile


def _tag(kind: str):
    def process(request: scrapy.Request, response) -> scrapy.Request:
        request.meta["page_kind"] = kind
        return request

    return process


class ProfileSpider(CrawlSpider):
    name = "site"
    profile_name = ""

    def __init__(self, profile: str = "", start_url: str = "", *args, **kwargs):
        self.profile: SiteProfile = load_profile(profile or self.profile_name)
        if start_url:
            self.profile = self.profile.with_start(start_url)
        p = self.profile
        self.allowed_domains = list(p.domains)
        self.start_urls = list(p.start_urls)
        areas = list(p.link_areas) or None
        # Files (.pdf, .docx …) are links LinkExtractor skips unless told; a download button sits anywhere.
        self.downloads = LinkExtractor(allow=p.download_links, deny_extensions=()) if p.download_links else None
        self.rules = (
            Rule(LinkExtractor(allow=p.document_links, deny=p.deny, restrict_xpaths=areas),
                 callback="parse_document", follow=False, process_request=_tag("document")),
            Rule(LinkExtractor(allow=p.listing_links, deny=p.deny, restrict_xpaths=areas),
                 follow=True, process_request=_tag("listing")),
        ) + ((Rule(self.downloads, callback="parse_document", follow=False, process_request=_tag("document")),)
             if self.downloads else ())
        super().__init__(*args, **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.profile.download_delay and not crawler.settings.getbool("WORKSUM_IGNORE_PROFILE_DELAY"):
            spider.download_delay = spider.profile.download_delay
        # The profile's limits rank above crawler/settings.py and below `-s NAME=VALUE` (Scrapy's "cmdline").
        for name, value in spider.profile.limits().items():
            crawler.settings.set(name, value, priority="spider")
        return spider

    async def start(self):
        # Filtered like any other request, so a resumed crawl (JOBDIR) does not fetch them again.
        for url in self.start_urls:
            yield scrapy.Request(url, meta={"page_kind": "listing"})

    def parse_document(self, response):
        # A PDF or DOCX behind a document link is archived like any page; it just has no <h1>.
        text = isinstance(response, scrapy.http.TextResponse)
        title = (response.css("h1::text").get() or response.css("title::text").get() or "") if text else ""
        yield DocumentPageItem(
            url=response.url, profile=self.profile.name, status=response.status, title=title.strip(),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        if text and self.downloads:  # the document's own file, offered on its page
            for link in self.downloads.extract_links(response):
                yield scrapy.Request(link.url, callback=self.parse_document, meta={"page_kind": "document"})


def _profile_spider(profile: str) -> type[ProfileSpider]:
    return type(f"{profile.title().replace('-', '')}Spider", (ProfileSpider,),
                {"name": profile, "profile_name": profile, "__module__": __name__})


# Register every bundled profile as a spider of its own name.
for _name in available_profiles():
    globals()[f"{_name.title().replace('-', '')}Spider"] = _profile_spider(_name)
