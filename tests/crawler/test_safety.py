"""Crawls under faults, signals and hostile sites: real `worksum crawl` / `worksum run` processes, real Scrapy,
a real HTTP server on 127.0.0.1. Signal tests wait for observable progress (requests answered, log lines)."""
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import worksum.crawler.settings as defaults
from worksum.corpus.warc import WarcStats, find_warcs, iter_pages
from worksum.demo_site import DemoServer, listing_page, render_site, wenku_page
from worksum.run import Lock

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
FAST = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False"]
DEMO_PROFILE = ROOT / "crawler" / "sites" / "demo.toml"


def worksum_crawl(profile, out: Path, start_url: str, *settings: str, resume: bool = True, log: Path | None = None,
                  **popen) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "worksum.cli", "crawl", str(profile), "--out", str(out), "--start-url", start_url]
    cmd += [] if resume else ["--no-resume"]
    cmd += [x for s in [*FAST, *settings] for x in ("--set", s)]
    if not log:
        return subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                **popen)
    with open(log, "w") as stderr:  # the child keeps its own copy of the file
        return subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=stderr, text=True, **popen)


def wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def doc_requests(server: DemoServer) -> list[str]:
    return [p for p in server.requests if p.startswith(("/doc/", "/tw/"))]


def stats_of(out: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((out / "stats").glob("*.json"))]


def archived(out: Path, base_url: str, stats: WarcStats | None = None) -> list[str]:
    """Paths of the pages in out/warc, read by the build's own reader."""
    return [p.url.replace(base_url, "") for p in iter_pages(find_warcs([out / "warc"]), stats)]


def assert_warcs_whole(out: Path) -> None:
    """No file left open, and every record of every WARC file complete."""
    assert not list((out / "warc").glob("*.open")), list((out / "warc").glob("*"))
    stats = WarcStats()
    archived(out, "", stats)
    assert not stats.bad_files, stats.bad_files


def scrapy_children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_if_alive(pid: int) -> None:
    if alive(pid):
        os.kill(pid, signal.SIGKILL)


# --- 12: endless pagination ends at the profile's limits ---------------------------------------------------------

class EndlessSite(dict):
    """The demo site's robots.txt plus /list/page-N.html for every N, each linking one document and the next page."""

    def __init__(self):
        super().__init__({"/robots.txt": render_site()["/robots.txt"]})

    def get(self, path, default=None):
        if m := re.fullmatch(r"/list/page-(\d+)\.html", path):
            n = int(m[1])
            body = listing_page(f"第{n}页", [(f"/doc/{n}.html", f"文档{n}")], f"/list/page-{n + 1}.html")
            return body.encode("utf-8"), "text/html; charset=utf-8"
        if m := re.fullmatch(r"/doc/(\d+)\.html", path):
            return f"<html><body><h1>文档{m[1]}</h1></body></html>".encode(), "text/html; charset=utf-8"
        return super().get(path, default)


def deepest_page(server: DemoServer) -> int:
    return max(int(m[1]) for p in server.requests if (m := re.fullmatch(r"/list/page-(\d+)\.html", p)))


def limited_profile(tmp_path: Path, **limits) -> Path:
    path = tmp_path / "endless.toml"
    path.write_text(DEMO_PROFILE.read_text(encoding="utf-8") + "".join(f"{k} = {v}\n" for k, v in limits.items()),
                    encoding="utf-8")
    return path


def test_endless_pagination_stops_at_the_default_depth_limit(tmp_path):
    with DemoServer(pages=EndlessSite()) as server:
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/page-1.html", "CONCURRENT_REQUESTS=32",
                             "CONCURRENT_REQUESTS_PER_DOMAIN=32", resume=False)
        try:
            _, err = proc.communicate(timeout=240)
        finally:
            proc.kill()
        deepest = deepest_page(server)
    assert proc.returncode == 0, err
    # the start page has depth 0: pages 1 … DEPTH_LIMIT + 1 are fetched, the next one is not
    assert deepest == defaults.DEPTH_LIMIT + 1
    assert "DEPTH_LIMIT" in err  # the operator is told the crawl was cut


