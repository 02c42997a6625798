"""A build never loses or doubles the corpus (issue 11: items 1, 2, 5, 6, 7, 8)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from worksum.corpus import load
from worksum.corpus.build import BuildConfig, SchemaMismatch, build
from worksum.corpus.index import IndexUnusable, SegmentIndex
from worksum.corpus.minhash import MinHashConfig
from worksum.corpus.lock import Lock
from worksum.corpus.shards import sha256_file
from tests.corpus.warcs import page_html, work_text, write_warc

ROOT = Path(__file__).resolve().parents[2]
CFG = BuildConfig(workers=1, progress=False)


def _pages(n: int, first: int = 0, prefix: str = "http://x.example/doc") -> list[dict]:
    return [{"url": f"{prefix}/{i}.html", "body": page_html(f"第{i}篇工作总结", work_text(i))}
            for i in range(first, first + n)]


def _snapshot(corpus: Path) -> dict[str, str]:
    """Every file the manifest lists, with its checksum verified; plus the manifest's own."""
    manifest = json.loads((corpus / "manifest.json").read_text())
    files = {f["path"]: f["sha256"] for kind in manifest["files"].values() for f in kind}
    for rel, digest in files.items():
        assert sha256_file(corpus / rel) == digest, rel
    return {**files, "manifest.json": sha256_file(corpus / "manifest.json")}


def _cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "worksum.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def _urls(corpus: Path) -> list[str]:
    return sorted(load(corpus, columns=["url"])["url"])


# ---- item 1: a full rebuild never destroys the corpus before it commits ------------------------------

def test_a_full_rebuild_that_fails_leaves_the_previous_corpus(tmp_path):
    warcs = write_warc(tmp_path / "w" / "a.warc.gz", _pages(4))
    build([str(warcs)], tmp_path / "c", CFG)
    before, urls = _snapshot(tmp_path / "c"), _urls(tmp_path / "c")
    bad = _cli("build", str(warcs), "--out", str(tmp_path / "c"), "--force", "--workers", "0")
    assert bad.returncode != 0
    assert _snapshot(tmp_path / "c") == before and _urls(tmp_path / "c") == urls


def _wait_until_group_gone(pgid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        assert time.monotonic() < deadline, "the killed build's processes did not go away"
        time.sleep(0.02)


def test_a_full_rebuild_killed_mid_way_leaves_the_previous_corpus(tmp_path):
    small = write_warc(tmp_path / "w1" / "a.warc.gz", _pages(3))
    big = write_warc(tmp_path / "w2" / "b.warc.gz", _pages(400, first=100))
    build([str(small)], tmp_path / "c", CFG)
    before, urls = _snapshot(tmp_path / "c"), _urls(tmp_path / "c")
    for stage_file in ("extracted.jsonl", "documents.jsonl"):  # kill -9 while extracting, then while cleaning
        proc = subprocess.Popen([sys.executable, "-m", "worksum.cli", "build", str(big), "--out", str(tmp_path / "c"),
                                 "--force", "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        spool = tmp_path / "c" / "_work" / stage_file
        deadline = time.monotonic() + 120
        while not (spool.exists() and spool.stat().st_size > 0):
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build made no progress"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        _wait_until_group_gone(proc.pid)  # its workers hold the build lock until they are gone too
        assert _snapshot(tmp_path / "c") == before and _urls(tmp_path / "c") == urls
        assert pd.read_parquet(tmp_path / "c" / "data")["url"].sort_values().tolist() == urls
    report = build([str(big)], tmp_path / "c", BuildConfig(workers=1, progress=False, replace=True))
    assert report.kept == 400 and len(_urls(tmp_path / "c")) == 400
    assert not (tmp_path / "c" / "_work").exists()


def test_building_into_an_existing_corpus_needs_force_or_incremental(tmp_path):
    warcs = write_warc(tmp_path / "w" / "a.warc.gz", _pages(3))
    build([str(warcs)], tmp_path / "c", CFG)
    before = _snapshot(tmp_path / "c")
    refused = _cli("build", str(warcs), "--out", str(tmp_path / "c"), "--workers", "1")
    assert refused.returncode == 2 and "holds a corpus (3 documents)" in refused.stderr
    assert "--force" in refused.stderr and "--incremental" in refused.stderr
    assert _snapshot(tmp_path / "c") == before
    replaced = _cli("build", str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(2, first=50))),
                    "--out", str(tmp_path / "c"), "--workers", "1", "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert _urls(tmp_path / "c") == [f"http://x.example/doc/{i}.html" for i in (50, 51)]
    _snapshot(tmp_path / "c")  # every file listed exists and verifies; the old shards are gone
    assert len(list((tmp_path / "c" / "data").iterdir())) == 1


# ---- item 6: readers see committed shards only --------------------------------------------------------

def test_a_build_that_never_commits_leaves_nothing_where_readers_look(tmp_path, monkeypatch):
    import worksum.corpus.build as b

    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(3)))], tmp_path / "c", CFG)
    urls = _urls(tmp_path / "c")

    def killed(self):
        raise KeyboardInterrupt  # the process dies right before its commit

    monkeypatch.setattr(b.Commit, "apply", killed)
    with pytest.raises(KeyboardInterrupt):
        build([str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(3, first=10)))], tmp_path / "c",
              BuildConfig(workers=1, progress=False, incremental=True))
    assert sorted(pd.read_parquet(tmp_path / "c" / "data")["url"]) == urls  # the line the build prints
    assert sorted(p.name for p in (tmp_path / "c" / "data").iterdir()) == ["train-00000-of-00001.parquet"]
    assert _urls(tmp_path / "c") == urls


