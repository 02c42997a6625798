"""The dedup index as append-only segments: lookups, merges, the migration of a one-file index, and
commits that a kill at any step leaves as the previous index or the new one, never a mix."""
from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from worksum.corpus import index as index_module
from worksum.corpus.build import BuildConfig, build, doc_id
from worksum.corpus.dedup import CandidateBuffer
from worksum.corpus.index import SegmentIndex
from worksum.corpus.minhash import MinHashConfig, MinHasher, band_keys, dedup_key
from worksum.corpus.openings import opening_keys
from worksum.corpus.shards import Commit, sha256_file
from tests.corpus.warcs import PHRASES, page_html, work_text, write_warc

ROOT = Path(__file__).resolve().parents[2]
CFG = BuildConfig(workers=1, progress=False)
INC = BuildConfig(workers=1, progress=False, incremental=True)


def _pages(n: int, first: int = 0, host: str = "x.example") -> list[dict]:
    return [{"url": f"http://{host}/{i}.html", "body": page_html(f"第{i}篇工作总结", work_text(i))}
            for i in range(first, first + n)]


def _docs(first: int, n: int, prefix: str = "d"):
    """Signed documents of their own text (ids prefix+number)."""
    hasher, buf = MinHasher(), CandidateBuffer(128)
    for i in range(first, first + n):
        text = work_text(i)
        sig, shingles = hasher.signature(text)
        buf.add(f"{prefix}{i}", dedup_key(text), sig.tobytes(), shingles, len(text), 0.0, False,
                f"http://x.example/{i}.html", released=True)
    return buf.freeze()


def test_incremental_builds_add_a_segment_and_a_clusters_file_and_rewrite_neither(tmp_path):
    out = tmp_path / "c"
    first = build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(6)))], out, CFG)
    part0 = out / "dedup" / "clusters.parquet" / "part-00000.parquet"
    seg1 = out / "dedup" / "index" / "seg-000001"
    before = {p: (p.stat().st_mtime_ns, sha256_file(p)) for p in [part0, *seg1.iterdir()]}
    copies = [{**p, "url": p["url"].replace("x.example", "mirror.example")} for p in _pages(3)]
    second = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", copies + _pages(2, first=50)))], out, INC)
    assert first.kept == 6 and second.duplicates_of_released == second.duplicates == 3 and second.kept == 2
    assert {p: (p.stat().st_mtime_ns, sha256_file(p)) for p in before} == before  # nothing rewritten
    state = json.loads((out / "dedup" / "index" / "index.json").read_text())
    assert [s["docs"] for s in state["segments"]] == [6, 2]
    clusters = pq.read_table(out / "dedup" / "clusters.parquet").to_pylist()
    assert len(clusters) == 6 + 5 and {c["build"] for c in clusters} == {first.started, second.started}
    manifest = json.loads((out / "manifest.json").read_text())
    assert [f["path"] for f in manifest["files"]["dedup"]] == ["dedup/clusters.parquet/part-00000.parquet",
                                                               "dedup/clusters.parquet/part-00001.parquet"]
    # the released documents a third build can meet are found in both segments
    index = SegmentIndex(out / "dedup" / "index", MinHashConfig())
    assert len(index) == 8
    found = index.related(_docs(0, 1))  # the text of page 0 under another id: its released copy, not the whole index
    assert "http://x.example/0.html" in found.urls and len(found) < len(index)


def test_an_updated_page_replaces_its_released_row(tmp_path):
    out = tmp_path / "c"
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(4)))], out, CFG)
    changed = [{"url": "http://x.example/1.html", "body": page_html("第1篇工作总结", work_text(901))}]
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", changed))], out, INC)
    assert report.updated == 1 and report.kept == 1
    index = SegmentIndex(out / "dedup" / "index", MinHashConfig())
    assert len(index) == 4
    state = json.loads((out / "dedup" / "index" / "index.json").read_text())
    assert sum(map(len, state["deleted"].values())) == 1  # the old version's row, in the segment it stays in
    assert "http://x.example/1.html" in index.related(_docs(901, 1)).urls  # the new version
    assert work_text(1) not in [t for t in index.related(_docs(1, 1)).exact]  # the old one is gone


def test_segments_are_merged_on_the_size_rule_and_lookups_find_every_document(tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "MERGE_COUNT", 3)
    folder = tmp_path / "index"
    for batch in range(7):
        index = SegmentIndex(folder, MinHashConfig())
        index.add(_docs(batch * 5, 5))
    state = json.loads((folder / "index.json").read_text())
    assert len(state["segments"]) < 7 and sum(s["docs"] for s in state["segments"]) == 35
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == sorted(s["name"] for s in state["segments"])
    index = SegmentIndex(folder, MinHashConfig())
    assert len(index) == 35
    for i in (0, 7, 18, 34):  # a copy under another id is found by its bands and its exact hash
        found = index.related(_docs(i, 1, prefix="copy"))
        assert f"d{i}" in found.ids