def test_profile_limits_apply_and_set_overrides_them(tmp_path):
    with DemoServer(pages=EndlessSite()) as server:
        profile = limited_profile(tmp_path, max_depth=6)
        proc = worksum_crawl(profile, tmp_path / "a", f"{server.base_url}/list/page-1.html", resume=False)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert deepest_page(server) == 7 and "DEPTH_LIMIT=6" in err

        server.requests.clear()
        proc = worksum_crawl(profile, tmp_path / "b", f"{server.base_url}/list/page-1.html", "DEPTH_LIMIT=3",
                             resume=False)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert deepest_page(server) == 4

        server.requests.clear()
        profile = limited_profile(tmp_path, max_depth=0, max_pages=25)
        proc = worksum_crawl(profile, tmp_path / "c", f"{server.base_url}/list/page-1.html", "CONCURRENT_REQUESTS=1",
                             resume=False)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        [stats] = stats_of(tmp_path / "c")
        assert stats["finish_reason"] == "closespider_pagecount" and 25 <= stats["response_received_count"] <= 27
        assert "CLOSESPIDER_PAGECOUNT=25" in err

    with DemoServer(pages=EndlessSite(), delay=0.2) as server:
        profile = limited_profile(tmp_path, max_depth=0, max_hours=0.001)  # 3.6 s
        started = time.monotonic()
        proc = worksum_crawl(profile, tmp_path / "d", f"{server.base_url}/list/page-1.html", resume=False)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert time.monotonic() - started < 30
        [stats] = stats_of(tmp_path / "d")
        assert stats["finish_reason"] == "closespider_timeout"


# --- 16: signals reach Scrapy, which shuts down gracefully; a second Ctrl-C forces; no orphans --------------------

def test_ctrl_c_on_worksum_crawl_shuts_scrapy_down_gracefully_and_resumes(tmp_path):
    with DemoServer(delay=0.4) as server:
        # A terminal's Ctrl-C goes to the whole foreground process group: killpg on a new session does the same.
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/", "CONCURRENT_REQUESTS=1",
                             start_new_session=True)
        wait_for(lambda: len(doc_requests(server)) >= 3, "three document pages")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        first = doc_requests(server)
        assert len(first) < len({p for p in server.pages if p.startswith(("/doc/", "/tw/"))})
        [stats] = stats_of(tmp_path)
        assert stats["finish_reason"] == "shutdown"
        assert_warcs_whole(tmp_path)
        # every page the site answered before the shutdown is archived
        assert sorted(p for p in archived(tmp_path, server.base_url) if p.startswith(("/doc/", "/tw/"))) == sorted(first)
        assert list((tmp_path / "jobdir" / "demo").glob("requests.queue/*"))  # the job dir is kept ...

        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/")  # ... and resumed
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        docs = doc_requests(server)
    assert sorted(docs) == sorted(set(docs)) and set(docs) == {p for p in server.pages if p.startswith(("/doc/", "/tw/"))}


def test_second_ctrl_c_forces_the_crawl_to_stop(tmp_path):
    pages = render_site()
    body, ctype = pages["/list/"]
    pages["/list/"] = (body.replace(b"</ul>", b'<li><a href="/doc/999.html">stall</a></li></ul>'), ctype)
    release = threading.Event()

    def stall(handler):
        release.wait(120)

    with DemoServer(pages=pages, faults={"/doc/999.html": stall}) as server:
        log = tmp_path / "crawl.log"
        try:
            proc = worksum_crawl("demo", tmp_path / "out", f"{server.base_url}/list/", "DOWNLOAD_TIMEOUT=120",
                                 log=log, start_new_session=True)
            wait_for(lambda: "/doc/999.html" in server.requests, "the stalled page to be asked for")
            os.killpg(proc.pid, signal.SIGINT)
            wait_for(lambda: "shutting down gracefully" in log.read_text(), "Scrapy's graceful shutdown")
            assert proc.poll() is None  # a graceful shutdown waits for the stalled page
            forced = time.monotonic()
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=30)
            assert time.monotonic() - forced < 20
            assert proc.returncode == 130, log.read_text()
        finally:
            release.set()
            proc.kill()


