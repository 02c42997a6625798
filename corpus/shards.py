"""Parquet shard writing: batches against an explicit schema, atomic files, rotation."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

TMP = ".tmp"
JOURNAL = "commit.journal.json"  # in a corpus folder: the renames and removals of a build being committed


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_json_atomic(path: Path, data, indent: int | None = 2) -> None:
    """`indent=None` for files only programs read: Python's json indents with its slow pure-Python encoder."""
    tmp = path.with_name(path.name + TMP)
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class ShardFile:
    path: Path
    rows: int
    bytes: int
    sha256: str


class ShardWriter:
    """Write rows into `<dir>/<prefix>-NNNNN-of-MMMMM.parquet` files of about `max_bytes` text.

    Files are written under a temporary name in `tmp_dir` (a folder no reader looks in) and
    only renamed into place when the build commits, so a reader never sees a shard half written.
    """

    def __init__(self, directory: Path, schema: pa.Schema, prefix: str = "train",
                 max_bytes: int = 150_000_000, row_group_rows: int = 2_000, compression_level: int = 3,
                 tmp_dir: Path | None = None):
        self.directory, self.schema, self.prefix = Path(directory), schema, prefix
        self.max_bytes, self.row_group_rows, self.level = max_bytes, row_group_rows, compression_level
        self.tmp_dir = Path(tmp_dir) if tmp_dir is not None else self.directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        self._rows: list[dict] = []
        self._writer: pq.ParquetWriter | None = None
        self._tmp_paths: list[Path] = []
        self._bytes_in_file = 0

    def write(self, row: dict) -> None:
        self._rows.append(row)
        self._bytes_in_file += len(row.get("text") or "") * 3
        if len(self._rows) >= self.row_group_rows:
            self._flush()
        if self._bytes_in_file >= self.max_bytes:
            self._roll()

    def _flush(self) -> None:
        if not self._rows:
            return
        if self._writer is None:
            self._new_file()
        table = pa.Table.from_pylist(self._rows, schema=self.schema)
        self._writer.write_table(table, row_group_size=self.row_group_rows)
        self._rows = []

    def _new_file(self) -> None:
        path = self.tmp_dir / f"{self.prefix}-new-{len(self._tmp_paths):05d}.parquet{TMP}"
        self._writer = pq.ParquetWriter(path, self.schema, compression="zstd", compression_level=self.level)
        self._tmp_paths.append(path)

    def _roll(self) -> None:
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._bytes_in_file = 0

    def finish(self) -> list[Path]:
        """Close the last file and give the files written, in order, for another writer to `adopt`
        (a worker of a distributed build writes its part; the driver names and commits them all)."""
        self._roll()
        return list(self._tmp_paths)

    def adopt(self, paths: list[Path]) -> None:
        """Files another writer finished, to be committed after those written here, in the order given."""
        self._roll()
        self._tmp_paths += [Path(p) for p in paths]

    def close(self, commit: Commit, known: dict[str, ShardFile] | None = None, *, replace: bool = False,
              drop_ids: frozenset[str] = frozenset()) -> list[ShardFile]:
        """Finish the last file; its final name (after any shards already there) is given at commit.

        `known`: rows and checksums of the shards already there, by file name (from the manifest).
        `replace`: the new files replace those already there (removed when the build commits).
        `drop_ids`: rows to take out of the shards already there (documents a build updates).
        """
        self._roll()
        existing = sorted(self.directory.glob(f"{self.prefix}-*-of-*.parquet"))
        keep = [] if replace else [p for p in (self._without(p, drop_ids, commit) for p in existing) if p]
        if not self._tmp_paths and not keep:  # an empty corpus still gets one (empty) shard with the schema
            self._new_file()
            self._roll()
        files = renumber(self.directory, self.prefix, keep + self._tmp_paths, commit, known or {})
        finals = {f.path for f in files}
        for old in existing:  # shards replaced or emptied: gone once the build commits
            if old not in finals:
                commit.delete(old)
        return files

    def _without(self, path: Path, ids: frozenset[str], commit: Commit) -> Path | None:
        """`path`, or a copy of it without the rows of `ids` (None if no row is left)."""
        if not ids or not ids.intersection(pq.read_table(path, columns=["id"]).column("id").to_pylist()):
            return path
        table = pq.read_table(path, schema=self.schema)
        table = table.filter(pc.invert(pc.is_in(table.column("id"), pa.array(sorted(ids)))))
        if table.num_rows == 0:
            return None
        tmp = self.tmp_dir / f"{path.name}.updated{TMP}"
        pq.write_table(table, tmp, compression="zstd", compression_level=self.level,
                       row_group_size=self.row_group_rows)
        return tmp