def test_a_reader_during_a_commit_sees_the_build_being_committed(tmp_path, monkeypatch):
    import worksum.corpus.shards as shards

    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(6)))], tmp_path / "c",
          BuildConfig(workers=1, progress=False, shard_bytes=4000))  # several shards
    old_shards = len(list((tmp_path / "c" / "data").iterdir()))
    assert old_shards > 1
    real_run = shards._run

    def renames_only(journal, moves, deletes, start=0):  # killed after the renames, before the removals
        real_run(journal, moves, [], start)
        raise KeyboardInterrupt

    monkeypatch.setattr(shards, "_run", renames_only)
    with pytest.raises(KeyboardInterrupt):
        build([str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(2, first=10)))], tmp_path / "c",
              BuildConfig(workers=1, progress=False, replace=True))
    new = [f"http://x.example/doc/{i}.html" for i in (10, 11)]
    assert _urls(tmp_path / "c") == new  # the journal says which files are the corpus now
    monkeypatch.setattr(shards, "_run", real_run)
    build([str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(2, first=10)))], tmp_path / "c",
          BuildConfig(workers=1, progress=False, incremental=True))  # finishes the commit, adds nothing
    assert sorted(pd.read_parquet(tmp_path / "c" / "data")["url"]) == new
    _snapshot(tmp_path / "c")


# ---- item 8: one build at a time ----------------------------------------------------------------------

def test_a_second_build_into_the_same_folder_exits_75(tmp_path):
    warcs = write_warc(tmp_path / "w" / "a.warc.gz", _pages(30))
    first = subprocess.Popen([sys.executable, "-m", "worksum.cli", "build", str(warcs), "--out", str(tmp_path / "c"),
                              "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / "c" / "build.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert first.poll() is None and time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGSTOP)  # holds the lock for as long as the second build takes to start
    try:
        second = _cli("build", str(warcs), "--out", str(tmp_path / "c"), "--workers", "1", "--incremental")
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert second.returncode == 75 and f"pid {first.pid}" in second.stderr and "build.lock" in second.stderr
    assert first.wait(timeout=240) == 0, first.stderr.read()[-2000:]
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text())
    assert len(manifest["builds"]) == 1 and manifest["counts"]["kept"] == 30


