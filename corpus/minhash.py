"""MinHash over character n-grams, compiled with numba.

Shingles are hashed over the code points of the text without whitespace and
punctuation (a polynomial hash kept to 32 bits), then permuted with datasketch's
default scheme ("affine32": the murmur3 finaliser, then a·h + b modulo 2^32 with odd a)
and the same permutation parameters, so a signature equals datasketch's
`MinHash(num_perm, seed)` fed with the same shingle hashes (`shingle_hashes` below is
the plain numpy statement of those hashes; the tests compare both).

Many documents go through one compiled call: their code points are concatenated and the
kernel walks the documents, so no Python work is left per shingle, and the 32-bit
multiplies of the permutations are the cost that remains (see `_sign`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import numpy as np
from numba import njit

MAX_HASH = np.uint64((1 << 32) - 1)
MAX_HASH32 = np.uint32((1 << 32) - 1)
DROP = re.compile(r"[\s\W_]+")  # whitespace and punctuation do not make two texts different
_BASE = np.uint64(1_000_003)
_BASE32 = np.uint32(1_000_003)
_CHUNK_CHARS = 1 << 20  # code points per compiled call: bounds the concatenated copy of a huge batch


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


@cache
def _kept_code_points() -> np.ndarray:
    """For every code point, whether `DROP` keeps it: the same rule as a table the kernel can index."""
    keep = np.ones(0x110000, dtype=np.bool_)
    every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")  # in C, not chr() each
    for m in DROP.finditer(every):
        keep[m.start():m.end()] = False
    return keep


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def dedup_key(text: str) -> str:
    """Text as compared for duplicates: no whitespace or punctuation (what `DROP` removes)."""
    cps = _code_points(text)
    return cps[_kept_code_points()[cps]].tobytes().decode("utf-32-le", "surrogatepass")


def _fmix32(h: np.ndarray) -> np.ndarray:
    # murmur3's finaliser, as datasketch applies it before the permutations.
    h = (h ^ (h >> np.uint32(16))) * np.uint32(0x85EBCA6B)
    h = (h ^ (h >> np.uint32(13))) * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: spreads a 64-bit value over all bits (used for LSH band keys).
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(key: str, ngram: int) -> np.ndarray:
    """Distinct 32-bit polynomial hashes of the character n-grams of an already squashed text.

    A text shorter than the n-gram is one shingle. The murmur3 finaliser that the
    permutation step applies first spreads them.
    """
    cps = _code_points(key)
    if len(cps) == 0:
        return np.zeros(0, dtype=np.uint32)
    ngram = min(ngram, len(cps))
    with np.errstate(over="ignore"):
        h = cps[:len(cps) - ngram + 1].copy()
        for k in range(1, ngram):
            h *= _BASE32
            h += cps[k:len(cps) - ngram + 1 + k]
    return np.unique(h)


@njit(inline="always")
def _fmix32_one(h):
    h = np.uint32(h ^ (h >> np.uint32(16)))
    h = np.uint32(h * np.uint32(0x85EBCA6B))
    h = np.uint32(h ^ (h >> np.uint32(13)))
    h = np.uint32(h * np.uint32(0xC2B2AE35))
    return np.uint32(h ^ (h >> np.uint32(16)))


@njit(cache=True, nogil=True)
def _distinct(hv, n, slots):
    """How many different values hv[:n] holds: an open-addressing set (0 marks an empty slot)."""
    size = 16
    while size < 2 * n:
        size *= 2
    assert size <= slots.size  # no bounds checks in compiled code: never write past the table
    slots[:size] = 0
    mask = size - 1
    count, zero = 0, 0
    for i in range(n):
        x = hv[i]
        if x == 0:
            zero = 1
            continue
        j = x & mask  # the values are murmur-mixed: their low bits are already spread
        while True:
            y = slots[j]
            if y == x:
                break
            if y == 0:
                slots[j] = x
                count += 1
                break
            j = (j + 1) & mask
    return count + zero


@njit(cache=True, nogil=True)
def _sign(cps, starts, keep, ngram, a, b, sigs, counts):
    """Signature rows and distinct-shingle counts of the documents cps[starts[d]:starts[d+1]].

    Each step is a plain loop over one document that LLVM vectorises; the permutation
    loop (num_perm 32-bit multiply-add-min per shingle) is most of the time.
    """
    longest = 1
    for d in range(starts.size - 1):
        longest = max(longest, starts[d + 1] - starts[d])
    key = np.empty(longest, np.uint32)
    hv = np.empty(longest, np.uint32)
    slots = np.empty(4 * longest + 16, np.uint32)  # _distinct's table: a power of two >= 2n, so < 4n + 16
    for d in range(starts.size - 1):
        m = 0
        for k in range(starts[d], starts[d + 1]):  # squash: keep what dedup_key keeps
            c = cps[k]
            key[m] = c
            m += keep[c]
        if m == 0:
            counts[d] = 0
            sigs[d, :] = 0xFFFFFFFF
            continue
        g = min(ngram, m)
        n = m - g + 1
        hv[:n] = key[:n]
        for k in range(1, g):  # polynomial hash of each n-gram, one term at a time over all of them
            for i in range(n):
                hv[i] = np.uint32(hv[i] * _BASE32 + key[i + k])
        for i in range(n):
            hv[i] = _fmix32_one(hv[i])
        for p in range(a.size):  # min over the shingles of a·h + b; repeats do not change a minimum
            ap, bp, low = a[p], b[p], np.uint32(0xFFFFFFFF)
            for i in range(n):
                low = min(low, np.uint32(ap * hv[i] + bp))
            sigs[d, p] = low
        counts[d] = _distinct(hv, n, slots)


def _chunks(texts: list[str]):
    """(first, last) ranges of texts holding about _CHUNK_CHARS characters each."""
    first, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= _CHUNK_CHARS:
            yield first, i + 1
            first, size = i + 1, 0
    if first < len(texts):
        yield first, len(texts)


class MinHasher:
    def __init__(self, cfg: MinHashConfig | None = None):
        cfg = cfg or MinHashConfig()
        self.cfg = cfg
        self.a, self.b = permutations(cfg.num_perm, cfg.seed)
        self.keep = _kept_code_points()
        # Compiled (or loaded from numba's cache) here: worker processes forked after this inherit it.
        self.signatures(["warm"])

    def signatures(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(signatures uint32 (n, num_perm), distinct shingle counts int64 (n,)) of many texts.

        One compiled call per ~1 M characters: pass many documents at once (a page's, or a
        few dozen pages') to leave little Python work per document.
        """
        sigs = np.empty((len(texts), self.cfg.num_perm), dtype=np.uint32)
        counts = np.zeros(len(texts), dtype=np.int64)
        for first, last in _chunks(texts):
            part = texts[first:last]
            starts = np.fromiter(accumulate(map(len, part), initial=0), dtype=np.int64, count=len(part) + 1)
            _sign(_code_points("".join(part)), starts, self.keep, self.cfg.ngram, self.a, self.b,
                  sigs[first:last], counts[first:last])
        return sigs, counts

    def signature(self, text: str) -> tuple[np.ndarray, int]:
        """(signature, number of distinct shingles) of a text."""
        sigs, counts = self.signatures([text])
        return sigs[0], int(counts[0])


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


def band_keys(sigs: np.ndarray, bands: int, rows: int, select: np.ndarray | None = None,
              block: int = 1 << 15) -> np.ndarray:
    """One 64-bit key per (document, band): equal keys mean the band's rows are all equal.

    For the rows `select` of sigs (all by default), `block` documents at a time, so the 64-bit
    temporaries stay a few tens of MB and no copy of the selected signatures is made.
    """
    n = len(sigs) if select is None else len(select)
    keys = np.empty((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for start in range(0, n, block):
            part = sigs[start:start + block] if select is None else sigs[select[start:start + block]]
            x = part[:, :bands * rows].reshape(-1, bands, rows).astype(np.uint64)
            h = np.zeros(x.shape[:2], dtype=np.uint64)
            for r in range(rows):
                h = _mix(h * _BASE + x[:, :, r])
            keys[start:start + block] = h
    return keys
