"""The errors worksum reports to its operator as one line and an exit code.

Anything else that escapes a command is a bug: the CLI prints its traceback and exits with
EXIT_BUG, so it is never mistaken for bad configuration or a partial run.
"""
from __future__ import annotations

import signal

from worksum.crawler.outcome import EXIT_DISK_FULL, NO_ROOM  # noqa: F401 (NO_ROOM: "no room to write" errno values)

EXIT_OK = 0
EXIT_PARTIAL = 1  # `run`: done, but a site's crawl failed (what was fetched is built)
EXIT_CONFIG = 2  # bad configuration, profile, argument or input file: fix it and run again
EXIT_BUG = 70  # an unexpected exception (sysexits EX_SOFTWARE): please report it, with the traceback
EXIT_IOERR = EXIT_DISK_FULL  # 74, sysexits EX_IOERR: the disk is full or failing; what was done is kept
EXIT_LOCKED = 75  # another run holds the lock (sysexits EX_TEMPFAIL): cron will try again


class WorksumError(Exception):
    """Something the operator must fix; the message names the input and says what is wrong."""

    exit_code = EXIT_CONFIG


class ConfigError(WorksumError):
    """A bad worksum.toml, site profile or command-line argument."""


class InputError(WorksumError):
    """A file or folder a command reads is missing or damaged."""


class DiskFullError(WorksumError):
    exit_code = EXIT_IOERR


class Interrupted(BaseException):
    """A crawl was stopped by Ctrl-C or SIGTERM (passed on to Scrapy, which has shut down). Like
    KeyboardInterrupt it is not an Exception, so no `except Exception` on the way up can swallow it."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum
        self.exit_code = 128 + signum