def test_the_lock_is_the_one_worksum_run_takes(tmp_path):
    from worksum.run import Lock as RunLock

    assert RunLock is Lock
    held = Lock(tmp_path / "c", "build.lock")
    assert held.acquire()
    try:
        refused = _cli("build", str(write_warc(tmp_path / "w" / "a.warc.gz", _pages(1))), "--out",
                       str(tmp_path / "c"), "--workers", "1")
        assert refused.returncode == 75 and f"pid {os.getpid()}" in refused.stderr
    finally:
        held.release()
    assert not (tmp_path / "c" / "manifest.json").exists()


# ---- item 5: the dedup index missing or unreadable ---------------------------------------------------

def test_a_missing_index_is_made_again_from_the_shards(tmp_path, caplog):
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(5)))], tmp_path / "c", CFG)
    shutil.rmtree(tmp_path / "c" / "dedup" / "index")
    again = [{**p, "url": p["url"].replace("x.example", "mirror.example")} for p in _pages(5)]  # copies elsewhere
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", again))], tmp_path / "c",
                   BuildConfig(workers=1, progress=False, incremental=True))
    assert report.kept == 0 and report.duplicates == report.duplicates_of_released == 5
    assert len(_urls(tmp_path / "c")) == 5
    assert len(SegmentIndex(tmp_path / "c" / "dedup" / "index", MinHashConfig())) == 5
    assert any("dedup/index was missing" in m for m in caplog.messages)


def test_an_unreadable_index_stops_the_build_with_its_name(tmp_path):
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(2)))], tmp_path / "c", CFG)
    index = tmp_path / "c" / "dedup" / "index" / "index.json"
    index.write_bytes(b"not json at all")
    before = _snapshot(tmp_path / "c")
    with pytest.raises(IndexUnusable, match="index.json is unreadable"):
        build([str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(2, first=5)))], tmp_path / "c",
              BuildConfig(workers=1, progress=False, incremental=True))
    assert _snapshot(tmp_path / "c") == before


# ---- item 7: inputs by content; metadata that does not fit the schema --------------------------------

def test_incremental_builds_know_inputs_by_content_not_name(tmp_path):
    def same_size(seed: int) -> list[dict]:  # bodies of equal byte length, different text
        return [{"url": f"http://x.example/{i}.html", "body": page_html("某局工作总结", work_text(seed * 100 + i)),
                 "date": "2024-05-01T00:00:00Z"} for i in range(3)]

    path = tmp_path / "w" / "crawl.warc"
    write_warc(path, same_size(1), gzip=False)
    build([str(path)], tmp_path / "c", CFG)
    size = path.stat().st_size
    variants = (s for s in range(2, 500) if len(b"".join(p["body"] for p in same_size(s))) ==
                len(b"".join(p["body"] for p in same_size(1))))
    write_warc(path, same_size(next(variants)), gzip=False)  # another crawl, same file name, same size
    if path.stat().st_size != size:
        pytest.skip("could not make a same-size input")
    report = build([str(path)], tmp_path / "c", BuildConfig(workers=1, progress=False, incremental=True))
    assert report.skipped_inputs == 0 and report.updated == 3
    copy = tmp_path / "w2" / "renamed.warc"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    again = build([str(copy)], tmp_path / "c", BuildConfig(workers=1, progress=False, incremental=True))
    assert again.skipped_inputs == 1 and again.pages == 0


def test_metadata_that_is_no_column_fails_loudly(tmp_path, monkeypatch):
    import worksum.cleaning.metadata as metadata

    real = metadata.quality_signals
    monkeypatch.setattr(metadata, "quality_signals", lambda lines: {**real(lines), "template_score": 0.5})
    with pytest.raises(SchemaMismatch, match="template_score"):
        build([str(write_warc(tmp_path / "w" / "a.warc.gz", _pages(2)))], tmp_path / "c", CFG)
    assert not (tmp_path / "c" / "manifest.json").exists()


# ---- item 2: a page fetched again with other text is an update ---------------------------------------

