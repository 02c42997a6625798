"""Parquet shard writing: batches against an explicit schema, atomic files, rotation."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TMP = ".tmp"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_json_atomic(path: Path, data) -> None:
    tmp = path.with_name(path.name + TMP)
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class ShardFile:
    path: Path
    rows: int
    bytes: int
    sha256: str


class ShardWriter:
    """Write rows into `<dir>/<prefix>-NNNNN-of-MMMMM.parquet` files of about `max_bytes` text.

    Files are written under a temporary name and only renamed into place by `close()`,
    so a killed build never leaves a shard a loader would read.
    """

    def __init__(self, directory: Path, schema: pa.Schema, prefix: str = "train",
                 max_bytes: int = 150_000_000, row_group_rows: int = 2_000, compression_level: int = 3):
        self.directory, self.schema, self.prefix = Path(directory), schema, prefix
        self.max_bytes, self.row_group_rows, self.level = max_bytes, row_group_rows, compression_level
        self.directory.mkdir(parents=True, exist_ok=True)
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
        path = self.directory / f"{self.prefix}-new-{len(self._tmp_paths):05d}.parquet{TMP}"
        self._writer = pq.ParquetWriter(path, self.schema, compression="zstd", compression_level=self.level)
        self._tmp_paths.append(path)

    def _roll(self) -> None:
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._bytes_in_file = 0

    def close(self, commit: Commit, known: dict[str, ShardFile] | None = None) -> list[ShardFile]:
        """Finish the last file; its final name (after any shards already there) is given at commit.

        `known`: rows and checksums of the shards already there, by file name (from the manifest).
        """
        self._roll()
        existing = sorted(self.directory.glob(f"{self.prefix}-*-of-*.parquet"))
        if not self._tmp_paths and not existing:  # an empty corpus still gets one (empty) shard with the schema
            self._new_file()
            self._roll()
        return renumber(self.directory, self.prefix, existing + self._tmp_paths, commit, known or {})


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
    """Renames that must all happen or none: a build's new shards, index, clusters and manifest.

    The plan is written to a journal first; a build killed halfway through the renames is
    finished by the next one (`recover`), so a corpus never holds half a build.
    """

    def __init__(self, journal: Path):
        self.journal = Path(journal)
        self.moves: list[tuple[str, str]] = []

    def rename(self, src: Path, dst: Path) -> None:
        if Path(src) != Path(dst):
            self.moves.append((str(src), str(dst)))

    def apply(self) -> None:
        write_json_atomic(self.journal, self.moves)
        _run(self.moves)
        self.journal.unlink()

    @staticmethod
    def recover(journal: Path) -> bool:
        """Finish the renames of a build that was killed while committing; True if there were any."""
        if not Path(journal).exists():
            return False
        _run(json.loads(Path(journal).read_text(encoding="utf-8")))
        Path(journal).unlink()
        return True


def _run(moves: list[tuple[str, str]]) -> None:
    for src, dst in moves:
        if os.path.exists(src):  # done already when we are finishing an interrupted commit
            os.replace(src, dst)
