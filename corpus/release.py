"""`worksum release DIR --version X.Y.Z --out REL` and `worksum diff OLD NEW`.

A release is a folder a user can publish as is (for example to the Hugging Face Hub):
  data/train-*.parquet, data/validation-*.parquet   kept documents, split by document hash (a split
                                                     with no documents has no file and is not declared)
  README.md                                          dataset card with Hugging Face YAML front matter
  LICENSE.md                                         the terms the card's license_link points to
  release.json                                       version, counts, files, the builds it came from
  SHA256SUMS                                         `sha256sum -c SHA256SUMS` verifies everything
The shards have the corpus schema (schema.DOCUMENTS; the duplicate columns are null), so every
command and notebook line that reads a corpus folder reads a release folder the same way.
Releasing the same corpus twice gives byte-identical files: rows keep the corpus order, the
split depends only on the document id, and nothing time-dependent is written.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from . import schema
from .errors import CorpusError, read_manifest
from .loader import dataset
from .shards import Commit, ShardWriter, sha256_file
from .stats import UNSTATED, all_builds, release_json

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
SPLITS = ("train", "validation")
KEPT = ds.field("duplicate_of").is_null()


def split_of(doc_id: str, validation: float) -> str:
    """'validation' for a fixed share of documents, chosen by a hash of the id (stable across releases)."""
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    return "validation" if bucket < validation else "train"


def conform(table: pa.Table) -> pa.Table:
    """`table` with the columns of the current schema, in its order (columns an older shard lacks are nulls)."""
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(len(table), f.type)
               for f in schema.DOCUMENTS]
    return pa.Table.from_arrays(columns, schema=schema.DOCUMENTS)


def _kept_rows(folder: Path):
    """The kept documents of a corpus or release folder, in its order (shard by shard), as dicts of every column."""
    for path in dataset(folder).files:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=2000):
            table = conform(pa.Table.from_batches([batch]))
            yield from table.filter(pc.is_null(table.column("duplicate_of"))).to_pylist()


def _source(folder: Path) -> dict:
    """Where the documents come from: the corpus's builds (or, for a release of a release, what that one names)."""
    earlier = release_json(folder)
    if earlier:
        return {**earlier.get("source", {}), "release": earlier.get("version")}
    manifest, path = read_manifest(folder), folder / "manifest.json"
    builds = manifest.get("builds") or ([manifest["counts"]] if manifest.get("counts") else [])
    return {"manifest_sha256": sha256_file(path) if path.exists() else None,
            "worksum_version": manifest.get("worksum_version"), "built": manifest.get("created"),
            "inputs": len(manifest.get("inputs", [])),
            "settings": {k: manifest.get("settings", {}).get(k) for k in ("dedup", "filters")},
            "all_builds": all_builds(builds)}


