"""Crawl overhead: `worksum crawl` of a local site vs a plain Scrapy spider of the same site, same settings.

    python bench/crawl.py [--docs 2000] [--per-listing 20] [--concurrency 32] [--rounds 1]

A site of doc pages (bench/sitegen.py --heavy bodies, 40-80 KB) and paginated listings is served
on 127.0.0.1 by a Twisted web server in a process of its own (the standard library's server
breaks down under 32 parallel connections). Both crawlers get the same Scrapy settings (the
concurrency given, no delay, no autothrottle, robots.txt obeyed, the same user agent) and the
same link rules. The plain spider yields one item per document page and stores nothing;
`worksum crawl` archives every response to WARC, records document pages in its seen store and
page log. Printed: pages/s of each (responses over the wall time of the crawl process, start-up
included), CPU per page (the crawl process and its children), and the ratios of the medians over the rounds
(target >= 0.8x pages/s), with the ratio of each round.
Nothing leaves 127.0.0.1.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import sitegen  # noqa: E402

SERVER = textwrap.dedent("""
    import sys
    from twisted.internet import reactor
    from twisted.web.server import Site
    from twisted.web.static import File
    root = File(sys.argv[1], defaultType="text/html")
    port = reactor.listenTCP(0, Site(root), interface="127.0.0.1", backlog=512)
    print(port.getHost().port, flush=True)
    reactor.run()
