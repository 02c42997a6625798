import shutil
import subprocess
import sys

import pytest

from worksum.corpus import load
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.release import diff, release, verify
from worksum.corpus.report import write_report
from tests.conftest import DEVSET, needs_devset

pytestmark = needs_devset()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    build([str(DEVSET / "pages.warc.gz")], out, BuildConfig(workers=2, progress=False, keep_duplicates=True))
    return out


def test_loader_pushes_filters_down(corpus):
    everything = load(corpus, include_duplicates=True)
    kept = load(corpus)
    assert len(everything) > len(kept) > 0 and kept["duplicate_of"].isna().all()
    summaries = load(corpus, columns=["title", "doc_type", "chars"], doc_type="工作总结", min_chars=1000)
    assert list(summaries.columns) == ["title", "doc_type", "chars"]
    assert len(summaries) == ((kept["doc_type"] == "工作总结") & (kept["chars"] >= 1000)).sum() > 0
    year = int(kept["year"].dropna().iloc[0])
    assert set(load(corpus, year=[year], as_pandas=False).column("year").to_pylist()) == {year}
    import worksum
    assert len(worksum.load(corpus, site=kept["site"].iloc[0])) == (kept["site"] == kept["site"].iloc[0]).sum()


def test_notebook_one_liners(corpus, monkeypatch):
    import duckdb
    import pandas as pd
    import polars as pl

    kept = load(corpus)
    shards = str(corpus / "data" / "*.parquet")
    assert len(pd.read_parquet(corpus / "data")) == len(load(corpus, include_duplicates=True))
    n = duckdb.sql(f"select count(*) from '{shards}' where duplicate_of is null").fetchall()[0][0]
    assert n == len(kept)
    assert pl.scan_parquet(shards).filter(pl.col("duplicate_of").is_null()).select(pl.len()).collect().item() == n
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(corpus / "_hf"))
    from datasets import load_dataset

    ds = load_dataset("parquet", data_files=shards, split="train")
    assert ds.num_rows == len(load(corpus, include_duplicates=True)) and "text" in ds.column_names


def test_release_is_deterministic_verified_and_loadable(corpus, tmp_path, monkeypatch):
    info = release(corpus, "1.0.0", tmp_path / "a", validation=0.2)
    release(corpus, "1.0.0", tmp_path / "b", validation=0.2)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)
    assert verify(tmp_path / "a") == []
    assert len(load(tmp_path / "a", split="validation")) == info["counts"]["validation"]["documents"]
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=tmp_path / "a", check=True)
    kept = len(load(corpus))
    counts = info["counts"]
    assert counts["train"]["documents"] + counts["validation"]["documents"] == kept
    assert counts["validation"]["documents"] > 0
    card = (tmp_path / "a" / "README.md").read_text()
    assert card.startswith("---\n") and "language:\n- zh" in card and "split: validation" in card
    assert "size_categories:\n- n<1K" in card and "Known limitations" in card
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "_hf"))
    from datasets import load_dataset

    dsd = load_dataset(str(tmp_path / "a"))  # the card's YAML configs define the splits
    assert dsd["train"].num_rows == counts["train"]["documents"]
    assert dsd["validation"].num_rows == counts["validation"]["documents"]
    (tmp_path / "a" / "README.md").write_text(card + "tampered")
    assert verify(tmp_path / "a") == ["README.md"]
    with pytest.raises(FileExistsError):
        release(corpus, "1.0.1", tmp_path / "a")
    with pytest.raises(ValueError, match="version"):
        release(corpus, "v1", tmp_path / "c")


def test_diff_between_releases(corpus, tmp_path):
    old = release(corpus, "1.0.0", tmp_path / "old")
    smaller = tmp_path / "smaller"
    shutil.copytree(corpus, smaller)
    first = sorted((smaller / "data").glob("*.parquet"))[0]
    import pyarrow.parquet as pq

    table = pq.read_table(first)
    pq.write_table(table.slice(2), first)  # the newer corpus lost its first two rows
    d = diff(tmp_path / "old", smaller)
    lost = [r for r in table.slice(0, 2).to_pylist() if r["duplicate_of"] is None]
    assert d["removed"] == len(lost) and d["added"] == 0 and d["old"] == sum(c["documents"] for c in
                                                                             old["counts"].values())
    out = subprocess.run([sys.executable, "-m", "worksum.cli", "diff", str(smaller), str(tmp_path / "old")],
                         capture_output=True, text=True, check=True).stdout
    assert f"+{len(lost)} added" in out


def test_report_has_its_plots(corpus, tmp_path):
    path = write_report(corpus, tmp_path / "report.html")
    page = path.read_text()
    for chart in ("length", "doc_type", "site", "year", "dedup", "rejected"):
        assert f'<svg id="{chart}"' in page
    assert "<script" not in page  # self-contained: nothing to fetch
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        pytest.skip("headless Chromium not installed: the HTML was checked, not rendered")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert dom.count("<svg") == 6 and dom.count('class="bar"') >= 6


def test_loader_reads_shards_written_before_a_column_was_added(corpus, tmp_path):
    """An incremental build adds shards with the genre columns to a corpus whose first shards lack them."""
    import pyarrow.parquet as pq

    new = pq.read_table(next((corpus / "data").glob("*.parquet")))
    (tmp_path / "data").mkdir()
    pq.write_table(new.drop_columns(["genre", "genre_score"]), tmp_path / "data" / "train-00000-of-00002.parquet")
    pq.write_table(new, tmp_path / "data" / "train-00001-of-00002.parquet")
    rows = load(tmp_path, columns=["id", "genre"], include_duplicates=True)
    assert len(rows) == 2 * new.num_rows
    assert rows["genre"].isna().sum() == new.num_rows and set(rows["genre"].dropna()) == {"document"}
