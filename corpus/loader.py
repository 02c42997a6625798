"""Load a built corpus or a release in a notebook: a pyarrow Dataset, a Table or a pandas DataFrame.

    from worksum.corpus import load
    df = load("out", columns=["title", "text"], doc_type="工作总结", year=2023, min_chars=500)

Column selection and filters are pushed down to the Parquet reader (row groups whose
statistics rule them out are skipped), so loading a slice of a large corpus is cheap.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .shards import committed_files


def dataset(path: str | Path, split: str | None = None) -> ds.Dataset:
    """The Parquet shards under `path` (a corpus folder, a release folder or its data/).

    A built corpus is read as its manifest lists it, or, while a build is committing, as the
    commit journal says it will be: never a mix of two builds, never a file still being written.
    """
    path = Path(path)
    data = path / "data" if (path / "data").is_dir() else path
    if not data.is_dir():
        raise FileNotFoundError(f"{path} holds no corpus: expected {path / 'data'} (run `worksum build` first)")
    corpus = data.parent if data.name == "data" else data
    listed = committed_files(corpus, "data")
    if listed is not None:
        files = [f for f in listed if split is None or f.name.startswith(f"{split}-")]
    else:  # a release folder (no manifest): its shards are complete once the folder exists
        files = sorted(data.glob(f"{split or '*'}-*-of-*.parquet"))
    if not files:
        raise FileNotFoundError(f"no {split or ''} shards in {data}")
    # Shards of an older schema version lack the columns added since: read them as nulls.
    schema = pa.unify_schemas([pq.read_schema(f) for f in files])
    return ds.dataset([str(f) for f in files], schema=schema, format="parquet")


def _expression(names, doc_type=None, year=None, site=None, min_chars=None, include_duplicates=False):
    exprs = []
    for name, value in (("doc_type", doc_type), ("year", year), ("site", site)):
        if value is None:
            continue
        values = [value] if isinstance(value, (str, int)) else list(value)
        exprs.append(ds.field(name).isin(values))
    if min_chars is not None:
        exprs.append(ds.field("chars") >= min_chars)
    if not include_duplicates and "duplicate_of" in names:  # releases hold kept documents only
        exprs.append(ds.field("duplicate_of").is_null())
    out = None
    for e in exprs:
        out = e if out is None else out & e
    return out


def load(path: str | Path, columns: list[str] | None = None, *, doc_type=None, year=None, site=None,
         min_chars: int | None = None, split: str | None = None, include_duplicates: bool = False,
         as_pandas: bool = True):
    """Rows of a corpus, filtered: `doc_type`, `year`, `site` take one value or a list.

    Returns a pandas DataFrame (or a pyarrow Table with as_pandas=False).
    """
    data = dataset(path, split)
    table = data.to_table(columns=columns, filter=_expression(data.schema.names, doc_type, year, site, min_chars,
                                                              include_duplicates))
    return table.to_pandas() if as_pandas else table
