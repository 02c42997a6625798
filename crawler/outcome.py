"""How a crawl ended, as an exit code: one place for the `scrapy crawl` command and the `worksum` CLI."""
from __future__ import annotations

import errno

# errno values that mean "no room to write": a full disk, a quota, a file-size limit.
NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})

DISK_FULL = "disk_full"  # the finish reason of a crawl stopped because nothing more could be written
EXIT_DISK_FULL = 74  # sysexits EX_IOERR

# Finish reasons of a crawl that ended at a limit (DEPTH_LIMIT has none: it only drops deeper links).
LIMIT_REASONS = {"closespider_pagecount": "CLOSESPIDER_PAGECOUNT", "closespider_timeout": "CLOSESPIDER_TIMEOUT",
                 "closespider_itemcount": "CLOSESPIDER_ITEMCOUNT", "closespider_errorcount": "CLOSESPIDER_ERRORCOUNT"}


def exit_code(finish_reason: str) -> int:
    """0 for a crawl that finished, reached a limit or was interrupted and shut down cleanly."""
    return EXIT_DISK_FULL if finish_reason == DISK_FULL else 0
