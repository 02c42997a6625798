"""A build under faults in its worker processes: a worker killed mid-build, a page that never finishes."""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import resource
import signal
import subprocess
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

import opencc
import pyarrow.dataset as ds
import pytest

from worksum.cleaning.record import Page
from worksum.cleaning.script import to_simplified
from worksum.corpus.build import BuildConfig, _StageWorker, build
from tests.corpus.test_build_safety import _pages, _snapshot, _urls
from tests.corpus.warcs import page_html, work_text, write_warc

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    """The child processes of `pid` that are not exiting (an exiting process has no command line left)."""
    try:
        found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        return [p for p in found if Path(f"/proc/{p}/cmdline").read_bytes()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(what: str, ready, proc: subprocess.Popen, limit: float = 120):
    deadline = time.monotonic() + limit
    while not (found := ready()):
        assert proc.poll() is None, f"the build ended before {what}"
        assert time.monotonic() < deadline, f"no progress: {what} never happened"
        time.sleep(0.02)
    return found


# ---- item 10: a worker killed mid-build fails the build at once -------------------------------------

@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the worker processes through Linux /proc")
@pytest.mark.parametrize("spool", ["extracted.jsonl", "documents.jsonl"])  # while extracting, while cleaning
def test_a_worker_killed_mid_build_fails_the_build_within_seconds(tmp_path, spool):
    small = write_warc(tmp_path / "w1" / "a.warc.gz", _pages(3))
    big = write_warc(tmp_path / "w2" / "b.warc.gz", _pages(1500, first=100))
    build([str(small)], tmp_path / "c", BuildConfig(workers=1, progress=False))
    before, urls = _snapshot(tmp_path / "c"), _urls(tmp_path / "c")
    proc = subprocess.Popen([sys.executable, "-m", "worksum.cli", "build", str(big), "--out", str(tmp_path / "c"),
                             "--force", "--workers", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        spool_file = tmp_path / "c" / "_work" / spool
        _wait_for(f"{spool} was written", lambda: spool_file.exists() and spool_file.stat().st_size > 0, proc)
        workers = _wait_for("the stage's workers started", lambda: _children(proc.pid), proc)
        os.kill(workers[0], signal.SIGKILL)
        killed = time.monotonic()
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the build hung after worker {workers[0]} was killed ({spool})")
        assert time.monotonic() - killed < 30
        print(f"build ended {time.monotonic() - killed:.2f}s after its worker was killed")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 74, err
    assert "Traceback" not in err and "worker" in err and "SIGKILL" in err and str(tmp_path / "c") in err, err
    assert not any(_alive(pid) for pid in workers)  # no worker lingers
    assert _snapshot(tmp_path / "c") == before and _urls(tmp_path / "c") == urls  # the corpus as it was
    # the lock is free and the next build replaces the corpus as asked
    report = build([str(big)], tmp_path / "c", BuildConfig(workers=2, progress=False, replace=True))
    assert report.kept == 1500 and len(_urls(tmp_path / "c")) == 1500


def _file_size_limit(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # a bigger write fails with EFBIG: no room
    return apply


def test_a_build_that_fails_while_its_workers_hold_pages_ends_at_once(tmp_path):
    """The spool write fails (no room) while both workers are busy: the build stops the workers and ends,
    however they were stopped (one stopped while sending its pages must not hang the build)."""
    small = write_warc(tmp_path / "w1" / "a.warc.gz", _pages(3))
    pages = [{"url": f"http://x.example/doc/{i}.html", "body": page_html(f"第{i}篇工作总结", work_text(i, 300))}
             for i in range(100, 500)]  # big pages: a worker spends much of its time sending them back
    big = write_warc(tmp_path / "w2" / "b.warc.gz", pages)
    build([str(small)], tmp_path / "c", BuildConfig(workers=1, progress=False))
    before = _snapshot(tmp_path / "c")
    for attempt in range(3):  # the moment the write fails differs every time
        proc = subprocess.Popen([sys.executable, "-m", "worksum.cli", "build", str(big), "--out",
                                 str(tmp_path / "c"), "--force", "--workers", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True,
                                preexec_fn=_file_size_limit(2_000_000 + attempt * 700_000))
        try:
            _, err = proc.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"the build hung after a write failed (attempt {attempt})")
        assert proc.returncode == 74 and "Traceback" not in err, err
        assert _snapshot(tmp_path / "c") == before


# ---- item 11: per-page time limits that nothing swallows --------------------------------------------

def _in_child(fn, limit: float):
    """fn() in a forked process (a page's time limit is a signal: it needs a process's main thread, and
    pytest-timeout's alarm stays untouched); its result, or a failure when it takes over `limit` seconds."""
    def run():
        try:
            results.put((True, fn()))
        except Exception:  # noqa: BLE001 -- shown by the test
            results.put((False, traceback.format_exc()))

    ctx = mp.get_context("fork")
    results = ctx.Queue()
    child = ctx.Process(target=run)
    child.start()
    try:
        ok, result = results.get(timeout=limit)
        assert ok, result
        return result
    except queue.Empty:
        pytest.fail(f"still running after {limit}s")
    finally:
        child.kill()
        child.join()


def _never_ends(*args):
    """A step stuck in a loop with a catch-all, as parsers have: an Exception raised inside it is swallowed."""
    while True:
        try:
            sum(range(10_000))
        except Exception:  # noqa: BLE001, S110 -- the point: a catch-all must not swallow the time limit
            pass


PAGE = Page(url="http://x.example/stuck.html", status=200, content_type="text/html; charset=utf-8",
            body=page_html("第1篇工作总结", work_text(1)))


def test_a_page_stuck_in_extraction_is_cut_off_through_a_catch_all():
    def extract():
        worker = _StageWorker({}, {}, BuildConfig(extract_timeout_s=0.5))
        worker.extract = _never_ends
        started = time.monotonic()
        ex, _, _ = worker.extract_one(PAGE)
        return ex.reason, time.monotonic() - started

    reason, seconds = _in_child(extract, limit=30)
    assert reason == "extract_timeout" and seconds < 5


def test_a_page_stuck_in_cleaning_is_cut_off_through_a_catch_all():
    def clean():
        cfg = BuildConfig(clean_timeout_s=0.5)
        worker = _StageWorker({}, {}, cfg)
        ex = _StageWorker({}, {}, cfg).extract_one(PAGE)[0]  # a real page, extracted
        worker.cleaner = _never_ends
        started = time.monotonic()
        rows, _ = worker.clean_one((ex.__dict__, "a.warc.gz"))
        return [(row["url"], row["reason"], sig) for row, sig, *_ in rows], time.monotonic() - started

    rows, seconds = _in_child(clean, limit=30)
    assert rows == [(PAGE.url, "clean_timeout", None)] and seconds < 5


def test_a_build_rejects_pages_over_their_time_limit_and_keeps_the_rest(tmp_path):
    """Real pages through real worker processes: one big page needs seconds per stage, the small ones
    milliseconds; each stage's limit lies in between."""
    huge = {"url": "http://x.example/huge.html", "body": page_html("第0篇工作总结", work_text(0, 60_000))}
    warc = write_warc(tmp_path / "w" / "a.warc.gz", [huge, *_pages(6, first=1)])
    for stage, cfg in (("extract", BuildConfig(workers=2, progress=False, extract_timeout_s=0.3)),
                       ("clean", BuildConfig(workers=2, progress=False, clean_timeout_s=0.3))):
        out = tmp_path / stage
        report = build([str(warc)], out, cfg)
        rejected = ds.dataset(out / "rejected", format="parquet").to_table().to_pylist()
        assert [(r["url"], r["reason"]) for r in rejected] == [(huge["url"], f"{stage}_timeout")]
        assert report.kept == 6 and Counter(report.reasons) == {f"{stage}_timeout": 1}


# ---- item 11: script conversion is linear in the clause length -------------------------------------

def test_script_conversion_of_one_huge_clause_is_quick():
    sentence = "本单位积极推进资讯系统建设与智慧财产权保护工作并在专案管理方面取得进展"  # no punctuation: one clause
    taiwan = opencc.OpenCC("s2twp").convert(sentence)
    text = taiwan * (40_000 // len(taiwan))

    def convert():
        to_simplified(taiwan)  # load the word list before timing
        started = time.perf_counter()
        return to_simplified(text), time.perf_counter() - started

    out, seconds = _in_child(convert, limit=20)  # minutes when the whole clause was diffed
    assert seconds < 2
    assert out == opencc.OpenCC("t2s").convert(text)  # beyond the bound: plain t2s, no phrase policy
    # a clause within the bound still gets the phrase policy (资讯 → 信息, 专案 → 项目)
    assert to_simplified(taiwan) != opencc.OpenCC("t2s").convert(taiwan)
