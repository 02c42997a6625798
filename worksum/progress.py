"""Progress for long steps: a live line on a terminal, a log line every few seconds otherwise."""
from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("worksum")


class Progress:
    def __init__(self, label: str, unit: str = "items", total: int | None = None, every: float = 10.0,
                 enabled: bool = True):
        self.label, self.unit, self.total, self.every = label, unit, total, every
        self.count = 0
        self.start = self._last = time.monotonic()
        self.enabled = enabled
        self.tty = enabled and sys.stderr.isatty()

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if not self.enabled or now - self._last < (0.2 if self.tty else self.every):
            return
        self._last = now
        self._show(now)

    def _line(self, now: float) -> str:
        rate = self.count / max(now - self.start, 1e-9)
        line = f"{self.label}: {self.count:,} {self.unit} ({rate:,.1f}/s)"
        if self.total:
            left = (self.total - self.count) / rate if rate else 0
            line += f" {self.count / self.total:.0%} ETA {left:,.0f}s"
        return line

    def _show(self, now: float) -> None:
        if self.tty:
            sys.stderr.write("\r" + self._line(now) + "\033[K")
            sys.stderr.flush()
        else:
            log.info(self._line(now))

    def done(self) -> float:
        """Print the final line; return the rate."""
        now = time.monotonic()
        if self.enabled:
            if self.tty:
                sys.stderr.write("\r" + self._line(now) + "\033[K\n")
            else:
                log.info(self._line(now))
        return self.count / max(now - self.start, 1e-9)
