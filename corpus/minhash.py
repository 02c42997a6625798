"""Vectorised MinHash over character n-grams.

Shingles are hashed with numpy over the code points (a polynomial rolling hash mixed
by splitmix64, kept to 32 bits), then permuted with datasketch's own scheme
((a·h + b) mod (2^61 − 1)) & (2^32 − 1) and the same permutation parameters, so a
signature equals datasketch's `MinHash(num_perm, seed)` fed with the same shingle
hashes (bench/dedup.py checks this).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MERSENNE = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)
_DROP = re.compile(r"[\s\W_]+")  # whitespace and punctuation do not make two texts different
_BASE = np.uint64(1_000_003)


@dataclass(frozen=True)
class MinHashConfig:
    num_perm: int = 128
    ngram: int = 5
    seed: int = 1
    bands: int = 32
    rows: int = 4


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters datasketch draws for MinHash(num_perm, seed)."""
    gen = np.random.RandomState(seed)
    a, b = np.array([(gen.randint(1, MERSENNE, dtype=np.uint64), gen.randint(0, MERSENNE, dtype=np.uint64))
                     for _ in range(num_perm)], dtype=np.uint64).T
    return a, b


def dedup_key(text: str) -> str:
    """Text as compared for duplicates: no whitespace or punctuation."""
    return _DROP.sub("", text)


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: spreads the rolling hash over all bits.
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(key: str, ngram: int) -> np.ndarray:
    """Distinct 32-bit hashes of the character n-grams of an already squashed text."""
    cps = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cps) == 0:
        return np.zeros(0, dtype=np.uint64)
    if len(cps) < ngram:
        ngram = len(cps)
    with np.errstate(over="ignore"):
        h = np.zeros(len(cps) - ngram + 1, dtype=np.uint64)
        for k in range(ngram):
            h = h * _BASE + cps[k:len(cps) - ngram + 1 + k]
        return np.unique(_mix(h) & MAX_HASH)


class MinHasher:
    def __init__(self, cfg: MinHashConfig | None = None):
        cfg = cfg or MinHashConfig()
        self.cfg = cfg
        self.a, self.b = permutations(cfg.num_perm, cfg.seed)

    def from_hashes(self, hv: np.ndarray) -> np.ndarray:
        """Signature (uint32[num_perm]) of a set of shingle hashes."""
        if hv.size == 0:
            return np.full(self.cfg.num_perm, MAX_HASH, dtype=np.uint32)
        sig = np.full(self.cfg.num_perm, MAX_HASH, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for start in range(0, hv.size, 2048):  # bounded temporaries for long documents
                block = hv[start:start + 2048, None]
                phv = ((block * self.a + self.b) % MERSENNE) & MAX_HASH
                np.minimum(sig, phv.min(axis=0), out=sig)
        return sig.astype(np.uint32)

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
