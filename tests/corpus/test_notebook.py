"""A corpus folder and a release folder load the same way everywhere: the README's notebook lines exactly as
written (pandas, DuckDB, Polars, `datasets`), every command, and the dataset card's front matter."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from worksum import load
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.errors import CorpusError
from worksum.corpus.loader import dataset
from worksum.corpus.release import diff, release, split_of
from worksum.corpus.schema import DOCUMENTS
from tests.corpus.warcs import page_html, work_text, write_warc

ROOT = Path(__file__).resolve().parents[2]
TITLES = ["2022年度工作总结", "2023年上半年工作总结", "2023年度工作计划", "2024年述职报告", "2023年度工作汇报",
          "2022年安全生产工作总结", "2024年第一季度工作总结", "2023年党建工作计划"]
REPRS = re.compile(r"\bNone\b|\{'|': |\[\]|\{\}")  # Python reprs that must not reach a reader


def _responses(texts: dict[int, str]) -> list[dict]:
    return [{"url": f"http://docs.example.test/doc/{n}.html", "body": page_html(TITLES[n % len(TITLES)], text),
             "date": "2024-05-06T07:08:09Z"} for n, text in texts.items()]


def _corpus(out: Path, texts: dict[int, str], warc: Path) -> Path:
    write_warc(warc, _responses(texts))
    build([str(warc)], out, BuildConfig(workers=1, progress=False, keep_duplicates=True))
    return out


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """A corpus with a duplicate row kept, and a release of it with both splits."""
    base = tmp_path_factory.mktemp("notebook")
    texts = {n: work_text(n) for n in range(8)}
    texts[8] = texts[3]  # an exact duplicate: kept as a row with duplicate_of
    corpus = _corpus(base / "corpus", texts, base / "in" / "a.warc.gz")
    ids = load(corpus, columns=["id"])["id"].tolist()
    share = next(v / 20 for v in range(1, 20)  # the smallest share that puts some, not all, documents in validation
                 if 0 < sum(split_of(i, v / 20) == "validation" for i in ids) < len(ids))
    rel = base / "rel"
    release(corpus, "1.0.0", rel, validation=share)
    return corpus, rel


def _readme_lines() -> list[str]:
    """The statements of the README's notebook blocks, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In a notebook"):readme.index("\n## ", readme.index("## In a notebook") + 5)]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    return [ln for block in blocks for ln in block.splitlines() if ln.strip()]