def test_a_one_file_index_of_earlier_versions_is_made_again_as_segments_once(tmp_path, caplog):
    out = tmp_path / "c"
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(5)))], out, CFG)
    # make the corpus look as earlier versions left it: dedup/index.parquet and a clusters.parquet file
    released = SegmentIndex(out / "dedup" / "index", MinHashConfig()).segment("seg-000001").take(range(5))
    pq.write_table(pa.table({"id": released.ids, "exact_hash": released.exact,
                             "signature": [s.tobytes() for s in released.sigs], "shingles": released.shingles,
                             "chars": released.chars, "noise": released.noise,
                             "script_converted": released.converted, "url": released.urls}),
                   out / "dedup" / "index.parquet")
    shutil.rmtree(out / "dedup" / "index")
    clusters = out / "dedup" / "clusters.parquet"
    table = pq.read_table(clusters)
    (clusters / "part-00000.parquet").unlink()
    clusters.rmdir()
    pq.write_table(table, clusters)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["files"]["dedup"] = [{"path": "dedup/clusters.parquet", "rows": table.num_rows,
                                   "bytes": clusters.stat().st_size, "sha256": sha256_file(clusters)}]
    (out / "manifest.json").write_text(json.dumps(manifest))

    copies = [{**p, "url": p["url"].replace("x.example", "mirror.example")} for p in _pages(5)]
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", copies))], out, INC)
    assert report.released_before == 5 and report.duplicates_of_released == 5 and report.kept == 0
    assert any("index.parquet of earlier versions" in m and "made it again from the corpus shards (5 documents)" in m
               for m in caplog.messages)
    assert not (out / "dedup" / "index.parquet").exists() and clusters.is_dir()
    assert len(SegmentIndex(out / "dedup" / "index", MinHashConfig())) == 5
    assert pq.read_table(clusters).num_rows == 10


_COMMIT = textwrap.dedent("""
    import os, shutil, signal, sys
    from pathlib import Path
    from worksum.corpus import index as index_module
    from worksum.corpus.index import SegmentIndex
    from worksum.corpus.minhash import MinHashConfig
    from worksum.corpus.shards import Commit
    from tests.corpus.test_index_segments import _docs

    folder, kill_at = Path(sys.argv[1]), int(sys.argv[2])
    index_module.MERGE_COUNT = 2  # this commit merges: it renames a segment in and removes the merged ones
    steps = iter(range(1_000_000))
    def step(real):
        def run(*args, **kwargs):
            if next(steps) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return run
    index = SegmentIndex(folder, MinHashConfig())
    work = folder.parent / "work"
    index.remove({"d1"})
    os.replace, shutil.rmtree = step(os.replace), step(shutil.rmtree)
    commit = Commit(folder.parent / "journal.json")
    index.add(_docs(100, 4), commit, tmp_dir=work)
    commit.apply()
    print("committed")
""")


def _state(folder: Path) -> tuple[int, list[str]]:
    """(documents, ids found) of the index as a reader sees it now; every listed segment must be whole."""
    index = SegmentIndex(folder, MinHashConfig())
    found = index.related(_docs(0, 3, prefix="probe")).ids + index.related(_docs(100, 4, prefix="probe")).ids
    return len(index), sorted(set(found))