def test_sigterm_to_worksum_run_stops_scrapy_before_the_lock_is_released(tmp_path):
    with DemoServer(delay=0.5) as server:
        config = tmp_path / "worksum.toml"
        config.write_text(f'dir = "run"\nsites = ["demo"]\n[start_urls]\ndemo = "{server.base_url}/list/"\n'
                          "[scrapy]\nDOWNLOAD_DELAY = 0\nAUTOTHROTTLE_ENABLED = false\nCONCURRENT_REQUESTS = 1\n")
        proc = subprocess.Popen([sys.executable, "-m", "worksum.cli", "run", "--config", str(config)], cwd=ROOT,
                                env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        children = []
        try:
            wait_for(lambda: len(doc_requests(server)) >= 2, "two document pages")
            children = scrapy_children(proc.pid)
            assert len(children) == 1
            os.kill(proc.pid, signal.SIGTERM)  # the wrapper alone, as `kill PID` or a service manager does
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 143, err
            assert not alive(children[0]), "Scrapy outlived the run that started it"
        finally:
            for pid in children:
                kill_if_alive(pid)
    lock = Lock(tmp_path / "run")
    assert lock.acquire()
    lock.release()
    [stats] = stats_of(tmp_path / "run")
    assert stats["finish_reason"] == "shutdown"
    assert_warcs_whole(tmp_path / "run")


def test_sigkill_to_the_wrapper_takes_scrapy_with_it(tmp_path):
    with DemoServer(delay=1.0) as server:
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/", "CONCURRENT_REQUESTS=1",
                             start_new_session=True)
        children = []
        try:
            wait_for(lambda: len(doc_requests(server)) >= 1, "a document page")
            children = scrapy_children(proc.pid)
            assert len(children) == 1
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            wait_for(lambda: not alive(children[0]), "Scrapy to die with its parent", timeout=5)
        finally:
            for pid in children:
                kill_if_alive(pid)


# --- 17: robots.txt as RFC 9309 says --------------------------------------------------------------------------------

def _answer(status: int):
    def answer(handler):
        handler.send_response(status)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", "5")
        handler.end_headers()
        handler.wfile.write(b"error")
    return answer


@pytest.mark.parametrize("status, allowed", [(500, False), (503, False), (404, True), (403, True)])
def test_robots_txt_status_decides_per_rfc_9309(tmp_path, status, allowed):
    with DemoServer(faults={"/robots.txt": _answer(status)}) as server:
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/", resume=False)
        _, err = proc.communicate(timeout=120)
        others = [p for p in server.requests if p != "/robots.txt"]
    assert proc.returncode == 0, err
    if allowed:  # 4xx: there are no rules, everything may be crawled (/user/ and /down/ included)
        assert set(doc_requests(server)) == {p for p in server.pages if p.startswith(("/doc/", "/tw/"))}
    else:  # 5xx: the site may be in trouble; nothing is fetched this run
        assert others == [], others
        assert "robots.txt" in err and "127.0.0.1" in err and str(status) in err


def test_robots_txt_that_never_answers_disallows_the_site_without_a_long_stall(tmp_path):
    release = threading.Event()
    with DemoServer(faults={"/robots.txt": lambda handler: release.wait(120)}) as server:
        started = time.monotonic()
        try:
            proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/", "DOWNLOAD_TIMEOUT=120",
                                 "ROBOTSTXT_TIMEOUT=2", resume=False)
            _, err = proc.communicate(timeout=60)
        finally:
            release.set()
        others = [p for p in server.requests if p != "/robots.txt"]
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 20  # the robots.txt timeout, not DOWNLOAD_TIMEOUT, and one retry
    assert others == [] and "robots.txt" in err
    # the default bounds the wait to well under the two minutes it took with DOWNLOAD_TIMEOUT and 3 retries
    assert defaults.ROBOTSTXT_TIMEOUT * (1 + defaults.ROBOTSTXT_RETRY_TIMES) <= 30