def test_a_refetched_page_with_new_text_replaces_the_old_version(tmp_path):
    url = "http://x.example/doc/0.html"
    v1 = write_warc(tmp_path / "w1" / "a.warc.gz", [{"url": url, "body": page_html("某局工作总结", work_text(101))},
                                                    *_pages(2, first=1)])
    build([str(v1)], tmp_path / "c", CFG)
    v2 = write_warc(tmp_path / "w2" / "b.warc.gz", [{"url": url, "body": page_html("某局工作总结", work_text(102))}])
    report = build([str(v2)], tmp_path / "c", BuildConfig(workers=1, progress=False, incremental=True))
    assert report.updated == 1 and report.kept == 1
    rows = load(tmp_path / "c")
    assert sorted(rows["url"]) == sorted([url, "http://x.example/doc/1.html", "http://x.example/doc/2.html"])
    [text] = rows[rows["url"] == url]["text"]
    assert work_text(102).split("。")[0] in text and work_text(101).split("。")[0] not in text
    snapshot = _snapshot(tmp_path / "c")
    assert json.loads((tmp_path / "c" / "manifest.json").read_text())["rows"]["data"] == 3
    # the same text once more changes nothing: it is in the corpus already
    v3 = write_warc(tmp_path / "w3" / "c.warc.gz", [{"url": url, "body": page_html("某局工作总结", work_text(102))}])
    same = build([str(v3)], tmp_path / "c", BuildConfig(workers=1, progress=False, incremental=True))
    assert same.updated == 0 and same.kept == 0 and same.dup_reasons == {"recrawled": 1}
    data_files = {k: v for k, v in _snapshot(tmp_path / "c").items() if k.startswith("data/")}
    assert len(load(tmp_path / "c")) == 3 and data_files == {k: v for k, v in snapshot.items() if k.startswith("data/")}


def test_a_commit_killed_after_its_renames_is_finished_without_harm(tmp_path, monkeypatch):
    """An update empties one shard and adds one: shard names shift onto each other's (a rename chain)."""
    import worksum.corpus.shards as shards

    url = "http://x.example/doc/0.html"
    one_per_shard = dict(workers=1, progress=False, shard_bytes=1)
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", [{"url": url, "body": page_html("总结", work_text(101))},
                                                           *_pages(1, first=1)]))], tmp_path / "c",
          BuildConfig(**one_per_shard))
    assert len(list((tmp_path / "c" / "data").iterdir())) == 2
    real_run = shards._run

    def killed_before_removals(journal, moves, deletes, start=0):
        real_run(journal, moves, [], start)
        raise KeyboardInterrupt

    monkeypatch.setattr(shards, "_run", killed_before_removals)
    update = str(write_warc(tmp_path / "w2" / "b.warc.gz", [{"url": url, "body": page_html("总结", work_text(102))}]))
    with pytest.raises(KeyboardInterrupt):
        build([update], tmp_path / "c", BuildConfig(**one_per_shard, incremental=True))
    assert _urls(tmp_path / "c") == [url, "http://x.example/doc/1.html"]  # read as the journal says
    monkeypatch.setattr(shards, "_run", real_run)
    build([update], tmp_path / "c", BuildConfig(**one_per_shard, incremental=True))  # finishes the commit
    _snapshot(tmp_path / "c")
    rows = load(tmp_path / "c")
    assert sorted(rows["url"]) == [url, "http://x.example/doc/1.html"]
    assert work_text(102).split("。")[0] in rows[rows["url"] == url]["text"].iloc[0]


def test_a_damaged_manifest_is_named(tmp_path):
    build([str(write_warc(tmp_path / "w" / "a.warc.gz", _pages(2)))], tmp_path / "c", CFG)
    (tmp_path / "c" / "manifest.json").write_text('{"files": {"data": [')
    run = _cli("build", str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(1, first=9))), "--out",
               str(tmp_path / "c"), "--incremental", "--workers", "1")
    assert run.returncode == 2 and f"{tmp_path / 'c' / 'manifest.json'} is not a readable manifest" in run.stderr