def test_a_kill_at_any_step_of_a_segment_commit_leaves_the_previous_index_or_the_new_one(tmp_path):
    reference = tmp_path / "reference" / "index"
    SegmentIndex(reference, MinHashConfig()).add(_docs(0, 3))
    old = _state(reference)
    done = subprocess.run([sys.executable, "-c", _COMMIT, str(reference), "-1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "committed" in done.stdout, done.stderr
    new = _state(reference)
    assert old == (3, ["d0", "d1", "d2"]) and new == (6, ["d0", "d100", "d101", "d102", "d103", "d2"])
    kill_at, killed = 0, 0
    while True:
        folder = tmp_path / f"k{kill_at}" / "index"
        SegmentIndex(folder, MinHashConfig()).add(_docs(0, 3))
        proc = subprocess.run([sys.executable, "-c", _COMMIT, str(folder), str(kill_at)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        if proc.returncode == 0:  # no step left to kill at
            assert _state(folder) == new
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        killed += 1
        assert _state(folder) in (old, new), f"killed at step {kill_at}"
        started = (folder.parent / "journal.json").exists()  # else killed before the commit began
        Commit.recover(folder.parent / "journal.json")  # what the next build does first
        assert _state(folder) == (new if started else old), f"killed at step {kill_at}"
        assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == \
            sorted(s["name"] for s in json.loads((folder / "index.json").read_text())["segments"])
        kill_at += 1
    assert killed >= 4  # renames of the journal, the segment, the state, and the removal of merged segments


# ---- previews across builds: found through the opening keys the segments keep ----------------------------------

WORDS = ["推进", "全面", "落实", "加强", "组织", "建设", "目标", "提升", "服务", "群众", "重点", "项目", "制度", "安全",
         "生产", "培训", "考核", "责任", "基层", "干部", "资金", "农村"]


def _document(seed: int) -> str:
    """A work text whose sentences vary more than work_text's: a 30 % preview of it has a Jaccard near 0.3."""
    rnd = random.Random(seed)
    return "".join("今年以来，我单位" + "，".join(rnd.sample(PHRASES, 2)) + "，" + "".join(rnd.choices(WORDS, k=8))
                   + f"，第{rnd.randint(1, 999)}项工作按期完成。" for _ in range(30))


def _preview(text: str) -> str:
    return text[:text.index("。", int(len(text) * 0.3)) + 1]


SEED = 2  # one whose preview shares no LSH band with it (checked below): the opening keys must find it
DOC = {"url": "http://x.example/doc.html", "body": page_html("第1篇工作总结", _document(SEED))}
PREVIEW = {"url": "http://mirror.example/preview.html", "body": page_html("第1篇工作总结", _preview(_document(SEED)))}


def _clusters(out: Path) -> dict[str, tuple[str, str]]:
    """Document id → (its cluster: the kept id, reason) of every document the corpus's builds clustered."""
    rows = pq.read_table(out / "dedup" / "clusters.parquet").to_pylist()
    return {c["id"]: (c["cluster_id"], c["reason"]) for c in rows}


def _lookup(index: SegmentIndex, text: str) -> tuple[list[str], list[str]]:
    """(urls found through LSH bands only, urls found by `related`) for a new document of `text`."""
    hasher, buf = MinHasher(), CandidateBuffer(128)
    sig, shingles = hasher.signature(text)
    buf.add("probe", dedup_key(text), sig.tobytes(), shingles, len(text), 0.0, False, "http://probe.example/",
            openings=opening_keys(text).tobytes())
    new = buf.freeze()
    keys = band_keys(new.sigs, 32, 4)
    by_bands = []
    for s in index.state["segments"]:
        seg = index.segment(s["name"])
        by_bands += seg.take(seg.rows_with_band_keys(keys, 2000)).urls
    return by_bands, index.related(new).urls


def test_a_preview_in_a_later_build_is_found_through_the_index(tmp_path):
    out = tmp_path / "c"
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", [DOC, *_pages(3)]))], out, CFG)
    by_bands, related = _lookup(SegmentIndex(out / "dedup" / "index", MinHashConfig()), _preview(_document(SEED)))
    assert DOC["url"] not in by_bands and DOC["url"] in related  # LSH bands alone would miss it
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", [PREVIEW, *_pages(1, first=9)]))], out, INC)
    assert report.duplicates_of_released == report.duplicates == 1 and report.kept == 1
    assert _clusters(out)[doc_id(PREVIEW["url"], 0)] == (doc_id(DOC["url"], 0), "contained")


def test_a_document_in_a_later_build_is_found_through_its_released_preview(tmp_path):
    out = tmp_path / "c"
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", [PREVIEW, *_pages(3)]))], out, CFG)
    by_bands, related = _lookup(SegmentIndex(out / "dedup" / "index", MinHashConfig()), _document(SEED))
    assert PREVIEW["url"] not in by_bands and PREVIEW["url"] in related
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", [DOC, *_pages(1, first=9)]))], out, INC)
    # the released preview stays the kept copy (a build only adds), and the document joins its cluster
    assert report.duplicates_of_released == report.duplicates == 1 and report.kept == 1
    assert _clusters(out)[doc_id(DOC["url"], 0)][0] == doc_id(PREVIEW["url"], 0)


def test_an_index_written_before_opening_keys_is_made_again_from_the_shards(tmp_path, caplog):
    out = tmp_path / "c"
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", [DOC, *_pages(3)]))], out, CFG)
    state_path = out / "dedup" / "index" / "index.json"
    state = json.loads(state_path.read_text())
    del state["openings"]  # as version 1 wrote it; its segments had no opening-key files
    state["version"] = 1
    state_path.write_text(json.dumps(state))
    for name in ("openings.npy", "opening_keys.npy", "opening_rows.npy"):
        (out / "dedup" / "index" / "seg-000001" / name).unlink()
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz", [PREVIEW]))], out, INC)
    assert any("index version 1" in m and "made it again from the corpus shards (4 documents)" in m
               for m in caplog.messages)
    assert report.released_before == 4 and report.duplicates_of_released == 1 and report.kept == 0
    state = json.loads(state_path.read_text())
    assert state["version"] == 2 and sum(s["docs"] for s in state["segments"]) == 4
    assert sorted(p.name for p in state_path.parent.iterdir() if p.is_dir()) == [state["segments"][0]["name"]]
