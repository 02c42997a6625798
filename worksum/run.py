"""`worksum run --config worksum.toml`: the scheduled job. Crawl every configured site
incrementally, then add what is new to the corpus; safe to start from cron at any time.

    dir = "/srv/worksum"             # warc/, seen.sqlite, stats/, corpus/
    sites = ["bdocx", "renrendoc"]   # profile names or paths to profile files
    recrawl_days = 30                # a document page is fetched again after this
    workers = 2                      # build processes
    redis = ""                       # optional: shared frontier and dedup index
    [start_urls]                     # optional: a site's local copy or mirror
    demo = "http://127.0.0.1:8000/list/"
    [scrapy]                         # optional: any Scrapy setting
    DOWNLOAD_DELAY = 2

The file and every site profile it names are checked when the file is loaded, before
anything is crawled. Relative paths (dir, profile files) are relative to the config file.

Exit codes (worksum.errors): 0 done; 1 done, but a site's crawl failed (what was fetched is
built); 2 bad configuration; 74 the disk filled up or a build worker died (nothing more is crawled or built); 75
another run holds the lock (cron will try again); 130/143 interrupted by Ctrl-C/SIGTERM.
"""
from __future__ import annotations

import time
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from worksum.crawler.profiles import HttpUrl, ProfileError, describe, load_profile

from worksum.corpus.errors import read_manifest
from worksum.corpus.lock import Lock

from .crawl import crawl
from .errors import EXIT_IOERR, EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, ConfigError


def _redis_url(value: str) -> str:
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"not a Redis address (redis://, rediss:// or unix://): {value!r}")
    return value


class RunConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    dir: Path
    sites: Annotated[list[StrictStr], Field(min_length=1)]
    recrawl_days: Annotated[float, Field(strict=True, ge=0)] = 30.0
    workers: Annotated[int, Field(strict=True, ge=1)] = 2
    redis: Annotated[StrictStr, AfterValidator(_redis_url)] = ""
    start_urls: dict[str, HttpUrl] = Field(default_factory=dict)
    scrapy: dict[Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")],
                 StrictBool | StrictInt | StrictFloat | StrictStr] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _start_urls_name_sites(self) -> RunConfig:
        unknown = set(self.start_urls) - {Path(site).stem for site in self.sites}
        if unknown:
            raise ValueError(f"start_urls for sites not in 'sites': {', '.join(sorted(unknown))}")
        return self


def load_config(path: str | Path) -> RunConfig:
    """Read and check worksum.toml and every profile it names; raise ConfigError naming the file and key."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        cfg = RunConfig(**raw)
    except ValidationError as exc:
        raise ConfigError(describe(path, exc, list(RunConfig.model_fields))) from None
    base = path.parent
    sites = [str(base / site) if Path(site).suffix == ".toml" else site for site in cfg.sites]
    for site in sites:
        try:
            load_profile(site)
        except ProfileError as exc:
            raise ConfigError(f"{path}: sites: {exc}") from None
    return cfg.model_copy(update={"dir": (base / cfg.dir).resolve(), "sites": sites})


def run(cfg: RunConfig) -> tuple[int, str]:
    """Crawl, then build; return (exit code, one-line summary). Raises Interrupted after Ctrl-C/SIGTERM,
    once the crawler has shut down (the lock is held until then)."""
    from worksum.corpus.build import BuildConfig, build
    from worksum.corpus.lock import LockHeld

    from .hints import site_hints

    lock = Lock(cfg.dir)
    if not lock.acquire():
        return EXIT_LOCKED, f"worksum run: another run (pid {lock.holder()}) holds {lock.path}; nothing done"
    try:
        started = time.time()
        corpus = cfg.dir / "corpus"
        read_manifest(corpus)  # a damaged manifest stops the run before the crawl, not after
        settings = [f"RECRAWL_DAYS={cfg.recrawl_days}"] + [f"{k}={v}" for k, v in cfg.scrapy.items()]
        failed, disk_full, stats = [], "", {}
        for site in cfg.sites:
            outcome = crawl(site, cfg.dir, cfg.start_urls.get(Path(site).stem, ""), resume=False, settings=settings,
                            quiet=True, redis_url=cfg.redis or None)
            for k, v in outcome.stats.items():
                if isinstance(v, int) and not isinstance(v, bool):
                    stats[k] = stats.get(k, 0) + v
            if outcome.code == EXIT_IOERR:
                disk_full = site
                break
            if outcome.code != 0:
                failed.append(site)
        warcs = cfg.dir / "warc"
        report = None
        if not disk_full and warcs.exists() and any(warcs.glob("*.warc.gz")):
            try:
                report = build([str(warcs)], corpus, BuildConfig(
                    workers=cfg.workers, incremental=True, redis_url=cfg.redis or None, progress=False,
                    site_hints=site_hints(list(cfg.sites))))
            except LockHeld as exc:  # a build started by hand is writing the corpus: the next run builds
                return EXIT_LOCKED, f"worksum run: crawled, but {exc}"
        summary = (f"worksum run: {len(cfg.sites)} site(s), {stats.get('response_received_count', 0)} responses "
                   f"({stats.get('worksum/incremental/skipped_fresh', 0)} pages still fresh, "
                   f"{stats.get('worksum/incremental/not_modified', 0)} not modified, {_errors(stats)} errors); "
                   f"corpus +{report.kept if report else 0} documents "
                   f"({report.duplicates if report else 0} duplicates, {report.rejected if report else 0} rejected), "
                   f"{read_manifest(corpus).get('rows', {}).get('data', 0)} in all; {time.time() - started:.0f}s")
        if disk_full:
            return EXIT_IOERR, (summary + f"; the disk of {cfg.dir} filled up while crawling {disk_full}: "
                                "nothing more was crawled or built (what was archived is kept); free some space")
        if failed:
            summary += f"; crawl failed: {', '.join(failed)}"
        return (EXIT_PARTIAL if failed else EXIT_OK), summary
    finally:
        lock.release()


def _errors(stats: dict) -> int:
    """Downloads that failed. IgnoreRequest is not one: it is how a fresh page, a robots.txt rule or a
    banned site drops a request, and Scrapy counts it among downloader exceptions."""
    prefix = "downloader/exception_type_count/"
    return sum(v for k, v in stats.items() if k.startswith(prefix) and not k.endswith(".IgnoreRequest"))