""")

PLAIN_SPIDER = textwrap.dedent("""
    from datetime import datetime, timezone
    import scrapy
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    class PlainSpider(CrawlSpider):
        name = "plain"
        rules = (Rule(LinkExtractor(allow=[r"/doc/\\d+\\.html$"]), callback="parse_document", follow=False),
                 Rule(LinkExtractor(allow=[r"/list/(page-\\d+\\.html)?$"]), follow=True))

        def __init__(self, start_url="", *args, **kwargs):
            self.start_urls = [start_url]
            self.allowed_domains = ["127.0.0.1"]
            super().__init__(*args, **kwargs)

        def parse_document(self, response):
            title = response.css("h1::text").get() or response.css("title::text").get() or ""
            yield {"url": response.url, "status": response.status, "title": title.strip(),
                   "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
""")

PROFILE = textwrap.dedent(r"""
    domains = ["127.0.0.1"]
    start_urls = ["http://127.0.0.1/list/"]
    listing_links = ['/list/(page-\d+\.html)?$']
    document_links = ['/doc/\d+\.html$']
    download_delay = 0.0
""")


def make_site(root: Path, docs: int, per_listing: int, work: Path) -> int:
    """Doc pages /doc/N.html (sitegen bodies, reused under several numbers), listings /list/page-K.html,
    robots.txt; returns the number of listing pages."""
    unique = min(docs, 300)
    sitegen.generate(work / "gen", max(1, unique // 50), 50, 9, True, "dev")
    bodies = sorted((work / "gen" / "pages").glob("*.html"))
    (root / "doc").mkdir(parents=True)
    (root / "list").mkdir()
    for i in range(docs):
        os.link(bodies[i % len(bodies)], root / "doc" / f"{i}.html")
    pages = -(-docs // per_listing)
    for k in range(pages):
        links = "".join(f'<li><a href="/doc/{i}.html">文档 {i}</a></li>'
                        for i in range(k * per_listing, min(docs, (k + 1) * per_listing)))
        nxt = f'<a href="/list/page-{k + 2}.html">下一页</a>' if k + 1 < pages else ""
        html = f"<html><head><meta charset='utf-8'><title>列表 {k + 1}</title></head><body><ul>{links}</ul>{nxt}</body></html>"
        (root / "list" / f"page-{k + 1}.html").write_text(html, encoding="utf-8")
    shutil.copy(root / "list" / "page-1.html", root / "list" / "index.html")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /user/\n", encoding="utf-8")
    return pages


def common_settings(concurrency: int) -> list[str]:
    from worksum.crawler import settings as ws

    return [f"USER_AGENT={ws.USER_AGENT}", "ROBOTSTXT_OBEY=True", f"CONCURRENT_REQUESTS={concurrency}",
            f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False",
            f"RETRY_TIMES={ws.RETRY_TIMES}", f"DOWNLOAD_TIMEOUT={ws.DOWNLOAD_TIMEOUT}",
            f"DOWNLOAD_MAXSIZE={ws.DOWNLOAD_MAXSIZE}", "LOG_LEVEL=WARNING", "TELNETCONSOLE_ENABLED=False"]


def run(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """(wall s, CPU s of the process and its children) of one crawl."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:6])} … failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)


def plain_crawl(start: str, work: Path, settings: list[str]) -> tuple[int, float, float]:
    spider = work / "plain_spider.py"
    spider.write_text(PLAIN_SPIDER, encoding="utf-8")
    stats = work / "plain-stats.json"
    runner = textwrap.dedent(f"""
        import json, sys
        from scrapy.crawler import CrawlerProcess
        sys.path.insert(0, {str(work)!r})
        from plain_spider import PlainSpider
        settings = dict(s.split("=", 1) for s in {settings!r})
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(PlainSpider)
        process.crawl(crawler, start_url={start!r})
        process.start()
        json.dump({{k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, float))}},
                  open({str(stats)!r}, "w"))
    """)
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    wall, cpu = run([sys.executable, "-c", runner], work, env)
    return json.loads(stats.read_text())["downloader/response_count"], wall, cpu


def worksum_crawl(start: str, work: Path, settings: list[str], n: int) -> tuple[int, float, float]:
    profile = work / "benchsite.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    out = work / f"crawl-{n}"
    cmd = [sys.executable, "-m", "worksum.cli", "crawl", str(profile), "--out", str(out), "--start-url", start,
           "--no-resume"]
    for s in settings:
        cmd += ["--set", s]
    wall, cpu = run(cmd, ROOT, dict(os.environ))
    report = max((out / "stats").glob("*.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(report.read_text())["downloader/response_count"], wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--per-listing", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=1, help="crawl each way this many times, alternating")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="worksum-bench-crawl-") as tmp:
        work = Path(tmp)
        listings = make_site(work / "site", args.docs, args.per_listing, work)
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(work / "site")], stdout=subprocess.PIPE,
                                  text=True)
        try:
            port = int(server.stdout.readline())
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                pass
            start = f"http://127.0.0.1:{port}/list/"
            settings = common_settings(args.concurrency)
            kb = sum(p.stat().st_size for p in (work / "site" / "doc").glob("*.html")) / args.docs / 1000
            print(f"site: {args.docs} doc pages (mean {kb:.0f} KB) + {listings} listings on 127.0.0.1:{port}; "
                  f"concurrency {args.concurrency}; machine: {len(os.sched_getaffinity(0))} cores, load average "
                  f"{os.getloadavg()[0]:.1f} before the bench")
            plain, ours = [], []
            for r in range(args.rounds):
                plain.append(plain_crawl(start, work, settings))
                ours.append(worksum_crawl(start, work, settings, r))
        finally:
            server.terminate()
            server.wait()
        print(f"{'':28}{'responses':>10}{'wall s':>9}{'pages/s':>10}{'CPU ms/page':>13}")
        rates = {}
        for name, runs in (("plain Scrapy spider", plain), ("worksum crawl", ours)):
            for n, wall, cpu in runs:
                print(f"{name:<28}{n:>10}{wall:>9.2f}{n / wall:>10.1f}{1000 * cpu / n:>13.2f}")
            rates[name] = (statistics.median(n / wall for n, wall, _ in runs),
                           statistics.median(1000 * cpu / n for n, _, cpu in runs))
        (p_rate, p_cpu), (w_rate, w_cpu) = rates["plain Scrapy spider"], rates["worksum crawl"]
        # Each round crawls both ways back to back, so a round's ratio shares the machine's load of the moment.
        rounds = [(o[0] / o[1]) / (p[0] / p[1]) for p, o in zip(plain, ours)]
        print(f"median of {args.rounds} round(s): {w_rate:.1f} vs {p_rate:.1f} pages/s, ratio worksum / plain "
              f"{w_rate / p_rate:.2f}x (target >= 0.8x); CPU per page {w_cpu:.2f} ms vs {p_cpu:.2f} ms "
              f"({w_cpu / p_cpu:.2f}x)")
        print("ratio per round: " + ", ".join(f"{r:.2f}x" for r in rounds)
              + f"; median {statistics.median(rounds):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
