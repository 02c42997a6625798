"""The `worksum` command.

Errors the operator must fix (worksum.errors.WorksumError, and OSErrors such as a missing
input or a full disk) are one line and an exit code; anything else is a bug: its traceback
is printed and the exit code is 70.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sys
import tempfile
import traceback
from dataclasses import asdict
from pathlib import Path

from worksum.corpus.errors import CorpusError, read_manifest

from . import __version__
from .checks import writable_dir
from .crawl import crawl, crawl_summary
from .errors import EXIT_BUG, EXIT_CONFIG, EXIT_IOERR, NO_ROOM, ConfigError, DiskFullError, Interrupted, WorksumError

log = logging.getLogger("worksum")


def _number(kind: type, low: float, inclusive: bool):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < low or (value == low and not inclusive):
            raise argparse.ArgumentTypeError(f"must be {'at least' if inclusive else 'more than'} {low}, not {text}")
        return value
    return parse


positive_int = _number(int, 1, True)
positive_float = _number(float, 0, False)


def _setting(text: str) -> str:
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*=.*", text, flags=re.DOTALL):
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE with an upper-case Scrapy setting name, not {text!r}")
    return text


def _build(args) -> int:
    from worksum.corpus.build import BuildConfig, build

    from worksum.corpus.lock import EXIT_LOCKED, LockHeld

    from .hints import site_hints

    writable_dir(Path(args.out), "--out")
    if args.ray is not None:
        _check_ray_address(args)
    if args.incremental:
        read_manifest(Path(args.out))
    cfg = BuildConfig(keep_duplicates=args.keep_duplicates, workers=args.workers,
                      shard_bytes=int(args.shard_mb * 1_000_000), incremental=args.incremental,
                      redis_url=args.redis, replace=args.force, site_hints=site_hints(), prefilter=args.prefilter,
                      ray=args.ray)
    try:
        report = build(args.inputs, args.out, cfg)
    except LockHeld as exc:
        print(f"worksum build: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(json.dumps(asdict(report), ensure_ascii=False, indent=2) if args.json else summary(report))
    return 0


def _check_ray_address(args) -> None:
    """--ray takes an optional ADDRESS: an input path written right after it would be taken for one."""
    address = args.ray
    if address in ("local", "auto") or "://" in address or re.fullmatch(r"[\w.-]+:\d+", address):
        if args.incremental or args.redis:
            raise ConfigError("--ray builds a corpus in full: --incremental and --redis work with the local build only")
        return
    raise ConfigError(f"--ray {address}: an address is auto, ray://host:10001 or host:port (nothing: a local cluster "
                      "for this build); to build that input, write --ray after the inputs")


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
    outcome = crawl(args.profile, Path(args.out), args.start_url, not args.no_resume, settings,
                    redis_url=args.redis)
    print(crawl_summary(outcome, Path(args.out)))
    if outcome.code == EXIT_IOERR:
        raise DiskFullError(f"the disk of {args.out} filled up during the crawl: what was archived is kept (the WARC "
                            "files end on a whole record); free some space and run the same command to fetch the rest")
    if outcome.code != 0:
        print(f"worksum crawl: the crawl failed (exit {outcome.code}); see the messages above", file=sys.stderr)
    return outcome.code


def _demo(args) -> int:
    from worksum.corpus.build import BuildConfig, build

    from .demo_site import DemoServer
    from .hints import site_hints

    out = writable_dir(Path(args.out or tempfile.mkdtemp(prefix="worksum-demo-")), "--out")
    with DemoServer() as server:
        print(f"demo site serving on {server.base_url}")
        code = crawl("demo", out, start_url=f"{server.base_url}/list/", resume=False, quiet=True,
                     settings=["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False",
                               "CONCURRENT_REQUESTS_PER_DOMAIN=8"]).code
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
    from worksum.corpus.stats import corpus_stats, format_stats

    read_manifest(Path(args.dir))
    stats = corpus_stats(Path(args.dir))
    print(json.dumps(stats, ensure_ascii=False, indent=2) if args.json else format_stats(stats))
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
    from worksum.corpus.release import VERSION, read_exclusions, release

    corpus, out = Path(args.dir).resolve(), Path(args.out).resolve()
    if out == corpus or out in corpus.parents:
        raise ConfigError(f"--out {args.out} is the corpus {args.dir} or holds it: writing the release there would "
                          "replace the corpus; choose another folder")
    if not VERSION.match(args.version):
        raise ConfigError(f"--version must look like 1.2.3, not {args.version!r}")
    read_manifest(corpus)
    writable_dir(out.parent, "the folder of --out")
    exclude = read_exclusions(args.exclude) if args.exclude else frozenset()
    if not args.contact:
        log.warning("no --contact given: the card sends removal requests to wherever the release is published")
    info = release(args.dir, args.version, args.out, validation=args.validation,
                   shard_bytes=int(args.shard_mb * 1_000_000), force=args.force, contact=args.contact,
                   exclude=exclude)
    splits = ", ".join(f"{info['counts'][s]['documents']:,} {s}" for s in info["splits"])
    print(f"release {info['version']} in {args.out}: {splits} documents in {len(info['files'])} shard(s)"
          + (f", {info['removed_on_request']:,} removed on request" if exclude else "")
          + f"; dataset card README.md, checksums SHA256SUMS (verify: cd {args.out} && sha256sum -c SHA256SUMS)")
    if "validation" not in info["splits"]:
        print("no document fell into the validation split: the release has a train split only")
    return 0


def _report(args) -> int:
    from worksum.corpus.report import write_report

    read_manifest(Path(args.dir))
    print(f"report written to {write_report(args.dir, args.out)} (open it in a browser)")
    return 0


def _diff(args) -> int:
    from worksum.corpus.release import diff, format_diff

    read_manifest(Path(args.old))
    read_manifest(Path(args.new))
    d = diff(args.old, args.new)
    print(json.dumps(d, ensure_ascii=False, indent=2) if args.json else format_diff(d))
    return 0


def _run(args) -> int:
    from .run import load_config, run

    code, summary = run(load_config(args.config))
    print(summary)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="worksum", description="Build a corpus of Chinese work-summary documents.")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--version", action="version", version=f"worksum {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    workers = max(1, min(os.cpu_count() or 1, 8))

    p = sub.add_parser("crawl", help="crawl a site profile into WARC files (resumable)")
    p.add_argument("profile", help="profile name (crawler/sites/NAME.toml) or path to a .toml file")
    p.add_argument("--out", required=True, help="crawl folder: warc/, pages.jsonl, jobdir/")
    p.add_argument("--start-url", default="", help="start from this address instead (e.g. a local copy)")
    p.add_argument("--no-resume", action="store_true", help="start afresh instead of resuming (no JOBDIR)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", type=_setting,
                   help="a Scrapy setting; overrides the profile (e.g. DEPTH_LIMIT=50, CLOSESPIDER_PAGECOUNT=1000)")
    p.add_argument("--recrawl-days", type=_number(float, 0, True),
                   help="fetch a document page again after this many days (default 30)")
    p.add_argument("--redis", metavar="URL", help="share the frontier with other crawlers through Redis (scrapy-redis)")
    p.set_defaults(func=_crawl)

    p = sub.add_parser("run", help="the scheduled job: crawl the configured sites incrementally, update the corpus")
    p.add_argument("--config", required=True, help="worksum.toml (see worksum/run.py)")
    p.set_defaults(func=_run)

    p = sub.add_parser("build", help="WARC files (or PDF, DOCX, HTML files) → cleaned, deduplicated Parquet corpus")
    p.add_argument("inputs", nargs="+", help="WARC files, documents (.pdf, .docx, .html, .htm) or folders of them")
    p.add_argument("--out", required=True)
    p.add_argument("--keep-duplicates", action="store_true", help="write duplicates too, with duplicate_of")
    p.add_argument("--workers", type=positive_int, default=workers)
    p.add_argument("--shard-mb", type=positive_float, default=150.0, help="approximate text per shard")
    p.add_argument("--incremental", action="store_true",
                   help="add to the corpus in --out: keep what it released, add only new non-duplicates")
    p.add_argument("--redis", metavar="URL", help="keep the dedup index in Redis (redis://[:password@]host:port/db, "
                   "rediss:// for TLS), shared by builds on several machines")
    p.add_argument("--force", action="store_true",
                   help="replace the corpus already in --out (it stays until the new one is committed)")
    p.add_argument("--json", action="store_true", help="print the build report as JSON (for scripts)")
    p.add_argument("--prefilter", action="store_true",
                   help="skip pages that cannot be Chinese work documents before reading them (no Chinese in their "
                        "first bytes; no sign of the genre in title or URL): for Common Crawl-like input")
    p.add_argument("--ray", nargs="?", const="local", metavar="ADDRESS",
                   help="run the build on Ray (pip install 'worksum[ray]'): 'auto' (the cluster of `ray start` on "
                        "this machine), ray://host:10001, or nothing for a local cluster of --workers CPUs for the build")
    p.set_defaults(func=_build)

    p = sub.add_parser("demo", help="crawl the bundled demo site on 127.0.0.1 and build its corpus")
    p.add_argument("--out", default="", help="where to put the crawl and the corpus (default: a temp folder)")
    p.add_argument("--workers", type=positive_int, default=workers)
    p.set_defaults(func=_demo)

    p = sub.add_parser("stats", help="counts and length percentiles of a built corpus or a release")
    p.add_argument("dir")
    p.add_argument("--json", action="store_true", help="print the figures as JSON (for scripts)")
    p.set_defaults(func=_stats)

    p = sub.add_parser("release", help="a versioned release folder: shards, split, checksums, dataset card")
    p.add_argument("dir", help="a built corpus (or a release)")
    p.add_argument("--version", required=True, help="X.Y.Z")
    p.add_argument("--out", required=True, help="the release folder to create")
    p.add_argument("--validation", type=_number(float, 0, True), default=0.02,
                   help="share of documents in the validation split")
    p.add_argument("--shard-mb", type=positive_float, default=150.0)
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.add_argument("--contact", default="", help="where the card tells people to send removal requests "
                   "(an e-mail address or a URL)")
    p.add_argument("--exclude", metavar="FILE", help="ids or URLs of documents removed on request, one a line")
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
    p.add_argument("--workers", type=positive_int, default=workers)
    p.add_argument("--no-baseline", action="store_true", help="skip the plain trafilatura + t2s baseline")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_eval)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    try:
        return args.func(args)
    except WorksumError as exc:
        return _fail(args, str(exc), exc.exit_code)
    except CorpusError as exc:  # an input or corpus the operator must fix
        return _fail(args, str(exc), EXIT_CONFIG)
    except OSError as exc:  # the machine, not worksum: a missing input, a full or read-only disk
        if args.verbose:
            traceback.print_exc()
        return _fail(args, _os_error(exc), EXIT_IOERR if exc.errno in NO_ROOM or not _about_a_path(exc)
                     else EXIT_CONFIG)
    except Interrupted as exc:
        return _fail(args, str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return _fail(args, "interrupted", 128 + signal.SIGINT)
    except Exception:  # noqa: BLE001 -- a bug: show where; never pass it off as bad configuration or partial
        traceback.print_exc()
        return _fail(args, "unexpected error (a bug; please report it with the traceback above)", EXIT_BUG)


def _fail(args, message: str, code: int) -> int:
    print(f"worksum {args.command}: {message}", file=sys.stderr)
    return code


def _about_a_path(exc: OSError) -> bool:
    """A path the operator gave that is missing, in the way, or not theirs to use."""
    return isinstance(exc, (FileNotFoundError, FileExistsError, NotADirectoryError, IsADirectoryError,
                            PermissionError))


def _os_error(exc: OSError) -> str:
    if exc.errno in NO_ROOM:
        return f"the disk is full ({exc.strerror}{': ' + str(exc.filename) if exc.filename else ''})"
    if exc.strerror and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())
