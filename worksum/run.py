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

Exit codes: 0 done; 1 done, but a site's crawl failed (what was fetched is built);
2 bad configuration; 75 another run holds the lock (cron will try again).
"""
from __future__ import annotations

import json
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from corpus.lock import Lock

EXIT_OK, EXIT_PARTIAL, EXIT_CONFIG, EXIT_LOCKED = 0, 1, 2, 75


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class RunConfig:
    dir: Path
    sites: list[str]
    recrawl_days: float = 30.0
    workers: int = 2
    redis: str = ""
    start_urls: dict[str, str] = field(default_factory=dict)
    scrapy: dict[str, object] = field(default_factory=dict)


def load_config(path: str | Path) -> RunConfig:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    known = set(RunConfig.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
    if "dir" not in raw or not raw.get("sites"):
        raise ConfigError(f"{path}: 'dir' and a non-empty 'sites' list are required")
    base = path.parent
    return RunConfig(**{**raw, "dir": (base / raw["dir"]).resolve()})


def _crawl_stats(stats_dir: Path, since: float) -> dict:
    """Scrapy stats of this run's crawls, summed."""
    total: dict[str, int] = {}
    for f in stats_dir.glob("*.json") if stats_dir.exists() else []:
        if f.stat().st_mtime < since:
            continue
        for k, v in json.loads(f.read_text(encoding="utf-8")).items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
    return total


def run(cfg: RunConfig) -> tuple[int, str]:
    """Crawl, then build; return (exit code, one-line summary)."""
    from corpus.build import BuildConfig, build

    from .hints import site_hints

    from .cli import crawl

    lock = Lock(cfg.dir)
    if not lock.acquire():
        return EXIT_LOCKED, f"worksum run: another run (pid {lock.holder()}) holds {lock.path}; nothing done"
    try:
        started = time.time()
        settings = [f"RECRAWL_DAYS={cfg.recrawl_days}"] + [f"{k}={v}" for k, v in cfg.scrapy.items()]
        failed = [site for site in cfg.sites
                  if crawl(site, cfg.dir, cfg.start_urls.get(Path(site).stem, ""), resume=False, settings=settings,
                           quiet=True, redis_url=cfg.redis or None) != 0]
        stats = _crawl_stats(cfg.dir / "stats", started)
        warcs = cfg.dir / "warc"
        report = None
        if warcs.exists() and any(warcs.glob("*.warc.gz")):
            report = build([str(warcs)], cfg.dir / "corpus", BuildConfig(
                workers=cfg.workers, incremental=True, redis_url=cfg.redis or None, progress=False,
                site_hints=site_hints(list(cfg.sites))))
        corpus_docs = _corpus_size(cfg.dir / "corpus")
        errors = sum(v for k, v in stats.items() if k.startswith("downloader/exception_type_count/"))
        summary = (f"worksum run: {len(cfg.sites)} site(s), {stats.get('response_received_count', 0)} responses "
                   f"({stats.get('worksum/incremental/skipped_fresh', 0)} pages still fresh, "
                   f"{stats.get('worksum/incremental/not_modified', 0)} not modified, {errors} errors); "
                   f"corpus +{report.kept if report else 0} documents "
                   f"({report.duplicates if report else 0} duplicates, {report.rejected if report else 0} rejected), "
                   f"{corpus_docs} in all; {time.time() - started:.0f}s")
        if failed:
            summary += f"; crawl failed: {', '.join(failed)}"
        return (EXIT_PARTIAL if failed else EXIT_OK), summary
    finally:
        lock.release()


def _corpus_size(corpus: Path) -> int:
    manifest = corpus / "manifest.json"
    if not manifest.exists():
        return 0
    return int(json.loads(manifest.read_text(encoding="utf-8")).get("rows", {}).get("data", 0))
