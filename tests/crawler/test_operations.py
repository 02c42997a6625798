"""Scheduled runs against real local servers: incremental re-runs, kill -9, shared frontier, faults."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq

from worksum.corpus.shards import Commit
from tests.conftest import DEVSET, needs_devset
from worksum.demo_site import DemoServer, render_site, wenku_page
from worksum.run import Lock

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
NEW_DOC = {"id": 301, "site": "bdocx", "title": "某街道办事处2024年安全生产工作总结", "paragraphs": [
    "今年以来，街道办事处坚持把安全生产摆在突出位置，认真落实属地管理责任，组织开展隐患排查整治行动十二次，"
    "检查生产经营单位四百余家，督促整改隐患三百多处，全年未发生较大以上安全事故。",
    "一是压实责任。街道与各社区、重点企业签订安全生产责任书，明确网格员日常巡查任务，推进责任落实到人。",
    "二是加强宣传培训。围绕安全生产月开展应急演练和培训，提升群众安全意识和自救能力，取得良好成效。",
    "下一步，我们将进一步完善工作机制，加强重点领域监管，推动安全生产形势持续稳定。"]}


def _config(tmp_path: Path, server: DemoServer, **scrapy) -> Path:
    settings = "\n".join(f"{k} = {json.dumps(v)}" for k, v in {**FAST, **scrapy}.items())
    path = tmp_path / "worksum.toml"
    path.write_text(f'dir = "run"\nsites = ["demo"]\nworkers = 2\n[start_urls]\ndemo = "{server.base_url}/list/"\n'
                    f"[scrapy]\n{settings}\n".replace("False", "false").replace("True", "true"))
    return path


def _run(config: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "worksum.cli", "run", "--config", str(config)], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **kw)


def _kept_urls(corpus: Path) -> list[str]:
    return ds.dataset(corpus / "data", format="parquet").to_table(columns=["url"]).column("url").to_pylist()


def _docs(server: DemoServer) -> set[str]:
    return {p for p in server.pages if p.startswith(("/doc/", "/tw/"))}


def test_scheduled_run_is_incremental_and_locked(tmp_path):
    with DemoServer() as server:
        config = _config(tmp_path, server)
        first = _run(config)
        out, err = first.communicate(timeout=180)
        assert first.returncode == 0, err
        assert out.startswith("worksum run: 1 site(s)") and "corpus +6 documents" in out
        kept = _kept_urls(tmp_path / "run" / "corpus")

        # unchanged site: only listings and robots.txt are asked for
        asked = len(server.requests)
        second = _run(config)
        out, err = second.communicate(timeout=180)
        assert second.returncode == 0, err
        again = server.requests[asked:]
        assert again and all(p.startswith("/list/") or p == "/robots.txt" for p in again), again
        assert "corpus +0 documents" in out and "6 in all" in out

        # one new document: it alone is fetched and added
        server.pages["/doc/301.html"] = (wenku_page(NEW_DOC).encode(), "text/html; charset=utf-8")
        body, ctype = server.pages["/list/page-2.html"]
        server.pages["/list/page-2.html"] = (body.replace(b"</ul>", b'<li><a href="/doc/301.html">new</a></li></ul>'),
                                             ctype)
        asked = len(server.requests)
        third = _run(config)
        out, err = third.communicate(timeout=180)
        assert third.returncode == 0, err
        fetched_docs = [p for p in server.requests[asked:] if p.startswith(("/doc/", "/tw/"))]
        assert fetched_docs == ["/doc/301.html"] and "corpus +1 documents" in out
        assert sorted(_kept_urls(tmp_path / "run" / "corpus")) == sorted(kept + [f"{server.base_url}/doc/301.html"])
        manifest = json.loads((tmp_path / "run" / "corpus" / "manifest.json").read_text())
        assert len(manifest["builds"]) == 3  # the second run built nothing new but is recorded

        # a second run while one holds the lock does nothing and says why
        lock = Lock(tmp_path / "run")
        assert lock.acquire()
        try:
            blocked = _run(config)
            out, _ = blocked.communicate(timeout=60)
            assert blocked.returncode == 75 and "holds" in out
        finally:
            lock.release()
    bad = tmp_path / "bad.toml"
    bad.write_text('dir = "x"\nsites = ["demo"]\ncolour = 1\n')
    proc = _run(bad)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "colour: unknown key" in err


def _recorded(seen_db: Path) -> set[str]:
    if not seen_db.exists():
        return set()
    try:
        with sqlite3.connect(seen_db) as db:
            return {row[0] for row in db.execute("select url from seen")}
    except sqlite3.OperationalError:  # the table is not created yet
        return set()


def test_crawl_killed_with_sigkill_resumes_without_loss_or_repeats(tmp_path):
    with DemoServer(delay=0.3) as server:
        config = _config(tmp_path, server)
        proc = _run(config)
        seen_db = tmp_path / "run" / "seen.sqlite"
        deadline = time.monotonic() + 60
        while len(_recorded(seen_db)) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # the crawler, mid-crawl, and the run around it
        proc.wait(timeout=30)
        done = {u.replace(server.base_url, "") for u in _recorded(seen_db)}
        assert len(done) >= 3
        asked = len(server.requests)
        rerun = _run(config)
        out, err = rerun.communicate(timeout=180)
        assert rerun.returncode == 0, err
        docs = _docs(server)
        assert {p for p in server.requests if p in docs} == docs  # nothing lost
        assert not done & set(server.requests[asked:])  # what was archived is not fetched again
        corpus = tmp_path / "run" / "corpus"
        urls = _kept_urls(corpus)
        assert len(urls) == len(set(urls)) == 6  # nothing written twice
        rejected = ds.dataset(corpus / "rejected", format="parquet").to_table().to_pylist()
        clusters = pq.read_table(corpus / "dedup" / "clusters.parquet").to_pylist()
        assert len(clusters) == 7 and sum(c["reason"] == "near" for c in clusters) == 1
        placed = {u.replace(server.base_url, "") for u in urls} | {r["url"].replace(server.base_url, "")
                                                                  for r in rejected}
        assert docs - placed == {"/doc/107.html"}  # the near-duplicate, in clusters.parquet


@needs_devset()
def test_build_killed_with_sigkill_at_any_moment_finishes_the_same(tmp_path):
    warc = str(DEVSET / "pages.warc.gz")
    cmd = [sys.executable, "-m", "worksum.cli", "build", warc, "--incremental", "--workers", "2", "--out"]
    subprocess.run(cmd + [str(tmp_path / "ref")], cwd=ROOT, check=True, capture_output=True, timeout=180)
    reference = sorted(_kept_urls(tmp_path / "ref"))
    for delay in (0.4, 0.9, 1.4, 2.0):
        out = tmp_path / f"killed-{delay}"
        proc = subprocess.Popen(cmd + [str(out)], cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        subprocess.run(cmd + [str(out)], cwd=ROOT, check=True, capture_output=True, timeout=180)
        assert sorted(_kept_urls(out)) == reference, delay
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["rows"]["data"] == len(reference)


def test_an_interrupted_commit_is_finished_by_the_next_build(tmp_path):
    moves = []
    for i in range(3):
        (tmp_path / f"{i}.tmp").write_text(str(i))
        moves.append((tmp_path / f"{i}.tmp", tmp_path / f"{i}.final"))
    commit = Commit(tmp_path / "journal.json")
    for src, dst in moves:
        commit.rename(src, dst)
    from worksum.corpus.shards import write_json_atomic

    write_json_atomic(commit.journal, commit.moves)  # the journal is written, then the process dies
    os.replace(*moves[0])  # ... after the first rename
    assert Commit.recover(commit.journal) and not commit.journal.exists()
    assert [(tmp_path / f"{i}.final").read_text() for i in range(3)] == ["0", "1", "2"]


def test_two_crawlers_share_one_redis_frontier(tmp_path, redis_url):
    with DemoServer(delay=0.15) as server:
        cmd = [sys.executable, "-m", "worksum.cli", "crawl", "demo", "--no-resume", "--redis", redis_url,
               "--start-url", f"{server.base_url}/list/", "--set", "DOWNLOAD_DELAY=0",
               "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "LOG_LEVEL=WARNING",
               "--set", "SCHEDULER_IDLE_BEFORE_CLOSE=2"]
        workers = [subprocess.Popen(cmd + ["--out", str(tmp_path / name)], cwd=ROOT, env=ENV,
                                    stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
        for w in workers:
            _, err = w.communicate(timeout=180)
            assert w.returncode == 0, err
        fetched = Counter(p for p in server.requests if p != "/robots.txt")
        assert set(fetched) == set(server.pages) - {"/robots.txt"}
        assert set(fetched.values()) == {1}  # every page exactly once, across both crawlers
        from worksum.corpus.warc import find_warcs, iter_pages

        per_worker = [len([p for p in iter_pages(find_warcs([tmp_path / n / "warc"])) if p.page_kind != "robots"])
                      for n in ("a", "b")]
        assert sum(per_worker) == len(fetched)


def _fault_site() -> tuple[dict, dict]:
    """The demo site plus pages that fail the way real sites do. Returns (pages, faults)."""
    pages = render_site()
    good = {p: pages[p] for p in pages if p.startswith("/doc/10")}
    calls = Counter()

    def serve(handler, body, ctype, status=200, headers=(), length=None):
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in headers:
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(body)

    def once_then_good(status, source):
        def answer(handler):
            calls[handler.path] += 1
            if calls[handler.path] == 1:
                serve(handler, b"busy", "text/plain", status, [("Retry-After", "1")])
            else:
                serve(handler, *good[source])
        return answer

    def slow(handler):
        time.sleep(0.5)
        serve(handler, *good["/doc/102.html"])

    def stall(handler):
        time.sleep(4)
        serve(handler, b"late", "text/html")

    def truncated(handler):
        body = good["/doc/103.html"][0]
        serve(handler, body[: len(body) // 2], "text/html; charset=utf-8", length=len(body))
        handler.close_connection = True

    gbk_plain = good["/doc/104.html"][0].replace(b'<meta charset="gbk">', b"")
    big5 = wenku_page(NEW_DOC).encode("utf-8").decode("utf-8")
    import opencc

    big5_bytes = opencc.OpenCC("s2t").convert(big5).replace('charset="utf-8"', 'charset="big5"').encode("big5", "replace")
    faults = {
        "/doc/9001.html": slow,
        "/doc/9002.html": once_then_good(503, "/doc/105.html"),
        "/doc/9003.html": once_then_good(429, "/doc/101.html"),
        "/doc/9004.html": lambda h: serve(h, b"oops", "text/html", 500),
        "/doc/9005.html": stall,
        "/doc/9006.html": truncated,
        "/doc/9007.html": lambda h: serve(h, b"", "text/html", 302, [("Location", "/doc/9007.html")]),
        "/doc/9008.html": lambda h: serve(h, b"x" * 1_500_000, "text/html"),
        "/doc/9009.html": lambda h: serve(h, b"%PDF-1.4 not really", "application/pdf"),
        "/doc/9010.html": lambda h: serve(h, gbk_plain, "text/html"),  # GBK with no charset anywhere
        "/doc/9011.html": lambda h: serve(h, big5_bytes, "text/html; charset=utf-8"),  # Big5 labelled UTF-8
    }
    links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in [*faults, *good])
    pages = {"/robots.txt": pages["/robots.txt"], **good,
             "/list/": (f"<html><body><ul>{links}</ul></body></html>".encode(), "text/html; charset=utf-8")}
    return pages, faults


def test_fault_injecting_site_is_crawled_to_completion(tmp_path):
    pages, faults = _fault_site()
    with DemoServer(pages=pages, faults=faults) as server:
        settings = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "LOG_LEVEL=ERROR", "RETRY_TIMES=2",
                    "DOWNLOAD_TIMEOUT=2", "DOWNLOAD_MAXSIZE=1000000", "REDIRECT_MAX_TIMES=3"]
        cmd = [sys.executable, "-m", "worksum.cli", "crawl", "demo", "--no-resume", "--out", str(tmp_path),
               "--start-url", f"{server.base_url}/list/"] + [x for s in settings for x in ("--set", s)]
        proc = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr
    [stats_file] = (tmp_path / "stats").glob("*.json")
    stats = json.loads(stats_file.read_text())
    assert stats["downloader/response_status_count/500"] == 3  # asked, then retried twice
    assert stats["worksum/backoff/retry_after"] == 2  # the 503 and the 429 slowed the site down
    assert stats["retry/count"] >= 2 + 2 + 2
    errors = {k.rsplit(".", 1)[-1]: v for k, v in stats.items() if k.startswith("downloader/exception_type_count/")}
    assert errors["DownloadTimeoutError"] == 3  # the stalled page: asked, then retried twice
    assert errors["ResponseDataLossError"] == 3  # the truncated page
    assert errors["DownloadCancelledError"] == 1  # the page above DOWNLOAD_MAXSIZE
    # the redirect loop ends at once: the redirect to an address already asked for is filtered
    assert stats["downloader/response_status_count/302"] >= 1 and stats["dupefilter/filtered"] >= 1
    assert stats["finish_reason"] == "finished"

    from worksum.corpus.build import BuildConfig, build

    report = build([str(tmp_path / "warc")], tmp_path / "corpus",
                   BuildConfig(workers=2, progress=False, keep_duplicates=True))
    rows = ds.dataset(tmp_path / "corpus" / "data", format="parquet").to_table().to_pylist()
    placed = {r["url"].replace(server.base_url, ""): r for r in rows}
    # every good page is in the corpus: kept, or a duplicate of the same text served at another address
    good = {"/doc/9001.html", "/doc/9002.html", "/doc/9003.html", "/doc/9010.html", "/doc/9011.html"}
    good |= {p for p in pages if p.startswith("/doc/10")}
    assert good <= set(placed)
    assert placed["/doc/9011.html"]["script_converted"] and placed["/doc/9010.html"]["duplicate_of"] in (
        None, placed["/doc/104.html"]["id"])
    assert len(rows) == report.kept + report.duplicates
    rejected = Counter(r["reason"] for r in ds.dataset(tmp_path / "corpus" / "rejected").to_table().to_pylist())
    # every response is archived, retried ones too: three 500s, the first 503 and 429, the PDF (not really one)
    assert (rejected["http_500"], rejected["http_503"], rejected["http_429"],
            rejected["unreadable_document"]) == (3, 1, 1, 1)