def release(corpus: str | Path, version: str, out: str | Path, validation: float = 0.02,
            shard_bytes: int = 150_000_000, force: bool = False, contact: str = "",
            exclude: frozenset[str] = frozenset()) -> dict:
    """Write a release of the corpus (or release) in `corpus` to `out`; return its release.json content.

    Only splits that hold documents are written and declared; a folder without documents is a CorpusError.
    `exclude`: ids or URLs of documents removed on request, left out of this release.
    `contact`: where the card tells people to send removal requests.
    """
    corpus, out = Path(corpus), Path(out)
    if not VERSION.match(version):
        raise ValueError(f"version must look like 1.2.3, not {version!r}")
    if out.exists() and not force:
        raise FileExistsError(f"{out} exists; choose another folder or pass --force to replace it")
    if dataset(corpus).count_rows(filter=KEPT) == 0:
        raise CorpusError(f"{corpus} holds no kept documents: there is nothing to release")
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    writers = {s: ShardWriter(tmp / "data", schema.DOCUMENTS, s, shard_bytes) for s in SPLITS}
    stats = {s: Counter(documents=0, chars=0) for s in SPLITS}
    facets = {k: Counter() for k in ("doc_type", "site", "year")}
    crawled, examples, excluded = [], {}, 0
    for row in _kept_rows(corpus):
        if row["id"] in exclude or row["url"] in exclude:
            excluded += 1
            continue
        s = split_of(row["id"], validation)
        writers[s].write(row)
        stats[s]["documents"] += 1
        stats[s]["chars"] += row["chars"] or 0
        for k in facets:
            facets[k][UNSTATED if row[k] is None else row[k]] += 1
        if row["crawl_time"]:
            crawled.append(row["crawl_time"][:10])
        examples.setdefault(s, row)
    splits = [s for s in SPLITS if stats[s]["documents"]]  # an empty split is neither written nor declared
    if not splits:
        shutil.rmtree(tmp, ignore_errors=True)
        raise CorpusError(f"every document of {corpus} is excluded: there is nothing to release")
    commit = Commit(tmp / "commit.journal.json")
    files = [f for s in splits for f in writers[s].close(commit)]
    commit.apply()
    info = {
        "name": "worksum", "version": version, "schema_version": schema.SCHEMA_VERSION,
        "columns": schema.DOCUMENTS.names, "validation_share": validation, "splits": splits,
        "counts": {s: dict(stats[s]) for s in SPLITS},
        "crawl_dates": {"first": min(crawled), "last": max(crawled)} if crawled else {},
        "by_doc_type": _sorted(facets["doc_type"]), "by_site": _sorted(facets["site"]),
        "by_year": {str(k): v for k, v in sorted(facets["year"].items(), key=lambda kv: (kv[0] == UNSTATED, kv[0]))},
        "files": [{"path": f"data/{f.path.name}", "rows": f.rows, "bytes": f.bytes, "sha256": f.sha256} for f in files],
        "source": _source(corpus),
        "contact": contact, "removed_on_request": excluded,
    }
    (tmp / "release.json").write_text(json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")
    from .card import LICENSE_FILE, dataset_card, license_text

    example = examples.get("train") or examples["validation"]
    (tmp / "README.md").write_text(dataset_card(info, example), encoding="utf-8")
    (tmp / LICENSE_FILE).write_text(license_text(info), encoding="utf-8")
    sums = sorted(p for p in tmp.rglob("*") if p.is_file())
    (tmp / "SHA256SUMS").write_text(
        "".join(f"{sha256_file(p)}  {p.relative_to(tmp).as_posix()}\n" for p in sums), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)  # the release appears whole or not at all
    return info


def _sorted(c: Counter) -> dict:
    return {str(k): v for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))}


def read_exclusions(path: str | Path) -> frozenset[str]:
    """Ids or URLs, one a line (blank lines and # comments skipped): the documents removed on request."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def verify(rel: str | Path) -> list[str]:
    """Files whose checksum does not match SHA256SUMS (empty when the release is intact)."""
    rel = Path(rel)
    bad = []
    for line in (rel / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        if not (rel / name).is_file() or sha256_file(rel / name) != digest:
            bad.append(name)
    return bad


def diff(old: str | Path, new: str | Path) -> dict:
    """What `new` added, removed and changed (same id, other text) compared with `old` (releases or corpus folders)."""
    def rows(path):
        table = dataset(path).to_table(columns=["id", "title", "doc_type", "site", "sha256"], filter=KEPT)
        return {r["id"]: r for r in table.to_pylist()}

    a, b = rows(old), rows(new)
    added, removed = sorted(set(b) - set(a)), sorted(set(a) - set(b))
    changed = sorted(i for i in set(a) & set(b) if a[i]["sha256"] != b[i]["sha256"])
    return {
        "old": len(a), "new": len(b), "added": len(added), "removed": len(removed), "changed": len(changed),
        "added_by_doc_type": _sorted(Counter(b[i]["doc_type"] or UNSTATED for i in added)),
        "removed_by_doc_type": _sorted(Counter(a[i]["doc_type"] or UNSTATED for i in removed)),
        "added_by_site": _sorted(Counter(b[i]["site"] for i in added)),
        "removed_by_site": _sorted(Counter(a[i]["site"] for i in removed)),
        "changed_by_site": _sorted(Counter(b[i]["site"] for i in changed)),
        "added_titles": [b[i]["title"] for i in added[:20]],
        "removed_titles": [a[i]["title"] for i in removed[:20]],
        "changed_titles": [b[i]["title"] for i in changed[:20]],
    }


def format_diff(d: dict) -> str:
    lines = [f"{d['old']:,} → {d['new']:,} documents: +{d['added']:,} added, -{d['removed']:,} removed, "
             f"{d['changed']:,} with a changed text"]
    for key in ("added_by_doc_type", "removed_by_doc_type", "added_by_site", "removed_by_site", "changed_by_site"):
        if d[key]:
            lines.append(f"{key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in d[key].items()))
    for key in ("added_titles", "removed_titles", "changed_titles"):
        if d[key]:
            lines.append(f"{key.replace('_', ' ')} (first {len(d[key])}):")
            lines += [f"  {t}" for t in d[key]]
    return "\n".join(lines)
