"""`worksum build --ray` on a local 2-worker Ray cluster writes the corpus the local build writes, and survives a
killed worker. Skipped (with the reason) only where Ray is not installed or cannot start on the machine."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import DEVSET, needs_devset
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.index import SegmentIndex
from worksum.corpus.minhash import MinHashConfig

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray instance for the module: 2 worker CPUs, a 200 MB object store, no dashboard."""
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'worksum[ray]')")
    try:
        ray.init(num_cpus=2, object_store_memory=200_000_000, include_dashboard=False, log_to_driver=False)
    except Exception as exc:  # noqa: BLE001 -- whatever keeps Ray from starting here, the tests cannot run
        pytest.skip(f"Ray cannot start on this machine: {type(exc).__name__}: {exc}")
    yield ray
    ray.shutdown()


def split_warc(src: Path, out_dir: Path, parts: int) -> list[Path]:
    """The records of `src` in `parts` WARC files of consecutive records (gzip members copied as they are)."""
    with open(src, "rb") as fh:
        it = ArchiveIterator(fh)
        offsets = [it.get_record_offset() for _ in it]
    data = src.read_bytes()
    bounds = [offsets[len(offsets) * k // parts] for k in range(parts)] + [len(data)]
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(parts):
        path = out_dir / f"part-{k:02d}.warc.gz"
        path.write_bytes(data[bounds[k]:bounds[k + 1]])
        files.append(path)
    return files


def generated_set(tmp_path: Path, styles: int, per_style: int, parts: int) -> list[Path]:
    out = tmp_path / "gen"
    subprocess.run([sys.executable, str(ROOT / "bench" / "sitegen.py"), "--out", str(out), "--styles", str(styles),
                    "--pages-per-style", str(per_style), "--seed", "11"], check=True, capture_output=True, timeout=300)
    return split_warc(out / "pages.warc.gz", tmp_path / "warcs", parts)


def shards(corpus: Path, kind: str) -> pa.Table:
    """A kind's shards, read back in the order of their names: the corpus order."""
    files = sorted((corpus / kind).glob(f"{'train' if kind == 'data' else kind}-*-of-*.parquet"))
    assert files, f"no {kind} shards in {corpus}"
    return pa.concat_tables([pq.read_table(f) for f in files])


def assert_same_corpus(local: Path, on_ray: Path) -> None:
    """Same documents and rejected rows, byte for byte and in the same order; same clusters; same index."""
    for kind in ("data", "rejected"):
        a, b = shards(local, kind), shards(on_ray, kind)
        assert a.num_rows == b.num_rows and a.schema == b.schema
        assert a.equals(b), f"{kind}: the two builds wrote different rows"
    a = pq.read_table(local / "dedup" / "clusters.parquet").drop(["build"])  # the build column names the build
    b = pq.read_table(on_ray / "dedup" / "clusters.parquet").drop(["build"])
    assert a.equals(b)
    assert index_rows(local) == index_rows(on_ray)


def index_rows(corpus: Path) -> list[tuple]:
    """Every document of a corpus's dedup index, in the order its segments hold them."""
    index = SegmentIndex(corpus / "dedup" / "index", MinHashConfig())
    rows = []
    for entry in index.state["segments"]:
        segment = index.segment(entry["name"])
        docs = segment.take(np.arange(len(segment)))
        rows += [(docs.ids[i], docs.exact[i], docs.sigs[i].tobytes(), int(docs.shingles[i]), int(docs.chars[i]),
                  docs.urls[i], docs.openings[i].tobytes()) for i in range(len(docs))]
    assert rows, f"{corpus} has an empty dedup index"
    return rows


def both_builds(inputs: list[Path], tmp_path: Path, **settings):
    local = build([str(p) for p in inputs], tmp_path / "local", BuildConfig(workers=2, progress=False, **settings))
    on_ray = build([str(p) for p in inputs], tmp_path / "ray", BuildConfig(workers=2, progress=False, ray="local",
                                                                           **settings))
    return local, on_ray


def assert_same_report(local, on_ray) -> None:
    for name in ("pages", "documents", "kept", "duplicates", "rejected", "reasons", "dup_reasons", "steps", "sites",
                 "warc_files", "bad_warc_files"):
        assert getattr(local, name) == getattr(on_ray, name), name
    assert list(local.reasons) == list(on_ray.reasons)  # ties in the same order too


@needs_devset()
def test_devset_ray_build_equals_local_build(ray_cluster, tmp_path):
    local, on_ray = both_builds([DEVSET / "pages.warc.gz"], tmp_path)
    assert local.kept > 0 and local.duplicates > 0  # the devset holds duplicate clusters: they must match
    assert_same_report(local, on_ray)
    assert_same_corpus(tmp_path / "local", tmp_path / "ray")


def test_generated_set_ray_build_equals_local_build(ray_cluster, tmp_path):
    """A few thousand pages of generated sites (templates learned per site, republished copies) in 4 WARC files,
    with duplicates kept so every cluster decision shows in the shards."""
    inputs = generated_set(tmp_path, styles=8, per_style=250, parts=4)
    local, on_ray = both_builds(inputs, tmp_path, keep_duplicates=True)
    assert local.pages == 2000 and local.duplicates > 50 and local.steps["template"]["sites"] >= 8
    assert_same_report(local, on_ray)
    assert_same_corpus(tmp_path / "local", tmp_path / "ray")


def _task_pids(name: str) -> list[int]:
    """Processes running the Ray task `name` now (Ray titles a worker process `ray::<task>` while it runs one)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if cmdline.startswith(f"ray::{name}".encode()):
                pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the Ray worker through /proc")
def test_killed_worker_is_retried_and_nothing_is_lost_or_doubled(ray_cluster, tmp_path):
    inputs = generated_set(tmp_path, styles=4, per_style=150, parts=3)
    reference = build([str(p) for p in inputs], tmp_path / "local", BuildConfig(workers=2, progress=False))
    out = tmp_path / "ray"
    result: dict = {}

    def run() -> None:
        try:
            result["report"] = build([str(p) for p in inputs], out, BuildConfig(workers=2, progress=False, ray="local"))
        except BaseException as exc:  # noqa: BLE001 -- handed to the test thread
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    # Wait until a worker is inside an extraction task and has written part of its spool: then kill it.
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and thread.is_alive() and time.monotonic() < deadline:
        spools = list((out / "_work").glob("extract-*.jsonl.tmp")) if (out / "_work").exists() else []
        pids = _task_pids("extract_unit")
        if pids and any(p.stat().st_size > 0 for p in spools if p.exists()):
            os.kill(pids[0], signal.SIGKILL)
            killed = pids[0]
        else:
            time.sleep(0.02)
    thread.join(timeout=400)
    assert killed is not None, "no extraction task was seen running"
    assert not thread.is_alive() and "error" not in result, result.get("error")
    assert killed not in _task_pids("extract_unit")  # it did die: the unit it held was run again
    assert_same_report(reference, result["report"])
    assert_same_corpus(tmp_path / "local", out)
    ids = shards(out, "data").column("id").to_pylist()
    assert len(ids) == len(set(ids)) == reference.kept  # nothing doubled, nothing lost


def test_ray_refuses_incremental_builds(ray_cluster, tmp_path):
    from worksum.corpus.errors import CorpusError

    inputs = [DEVSET / "pages.warc.gz"] if DEVSET.exists() else generated_set(tmp_path, 2, 3, 1)
    with pytest.raises(CorpusError, match="--incremental"):
        build([str(p) for p in inputs], tmp_path / "out",
              BuildConfig(workers=2, progress=False, ray="local", incremental=True))


@needs_devset()
def test_cli_build_on_ray(ray_cluster, tmp_path, capsys):
    from worksum.cli import main

    assert main(["build", str(DEVSET / "pages.warc.gz"), "--out", str(tmp_path / "c"), "--ray", "--json"]) == 0
    assert '"kept"' in capsys.readouterr().out and any((tmp_path / "c" / "data").glob("train-*.parquet"))
    # an input right after --ray would be taken for an address: a clear message instead
    assert main(["build", str(DEVSET / "pages.warc.gz"), "--ray", str(DEVSET / "pages"), "--out",
                 str(tmp_path / "d")]) == 2
    assert "write --ray after the inputs" in capsys.readouterr().err


def test_refetched_pages_damaged_files_and_documents_match(ray_cluster, tmp_path):
    """Copies of one URL across WARC files (the newest complete one wins), a damaged file read past its
    damage, HTML documents (one named twice): the same rows, reasons and counts on both engines."""
    from tests.corpus.warcs import page_html, work_text, write_warc

    def doc(i: int, date: str, status: int = 200) -> dict:
        return {"url": f"https://doc.example/d/{i}.html", "body": page_html(f"第{i}季度工作总结", work_text(i)),
                "date": date, "status": status}

    inputs = tmp_path / "in"
    write_warc(inputs / "a.warc.gz", [doc(1, "2025-01-01T00:00:00Z"), doc(2, "2025-01-01T00:00:00Z"),
                                      doc(3, "2025-01-01T00:00:00Z")])
    write_warc(inputs / "b.warc.gz", [doc(1, "2025-02-01T00:00:00Z"), doc(2, "2025-03-01T00:00:00Z", status=500),
                                      doc(4, "2025-02-01T00:00:00Z"), doc(5, "2025-02-01T00:00:00Z")])
    damaged = write_warc(inputs / "c.warc.gz", [doc(6, "2025-02-01T00:00:00Z"), doc(7, "2025-02-01T00:00:00Z"),
                                                doc(3, "2025-04-01T00:00:00Z")])
    data = damaged.read_bytes()
    damaged.write_bytes(data[:len(data) // 2] + b"\x00" * 64 + data[len(data) // 2:])
    (inputs / "files").mkdir()
    html = inputs / "files" / "note.html"
    html.write_bytes(page_html("个人年度工作总结", work_text(40)))
    args = [inputs, html]  # the HTML file twice: in its folder and by name
    local, on_ray = both_builds(args, tmp_path)
    assert local.reasons.get("refetched", 0) >= 2 and local.bad_warc_files
    assert_same_report(local, on_ray)
    assert_same_corpus(tmp_path / "local", tmp_path / "ray")


def test_an_address_where_no_cluster_answers_is_said_at_once(tmp_path, capsys):
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'worksum[ray]')")
    from tests.conftest import _free_port
    from worksum.cli import main

    inputs = [DEVSET / "pages.warc.gz"] if DEVSET.exists() else generated_set(tmp_path, 2, 3, 1)
    started = time.monotonic()
    port = _free_port()
    assert main(["build", *map(str, inputs), "--out", str(tmp_path / "c"), "--ray", f"127.0.0.1:{port}"]) == 2
    assert f"no Ray cluster answers at 127.0.0.1:{port}" in capsys.readouterr().err
    assert time.monotonic() - started < 60
