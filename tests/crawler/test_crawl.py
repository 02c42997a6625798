"""Crawls of the demo site over real HTTP on 127.0.0.1 with real Scrapy, then a build."""
import gzip
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
from warcio.archiveiterator import ArchiveIterator

from worksum.corpus.build import BuildConfig, build
from worksum.corpus.warc import find_warcs, iter_pages
from worksum.demo_site import DemoServer, render_site

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def scrapy_crawl(out: Path, start_url: str, extra: list[str] = (), jobdir: bool = True) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"start_url={start_url}",
           "-s", f"WARC_DIR={out / 'warc'}", "-s", f"PAGE_LOG={out / 'pages.jsonl'}", *FAST, *extra]
    if jobdir:
        cmd += ["-s", f"JOBDIR={out / 'jobdir'}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
    return subprocess.Popen(cmd, env=env, cwd=Path(__file__).resolve().parents[2])


def test_crawl_archive_and_build(tmp_path, demo_server):
    proc = scrapy_crawl(tmp_path, f"{demo_server.base_url}/list/")
    assert proc.wait(timeout=120) == 0
    pages = list(iter_pages(find_warcs([tmp_path / "warc"])))
    urls = [p.url.replace(demo_server.base_url, "") for p in pages]
    # every page of the site was fetched once; robots.txt was obeyed (/user/, /down/ never asked for)
    site_pages = {p for p in demo_server.pages if p != "/robots.txt"}
    assert set(urls) - {"/robots.txt"} == site_pages
    assert not [r for r in demo_server.requests if r.startswith(("/user/", "/down/"))]
    assert Counter(urls).most_common(1)[0][1] == 1
    kinds = Counter(p.page_kind for p in pages)
    assert kinds["listing"] == 2 and kinds["robots"] == 1 and kinds["document"] == len(site_pages) - 2

    report = build([str(tmp_path / "warc")], tmp_path / "corpus", BuildConfig(workers=2, progress=False))
    table = ds.dataset(tmp_path / "corpus" / "data", format="parquet").to_table().to_pylist()
    rejected = ds.dataset(tmp_path / "corpus" / "rejected", format="parquet").to_table().to_pylist()
    # no page lost: every fetched page is kept, a duplicate or rejected with a reason
    assert report.pages == len(pages) == report.kept + report.duplicates + report.rejected
    assert len(table) == report.kept and len(rejected) == report.rejected
    by_path = {r["url"].replace(demo_server.base_url, ""): r for r in table}
    # the republished near-duplicate (/doc/107) is removed in favour of the complete original
    assert "/doc/101.html" in by_path and "/doc/107.html" not in by_path
    assert report.dup_reasons == {"near": 1}
    # the Traditional mirror page is kept, converted to Simplified
    tw = by_path["/tw/106.html"]
    assert tw["script_converted"] and tw["title"] == "溪口县农业农村局2024年科技下乡活动总结"
    assert "农业科技成果" in tw["text"] and "農業" not in tw["text"]
    # chrome is gone, the GBK page decoded, the job advert rejected
    for row in table:
        for chrome in ("举报", "下载", "小编", "ICP", "第1页", "相关资源", "來源"):
            assert chrome not in row["text"], (row["url"], chrome)
    assert "和平社区" in by_path["/doc/104.html"]["text"]
    assert {r["reason"] for r in rejected} == {"listing_page", "robots_page", "job_ad"}


def _gzipped_download(body: bytes):
    """A page sent gzip-encoded, named in a header beyond ASCII (raw UTF-8, as some sites send it)."""
    name = 'inline; filename="年度工作总结.html"'.encode("utf-8").decode("latin-1")

    def answer(handler):
        data = gzip.compress(body)
        handler.send_response(200)
        for key, value in (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                           ("Content-Disposition", name), ("Content-Length", str(len(data)))):
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    return answer


def _warc_records(folder: Path) -> list[dict]:
    """Every record of the crawl's WARC files as warcio reads it, digests checked."""
    out = []
    for path in find_warcs([folder]):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                payload = record.raw_stream.read()
                h = record.rec_headers
                out.append({"type": record.rec_type, "url": h.get_header("WARC-Target-URI"), "payload": payload,
                            "id": h.get_header("WARC-Record-ID"), "to": h.get_header("WARC-Concurrent-To"),
                            "digests": (record.digest_checker.passed, record.digest_checker.problems)})
    return out


def test_the_archive_holds_every_page_as_the_site_served_it(tmp_path):
    pages = render_site()
    gzipped = next(p for p, (_, ctype) in pages.items() if p.startswith("/doc/") and "utf-8" in ctype)
    with DemoServer(pages, faults={gzipped: _gzipped_download(pages[gzipped][0])}) as server:
        proc = scrapy_crawl(tmp_path, f"{server.base_url}/list/", jobdir=False)
        assert proc.wait(timeout=120) == 0
        served = [path for path, status in server.statuses if status == 200]
        base = server.base_url
    records = _warc_records(tmp_path / "warc")
    assert [r["type"] for r in records] == ["request", "response", "metadata"] * len(served)
    assert all(r["digests"] == (True, []) for r in records), [r for r in records if r["digests"] != (True, [])]
    responses = {r["url"].replace(base, ""): r for r in records if r["type"] == "response"}
    assert sorted(responses) == sorted(served)
    wire = responses[gzipped]["payload"]  # stored as it came over the wire, still gzipped
    assert wire != pages[gzipped][0] and gzip.decompress(wire) == pages[gzipped][0]
    # the reader gives back every page byte for byte, decoded, with its kind and content type
    built = {p.url.replace(base, ""): p for p in iter_pages(find_warcs([tmp_path / "warc"]))}
    assert sorted(built) == sorted(served)
    for path, page in built.items():
        body, ctype = pages[path]
        assert (page.status, page.body, page.content_type) == (200, body, ctype), path
    metadata = {r["to"]: r["payload"].decode() for r in records if r["type"] == "metadata"}
    for path, response in responses.items():
        fields = dict(line.split(": ", 1) for line in metadata[response["id"]].splitlines())
        kind = "robots" if path == "/robots.txt" else "listing" if path.startswith("/list/") else "document"
        assert fields["page-kind"] == kind and fields["spider"] == "demo", (path, fields)
        if kind == "document":
            assert fields["referer"].startswith(f"{base}/list/") and int(fields["depth"]) >= 1


def test_interrupted_crawl_resumes_without_refetching(tmp_path):
    with DemoServer(delay=0.4) as server:
        extra = ["-s", "CONCURRENT_REQUESTS=1"]
        proc = scrapy_crawl(tmp_path, f"{server.base_url}/list/", extra)
        deadline = time.monotonic() + 60
        while len([r for r in server.requests if r.startswith(("/doc/", "/tw/"))]) < 3:
            assert time.monotonic() < deadline, "crawl made no progress"
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)  # one Ctrl-C: Scrapy finishes in-flight requests and saves its queue
        assert proc.wait(timeout=60) == 0
        first = list(server.requests)
        assert len(first) < len(server.pages) + 0, "the crawl finished before it was interrupted"
        proc = scrapy_crawl(tmp_path, f"{server.base_url}/list/", extra)
        assert proc.wait(timeout=120) == 0
        fetched = Counter(r for r in server.requests if r != "/robots.txt")
    assert set(fetched) == {p for p in server.pages if p != "/robots.txt"}
    assert max(fetched.values()) == 1, [p for p, n in fetched.items() if n > 1]
    # both runs' archives together hold every page exactly once
    archived = Counter(p.url.replace(server.base_url, "") for p in iter_pages(find_warcs([tmp_path / "warc"])))
    assert max(n for u, n in archived.items() if u != "/robots.txt") == 1


def test_worksum_crawl_command_and_unknown_profile(tmp_path, demo_server):
    env = {**os.environ}
    ok = subprocess.run([sys.executable, "-m", "worksum.cli", "crawl", "demo", "--out", str(tmp_path),
                         "--start-url", f"{demo_server.base_url}/list/", "--no-resume",
                         "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
                         "--set", "LOG_LEVEL=WARNING"], env=env, timeout=120)
    assert ok.returncode == 0 and find_warcs([tmp_path / "warc"])
    bad = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", "profile=nope"],
                         env={**env, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}, capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode != 0 and "no site profile 'nope'" in bad.stderr
