"""Scrapy settings for worksum: only what differs from Scrapy's defaults, each with its reason."""
from worksum import __version__

BOT_NAME = "worksum"
SPIDER_MODULES = ["worksum.crawler.spiders"]
NEWSPIDER_MODULE = "worksum.crawler.spiders"
COMMANDS_MODULE = "worksum.crawler.commands"  # `scrapy crawl` that exits 74 when a full disk stopped the crawl

# Say who we are and obey the sites' rules, as RFC 9309 reads them (crawler.middlewares.RobotsTxtMiddleware):
# a robots.txt that answers 5xx or not at all keeps us off the site for the run. Its own timeout
# and retries bound the wait for one that never answers.
USER_AGENT = f"worksum/{__version__} (+https://github.com/worksum/worksum; research corpus crawler)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_TIMEOUT = 10
ROBOTSTXT_RETRY_TIMES = 1

# Every crawl ends, even on a site whose pagination never does. A profile sets its own limits
# (max_depth, max_pages, max_hours); `--set NAME=VALUE` overrides the profile. 0 means no limit.
DEPTH_LIMIT = 1000  # links followed from the start page: listing page 1000 of a category
CLOSESPIDER_PAGECOUNT = 200_000  # responses in one crawl
CLOSESPIDER_TIMEOUT = 12 * 3600  # seconds: a nightly run ends in the morning

# Polite by default: few parallel requests per site, adaptive delays, back off on 429.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # document pages are small; a giant response is not a document
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# Raw archive: every response is written to WARC before anything else touches it.
# Response order runs from the highest number down: archive (950), then record as seen (940),
# so a page is only ever marked fetched once it is safely in the WARC file.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "worksum.crawler.middlewares.RobotsTxtMiddleware": 100,
    "worksum.crawler.middlewares.WarcArchiveMiddleware": 950,
    "worksum.crawler.middlewares.IncrementalMiddleware": 940,
    "worksum.crawler.middlewares.PoliteBackoffMiddleware": 560,  # before RetryMiddleware (550) retries
}
WARC_DIR = None  # set by `worksum crawl --out`; archiving is off without it
WARC_MAX_BYTES = 1_000_000_000  # the Common Crawl convention of ~1 GB per file

# Incremental crawling: a document page is fetched again only after RECRAWL_DAYS, conditionally.
SEEN_DB = None  # set by `worksum crawl --out` (DIR/seen.sqlite); off without it
RECRAWL_DAYS = 30.0
RETRY_AFTER_MAX = 300.0  # never wait longer than this on a Retry-After
BAN_THRESHOLD = 10  # consecutive 403/429 from one site: stop asking it this run

# JobDirGuard: Scrapy's resume state (JOBDIR) is kept only after a clean interruption, checked before use.
# FreezeStartupObjects: the garbage collector stops walking what start-up built, a tenth of a crawl's CPU.
EXTENSIONS = {"worksum.crawler.extensions.CrawlReport": 500, "worksum.crawler.jobdir.JobDirGuard": 0,
              "worksum.crawler.extensions.FreezeStartupObjects": 0}
CRAWL_REPORT = None  # DIR/stats/<spider>-<time>.json: Scrapy's stats when the crawl ends
PROGRESS_INTERVAL = 10.0  # seconds between progress lines (pages/s, queue)

ITEM_PIPELINES = {"worksum.crawler.pipelines.PageLogPipeline": 300}
PAGE_LOG = None

# Links can be discovered many times; never revisit within a crawl (JOBDIR makes it persistent).
DUPEFILTER_DEBUG = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
