"""The `worksum` command as an operator meets it: bad configuration, bad arguments, bugs, exit codes.

Every case runs the real command in its own process; the crawl cases crawl a real server on 127.0.0.1.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from worksum.demo_site import DemoServer

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
DEMO_PROFILE = ROOT / "crawler" / "sites" / "demo.toml"


def worksum(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "worksum.cli", *map(str, args)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=timeout, check=False)


def patched_worksum(patch: str, *args: str) -> subprocess.CompletedProcess:
    """`worksum ARGS` with PATCH (Python) run first: a bug injected into a real process."""
    code = f"import sys\n{patch}\nimport worksum.cli\nsys.exit(worksum.cli.main({[str(a) for a in args]!r}))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=120, check=False)


def config(tmp_path: Path, body: str, server: DemoServer | None = None) -> Path:
    path = tmp_path / "worksum.toml"
    start = f'\n[start_urls]\ndemo = "{server.base_url}/list/"\n' if server else ""
    scrapy = "\n[scrapy]\nDOWNLOAD_DELAY = 0\nAUTOTHROTTLE_ENABLED = false\n" if server else ""
    path.write_text(body + start + scrapy, encoding="utf-8")
    return path


def bad_regex_profile(tmp_path: Path) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(DEMO_PROFILE.read_text(encoding="utf-8").replace("document_links = [", "document_links = ['([', "),
                    encoding="utf-8")
    return path


# --- 21: configuration and profiles are validated when loaded, before any crawl ---------------------------------

@pytest.mark.parametrize("body, names", [
    ('dir = "run"\nsites = "demo"\n', "sites"),
    ('dir = "run"\nsites = ["demo"]\nworkers = "two"\n', "workers"),
    ('dir = "run"\nsites = ["demo"]\nworkers = 0\n', "workers"),
    ('dir = "run"\nsites = ["demo"]\nrecrawl_days = -1\n', "recrawl_days"),
    ('dir = "run"\nsites = ["demo"]\nrecrawl_days = "30"\n', "recrawl_days"),
    ('dir = "run"\nsites = ["demo", "no-such-site"]\n', "no-such-site"),
    ('dir = "run"\nsites = ["demo"]\n[start_urls]\nother = "http://127.0.0.1:1/"\n', "other"),
    ('dir = 5\nsites = ["demo"]\n', "dir"),
    ('dir = "run"\nsites = ["demo"]\n[scrapy]\nDOWNLOAD_DELAY = [1, 2]\n', "DOWNLOAD_DELAY"),
])
def test_bad_config_exits_2_before_any_crawl_naming_the_key(tmp_path, body, names):
    with DemoServer() as server:
        path = tmp_path / "worksum.toml"
        path.write_text(body, encoding="utf-8")
        proc = worksum("run", "--config", path)
        assert not server.requests
    assert proc.returncode == 2, proc.stderr
    assert str(path) in proc.stderr and names in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "run" / "warc").exists()


def test_invalid_regex_in_a_profile_fails_before_the_first_site_is_crawled(tmp_path):
    broken = bad_regex_profile(tmp_path)
    with DemoServer() as server:
        path = config(tmp_path, f'dir = "run"\nsites = ["demo", "{broken}"]\n', server)
        proc = worksum("run", "--config", path)
        assert not server.requests, "demo was crawled before the broken profile was noticed"
    assert proc.returncode == 2, proc.stderr
    assert str(broken) in proc.stderr and "document_links" in proc.stderr and "([" in proc.stderr, proc.stderr


def test_worksum_crawl_rejects_a_broken_profile_before_starting_scrapy(tmp_path):
    proc = worksum("crawl", bad_regex_profile(tmp_path), "--out", tmp_path / "out")
    assert proc.returncode == 2, proc.stderr
    assert "broken.toml" in proc.stderr and "document_links" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "warc").exists()


# --- 22: only worksum's own errors are reported as one line; a bug shows its traceback and its own code ---------

def test_a_bug_prints_its_traceback_and_exits_70_not_2():
    bug = "import pyarrow.lib, worksum.corpus.stats\ndef boom(*a, **k): raise pyarrow.lib.ArrowInvalid('a bug in the code')\n" \
          "worksum.corpus.stats.corpus_stats = boom"
    proc = patched_worksum(bug, "stats", ROOT)
    assert proc.returncode == 70, proc.stderr
    assert "Traceback (most recent call last)" in proc.stderr and "ArrowInvalid: a bug in the code" in proc.stderr


def test_a_crash_inside_run_is_not_reported_as_partial(tmp_path):
    bug = "import json, worksum.corpus.build\ndef boom(*a, **k): json.loads('{not json')\nworksum.corpus.build.build = boom"
    with DemoServer() as server:
        path = config(tmp_path, 'dir = "run"\nsites = ["demo"]\n', server)
        proc = patched_worksum(bug, "run", "--config", path)
    assert proc.returncode == 70, proc.stderr
    assert "Traceback (most recent call last)" in proc.stderr and "JSONDecodeError" in proc.stderr
    # the run lock is released: the next run is not told another run holds it
    again = worksum("run", "--config", path)
    assert again.returncode != 75


# --- 23: each bad argument a clear message and the right exit code ------------------------------------------------

def test_a_profile_given_as_a_path_crawls(tmp_path):
    profile = tmp_path / "mysite.toml"
    profile.write_text(DEMO_PROFILE.read_text(encoding="utf-8"), encoding="utf-8")
    with DemoServer() as server:
        proc = worksum("crawl", profile, "--out", tmp_path / "out", "--start-url", f"{server.base_url}/list/",
                       "--no-resume", "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False")
        docs = [p for p in server.requests if p.startswith(("/doc/", "/tw/"))]
    assert proc.returncode == 0, proc.stderr
    assert len(docs) == len({p for p in server.pages if p.startswith(("/doc/", "/tw/"))})
    assert list((tmp_path / "out" / "stats").glob("mysite-*.json"))


def test_bad_arguments_exit_2_with_a_clear_message(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    cases = [
        (["crawl", "demo", "--out", afile], "is a file"),
        (["build", str(afile), "--out", tmp_path / "c", "--shard-mb", "0"], "--shard-mb"),
        (["build", str(afile), "--out", tmp_path / "c", "--workers", "0"], "--workers"),
        (["build", str(afile), "--out", afile], "is a file"),
        (["crawl", "demo", "--out", tmp_path / "o", "--recrawl-days", "-1"], "--recrawl-days"),
        (["crawl", "demo", "--out", tmp_path / "o", "--set", "DEPTH_LIMIT"], "NAME=VALUE"),
        (["build", str(tmp_path / "missing.warc.gz"), "--out", tmp_path / "c"], "missing.warc.gz"),
        (["stats", tmp_path / "empty"], str(tmp_path / "empty")),
    ]
    (tmp_path / "empty").mkdir()
    for args, message in cases:
        proc = worksum(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert message in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)


def _read_only_dir(tmp_path: Path) -> Path:
    """A folder nobody may write to, root included: a read-only tmpfs (root) or a mode-0555 folder."""
    path = tmp_path / "ro"
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        return path
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(path)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("running as root where tmpfs cannot be mounted: no folder is unwritable to root here")
    return path


def test_unwritable_out_exits_2(tmp_path):
    ro = _read_only_dir(tmp_path)
    try:
        for args in (["crawl", "demo", "--out", ro / "crawl"], ["crawl", "demo", "--out", ro]):
            proc = worksum(*args)
            assert proc.returncode == 2, (args, proc.stderr)
            assert "not writable" in proc.stderr or "cannot create" in proc.stderr, proc.stderr
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(ro)], check=True)


def _tiny_corpus(tmp_path: Path) -> Path:
    """A real corpus, built from the demo site's WARC."""
    with DemoServer() as server:
        proc = worksum("crawl", "demo", "--out", tmp_path / "crawl", "--start-url", f"{server.base_url}/list/",
                       "--no-resume", "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False")
        assert proc.returncode == 0, proc.stderr
    proc = worksum("build", tmp_path / "crawl" / "warc", "--out", tmp_path / "corpus", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "corpus"


def test_release_never_replaces_its_own_corpus_and_a_corrupt_manifest_is_named(tmp_path):
    corpus = _tiny_corpus(tmp_path)
    before = sorted(p.name for p in (corpus / "data").iterdir())
    for out in (corpus, tmp_path):
        proc = worksum("release", corpus, "--version", "1.0.0", "--out", out, "--force")
        assert proc.returncode == 2, proc.stderr
        assert "corpus" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert sorted(p.name for p in (corpus / "data").iterdir()) == before
    proc = worksum("release", corpus, "--version", "one", "--out", tmp_path / "rel")
    assert proc.returncode == 2 and "1.2.3" in proc.stderr, proc.stderr

    manifest = corpus / "manifest.json"
    manifest.write_text(manifest.read_text()[:100])
    for args in (["stats", corpus], ["release", corpus, "--version", "1.0.0", "--out", tmp_path / "rel"],
                 ["build", tmp_path / "crawl" / "warc", "--out", corpus, "--incremental"]):
        proc = worksum(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert str(manifest) in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)


def test_run_counts_fresh_pages_as_fresh_not_as_errors(tmp_path):
    with DemoServer() as server:
        path = config(tmp_path, 'dir = "run"\nsites = ["demo"]\n', server)
        first = worksum("run", "--config", path, timeout=180)
        assert first.returncode == 0, first.stderr
        second = worksum("run", "--config", path, timeout=180)
    assert second.returncode == 0, second.stderr
    docs = len({p for p in server.pages if p.startswith(("/doc/", "/tw/"))})
    assert f"{docs} pages still fresh" in second.stdout and " 0 errors" in second.stdout, second.stdout
    stats = [json.loads(p.read_text()) for p in sorted((tmp_path / "run" / "stats").glob("*.json"))]
    assert stats[-1]["worksum/incremental/skipped_fresh"] == docs
