"""The `worksum` command."""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger("worksum")


def crawl(profile: str, out: Path, start_url: str = "", resume: bool = True, settings: list[str] = (),
          quiet: bool = False, redis_url: str | None = None) -> int:
    """Run `scrapy crawl PROFILE` in its own process (Twisted's reactor cannot restart in one).

    Every crawl into `out` shares its seen-URL store (incremental) and archives to out/warc;
    with `redis_url`, crawlers on several machines share one frontier (scrapy-redis).
    """
    out.mkdir(parents=True, exist_ok=True)
    name = Path(profile).stem
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    cmd = [sys.executable, "-m", "scrapy", "crawl", profile,
           "-s", f"WARC_DIR={out / 'warc'}", "-s", f"PAGE_LOG={out / 'pages.jsonl'}",
           "-s", f"SEEN_DB={out / 'seen.sqlite'}", "-s", f"CRAWL_REPORT={out / 'stats' / f'{name}-{stamp}-{os.getpid()}.json'}"]
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
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    log.info("crawling %s → %s", profile, out / "warc")
    return subprocess.call(cmd, env=env)


def _build(args) -> int:
    from corpus.build import BuildConfig, build

    from corpus.lock import EXIT_LOCKED, LockHeld

    from .hints import site_hints

    cfg = BuildConfig(keep_duplicates=args.keep_duplicates, workers=args.workers,
                      shard_bytes=int(args.shard_mb * 1_000_000), incremental=args.incremental,
                      redis_url=args.redis, replace=args.force, site_hints=site_hints())
    try:
        report = build(args.inputs, args.out, cfg)
    except LockHeld as exc:
        print(f"worksum build: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(summary(report))
    return 0


def summary(report) -> str:
    lines = [
        f"pages read:        {report.pages:,} from {report.warc_files} WARC file(s)"
        + (f" and {report.document_files} document file(s)" if report.document_files else "")
        + f" in {report.seconds:.1f}s "
        f"({report.pages_per_s:,.0f} pages/s extracted)",
        f"documents kept:    {report.kept:,}",
        f"duplicates:        {report.duplicates:,} " + _reasons(report.dup_reasons),
    ]
    if report.released_before:
        lines.append(f"already released:  {report.released_before:,} documents in the index; "
                     f"{report.duplicates_of_released:,} new pages duplicate one of them (see dedup/clusters.parquet)")
    lines.append(f"rejected:          {report.rejected:,} " + _reasons(report.reasons))
    if report.bad_warc_files:
        lines.append(f"damaged WARC files (read up to the damage): {', '.join(report.bad_warc_files)}")
    lines.append(f"corpus:            {Path(report.out) / 'data'}  (manifest: {Path(report.out) / 'manifest.json'})")
    lines.append(f"load it:           pandas.read_parquet('{Path(report.out) / 'data'}')")
    return "\n".join(lines)


def _reasons(counts: dict) -> str:
    return "(" + ", ".join(f"{k}: {v}" for k, v in counts.items()) + ")" if counts else ""


def _crawl(args) -> int:
    settings = list(args.set) + ([f"RECRAWL_DAYS={args.recrawl_days}"] if args.recrawl_days is not None else [])
    return crawl(args.profile, Path(args.out), args.start_url, not args.no_resume, settings, redis_url=args.redis)


def _demo(args) -> int:
    from corpus.build import BuildConfig, build

    from .demo_site import DemoServer
    from .hints import site_hints

    out = Path(args.out or tempfile.mkdtemp(prefix="worksum-demo-"))
    with DemoServer() as server:
        print(f"demo site serving on {server.base_url}")
        code = crawl("demo", out, start_url=f"{server.base_url}/list/", resume=False, quiet=True,
                     settings=["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=8"])
        fetched = len(server.requests)
    print(f"crawl finished: {fetched} requests answered by the demo site, WARC files in {out / 'warc'}")
    if code != 0:
        print(f"the crawl failed (exit {code}); see the messages above", file=sys.stderr)
        return code
    report = build([str(out / "warc")], out / "corpus", BuildConfig(workers=args.workers, replace=True,
                                                                      site_hints=site_hints()))
    print(summary(report))
    return 0


def _stats(args) -> int:
    from corpus.stats import corpus_stats, format_stats

    print(format_stats(corpus_stats(Path(args.dir))))
    return 0


def _eval(args) -> int:
    from .evaluate import evaluate, evaluate_realset, format_realset_report, format_report, is_realset

    if is_realset(args.devset):
        res = evaluate_realset(args.devset, workers=args.workers)
        print(json.dumps(res, ensure_ascii=False, indent=2) if args.json else format_realset_report(res))
        return 0
    res = evaluate(args.devset, workers=args.workers, with_baseline=not args.no_baseline)
    print(json.dumps(res, ensure_ascii=False, indent=2) if args.json else format_report(res))
    return 0


def _release(args) -> int:
    from corpus.release import release

    info = release(args.dir, args.version, args.out, validation=args.validation,
                   shard_bytes=int(args.shard_mb * 1_000_000), force=args.force)
    c = info["counts"]
    print(f"release {info['version']} in {args.out}: {c['train'].get('documents', 0):,} train, "
          f"{c['validation'].get('documents', 0):,} validation documents in {len(info['files'])} shard(s); "
          f"dataset card README.md, checksums SHA256SUMS (verify: cd {args.out} && sha256sum -c SHA256SUMS)")
    return 0


def _report(args) -> int:
    from corpus.report import write_report

    print(f"report written to {write_report(args.dir, args.out)} (open it in a browser)")
    return 0


def _diff(args) -> int:
    from corpus.release import diff, format_diff

    d = diff(args.old, args.new)
    print(json.dumps(d, ensure_ascii=False, indent=2) if args.json else format_diff(d))
    return 0


def _run(args) -> int:
    from .run import EXIT_CONFIG, ConfigError, load_config, run

    try:
        cfg = load_config(args.config)
    except ConfigError as exc:
        print(f"worksum run: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    code, summary = run(cfg)
    print(summary)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="worksum", description="Build a corpus of Chinese work-summary documents.")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    workers = max(1, min(os.cpu_count() or 1, 8))

    p = sub.add_parser("crawl", help="crawl a site profile into WARC files (resumable)")
    p.add_argument("profile", help="profile name (crawler/sites/NAME.toml) or path to a .toml file")
    p.add_argument("--out", required=True, help="crawl folder: warc/, pages.jsonl, jobdir/")
    p.add_argument("--start-url", default="", help="start from this address instead (e.g. a local copy)")
    p.add_argument("--no-resume", action="store_true", help="start afresh instead of resuming (no JOBDIR)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting")
    p.add_argument("--recrawl-days", type=float, help="fetch a document page again after this many days (default 30)")
    p.add_argument("--redis", metavar="URL", help="share the frontier with other crawlers through Redis (scrapy-redis)")
    p.set_defaults(func=_crawl)

    p = sub.add_parser("run", help="the scheduled job: crawl the configured sites incrementally, update the corpus")
    p.add_argument("--config", required=True, help="worksum.toml (see worksum/run.py)")
    p.set_defaults(func=_run)

    p = sub.add_parser("build", help="WARC files (or PDF, DOCX, HTML files) → cleaned, deduplicated Parquet corpus")
    p.add_argument("inputs", nargs="+", help="WARC files, documents (.pdf, .docx, .html, .htm) or folders of them")
    p.add_argument("--out", required=True)
    p.add_argument("--keep-duplicates", action="store_true", help="write duplicates too, with duplicate_of")
    p.add_argument("--workers", type=int, default=workers)
    p.add_argument("--shard-mb", type=float, default=150.0, help="approximate text per shard")
    p.add_argument("--incremental", action="store_true",
                   help="add to the corpus in --out: keep what it released, add only new non-duplicates")
    p.add_argument("--redis", metavar="URL", help="keep the dedup index in Redis (redis://[:password@]host:port/db, "
                   "rediss:// for TLS), shared by builds on several machines")
    p.add_argument("--force", action="store_true",
                   help="replace the corpus already in --out (it stays until the new one is committed)")
    p.set_defaults(func=_build)

    p = sub.add_parser("demo", help="crawl the bundled demo site on 127.0.0.1 and build its corpus")
    p.add_argument("--out", default="", help="where to put the crawl and the corpus (default: a temp folder)")
    p.add_argument("--workers", type=int, default=workers)
    p.set_defaults(func=_demo)

    p = sub.add_parser("stats", help="counts and length percentiles of a built corpus")
    p.add_argument("dir")
    p.set_defaults(func=_stats)

    p = sub.add_parser("release", help="a versioned release folder: shards, split, checksums, dataset card")
    p.add_argument("dir", help="a built corpus")
    p.add_argument("--version", required=True, help="X.Y.Z")
    p.add_argument("--out", required=True, help="the release folder to create")
    p.add_argument("--validation", type=float, default=0.02, help="share of documents in the validation split")
    p.add_argument("--shard-mb", type=float, default=150.0)
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.set_defaults(func=_release)

    p = sub.add_parser("report", help="one self-contained HTML page with plots of a corpus")
    p.add_argument("dir", help="a built corpus")
    p.add_argument("--out", help="the HTML file (default DIR/report.html)")
    p.set_defaults(func=_report)

    p = sub.add_parser("diff", help="what a new release (or corpus) added and removed")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_diff)

    p = sub.add_parser("eval", help="score extraction and dedup against a labelled set")
    p.add_argument("devset", help="a devset folder (pages.warc.gz, gold.jsonl, duplicates.json) or a real set "
                   "folder (pages.jsonl of labelled page texts)")
    p.add_argument("--workers", type=int, default=workers)
    p.add_argument("--no-baseline", action="store_true", help="skip the plain trafilatura + t2s baseline")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_eval)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    try:
        return args.func(args)
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        print(f"worksum {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"worksum {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