def renumber(directory: Path, prefix: str, paths: list[Path], commit: Commit,
             known: dict[str, ShardFile]) -> list[ShardFile]:
    """Plan the names prefix-00000-of-NNNNN … for `paths`, in order (a rename: contents never change).

    Shards whose checksum is `known` (same name and size) are not read again: an incremental
    build must not rehash the whole corpus.
    """
    total = len(paths)
    files = []
    for i, path in enumerate(paths):
        final = directory / f"{prefix}-{i:05d}-of-{total:05d}.parquet"
        commit.rename(path, final)
        size = path.stat().st_size
        seen = known.get(path.name)
        if seen is not None and seen.bytes == size:
            files.append(ShardFile(final, seen.rows, size, seen.sha256))
        else:
            files.append(ShardFile(final, pq.read_metadata(path).num_rows, size, sha256_file(path)))
    return files


class Commit:
    """Renames and removals that must all happen or none: a build's new shards, index, clusters and manifest.

    The plan is written to a journal first, and the number of renames done beside it after
    each one; a build killed halfway through is finished by the next one (`recover`), so a
    corpus never holds half a build. Counting matters: renumbered shards can take each other's
    names, so a rename must never run twice. Removals (the files a build replaces) run after
    every rename: until then the previous corpus is whole.
    """

    def __init__(self, journal: Path):
        self.journal = Path(journal)
        self.moves: list[tuple[str, str]] = []
        self.deletes: list[str] = []

    def rename(self, src: Path, dst: Path) -> None:
        if Path(src) != Path(dst):  # absolute: a reader elsewhere must find them (`committed_files`)
            self.moves.append((os.path.abspath(src), os.path.abspath(dst)))

    def delete(self, path: Path) -> None:
        self.deletes.append(os.path.abspath(path))

    def apply(self) -> None:
        write_json_atomic(self.journal, {"moves": self.moves, "deletes": self.deletes})
        _run(self.journal, self.moves, self.deletes)
        _finish(self.journal)

    @staticmethod
    def plan(journal: Path) -> tuple[list[tuple[str, str]], list[str], int]:
        """(renames, removals, renames done) of a commit under way; nothing when there is none."""
        journal = Path(journal)
        if not journal.exists():
            return [], [], 0
        plan = json.loads(journal.read_text(encoding="utf-8"))
        done = _done_path(journal)
        done = int(done.read_text(encoding="utf-8")) if done.exists() else 0
        if isinstance(plan, list):  # written by an earlier version: renames only
            return [tuple(m) for m in plan], [], done
        return [tuple(m) for m in plan["moves"]], plan["deletes"], done

    @staticmethod
    def recover(journal: Path) -> bool:
        """Finish the commit of a build that was killed while committing; True if there was one."""
        if not Path(journal).exists():
            return False
        moves, deletes, done = Commit.plan(journal)
        _run(Path(journal), moves, deletes, done)
        _finish(Path(journal))
        return True


def _done_path(journal: Path) -> Path:
    return journal.with_name(journal.name + ".done")


def _run(journal: Path, moves: list[tuple[str, str]], deletes: list[str], start: int = 0) -> None:
    for n in range(start, len(moves)):
        src, dst = moves[n]
        if os.path.exists(src):  # else this rename was done when the commit was interrupted
            os.replace(src, dst)
        write_json_atomic(_done_path(journal), n + 1)
    targets = {dst for _, dst in moves}
    for path in deletes:
        if path not in targets and os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)  # an index segment: a folder (a rmtree cut short is done again by `recover`)
        elif path not in targets and os.path.lexists(path):
            os.unlink(path)


def _finish(journal: Path) -> None:
    journal.unlink()
    _done_path(journal).unlink(missing_ok=True)


def committed_files(corpus: Path, kind: str, journal: str = JOURNAL) -> list[Path] | None:
    """The `kind` shard files (data, rejected) of the corpus in `corpus` as its manifest lists them.

    While a commit is under way (its journal exists), the files of the build being committed,
    wherever they are at that moment; so a reader never mixes two builds. None when there is no manifest.
    """
    corpus = Path(corpus)
    moves, _, done = Commit.plan(corpus / journal)
    now_at = {dst: src for src, dst in moves[done:] if os.path.exists(src)}  # not renamed yet

    def where(path: Path) -> Path:
        return Path(now_at.get(os.path.abspath(path), path))

    manifest = where(corpus / "manifest.json")
    if not manifest.exists():
        return None
    listed = json.loads(manifest.read_text(encoding="utf-8")).get("files", {}).get(kind, [])
    return [where(corpus / f["path"]) for f in listed]
