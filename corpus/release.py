"""`worksum release DIR --version X.Y.Z --out REL` and `worksum diff OLD NEW`.

A release is a folder a user can publish as is (for example to the Hugging Face Hub):
  data/train-*.parquet, data/validation-*.parquet   kept documents, split by document hash
  README.md                                          dataset card with Hugging Face YAML front matter
  release.json                                       version, counts, files, the build it came from
  SHA256SUMS                                         `sha256sum -c SHA256SUMS` verifies everything
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
import pyarrow.parquet as pq

from . import schema
from .loader import dataset
from .shards import Commit, ShardWriter, sha256_file

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
SPLITS = ("train", "validation")


def split_of(doc_id: str, validation: float) -> str:
    """'validation' for a fixed share of documents, chosen by a hash of the id (stable across releases)."""
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    return "validation" if bucket < validation else "train"


def _corpus_files(corpus: Path) -> list[Path]:
    dataset(corpus)  # clear error when there is no corpus
    return sorted((corpus / "data").glob("train-*-of-*.parquet"))


def release(corpus: str | Path, version: str, out: str | Path, validation: float = 0.02,
            shard_bytes: int = 150_000_000, force: bool = False) -> dict:
    """Write a release of the corpus in `corpus` to `out`; return its release.json content."""
    corpus, out = Path(corpus), Path(out)
    if not VERSION.match(version):
        raise ValueError(f"version must look like 1.2.3, not {version!r}")
    if out.exists() and not force:
        raise FileExistsError(f"{out} exists; choose another folder or pass --force to replace it")
    manifest_path = corpus / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    writers = {s: ShardWriter(tmp / "data", schema.RELEASE, s, shard_bytes) for s in SPLITS}
    stats = {s: Counter(documents=0, chars=0) for s in SPLITS}
    facets = {k: Counter() for k in ("doc_type", "site", "year")}
    for path in _corpus_files(corpus):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=2000):
            table = pa.Table.from_batches([batch]).filter(pc.is_null(batch.column("duplicate_of")))
            for row in table.select(schema.RELEASE.names).to_pylist():
                s = split_of(row["id"], validation)
                writers[s].write(row)
                stats[s]["documents"] += 1
                stats[s]["chars"] += row["chars"] or 0
                for k in facets:
                    facets[k][row[k]] += 1
    commit = Commit(tmp / "commit.journal.json")
    files = [f for s in SPLITS for f in writers[s].close(commit)]
    commit.apply()
    counts = {s: dict(stats[s]) for s in SPLITS}
    info = {
        "name": "worksum", "version": version, "schema_version": schema.SCHEMA_VERSION,
        "columns": schema.RELEASE.names, "validation_share": validation, "counts": counts,
        "by_doc_type": _sorted(facets["doc_type"]), "by_site": _sorted(facets["site"]),
        "by_year": {str(k): v for k, v in sorted(facets["year"].items(), key=lambda kv: (kv[0] is None, kv[0] or 0))},
        "files": [{"path": f"data/{f.path.name}", "rows": f.rows, "bytes": f.bytes, "sha256": f.sha256} for f in files],
        "source": {"manifest_sha256": sha256_file(manifest_path) if manifest_path.exists() else None,
                   "worksum_version": manifest.get("worksum_version"), "built": manifest.get("created"),
                   "inputs": len(manifest.get("inputs", []))},
    }
    (tmp / "release.json").write_text(json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")
    from .card import dataset_card

    (tmp / "README.md").write_text(dataset_card(info, manifest), encoding="utf-8")
    sums = sorted(p for p in tmp.rglob("*") if p.is_file())
    (tmp / "SHA256SUMS").write_text(
        "".join(f"{sha256_file(p)}  {p.relative_to(tmp).as_posix()}\n" for p in sums), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)  # the release appears whole or not at all
    return info


def _sorted(c: Counter) -> dict:
    return {str(k): v for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))}


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
    """What `new` added and removed compared with `old` (releases or corpus folders)."""
    cols = ["id", "title", "doc_type", "site"]

    def rows(path):
        data = dataset(path)
        table = data.to_table(columns=cols + (["duplicate_of"] if "duplicate_of" in data.schema.names else []))
        return {r["id"]: r for r in table.to_pylist() if not r.get("duplicate_of")}

    a, b = rows(old), rows(new)
    added, removed = sorted(set(b) - set(a)), sorted(set(a) - set(b))
    return {
        "old": len(a), "new": len(b), "added": len(added), "removed": len(removed),
        "added_by_doc_type": _sorted(Counter(b[i]["doc_type"] for i in added)),
        "removed_by_doc_type": _sorted(Counter(a[i]["doc_type"] for i in removed)),
        "added_by_site": _sorted(Counter(b[i]["site"] for i in added)),
        "removed_by_site": _sorted(Counter(a[i]["site"] for i in removed)),
        "added_titles": [b[i]["title"] for i in added[:20]],
        "removed_titles": [a[i]["title"] for i in removed[:20]],
    }


def format_diff(d: dict) -> str:
    lines = [f"{d['old']:,} → {d['new']:,} documents: +{d['added']:,} added, -{d['removed']:,} removed"]
    for key in ("added_by_doc_type", "removed_by_doc_type", "added_by_site", "removed_by_site"):
        if d[key]:
            lines.append(f"{key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in d[key].items()))
    for key in ("added_titles", "removed_titles"):
        if d[key]:
            lines.append(f"{key.replace('_', ' ')} (first {len(d[key])}):")
            lines += [f"  {t}" for t in d[key]]
    return "\n".join(lines)
