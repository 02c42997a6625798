import json
import shutil

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from worksum.corpus.build import BuildConfig, build
from worksum.corpus.schema import DOCUMENTS
from worksum.corpus.warc import RotatingWarcWriter, find_warcs, iter_pages, WarcStats
from tests.conftest import DEVSET, needs_devset


@needs_devset()
def test_devset_build_writes_one_row_per_document_page(tmp_path):
    report = build([str(DEVSET / "pages.warc.gz")], tmp_path, BuildConfig(keep_duplicates=True, workers=2,
                                                                          progress=False))
    gold = [json.loads(line) for line in open(DEVSET / "gold.jsonl", encoding="utf-8")]
    rows = ds.dataset(tmp_path / "data", format="parquet").to_table().to_pylist()
    expected = sum(len(g["parts"]) if g["kind"] == "compilation" else g["kind"] == "doc" for g in gold)
    assert len(rows) == expected
    assert report.pages == len(gold) and report.rejected == sum(g["kind"] == "negative" for g in gold)
    assert pq.read_schema(next((tmp_path / "data").glob("*.parquet"))).names == DOCUMENTS.names
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["schema_version"] and manifest["files"]["data"][0]["rows"] == len(rows)
    assert manifest["inputs"][0]["sha256"] and manifest["settings"]["keep_duplicates"] is True
    kept = [r for r in rows if r["duplicate_of"] is None]
    assert {r["duplicate_of"] for r in rows if r["duplicate_of"]} <= {r["id"] for r in kept}


def _write_demo_warc(directory, n=3):
    w = RotatingWarcWriter(directory, max_bytes=10_000_000)
    body = ("<html><body><h1>某县工作总结</h1>" + "<p>今年以来，我局认真开展各项工作，推进重点任务落实，取得明显成效。</p>" * 10
            + "</body></html>").encode("utf-8")
    for i in range(n):
        w.write_exchange(f"http://x.example/{i}.html", [], "GET", 200, "OK",
                         [("Content-Type", "text/html; charset=utf-8")], body.replace(b"1", str(i).encode()),
                         {"page-kind": "document"})
    w.close()
    return w.finished


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path, caplog):
    [path] = _write_demo_warc(tmp_path / "w", n=5)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    stats = WarcStats()
    pages = list(iter_pages([path], stats))
    assert 1 <= len(pages) < 5 and stats.bad_files == [str(path)]
    report = build([str(path)], tmp_path / "out", BuildConfig(workers=1, progress=False))
    assert report.pages == len(pages) and report.bad_warc_files == [str(path)]


def test_unfinished_warc_is_recovered_and_inputs_must_exist(tmp_path):
    [path] = _write_demo_warc(tmp_path / "w", n=2)
    shutil.move(path, str(path) + ".open")
    RotatingWarcWriter(tmp_path / "w")  # a new crawl in the same folder finalises what a crash left
    assert find_warcs([tmp_path / "w"]) == [path]
    with pytest.raises(FileNotFoundError, match="input not found"):
        find_warcs([tmp_path / "nope"])


def test_exact_duplicates_and_empty_inputs(tmp_path):
    w = RotatingWarcWriter(tmp_path / "w")
    body = ("<html><body>" + "<p>今年以来，我局认真开展各项工作，推进重点任务落实，取得明显成效。</p>" * 10 + "</body></html>").encode()
    for i in range(2):
        w.write_exchange(f"http://x.example/{i}", [], "GET", 200, "OK", [("Content-Type", "text/html")], body, {})
    w.write_exchange("http://x.example/e", [], "GET", 200, "OK", [("Content-Type", "text/html")], b"", {})
    w.write_exchange("http://x.example/404", [], "GET", 404, "Not Found", [("Content-Type", "text/html")], b"x", {})
    w.close()
    report = build([str(tmp_path / "w")], tmp_path / "out", BuildConfig(workers=1, progress=False))
    assert (report.kept, report.duplicates, report.dup_reasons) == (1, 1, {"exact": 1})
    assert report.reasons == {"empty": 1, "http_404": 1}
    clusters = pq.read_table(tmp_path / "out" / "dedup" / "clusters.parquet").to_pylist()
    assert sorted(c["reason"] for c in clusters) == ["exact", "kept"]