def _run_readme(folder: Path, rel: Path, tmp_path: Path, monkeypatch) -> dict:
    """Run the README's lines with DIR = `folder`, REL = `rel`; the names they bind."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    for line in _readme_lines():
        code = line.replace('"DIR', f'"{folder}').replace("'DIR", f"'{folder}").replace('"REL"', f'"{rel}"')
        exec(code, names)  # noqa: S102 -- the README's own lines
        if "= load(" in code:
            names["load_result"] = names["df"]
        if "duckdb.sql" in code:
            names["duckdb_result"] = eval(code.split(";", 1)[1].strip(), names)  # noqa: S307
        if "pl.scan_parquet" in code:
            names["polars_result"] = eval(code.split(";", 1)[1].strip(), names)  # noqa: S307
    return names


@pytest.mark.parametrize("kind", ["corpus", "release"])
def test_the_readme_notebook_lines_work_on_a_corpus_and_a_release(folders, kind, tmp_path, monkeypatch):
    corpus, rel = folders
    folder = corpus if kind == "corpus" else rel
    truth = dataset(folder).to_table().to_pylist()
    kept = [r for r in truth if r["duplicate_of"] is None]
    assert len(kept) == 8 and (kind == "release" or len(truth) == 9)
    names = _run_readme(folder, rel, tmp_path, monkeypatch)
    assert len(names["df"]) == len(truth)  # pd.read_parquet reads every row there is
    by_type = {}
    for r in kept:
        by_type[r["doc_type"]] = by_type.get(r["doc_type"], 0) + 1
    assert dict(names["duckdb_result"].itertuples(index=False)) == by_type
    assert len(names["polars_result"]) == sum(r["year"] == 2023 for r in truth)
    assert names["ds"].num_rows == len(truth) and names["ds"].column_names == DOCUMENTS.names
    counts = json.loads((rel / "release.json").read_text())["counts"]
    assert {s: names["dsd"][s].num_rows for s in names["dsd"]} == {s: c["documents"] for s, c in counts.items()}
    assert list(names["df"].columns) == DOCUMENTS.names
    # load() as the README writes it: columns chosen, filters pushed down, duplicates left out
    want = [r for r in kept if r["doc_type"] == "工作总结" and r["year"] in (2022, 2023) and r["chars"] >= 500]
    assert len(want) > 0 and list(names["load_result"].columns) == ["title", "text", "year"]
    assert sorted(names["load_result"]["title"]) == sorted(r["title"] for r in want)


def test_every_command_works_on_a_corpus_and_on_a_release(folders, tmp_path):
    corpus, rel = folders
    for folder in (corpus, rel):
        for args in (["stats", folder], ["report", folder, "--out", tmp_path / "r.html"],
                     ["release", folder, "--version", "2.0.0", "--out", tmp_path / f"again-{folder.name}",
                      "--validation", "0.5"],
                     ["diff", corpus, folder]):
            proc = subprocess.run([sys.executable, "-m", "worksum.cli", *map(str, args)], capture_output=True,
                                  text=True, timeout=120)
            assert proc.returncode == 0, (args, proc.stderr)
            assert "Traceback" not in proc.stderr
            if args[0] == "stats":
                assert not REPRS.search(proc.stdout), proc.stdout
                assert "documents: 8 " in proc.stdout
    # a release of a release keeps the source it names
    again = json.loads((tmp_path / "again-rel" / "release.json").read_text())
    assert again["source"]["release"] == "1.0.0"
    assert again["source"]["all_builds"] == json.loads((rel / "release.json").read_text())["source"]["all_builds"]


def _front_matter(card: str) -> dict:
    assert card.startswith("---\n")
    return yaml.safe_load(card[4:card.index("\n---\n", 4)])


def test_the_card_front_matter_is_valid_hub_metadata(folders):
    from datasets import Features
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard, DatasetCardData

    _, rel = folders
    text = (rel / "README.md").read_text(encoding="utf-8")
    meta = _front_matter(text)
    data = DatasetCardData(**meta)
    assert DatasetCard(text).data.to_dict() == data.to_dict()
    assert data.license == "other" and data.license_name and (rel / data.license_link).is_file()
    assert "license_details" not in meta
    configs = MetadataConfigs.from_dataset_card_data(data)
    info = json.loads((rel / "release.json").read_text())
    assert [f["split"] for f in configs["default"]["data_files"]] == info["splits"] == ["train", "validation"]
    infos = DatasetInfosDict.from_dataset_card_data(data)
    (default,) = infos.values()
    assert default.features == Features.from_arrow_schema(DOCUMENTS)
    assert {s: default.splits[s].num_examples for s in default.splits} == {
        s: info["counts"][s]["documents"] for s in info["splits"]}
    body = text[text.index("\n---\n", 4):]
    for section in ("## Uses", "## Columns", "## Removal requests", "## Citation", "```bibtex", "## License"):
        assert section in body
    assert not REPRS.search(body.replace('"duplicate_of": null', "")), REPRS.search(body)
    for column in DOCUMENTS.names:
        assert f"| `{column}` |" in body  # every column described
    assert f"Pages crawled on 2024-05-06" in body and "| all | 8 |" in body


def test_a_small_release_declares_no_empty_split_and_loads(folders, tmp_path, monkeypatch):
    corpus, _ = folders
    info = release(corpus, "1.0.0", tmp_path / "small", validation=0.0)
    assert info["splits"] == ["train"] and info["counts"]["validation"]["documents"] == 0
    assert [p.name for p in (tmp_path / "small" / "data").iterdir()] == ["train-00000-of-00001.parquet"]
    meta = _front_matter((tmp_path / "small" / "README.md").read_text(encoding="utf-8"))
    assert [f["split"] for f in meta["configs"][0]["data_files"]] == ["train"]
    assert [s["name"] for s in meta["dataset_info"]["splits"]] == ["train"]
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    from datasets import load_dataset

    assert list(load_dataset(str(tmp_path / "small"))) == ["train"]


def test_releasing_an_empty_corpus_is_an_error(tmp_path):
    write_warc(tmp_path / "in" / "short.warc.gz",
               [{"url": "http://docs.example.test/doc/1.html", "body": page_html("工作总结", "太短。")}])
    build([str(tmp_path / "in")], tmp_path / "empty", BuildConfig(workers=1, progress=False))
    with pytest.raises(CorpusError, match="nothing to release"):
        release(tmp_path / "empty", "1.0.0", tmp_path / "rel")
    proc = subprocess.run([sys.executable, "-m", "worksum.cli", "release", str(tmp_path / "empty"), "--version",
                           "1.0.0", "--out", str(tmp_path / "rel")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "nothing to release" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "rel").exists() and not (tmp_path / "rel.tmp").exists()


def test_diff_reports_documents_whose_text_changed(tmp_path):
    texts = {n: work_text(n) for n in range(4)}
    old = _corpus(tmp_path / "old", texts, tmp_path / "a" / "a.warc.gz")
    texts[2] = work_text(2) + "下半年将继续巩固提升各项工作成效。"  # same page, its text edited
    new = _corpus(tmp_path / "new", texts, tmp_path / "b" / "b.warc.gz")
    d = diff(old, new)
    assert (d["added"], d["removed"], d["changed"]) == (0, 0, 1)
    assert d["changed_titles"] == [TITLES[2]]
    out = subprocess.run([sys.executable, "-m", "worksum.cli", "diff", str(old), str(new)], capture_output=True,
                         text=True, timeout=120).stdout
    assert "1 with a changed text" in out and TITLES[2] in out