# --- 19: a re-run into a finished folder fetches the listings again ---------------------------------------------

NEW_DOC = {"id": 301, "site": "bdocx", "title": "某社区2024年志愿服务工作总结", "paragraphs": [
    "今年以来，社区依托新时代文明实践站，组建志愿服务队伍六支，注册志愿者三百二十人，全年开展各类志愿服务活动一百余场。",
    "我们坚持把志愿服务与居民需求结合起来，为辖区老人提供上门理发、代购代办等服务，受到居民普遍好评。",
    "明年，社区将进一步完善志愿者激励机制，推动志愿服务常态化、规范化开展。"]}


def add_new_document(server: DemoServer) -> str:
    server.pages["/doc/301.html"] = (wenku_page(NEW_DOC).encode(), "text/html; charset=utf-8")
    body, ctype = server.pages["/list/page-2.html"]
    server.pages["/list/page-2.html"] = (body.replace(b"</ul>", b'<li><a href="/doc/301.html">new</a></li></ul>'),
                                         ctype)
    return "/doc/301.html"


def test_rerun_of_worksum_crawl_into_a_finished_folder_fetches_listings_again(tmp_path):
    with DemoServer() as server:
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        new = add_new_document(server)
        asked = len(server.requests)
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        again = server.requests[asked:]
    assert {"/list/", "/list/page-2.html"} <= set(again), again
    assert doc_requests_in(again) == [new]  # the new document only: the others are fresh in seen.sqlite


def doc_requests_in(paths: list[str]) -> list[str]:
    return [p for p in paths if p.startswith(("/doc/", "/tw/"))]


# --- 13: a full disk ------------------------------------------------------------------------------------------------

def incompressible_site(n_docs: int = 40, chars: int = 4000) -> dict:
    """Document pages of random Chinese text (gzip cannot shrink them much), all linked from /list/."""
    rng = random.Random(13)
    pages = {"/robots.txt": render_site()["/robots.txt"]}
    for i in range(n_docs):
        text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(chars))
        pages[f"/doc/{i}.html"] = (f"<html><body><h1>文档{i}</h1><p>{text}</p></body></html>".encode(),
                                   "text/html; charset=utf-8")
    links = "".join(f'<li><a href="/doc/{i}.html">{i}</a></li>' for i in range(n_docs))
    pages["/list/"] = (f"<html><body><ul>{links}</ul></body></html>".encode(), "text/html; charset=utf-8")
    return pages


def recorded(out: Path) -> set[str]:
    with sqlite3.connect(out / "seen.sqlite") as db:
        return {row[0] for row in db.execute("select url from seen")}


def assert_disk_full_crawl_ends_cleanly(proc: subprocess.Popen, out: Path, base_url: str) -> list[str]:
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 74, err
    assert "disk" in err.lower() and "full" in err.lower(), err
    [stats] = stats_of(out)
    assert stats["finish_reason"] == "disk_full"
    assert_warcs_whole(out)
    docs = [p for p in archived(out, base_url) if p.startswith("/doc/")]
    assert docs and len(docs) == len(set(docs))
    # a page counts as fetched only once it is in the WARC file
    assert {u.replace(base_url, "") for u in recorded(out)} <= set(docs)
    return docs


