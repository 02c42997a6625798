"""Exact and near-duplicate clustering over MinHash signatures.

Exact duplicates share the hash of their text without whitespace and punctuation.
Near duplicates are candidates from LSH banding (pairs of high Jaccard) and from opening keys
(a preview and the document it shows the start of: corpus/openings.py), verified on the
signatures: Jaccard for edited copies, containment for previews that hold only the first part
of a document.
Each cluster keeps its most complete, cleanest copy; a document already released
(from the persistent index) is always the one kept, so a new build only adds.

Everything is columnar (numpy arrays over documents): a million documents are a few
hundred MB of signatures, never a million Python objects.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .minhash import MinHashConfig, band_keys, containment
from .openings import STARTS

PAIR_CHUNK = 50_000  # pairs verified per numpy step: bounds temporary memory
PREVIEW_SHARE = 0.9  # a copy with fewer than 90 % of the other's shingles can be a preview of it


@dataclass(frozen=True)
class DedupConfig:
    minhash: MinHashConfig = field(default_factory=MinHashConfig)
    near_jaccard: float = 0.6
    contained: float = 0.8
    max_bucket: int = 2000  # a bucket this full is template text shared by unrelated pages


@dataclass
class Candidates:
    """What dedup knows of each document, one row per document."""

    ids: list[str]
    exact: list[str]
    sigs: np.ndarray  # (n, num_perm) uint32
    shingles: np.ndarray  # distinct n-grams per document
    chars: np.ndarray
    noise: np.ndarray  # per 1000 characters: placeholders left and injected noise repaired
    converted: np.ndarray
    urls: list[str]
    released: np.ndarray  # True for documents an earlier build already published
    openings: np.ndarray | None = None  # (n, STARTS) uint64 opening keys, 0 for none (none at all if not given)

    def __post_init__(self):
        if self.openings is None:
            self.openings = np.zeros((len(self.ids), STARTS), np.uint64)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def empty(cls, num_perm: int) -> Candidates:
        return cls([], [], np.zeros((0, num_perm), np.uint32), np.zeros(0, np.int32), np.zeros(0, np.int32),
                   np.zeros(0, np.float32), np.zeros(0, bool), [], np.zeros(0, bool))  # no openings: none

    def take(self, rows) -> Candidates:
        rows = np.asarray(rows, dtype=np.int64)
        return Candidates([self.ids[i] for i in rows], [self.exact[i] for i in rows], self.sigs[rows],
                          self.shingles[rows], self.chars[rows], self.noise[rows], self.converted[rows],
                          [self.urls[i] for i in rows], self.released[rows], self.openings[rows])

    def concat(self, other: Candidates) -> Candidates:
        return Candidates(self.ids + other.ids, self.exact + other.exact, np.vstack([self.sigs, other.sigs]),
                          np.concatenate([self.shingles, other.shingles]), np.concatenate([self.chars, other.chars]),
                          np.concatenate([self.noise, other.noise]),
                          np.concatenate([self.converted, other.converted]), self.urls + other.urls,
                          np.concatenate([self.released, other.released]),
                          np.concatenate([self.openings, other.openings]))


class CandidateBuffer:
    """Collects candidates one by one (signatures and opening keys packed in bytearrays), then freezes them."""

    _NO_OPENINGS = bytes(8 * STARTS)

    def __init__(self, num_perm: int):
        self.num_perm = num_perm
        self._sig = bytearray()
        self._openings = bytearray()
        self._cols: dict[str, list] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._cols["ids"])

    def add(self, id_: str, exact: str, sig: bytes, shingles: int, chars: int, noise: float,
            converted: bool, url: str, released: bool = False, openings: bytes | None = None) -> None:
        """`openings`: the STARTS opening keys as uint64 bytes (`opening_keys(text).tobytes()`), or None."""
        self._sig += sig
        self._openings += openings or self._NO_OPENINGS
        for name, value in (("ids", id_), ("exact", exact), ("shingles", shingles), ("chars", chars),
                            ("noise", noise), ("converted", converted), ("urls", url),
                            ("released", released)):
            self._cols[name].append(value)

    def freeze(self) -> Candidates:
        c = self._cols
        if not c["ids"]:
            return Candidates.empty(self.num_perm)
        sigs = np.frombuffer(self._sig, np.uint32).reshape(-1, self.num_perm)  # no copy: the buffer is done
        return Candidates(c["ids"], c["exact"], sigs,
                          np.array(c["shingles"], np.int32), np.array(c["chars"], np.int32),
                          np.array(c["noise"], np.float32), np.array(c["converted"], bool), c["urls"],
                          np.array(c["released"], bool), np.frombuffer(self._openings, np.uint64).reshape(-1, STARTS))


@dataclass
class Decision:
    keeper: int  # row of the document the cluster keeps
    reason: str  # "kept", "exact", "near", "contained"
    similarity: float


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


NOISE_LEVELS = (1.0, 10.0)  # noise per 1000 characters: about clean / a little / much


def noise_density(chars: int, noise_chars: int, placeholder_density: float) -> float:
    """What a copy carries that its cleaner twin does not, per 1000 characters."""
    return float(placeholder_density or 0.0) + 1000.0 * (noise_chars or 0) / max(chars, 1)


def keep_rank(c: Candidates, i: int, most_shingles: int) -> tuple:
    """Smaller is better: released first; a complete copy before a preview; the cleanest copy
    (least noise repaired or left, original script) before the longest; then the URL."""
    preview = c.shingles[i] < PREVIEW_SHARE * most_shingles
    level = int(np.searchsorted(NOISE_LEVELS, c.noise[i], side="right")) + bool(c.converted[i])
    return (not c.released[i], preview, level, -int(c.chars[i]), float(c.noise[i]), c.urls[i])


def candidate_pairs(keys: np.ndarray, max_bucket: int, openings: np.ndarray | None = None) -> np.ndarray:
    """Row pairs (i < j) that share an LSH band bucket or an opening key, as an (m, 2) array.

    `keys`: (n, bands) band keys; `openings`: (n, STARTS) opening keys, 0 for none. A band's
    keys meet only keys of the same band; an opening key meets the keys of every start (a copy
    with an extra first line has its first key where the other copy has its second)."""
    n = keys.shape[0]
    if n == 0:
        return np.zeros((0, 2), np.int64)
    found = [_bucket_pairs(np.arange(n), keys[:, band], n, max_bucket) for band in range(keys.shape[1])]
    if openings is not None and openings.size:
        rows = np.repeat(np.arange(n), openings.shape[1])
        flat = openings.ravel()
        found.append(_bucket_pairs(rows[flat != 0], flat[flat != 0], n, max_bucket))
    flat = np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)
    return np.stack([flat // n, flat % n], axis=1)


def _bucket_pairs(rows: np.ndarray, keys: np.ndarray, n: int, max_bucket: int) -> np.ndarray:
    """Pairs (coded i·n + j, i < j) of distinct rows with equal keys, from buckets of 2..max_bucket rows."""
    order = np.argsort(keys, kind="stable")
    col = keys[order]
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    sizes = np.diff(np.r_[starts, len(col)])
    found = [np.zeros(0, np.int64)]
    for size in np.flatnonzero(np.bincount(sizes[(sizes > 1) & (sizes <= max_bucket)])):
        # all buckets of one size at once: a (buckets, size) matrix of rows, then its upper triangle
        members = np.sort(rows[order[starts[sizes == size][:, None] + np.arange(size)]], axis=1)
        i, j = np.triu_indices(size, k=1)
        found.append((members[:, i] * n + members[:, j]).ravel())
    flat = np.concatenate(found)
    return flat[flat // n != flat % n]  # a row listed twice in a bucket does not meet itself


def similarity(c: Candidates, i: np.ndarray, j: np.ndarray, cfg: DedupConfig) -> tuple[np.ndarray, np.ndarray]:
    """(kind code, similarity) for row pairs: 1 near (Jaccard), 2 contained, 0 neither."""
    jac = np.count_nonzero(c.sigs[i] == c.sigs[j], axis=1) / c.sigs.shape[1]  # not .mean(): no float64 copy
    small = np.minimum(c.shingles[i], c.shingles[j])
    big = np.maximum(c.shingles[i], c.shingles[j])
    cont = containment(jac, small, big)
    # A clearly shorter copy inside a longer one is a preview ("contained"), whatever its Jaccard.
    preview = (cont >= cfg.contained) & (small < PREVIEW_SHARE * big)
    kind = np.where(preview, 2, np.where(jac >= cfg.near_jaccard, 1, np.where(cont >= cfg.contained, 2, 0)))
    return kind, np.where(kind == 2, cont, jac)


_KINDS = {1: "near", 2: "contained"}


def cluster(c: Candidates, cfg: DedupConfig = DedupConfig()) -> list[Decision]:
    """Decide, for every row, which document its cluster keeps and why.

    Exact copies, near copies (Jaccard) and previews (containment) are linked, a preview to
    its best container only, so a preview or a template-only page cannot join two different
    documents. A cluster's keeper takes only the members directly similar to it; the others
    form clusters of their own, so nothing is absorbed through a third document.
    """
    n = len(c)
    uf = _UnionFind(n)
    first_with_hash: dict[str, int] = {}
    for i, h in enumerate(c.exact):
        if h in first_with_hash:
            uf.union(first_with_hash[h], i)
        else:
            first_with_hash[h] = i
    uniques = np.array(sorted(first_with_hash.values()), dtype=np.int64)
    m = cfg.minhash
    pairs = uniques[candidate_pairs(band_keys(c.sigs, m.bands, m.rows, select=uniques), cfg.max_bucket,
                                    c.openings[uniques])]
    container: dict[int, tuple[float, int]] = {}  # preview row → (containment, its best container)
    for start in range(0, len(pairs), PAIR_CHUNK):
        block = pairs[start:start + PAIR_CHUNK]
        kind, sim = similarity(c, block[:, 0], block[:, 1], cfg)
        for a, b in block[kind == 1]:
            uf.union(int(a), int(b))
        for (a, b), s in zip(block[kind == 2], sim[kind == 2]):
            small, big = (int(a), int(b)) if c.shingles[a] <= c.shingles[b] else (int(b), int(a))
            if s > container.get(small, (-1.0, -1))[0]:
                container[small] = (float(s), big)
    for small, (_, big) in container.items():
        uf.union(small, big)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    decisions: list[Decision | None] = [None] * n
    for members in groups.values():
        if len(members) == 1:  # most documents: nothing to rank or verify
            decisions[members[0]] = Decision(members[0], "kept", 1.0)
        else:
            _decide(c, members, cfg, decisions)
    return decisions


def _decide(c: Candidates, members: list[int], cfg: DedupConfig, decisions: list) -> None:
    """The best-ranked member keeps itself and takes the members directly similar to it; repeat on the rest."""
    most = int(max(c.shingles[i] for i in members))
    rest = sorted(members, key=lambda i: keep_rank(c, i, most))
    while rest:
        keeper, rest = rest[0], rest[1:]
        decisions[keeper] = Decision(keeper, "kept", 1.0)
        if not rest:
            return
        others = np.array(rest, dtype=np.int64)
        kind, sim = similarity(c, others, np.full(len(others), keeper), cfg)
        left = []
        for i, k, s in zip(rest, kind, sim):
            if c.released[i]:  # published earlier: never dropped (it keeps its own cluster)
                left.append(i)
            elif c.exact[i] == c.exact[keeper]:
                decisions[i] = Decision(keeper, "exact", 1.0)
            elif k > 0:
                decisions[i] = Decision(keeper, _KINDS[int(k)], round(float(s), 4))
            else:
                left.append(i)
        rest = left
