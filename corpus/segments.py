"""Index segments: the released documents of one or more builds, looked up by LSH band, opening key, exact
hash and id.

A segment is a folder of plain numpy arrays and byte strings, written once and then only read
(memory-mapped), so a lookup reads the few rows it needs however large the index grows:

  sigs.npy               (n, num_perm) uint32   signatures, row r = document r
  num.npy                (n,) record            shingles, chars, noise, script_converted
  id.bin / id.off.npy    the ids, as utf-8 one after another, and where each starts
  exact.bin, url.bin     … the same for exact hashes and URLs
  bands.npy              (bands, n) uint32      each band's keys (low 32 bits), sorted
  band_rows.npy          (bands, n) uint32      … and the row each key belongs to
  openings.npy           (n, STARTS) uint64     opening keys (corpus/openings.py), 0 for none, row r = document r
  opening_keys.npy, opening_rows.npy            the opening keys but 0, sorted, and the row of each
  id_keys.npy, id_rows.npy, exact_keys.npy, exact_rows.npy   64-bit hashes of ids and exact hashes, sorted

Band keys are cut to 32 bits: a key shared by chance brings a row that is not similar, and the
clustering, which compares the full signatures, leaves it alone.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from .dedup import Candidates
from .minhash import band_keys
from .openings import STARTS

NUM = np.dtype([("shingles", "<i4"), ("chars", "<i4"), ("noise", "<f4"), ("converted", "?")])
STRINGS = ("id", "exact", "url")
FILES = ("sigs.npy", "num.npy", "bands.npy", "band_rows.npy", "openings.npy", "opening_keys.npy", "opening_rows.npy",
         "id_keys.npy", "id_rows.npy", "exact_keys.npy", "exact_rows.npy", *(f"{s}.bin" for s in STRINGS),
         *(f"{s}.off.npy" for s in STRINGS))


def key64(strings: list[str]) -> np.ndarray:
    """A 64-bit hash of each string (ids and exact hashes are looked up by it)."""
    return np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
                        for s in strings), dtype=np.uint64, count=len(strings))


def _sorted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], order.astype(np.uint32)


def _save(folder: Path, name: str, array: np.ndarray) -> None:
    with open(folder / name, "wb") as fh:
        np.save(fh, array, allow_pickle=False)
        fh.flush()
        os.fsync(fh.fileno())


def _save_strings(folder: Path, name: str, strings: list[str]) -> None:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    with open(folder / f"{name}.bin", "wb") as fh:
        fh.write(b"".join(encoded))
        fh.flush()
        os.fsync(fh.fileno())
    _save(folder, f"{name}.off.npy", offsets)


def write_segment(folder: Path, docs: Candidates, bands: int, rows: int,
                  id_keys: np.ndarray | None = None, exact_keys: np.ndarray | None = None) -> None:
    """Write `docs` as a new segment in `folder` (which must not exist); `*_keys`: their key64, if known."""
    folder.mkdir(parents=True)
    n = len(docs)
    _save(folder, "sigs.npy", np.ascontiguousarray(docs.sigs, dtype=np.uint32))
    num = np.zeros(n, dtype=NUM)
    num["shingles"], num["chars"], num["noise"], num["converted"] = docs.shingles, docs.chars, docs.noise, \
        docs.converted
    _save(folder, "num.npy", num)
    for name, strings in (("id", docs.ids), ("exact", docs.exact), ("url", docs.urls)):
        _save_strings(folder, name, strings)
    keys = (band_keys(docs.sigs, bands, rows) & np.uint64(0xFFFFFFFF)).astype(np.uint32).T  # (bands, n)
    order = np.argsort(keys, axis=1, kind="stable")
    _save(folder, "bands.npy", np.take_along_axis(keys, order, axis=1))
    _save(folder, "band_rows.npy", order.astype(np.uint32))
    openings = np.ascontiguousarray(docs.openings, dtype=np.uint64)
    _save(folder, "openings.npy", openings)
    has = openings.ravel() != 0
    sorted_keys, order = _sorted(openings.ravel()[has])
    _save(folder, "opening_keys.npy", sorted_keys)
    _save(folder, "opening_rows.npy", (np.flatnonzero(has) // STARTS).astype(np.uint32)[order])
    for name, k in (("id", id_keys if id_keys is not None else key64(docs.ids)),
                    ("exact", exact_keys if exact_keys is not None else key64(docs.exact))):
        sorted_keys, order = _sorted(k)
        _save(folder, f"{name}_keys.npy", sorted_keys)
        _save(folder, f"{name}_rows.npy", order)
    fd = os.open(folder, os.O_RDONLY)  # the folder's entries on disk before it is renamed into the index
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Segment:
    """One segment, memory-mapped: nothing is read until a lookup touches it."""

    def __init__(self, folder: Path, num_perm: int):
        self.folder = Path(folder)
        missing = [f for f in FILES if not (self.folder / f).is_file()]
        if missing:
            raise FileNotFoundError(f"{self.folder} lacks {', '.join(missing)}")
        load = lambda name: np.load(self.folder / name, mmap_mode="r", allow_pickle=False)  # noqa: E731
        self.sigs = load("sigs.npy")
        self.num = load("num.npy")
        self.bands, self.band_rows = load("bands.npy"), load("band_rows.npy")
        self.openings = load("openings.npy")
        self.opening_keys, self.opening_rows = load("opening_keys.npy"), load("opening_rows.npy")
        self.keys = {name: (load(f"{name}_keys.npy"), load(f"{name}_rows.npy")) for name in ("id", "exact")}
        self.offsets = {name: load(f"{name}.off.npy") for name in STRINGS}
        self.blobs = {name: np.memmap(self.folder / f"{name}.bin", dtype=np.uint8, mode="r")
                      if (self.folder / f"{name}.bin").stat().st_size else np.zeros(0, np.uint8) for name in STRINGS}
        n = len(self.num)
        if self.sigs.shape != (n, num_perm) or self.bands.shape[1:] != (n,) or self.openings.shape != (n, STARTS) \
                or len(self.opening_keys) != len(self.opening_rows) \
                or any(len(o) != n + 1 for o in self.offsets.values()):
            raise ValueError(f"{self.folder}: its arrays disagree on the number of documents ({n})")

    def __len__(self) -> int:
        return len(self.num)

    def strings(self, name: str, rows: np.ndarray) -> list[str]:
        offsets, blob = self.offsets[name], self.blobs[name]
        return [bytes(blob[offsets[r]:offsets[r + 1]]).decode("utf-8") for r in rows]

    def rows_with_band_keys(self, keys: np.ndarray, max_bucket: int) -> np.ndarray:
        """Rows sharing a band key with any of `keys` ((n, bands) uint64 as band_keys gives them).

        A key held by more than `max_bucket` rows is template text shared by unrelated pages: the
        clustering ignores such buckets, so their rows are not fetched."""
        found = []
        for band in range(self.bands.shape[0]):
            column = self.bands[band]
            want = np.unique((keys[:, band] & np.uint64(0xFFFFFFFF)).astype(np.uint32))
            lo = np.searchsorted(column, want, side="left")
            hi = np.searchsorted(column, want, side="right")
            size = hi - lo
            keep = (size > 0) & (size <= max_bucket)
            for a, b in zip(lo[keep], hi[keep]):
                found.append(np.asarray(self.band_rows[band, a:b]))
        return np.unique(np.concatenate(found)) if found else np.zeros(0, np.uint32)

    def rows_with_openings(self, openings: np.ndarray, max_bucket: int) -> np.ndarray:
        """Rows sharing an opening key with any of `openings` ((n, STARTS) uint64, 0 for none), at any start;
        a key held by more than `max_bucket` rows is left out, as the clustering leaves it."""
        want = np.unique(openings[openings != 0])
        lo = np.searchsorted(self.opening_keys, want, side="left")
        hi = np.searchsorted(self.opening_keys, want, side="right")
        keep = (hi > lo) & (hi - lo <= max_bucket)
        found = [np.asarray(self.opening_rows[a:b]) for a, b in zip(lo[keep], hi[keep])]
        return np.unique(np.concatenate(found)) if found else np.zeros(0, np.uint32)

    def rows_with(self, name: str, values: list[str]) -> np.ndarray:
        """Rows whose `name` ("id" or "exact") is one of `values`."""
        if not values or not len(self):
            return np.zeros(0, np.uint32)
        keys, rows = self.keys[name]
        want = np.unique(key64(values))
        lo = np.searchsorted(keys, want, side="left")
        hi = np.searchsorted(keys, want, side="right")
        hits = [np.asarray(rows[a:b]) for a, b in zip(lo, hi) if b > a]
        if not hits:
            return np.zeros(0, np.uint32)
        found = np.unique(np.concatenate(hits))
        wanted = set(values)  # a 64-bit hash shared by chance: check the string itself
        return found[[s in wanted for s in self.strings(name, found)]]

    def take(self, rows: np.ndarray) -> Candidates:
        rows = np.sort(np.asarray(rows, dtype=np.int64))
        num = self.num[rows]
        return Candidates(self.strings("id", rows), self.strings("exact", rows), np.array(self.sigs[rows]),
                          num["shingles"].astype(np.int32), num["chars"].astype(np.int32),
                          num["noise"].astype(np.float32), num["converted"].astype(bool),
                          self.strings("url", rows), np.ones(len(rows), dtype=bool), np.array(self.openings[rows]))

    def all_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """key64 of every row's id and exact hash, in row order (a merge reuses them)."""
        out = []
        for name in ("id", "exact"):
            keys, rows = self.keys[name]
            k = np.empty(len(self), dtype=np.uint64)
            k[np.asarray(rows)] = keys
            out.append(k)
        return out[0], out[1]