def test_warc_write_failing_with_file_too_large_stops_the_crawl_on_a_record_boundary(tmp_path):
    """Deterministic write fault: RLIMIT_FSIZE makes every write past 96 KB fail (EFBIG), as a full disk would."""
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (96_000, 96_000))

    pages = incompressible_site()
    with DemoServer(pages=pages) as server:
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/", "CONCURRENT_REQUESTS=4",
                             preexec_fn=limit)
        first = assert_disk_full_crawl_ends_cleanly(proc, tmp_path, server.base_url)
        assert len(first) < 40
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/")  # room again: the rest is fetched
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    docs = [p for p in archived(tmp_path, server.base_url) if p.startswith("/doc/")]
    assert sorted(docs) == sorted(p for p in pages if p.startswith("/doc/"))  # every page once: none lost, none twice


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs; skipped where it cannot be mounted (needs root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a full-disk test needs root to mount a small tmpfs; not root here")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}): full-disk test skipped")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill `disk` up to `leave` bytes free with a ballast file."""
    ballast = disk / "ballast"
    free = shutil.disk_usage(disk).free
    with open(ballast, "wb") as f:
        f.write(b"\0" * max(free - leave, 0))
    return ballast


def test_full_disk_crawl_and_run_exit_non_zero_and_recover(small_disk, tmp_path):
    pages = incompressible_site(n_docs=60, chars=12_000)  # about 1.1 MB of WARC
    with DemoServer(pages=pages) as server:
        out = small_disk / "crawl"
        ballast = fill(small_disk, 1_300_000)
        proc = worksum_crawl("demo", out, f"{server.base_url}/list/", "CONCURRENT_REQUESTS=4")
        assert_disk_full_crawl_ends_cleanly(proc, out, server.base_url)

        # the scheduled job: its crawl fills the disk, and it exits non-zero saying why
        ballast.unlink()
        ballast = fill(small_disk, 1_300_000)
        config = tmp_path / "worksum.toml"
        config.write_text(f'dir = "{small_disk / "run"}"\nsites = ["demo"]\n[start_urls]\n'
                          f'demo = "{server.base_url}/list/"\n[scrapy]\nDOWNLOAD_DELAY = 0\n'
                          "AUTOTHROTTLE_ENABLED = false\n")
        cmd = [sys.executable, "-m", "worksum.cli", "run", "--config", str(config)]
        run = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=180, check=False)
        assert run.returncode == 74, run.stdout + run.stderr
        assert "disk" in run.stdout and "filled up while crawling demo" in run.stdout, run.stdout
        assert not (small_disk / "run" / "corpus").exists()  # no build on a full disk
        # ... and on a disk that is full before it starts, it does not start a crawl
        run = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=180, check=False)
        assert run.returncode == 74 and "is full" in run.stderr and "Traceback" not in run.stderr, run.stderr

        ballast.unlink()
        shutil.rmtree(small_disk / "run")
        proc = worksum_crawl("demo", out, f"{server.base_url}/list/")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    docs = [p for p in archived(out, server.base_url) if p.startswith("/doc/")]
    assert sorted(docs) == sorted(p for p in pages if p.startswith("/doc/"))


@pytest.mark.parametrize("damage", ["requests.queue/active.json", "spider.state", "queue file", "killed"])
def test_damaged_resume_state_is_recovered_from(tmp_path, damage):
    with DemoServer(delay=0.3) as server:
        proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/", "CONCURRENT_REQUESTS=1",
                             start_new_session=True)
        wait_for(lambda: len(doc_requests(server)) >= 3, "three document pages")
        os.killpg(proc.pid, signal.SIGKILL if damage == "killed" else signal.SIGINT)
        proc.communicate(timeout=60)
        job = tmp_path / "jobdir" / "demo"
        if damage == "queue file":
            [target] = [p for p in (job / "requests.queue").glob("*/*")]
        elif damage != "killed":
            target = job / damage
        if damage != "killed":
            assert target.exists()
            target.write_bytes(b"")  # what a full disk left behind
        for _ in range(2):  # neither this crawl nor any later one fails on it
            proc = worksum_crawl("demo", tmp_path, f"{server.base_url}/list/")
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        assert "Traceback" not in err
        docs = doc_requests(server)
    assert set(docs) == {p for p in server.pages if p.startswith(("/doc/", "/tw/"))}
    assert_warcs_whole(tmp_path)
    assert max([p for p in archived(tmp_path, server.base_url) if p.startswith(("/doc/", "/tw/"))].count(p)
               for p in set(docs)) == 1
