"""Exact and near-duplicate clustering over MinHash signatures.

Exact duplicates share the hash of their text without whitespace and punctuation.
Near duplicates come from LSH banding and are verified on the signatures: Jaccard for
edited copies, containment for previews that hold only the first part of a document.
Each cluster keeps its most complete, cleanest copy.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .minhash import MinHashConfig, containment, jaccard


@dataclass(frozen=True)
class DedupConfig:
    minhash: MinHashConfig = MinHashConfig()
    near_jaccard: float = 0.6
    contained: float = 0.8
    max_bucket: int = 2000  # a bucket this full is template text shared by unrelated pages


@dataclass
class Candidate:
    """What dedup needs to know of one kept-so-far document."""

    idx: int
    exact_hash: str
    signature: np.ndarray
    shingles: int
    chars: int
    placeholder_density: float
    script_converted: bool
    url: str


@dataclass
class Decision:
    cluster: int  # idx of the document the cluster keeps
    reason: str  # "kept", "exact", "near", "contained"
    similarity: float


class _UnionFind:
    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def keep_rank(c: Candidate) -> tuple:
    """Smaller is better: longest body, fewest placeholders, original script, then stable by URL."""
    return (-c.chars, c.placeholder_density, c.script_converted, c.url)


def _verify(a: Candidate, b: Candidate, cfg: DedupConfig) -> tuple[str, float]:
    j = jaccard(a.signature, b.signature)
    if j >= cfg.near_jaccard:
        return "near", j
    small, big = (a, b) if a.shingles <= b.shingles else (b, a)
    c = containment(j, small.shingles, big.shingles)
    if c >= cfg.contained:
        return "contained", c
    return "", j


def cluster(cands: list[Candidate], cfg: DedupConfig = DedupConfig()) -> dict[int, Decision]:
    """Decide, for every candidate, which document its cluster keeps and why."""
    uf = _UnionFind()
    by_idx = {c.idx: c for c in cands}
    edge: dict[tuple[int, int], tuple[str, float]] = {}
    first_with_hash: dict[str, int] = {}
    for c in cands:
        uf.find(c.idx)
        if c.exact_hash in first_with_hash:
            other = first_with_hash[c.exact_hash]
            uf.union(other, c.idx)
            edge[(min(other, c.idx), max(other, c.idx))] = ("exact", 1.0)
        else:
            first_with_hash[c.exact_hash] = c.idx
    uniques = [by_idx[i] for i in first_with_hash.values()]
    r = cfg.minhash.rows
    for band in range(cfg.minhash.bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for c in uniques:
            buckets[c.signature[band * r:(band + 1) * r].tobytes()].append(c.idx)
        for members in buckets.values():
            if len(members) < 2 or len(members) > cfg.max_bucket:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    key = (min(a, b), max(a, b))
                    if key in edge:
                        continue
                    kind, sim = _verify(by_idx[a], by_idx[b], cfg)
                    edge[key] = (kind, sim)
                    if kind:
                        uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for c in cands:
        groups[uf.find(c.idx)].append(c.idx)
    decisions: dict[int, Decision] = {}
    for members in groups.values():
        keeper = min((by_idx[i] for i in members), key=keep_rank)
        for i in members:
            if i == keeper.idx:
                decisions[i] = Decision(keeper.idx, "kept", 1.0)
                continue
            kind, sim = edge.get((min(i, keeper.idx), max(i, keeper.idx)), ("", 0.0))
            if not kind:  # joined through another member: measure against the keeper directly
                kind, sim = _verify(by_idx[i], keeper, cfg)
                if by_idx[i].exact_hash == keeper.exact_hash:
                    kind, sim = "exact", 1.0
            decisions[i] = Decision(keeper.idx, kind or "near", round(sim, 4))
    return decisions
