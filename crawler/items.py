"""Items the spiders yield. Raw responses themselves go to WARC (crawler.middlewares)."""
import scrapy


class DocumentPageItem(scrapy.Item):
    url = scrapy.Field()
    profile = scrapy.Field()
    status = scrapy.Field()
    title = scrapy.Field()
    fetched_at = scrapy.Field()
