"""`worksum run` against a local site while the test kills the crawl and the build at random
points and fills the disk; afterwards the corpus is the one an undisturbed run makes.

Every kill waits on progress the test can see (a page recorded as archived, a line in a build
spool file, a build worker running), never on a fixed sleep; the random choices come from a
seeded generator (WORKSUM_FAULT_SEED picks another), so a failure can be replayed. Deselect with
`-m "not slow"`.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from worksum.corpus.lock import Lock
from worksum.corpus.shards import sha256_file
from tests.corpus.warcs import work_text
from worksum.demo_site import DemoServer, listing_page, render_site, wenku_page

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
SEED = int(os.environ.get("WORKSUM_FAULT_SEED", "20240611"))  # another seed, another set of moments
EXTRA_DOCS = 120  # documents beside the demo site's own: enough pages for a crawl and a build to be cut at many points
KILLS = 10
ENDED = object()  # what a wait returns when the run ended before the awaited progress


def _site() -> dict[str, tuple[bytes, str]]:
    """The demo site (GBK, Traditional, a near-duplicate, a job advert) plus EXTRA_DOCS work documents on
    listings of their own."""
    pages = render_site()
    links = []
    for i in range(EXTRA_DOCS):
        text = work_text(5000 + i, sentences=30)
        doc = {"id": 500 + i, "title": f"第{i + 1}号工作总结", "paragraphs": [s + "。" for s in text.split("。") if s]}
        pages[f"/doc/{500 + i}.html"] = (wenku_page(doc).encode("utf-8"), "text/html; charset=utf-8")
        links.append((f"/doc/{500 + i}.html", doc["title"]))
    per = 20
    for n, start in enumerate(range(0, len(links), per), start=3):
        nxt = f"/list/page-{n + 1}.html" if start + per < len(links) else None
        pages[f"/list/page-{n}.html"] = (listing_page(f"总结汇报 第{n}页", links[start:start + per], nxt)
                                         .encode("utf-8"), "text/html; charset=utf-8")
    body, ctype = pages["/list/page-2.html"]
    pages["/list/page-2.html"] = (body.replace(b'<a href="/list/">', b'<a class="next" href="/list/page-3.html">'),
                                  ctype)
    return pages


@pytest.fixture(scope="module")
def site():
    with DemoServer(pages=_site(), delay=0.03) as server:
        yield server


@pytest.fixture(scope="module")
def reference(site, tmp_path_factory):
    """The corpus of one undisturbed run."""
    base = tmp_path_factory.mktemp("reference")
    proc = _run(_config(base, base / "run", site))
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    return _verified_rows(base / "run" / "corpus")


def _config(base: Path, run_dir: Path, server: DemoServer) -> Path:
    path = base / "worksum.toml"
    path.write_text(f'dir = "{run_dir}"\nsites = ["demo"]\nworkers = 2\n'
                    f'[start_urls]\ndemo = "{server.base_url}/list/"\n'
                    "[scrapy]\nDOWNLOAD_DELAY = 0\nAUTOTHROTTLE_ENABLED = false\nCONCURRENT_REQUESTS = 2\n")
    return path


def _run(config: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "worksum.cli", "run", "--config", str(config)], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _verified_rows(corpus: Path) -> Counter:
    """(url, part, sha256) of every kept row, read from the files the manifest lists; every listed file's
    checksum verified, and nothing else where a reader looks."""
    manifest = json.loads((corpus / "manifest.json").read_text())
    for entries in manifest["files"].values():
        for f in entries:
            assert sha256_file(corpus / f["path"]) == f["sha256"], f"{f['path']} does not match manifest.json"
    data = [f["path"] for f in manifest["files"]["data"]]
    assert sorted(str(p.relative_to(corpus)) for p in (corpus / "data").glob("*")) == sorted(data)
    rows = Counter()
    for rel in data:
        for r in pq.read_table(corpus / rel, columns=["url", "part", "text", "sha256"]).to_pylist():
            assert hashlib.sha256(r["text"].encode()).hexdigest() == r["sha256"]
            rows[(r["url"], r["part"], r["sha256"])] += 1
    assert sum(rows.values()) == manifest["rows"]["data"]
    return rows


# ---- what the test can see of a run -------------------------------------------------------------------

def _archived(run_dir: Path) -> int:
    """Pages recorded as archived (a page is recorded only after its WARC record is written)."""
    try:
        with sqlite3.connect(f"file:{run_dir / 'seen.sqlite'}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("select count(*) from seen").fetchone()[0]
    except sqlite3.Error:  # not created yet, or being written
        return 0


def _warc_bytes(run_dir: Path) -> int:
    """Bytes archived so far (a WARC file grows record by record, flushed page by page)."""
    total = 0
    for path in (run_dir / "warc").glob("*"):
        try:
            total += path.stat().st_size
        except OSError:  # renamed from *.open as the crawl closed it
            pass
    return total


def _spool_lines(run_dir: Path, name: str, since: int) -> int:
    """Lines in a build spool file written after `since` (time.time_ns()): a killed build leaves its own."""
    try:
        with open(run_dir / "corpus" / "_work" / name, "rb") as fh:
            if os.fstat(fh.fileno()).st_mtime_ns <= since:
                return 0
            return fh.read().count(b"\n")
    except OSError:
        return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _build_workers(pid: int) -> list[int]:
    """The run's build worker processes: forks of the run (the crawler is a `scrapy` process), not exiting
    (an exiting process has no command line left)."""
    found = []
    for child in _children(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if cmdline and b"scrapy" not in cmdline:
                found.append(child)
        except OSError:
            pass
    return found


def _wait(proc: subprocess.Popen, ready, limit: float = 120):
    """Poll until ready() returns something true; ENDED if the run exits first."""
    deadline = time.monotonic() + limit
    while True:
        found = ready()
        if found:
            return found
        if proc.poll() is not None:
            return ENDED
        assert time.monotonic() < deadline, "the run made no visible progress"
        time.sleep(0.01)


def _kill_all(proc: subprocess.Popen, run_dir: Path) -> None:
    """SIGKILL the run and everything under it; return once all of it is gone and the run lock is free."""
    family = [proc.pid] + [g for c in _children(proc.pid) for g in [c, *_children(c)]]
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for pid in family[1:]:  # the crawler has a session of its own (it dies with the run, PR_SET_PDEATHSIG)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    lock = Lock(run_dir)
    while not lock.acquire():
        assert time.monotonic() < deadline, "the run lock is still held after the kill"
        time.sleep(0.01)
    lock.release()


def _finish(config: Path) -> None:
    """One undisturbed run: it ends well."""
    proc = _run(config)
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err


# ---- the tests -------------------------------------------------------------------------------------

def test_random_kills_of_crawl_and_build_end_with_the_undisturbed_corpus(site, reference, tmp_path):
    rnd = random.Random(SEED)
    run_dir = tmp_path / "run"
    config = _config(tmp_path, run_dir, site)
    total_docs = sum(1 for p in site.pages if p.startswith(("/doc/", "/tw/")))
    kills: list[str] = []
    crawl_kills = rnd.randint(3, KILLS - 3)
    targets = ["crawl"] * crawl_kills + [rnd.choice(["build", "worker"]) for _ in range(KILLS - crawl_kills)]
    for target in targets:  # the crawl is cut first (pages remain to fetch); then the build, whole or one worker
        spool, lines = rnd.choice(["extracted.jsonl", "documents.jsonl"]), rnd.randint(1, 8)  # of 60 and more
        before, step = _archived(run_dir), rnd.randint(1, 6)
        started = time.time_ns()
        proc = _run(config)
        if target == "crawl":  # once pages are recorded as archived, or mid-way through archiving one
            if rnd.random() < 0.5:
                seen = _wait(proc, lambda: _archived(run_dir) >= before + step)
            else:
                grown = _warc_bytes(run_dir) + rnd.randint(1, 40_000)
                seen = _wait(proc, lambda: _warc_bytes(run_dir) >= grown)
            assert seen is not ENDED and _archived(run_dir) < total_docs, "the crawl ended before it could be cut"
            _kill_all(proc, run_dir)
            kills.append(f"crawl after {_archived(run_dir) - before} new pages")
            continue
        in_stage = lambda: _spool_lines(run_dir, spool, started) >= lines and _build_workers(proc.pid)  # noqa: E731
        workers = _wait(proc, in_stage)
        assert workers is not ENDED, f"the run ended before it could be cut ({proc.returncode}) after {kills}"
        if target == "build":
            _kill_all(proc, run_dir)
            kills.append(f"build at line {lines} of {spool}")
            continue
        os.kill(rnd.choice(workers), signal.SIGKILL)
        _, err = proc.communicate(timeout=60)  # a dead worker stops the build at once, with a message
        assert proc.returncode == 74 and "worker process died" in err, (err, kills)
        kills.append(f"build worker at line {lines} of {spool}")
    print(f"seed {SEED}: {kills}")
    _finish(config)
    rows = _verified_rows(run_dir / "corpus")
    assert set(rows.values()) == {1}, "documents doubled"
    assert rows == reference, (f"lost {sorted(set(reference) - set(rows))}, "
                               f"added {sorted(set(rows) - set(reference))} after kills: {kills}")


def _mount_tmpfs(path: Path, size: str) -> str:
    """Mount a tmpfs of `size` at path; '' when done, else why not."""
    if not shutil.which("mount") or os.geteuid() != 0:
        return "not root, or no mount command"
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True,
                          text=True)
    return "" if done.returncode == 0 else (done.stderr.strip() or f"mount exited {done.returncode}")


def _fill(disk: Path) -> Path:
    """Take every free byte of the disk at once (fallocate), then the last scraps by writing."""
    ballast = disk / "ballast"
    with open(ballast, "wb") as fh:
        st = os.statvfs(disk)
        try:  # all or nothing: it fails when the run wrote in the meantime; the writes below take the rest
            os.posix_fallocate(fh.fileno(), 0, max(st.f_bavail - 16, 1) * st.f_frsize)
        except OSError:
            pass
        try:
            while True:
                os.write(fh.fileno(), b"\0" * 4096)
        except OSError:
            pass
    return ballast


def test_a_disk_that_fills_during_crawl_and_build_ends_with_the_undisturbed_corpus(site, reference, tmp_path):
    disk = tmp_path / "disk"
    why = _mount_tmpfs(disk, "64m")
    if why:
        pytest.skip(f"the full-disk part needs a tmpfs it can fill, and mounting one failed: {why}")
    try:
        rnd = random.Random(SEED + 1)
        run_dir = disk / "run"
        config = _config(tmp_path, run_dir, site)
        for stage in ("crawl", "extract", "clean"):  # the disk fills in each, at a random point
            started = time.time_ns()
            proc = _run(config)
            if stage == "crawl":
                step = rnd.randint(2, 10)
                reached = _wait(proc, lambda: _archived(run_dir) >= step)
            else:
                spool = "documents.jsonl" if stage == "clean" else "extracted.jsonl"
                lines = rnd.randint(1, 20)
                reached = _wait(proc, lambda: _spool_lines(run_dir, spool, started) >= lines)
            assert reached is not ENDED, f"the run ended before the disk could fill ({stage})"
            ballast = _fill(disk)
            try:
                out, err = proc.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                _kill_all(proc, run_dir)
                pytest.fail(f"the run hung when the disk filled during the {stage}")
            assert proc.returncode == 74 and "full" in out + err, (stage, proc.returncode, out, err)
            ballast.unlink()
        _finish(config)
        rows = _verified_rows(run_dir / "corpus")
        assert set(rows.values()) == {1}, "documents doubled"
        assert rows == reference, (f"lost {sorted(set(reference) - set(rows))}, "
                                   f"added {sorted(set(rows) - set(reference))}")
    finally:
        for _ in range(50):
            if subprocess.run(["umount", str(disk)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        else:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)
