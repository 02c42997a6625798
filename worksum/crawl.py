"""`worksum crawl`: Scrapy in a process of its own, that stops when worksum stops.

Twisted's reactor cannot restart in one process, so every crawl is a `scrapy crawl` child.
Signals reach it once, through us: the child runs in its own session (a terminal's Ctrl-C
reaches only worksum, which passes it on), and the kernel kills it if worksum dies first
(PR_SET_PDEATHSIG, Linux), so a crawl never outlives the run lock.
"""
from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import writable_dir
from .errors import ConfigError, DiskFullError, Interrupted

log = logging.getLogger("worksum")

_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
FORCE_AFTER = 3  # the third Ctrl-C kills Scrapy outright (the second already forces Scrapy to stop)
MIN_FREE_TO_CRAWL = 1 << 20  # bytes: room for a crawl to start (seen.sqlite, its report, its job folder)


@dataclass
class CrawlOutcome:
    code: int  # the crawler's exit code: 0, 74 (disk full), other non-zero for a failed crawl
    stats: dict = field(default_factory=dict)  # Scrapy's stats from the crawl report; {} if none was written


def crawl(profile: str, out: Path, start_url: str = "", resume: bool = True, settings: list[str] = (),
          quiet: bool = False, redis_url: str | None = None) -> CrawlOutcome:
    """Run `scrapy crawl` for PROFILE (a name or a path to a .toml file) into `out`.

    Every crawl into `out` shares its seen-URL store (incremental) and archives to out/warc;
    with `redis_url`, crawlers on several machines share one frontier (scrapy-redis).
    Ctrl-C and SIGTERM are passed on to Scrapy, which finishes the requests in flight, writes
    its stats and saves its queue; then Interrupted is raised. A second Ctrl-C forces it to stop.
    """
    spider = _check_profile(profile)
    writable_dir(out, "--out")
    free = shutil.disk_usage(out).free
    if free < MIN_FREE_TO_CRAWL:
        raise DiskFullError(f"the disk of {out} is full ({free:,} bytes free): no crawl started; free some space")
    name = Path(profile).stem
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    report = out / "stats" / f"{name}-{stamp}-{os.getpid()}.json"
    cmd = [sys.executable, "-m", "scrapy", "crawl", *spider,
           "-s", f"WARC_DIR={out / 'warc'}", "-s", f"PAGE_LOG={out / 'pages.jsonl'}",
           "-s", f"SEEN_DB={out / 'seen.sqlite'}", "-s", f"CRAWL_REPORT={report}"]
    if resume:
        cmd += ["-s", f"JOBDIR={out / 'jobdir' / name}"]
    if start_url:
        cmd += ["-a", f"start_url={start_url}"]
    if quiet:
        cmd += ["-s", "LOG_LEVEL=WARNING"]
    if redis_url:
        cmd += ["-s", "SCHEDULER=scrapy_redis.scheduler.Scheduler", "-s", "SCHEDULER_PERSIST=True",
                "-s", "DUPEFILTER_CLASS=scrapy_redis.dupefilter.RFPDupeFilter", "-s", f"REDIS_URL={redis_url}"]
    for item in settings:
        cmd += ["-s", item]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
    log.info("crawling %s → %s", profile, out / "warc")
    code, signals_received = _run_forwarding_signals(cmd, env)
    outcome = CrawlOutcome(code, _read_report(report))
    if signals_received:
        if outcome.stats.get("finish_reason") != "shutdown":
            log.warning("crawl of %s stopped by force: what was archived is kept", name)
        elif resume:
            log.warning("crawl of %s interrupted and saved: the next `worksum crawl` into %s resumes it", name, out)
        raise Interrupted(signals_received[0])
    return outcome


def _check_profile(profile: str) -> list[str]:
    """Load and check the profile before Scrapy starts; the `scrapy crawl` arguments that select it."""
    from worksum.crawler.profiles import ProfileError, load_profile

    try:
        load_profile(profile)
    except ProfileError as exc:
        raise ConfigError(str(exc)) from None
    if Path(profile).suffix == ".toml":  # a profile file of the operator's: the generic spider reads it
        return ["site", "-a", f"profile={Path(profile).resolve()}"]
    return [profile]


def _read_report(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("the crawl wrote no report (%s)", path)
    except (OSError, ValueError) as exc:
        log.warning("the crawl report %s cannot be read: %s", path, exc)
    return {}


class _Forwarder:
    """Signal handler: pass SIGINT/SIGTERM on to the child; the FORCE_AFTER-th one kills it."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.received: list[int] = []
        self.sent = 0

    def __call__(self, signum, frame=None) -> None:
        self.received.append(signum)
        self.forward()

    def forward(self) -> None:
        while self.proc is not None and self.sent < len(self.received):
            self.sent += 1
            if self.sent >= FORCE_AFTER:
                self.proc.kill()
            else:
                self.proc.send_signal(self.received[self.sent - 1])


def _die_with_parent(parent: int):
    """preexec_fn: the child gets SIGKILL when this process dies, however it dies (Linux)."""
    def preexec() -> None:
        if _LIBC is not None:
            _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # the parent died before prctl took effect
                os._exit(1)
    return preexec


def _run_forwarding_signals(cmd: list[str], env: dict) -> tuple[int, list[int]]:
    """Run cmd in its own session (so a terminal's Ctrl-C reaches it once, through us); return
    (exit code, signals received)."""
    forwarder = _Forwarder()
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        handlers = {s: signal.signal(s, forwarder) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        forwarder.proc = subprocess.Popen(cmd, env=env, start_new_session=True,
                                          preexec_fn=_die_with_parent(os.getpid()))  # noqa: PLW1509
        forwarder.forward()  # a signal that came while it was starting
        code = forwarder.proc.wait()
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)
    return code, forwarder.received
