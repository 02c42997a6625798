"""Vectorised MinHash over character n-grams.

Shingles are hashed with numpy over the code points (a polynomial rolling hash mixed
by splitmix64, kept to 32 bits), then permuted with datasketch's default scheme
("affine32": the murmur3 finaliser, then a·h + b modulo 2^32 with odd a) and the same
permutation parameters, so a signature equals datasketch's `MinHash(num_perm, seed)`
fed with the same shingle hashes (bench/dedup.py checks this). 32-bit arithmetic with
no modulo keeps numpy fast.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MAX_HASH = np.uint64((1 << 32) - 1)
MAX_HASH32 = np.uint32((1 << 32) - 1)
_DROP = re.compile(r"[\s\W_]+")  # whitespace and punctuation do not make two texts different
_BASE = np.uint64(1_000_003)
_BASE32 = np.uint32(1_000_003)


@dataclass(frozen=True)
class MinHashConfig:
    num_perm: int = 128
    ngram: int = 5
    seed: int = 1
    bands: int = 32
    rows: int = 4


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters datasketch draws for MinHash(num_perm, seed) in its affine32 scheme."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    # murmur3's finaliser, as datasketch applies it before the permutations.
    h = (h ^ (h >> np.uint32(16))) * np.uint32(0x85EBCA6B)
    h = (h ^ (h >> np.uint32(13))) * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def dedup_key(text: str) -> str:
    """Text as compared for duplicates: no whitespace or punctuation."""
    return _DROP.sub("", text)


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: spreads a 64-bit value over all bits (used for LSH band keys).
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(key: str, ngram: int) -> np.ndarray:
    """Distinct 32-bit polynomial hashes of the character n-grams of an already squashed text.

    The murmur3 finaliser that the permutation step applies first spreads them.
    """
    cps = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    if len(cps) == 0:
        return np.zeros(0, dtype=np.uint32)
    ngram = min(ngram, len(cps))
    with np.errstate(over="ignore"):
        h = cps[:len(cps) - ngram + 1].copy()
        for k in range(1, ngram):
            h *= _BASE32
            h += cps[k:len(cps) - ngram + 1 + k]
    return np.unique(h)


class MinHasher:
    def __init__(self, cfg: MinHashConfig | None = None):
        cfg = cfg or MinHashConfig()
        self.cfg = cfg
        self.a, self.b = permutations(cfg.num_perm, cfg.seed)

    def from_hashes(self, hv: np.ndarray) -> np.ndarray:
        """Signature (uint32[num_perm]) of a set of 32-bit shingle hashes."""
        sig = np.full(self.cfg.num_perm, MAX_HASH32, dtype=np.uint32)
        with np.errstate(over="ignore"):
            mixed = _fmix32(hv.astype(np.uint32))
            for start in range(0, mixed.size, 4096):  # bounded temporaries for long documents
                # (num_perm, block) via an outer product: far faster in numpy than broadcasting (block, num_perm)
                block = np.multiply.outer(self.a, mixed[start:start + 4096])
                block += self.b[:, None]
                np.minimum(sig, block.min(axis=1), out=sig)
        return sig

    def signatures(self, texts: list[str], batch_shingles: int = 8192) -> tuple[np.ndarray, np.ndarray]:
        """(signatures (n, num_perm), distinct shingle counts) of many texts, a few documents per numpy pass.

        Batches stay near `batch_shingles` so the (num_perm, batch) block fits in the CPU cache.
        """
        hvs = [shingle_hashes(dedup_key(t), self.cfg.ngram) for t in texts]
        sizes = np.array([h.size for h in hvs], dtype=np.int64)
        sigs = np.full((len(texts), self.cfg.num_perm), MAX_HASH32, dtype=np.uint32)
        batch, total = [], 0
        for i in np.flatnonzero(sizes):
            if sizes[i] > batch_shingles:  # a long document alone, in bounded blocks
                sigs[i] = self.from_hashes(hvs[i])
                continue
            batch.append(i)
            total += sizes[i]
            if total >= batch_shingles:
                self._fill(sigs, batch, hvs, sizes)
                batch, total = [], 0
        if batch:
            self._fill(sigs, batch, hvs, sizes)
        return sigs, sizes

    def _fill(self, sigs: np.ndarray, batch: list[int], hvs: list[np.ndarray], sizes: np.ndarray) -> None:
        with np.errstate(over="ignore"):
            block = np.multiply.outer(self.a, _fmix32(np.concatenate([hvs[j] for j in batch])))
            block += self.b[:, None]
            starts = np.r_[0, np.cumsum(sizes[batch])[:-1]]
            sigs[batch] = np.minimum.reduceat(block, starts, axis=1).T

    def signature(self, text: str) -> tuple[np.ndarray, int]:
        """(signature, number of distinct shingles) of a text."""
        hv = shingle_hashes(dedup_key(text), self.cfg.ngram)
        return self.from_hashes(hv), int(hv.size)


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.mean(sig_a == sig_b))


def containment(j, size_small, size_big):
    """Share of the smaller set inside the bigger one, from their Jaccard and sizes (arrays too).

    |A∩B| = J·(|A|+|B|)/(1+J), divided by |A| for the smaller set A.
    """
    j, small, big = np.asarray(j, float), np.asarray(size_small, float), np.asarray(size_big, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(small > 0, j * (small + big) / ((1 + j) * np.maximum(small, 1)), 0.0)
    return np.minimum(c, 1.0)


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (document, band): equal keys mean the band's rows are all equal."""
    x = sigs[:, :bands * rows].reshape(len(sigs), bands, rows).astype(np.uint64)
    h = np.zeros((len(sigs), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            h = _mix(h * _BASE + x[:, :, r])
    return h
