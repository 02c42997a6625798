"""Crawler extensions that need no crawl to check."""
import gc

from worksum.crawler.extensions import FreezeStartupObjects


def _walked(obj) -> bool:
    """Whether the garbage collector walks `obj` in its collections (frozen objects it leaves alone)."""
    return any(o is obj for o in gc.get_objects())


def test_what_start_up_built_is_frozen_when_the_spider_opens():
    start_up = {"settings": [], "middlewares": []}  # stand-ins for what lives as long as the crawl
    gc.unfreeze()
    try:
        assert _walked(start_up)
        FreezeStartupObjects().spider_opened()
        assert gc.get_freeze_count() > 0 and not _walked(start_up)
        made_later = {"request": []}
        assert _walked(made_later)  # what the crawl makes from then on is collected as before
    finally:
        gc.unfreeze()
