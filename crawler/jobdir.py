"""Scrapy's job folder (JOBDIR), made safe to resume from.

Scrapy keeps its resume state in JOBDIR (request queue, fingerprints of requests seen, spider
state) and writes it as it goes and when it closes. A crawl that is killed, crashes or runs
out of disk space can leave these files cut off or empty, and Scrapy then fails on them in
every later crawl. So the state is committed like a build:

- A crawl interrupted by a signal (Ctrl-C, SIGTERM) that shuts down cleanly writes, last and
  atomically, a manifest of the folder's files with their checksums.
- A crawl starting on a job folder checks it against that manifest. A folder without one, or
  whose files do not match it, is removed with a warning and the crawl starts from the start
  pages; nothing is lost, as pages already archived are in seen.sqlite and not fetched again.
- A crawl that ended any other way (finished, a limit reached, a full disk) has nothing to
  resume: its job folder is removed, and the next crawl fetches the listings again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

log = logging.getLogger(__name__)

MANIFEST = "worksum-resume.json"
RESUMABLE = "shutdown"  # Scrapy's finish reason after a signal and a clean shutdown


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _files(jobdir: Path) -> dict[str, str]:
    return {str(p.relative_to(jobdir)): _sha256(p) for p in sorted(jobdir.rglob("*"))
            if p.is_file() and not p.name.startswith(MANIFEST)}


def problem(jobdir: Path) -> str:
    """Why the state in `jobdir` cannot be resumed from; "" when it can."""
    try:
        committed = json.loads((jobdir / MANIFEST).read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        return "was not closed cleanly (the crawl was killed, crashed or ran out of disk space)"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"has a damaged {MANIFEST} ({exc})"
    found = _files(jobdir)
    for name in sorted(set(committed) | set(found)):
        if committed.get(name) != found.get(name):
            return f"has a damaged or unexpected file {name}"
    return ""


def commit(jobdir: Path) -> None:
    files = _files(jobdir)
    tmp = jobdir / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"files": files}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, jobdir / MANIFEST)


def open_for_resume(jobdir: Path) -> None:
    """Keep a committed job folder (and uncommit it: it changes from now on), remove any other."""
    if not jobdir.is_dir() or not any(jobdir.iterdir()):
        return
    why = problem(jobdir)
    if why:
        log.warning("the job folder %s %s: it is removed and the crawl starts from the start pages "
                    "(pages already archived are not fetched again)", jobdir, why)
        shutil.rmtree(jobdir)
    else:
        log.info("resuming the interrupted crawl in %s", jobdir)
        (jobdir / MANIFEST).unlink()


class JobDirGuard:
    """Check JOBDIR before Scrapy reads it; commit it after a clean interruption, remove it otherwise."""

    def __init__(self, jobdir: Path):
        self.jobdir = jobdir
        self.reason = ""

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("JOBDIR"):
            raise NotConfigured  # no message: Scrapy would log a warning for a crawl that simply does not resume
        guard = cls(Path(crawler.settings["JOBDIR"]))
        open_for_resume(guard.jobdir)  # extensions are built before the scheduler opens the folder
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(guard.engine_stopped, signal=signals.engine_stopped)
        return guard

    def spider_closed(self, spider=None, reason: str = "") -> None:
        self.reason = reason

    def engine_stopped(self) -> None:
        # By now the scheduler has saved its queue and SpiderState the spider state.
        if self.reason == RESUMABLE:
            commit(self.jobdir)
            log.info("interrupted crawl saved in %s: the next crawl into this folder resumes it", self.jobdir)
        elif self.jobdir.exists():
            shutil.rmtree(self.jobdir)
            log.info("crawl ended (%s): job folder removed; the next crawl starts from the listings",
                     self.reason or "unknown")
