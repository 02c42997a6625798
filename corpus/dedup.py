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


NOISE_LEVELS = (1.0, 10.0)  # noise per 1000 characters: about clean / a little / much


def noise_density(chars: int, noise_chars: int, placeholder_density: float) -> float:
    """What a copy carries that its cleaner twin does not, per 1000 characters."""
    return float(placeholder_density or 0.0) + 1000.0 * (noise_chars or 0) / max(chars, 1)


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
    order = np.argsort(keys)  # any order within a bucket: its rows are sorted below
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
    if n == 0:
        return []
    exact = _exact_ids(c)
    uniques = np.flatnonzero(exact == np.arange(n))
    m = cfg.minhash
    pairs = uniques[candidate_pairs(band_keys(c.sigs, m.bands, m.rows, select=uniques), cfg.max_bucket,
                                    c.openings[uniques])]
    kind, sim = _similarity_chunked(c, pairs[:, 0], pairs[:, 1], cfg)
    near = pairs[kind == 1]
    small, big = pairs[kind == 2].T
    swap = c.shingles[small] > c.shingles[big]
    small, big = np.where(swap, big, small), np.where(swap, small, big)
    best = _best_per(small, sim[kind == 2])  # a preview links to its best container only
    edges = np.concatenate([np.stack([exact, np.arange(n)], 1), near, np.stack([small[best], big[best]], 1)])
    contained_in = np.full(n, -1, np.int64)
    contained_in[small[best]] = big[best]
    return decide(c, components(edges, n), cfg, exact, contained_in)


def _exact_ids(c: Candidates) -> np.ndarray:
    """For every row, the first row with its exact hash: exact copies share it."""
    first: dict[str, int] = {}
    return np.fromiter((first.setdefault(h, i) for i, h in enumerate(c.exact)), np.int64, len(c))


def components(edges: np.ndarray, n: int) -> np.ndarray:
    """A label per row, the smallest row of its component: rows joined by a chain of edges ((m, 2) row pairs)
    share it. Roots hook onto the smaller label across each edge, then every row jumps to its root; a few
    rounds of both settle any forest (pure numpy: no import costs a small build a second)."""
    labels = np.arange(n)
    a, b = edges[:, 0], edges[:, 1]
    while len(a):
        la, lb = labels[a], labels[b]
        if np.array_equal(la, lb):
            return labels
        low = np.minimum(la, lb)
        np.minimum.at(labels, la, low)
        np.minimum.at(labels, lb, low)
        while not np.array_equal(jumped := labels[labels], labels):
            labels = jumped
    return labels


def _best_per(rows: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Indexes of the highest score of each distinct row (the first listed among equals)."""
    order = np.lexsort((np.arange(len(rows)), -score, rows))
    firsts = np.r_[True, rows[order][1:] != rows[order][:-1]] if len(rows) else np.zeros(0, bool)
    return order[firsts]


def _similarity_chunked(c: Candidates, i: np.ndarray, j: np.ndarray, cfg: DedupConfig):
    """`similarity` over many pairs, PAIR_CHUNK at a time to bound temporary memory."""
    kind, sim = np.zeros(len(i), np.int64), np.zeros(len(i))
    for start in range(0, len(i), PAIR_CHUNK):
        part = slice(start, start + PAIR_CHUNK)
        kind[part], sim[part] = similarity(c, i[part], j[part], cfg)
    return kind, sim


def keep_order(c: Candidates, rows: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """`rows` grouped by label, each group best first: released first; a complete copy before a
    preview; the cleanest copy (least noise repaired or left, original script) before the
    longest; then the URL."""
    by_label = np.argsort(labels, kind="stable")
    lab = labels[by_label]
    starts = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1]])
    most = np.repeat(np.maximum.reduceat(c.shingles[rows[by_label]], starts), np.diff(np.r_[starts, len(lab)]))
    most = most[np.argsort(by_label)]  # back to the order of rows
    preview = c.shingles[rows] < PREVIEW_SHARE * most
    level = np.searchsorted(NOISE_LEVELS, c.noise[rows], side="right") + c.converted[rows]
    urls = np.array([c.urls[i] for i in rows], dtype=object)
    url_rank = np.argsort(np.argsort(urls, kind="stable"), kind="stable")
    return rows[np.lexsort((url_rank, c.noise[rows], -c.chars[rows].astype(np.int64), level, preview,
                            ~c.released[rows], labels))]


def decide(c: Candidates, labels: np.ndarray, cfg: DedupConfig, exact: np.ndarray | None = None,
           contained_in: np.ndarray | None = None) -> list[Decision]:
    """Decisions for every row, its cluster given by `labels` (`exact`: a row id shared by exact copies;
    `contained_in`: each preview's best container row, -1 for none).

    Each cluster's best-ranked member keeps itself and takes the members directly similar to
    it, for all clusters at once; a preview it did not take follows its own container when the
    keeper took that; the few clusters with members left over repeat on those.
    """
    n = len(c)
    exact = _exact_ids(c) if exact is None else exact
    decisions = [Decision(i, "kept", 1.0) for i in range(n)]
    _, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    shared = np.flatnonzero(counts[inverse.ravel()] > 1)
    if len(shared) == 0:
        return decisions
    ranked = keep_order(c, shared, labels[shared])
    lab = labels[ranked]
    heads = np.r_[True, lab[1:] != lab[:-1]]
    keeper = ranked[np.flatnonzero(heads)[np.cumsum(heads) - 1]]
    others = ~heads
    kind, sim = _similarity_chunked(c, ranked[others], keeper[others], cfg)
    same = exact[ranked[others]] == exact[keeper[others]]
    taken = ~c.released[ranked[others]] & (same | (kind > 0))
    for i, k, s, e, t in zip(ranked[others].tolist(), keeper[others].tolist(), sim.tolist(),
                             np.where(same, 0, kind).tolist(), taken.tolist()):
        if t:
            decisions[i] = Decision(k, "exact", 1.0) if e == 0 else Decision(k, _KINDS[e], round(s, 4))
    left = ranked[others][~taken]
    if contained_in is not None and len(left):
        left = _follow_containers(c, left, contained_in, cfg, decisions)
    if len(left):  # members not similar to their keeper, in rank order per cluster: peel again
        left_labels = labels[left]
        for label in np.unique(left_labels):
            _peel(c, left[left_labels == label].tolist(), cfg, exact, decisions)
    return decisions


def _follow_containers(c: Candidates, left: np.ndarray, contained_in: np.ndarray, cfg: DedupConfig,
                       decisions: list) -> np.ndarray:
    """A preview of one copy goes where that copy went: a keeper that took an edited copy of a document
    (the cleaner one) also takes the preview of its fuller copy, which it does not contain itself.
    Only a preview's own best container leads it, so no third document joins two others."""
    box = contained_in[left]
    follows = (box >= 0) & ~c.released[left]
    follows[follows] = [decisions[b].reason != "kept" for b in box[follows].tolist()]
    if not follows.any():
        return left
    _, sim = similarity(c, left[follows], box[follows], cfg)
    for r, b, s in zip(left[follows].tolist(), box[follows].tolist(), sim.tolist()):
        decisions[r] = Decision(decisions[b].keeper, "contained", round(s, 4))
    return left[~follows]


def _peel(c: Candidates, rest: list[int], cfg: DedupConfig, exact: np.ndarray, decisions: list) -> None:
    """Over members in rank order: the first keeps itself and takes those directly similar to it; repeat."""
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
            elif exact[i] == exact[keeper]:
                decisions[i] = Decision(keeper, "exact", 1.0)
            elif k > 0:
                decisions[i] = Decision(keeper, _KINDS[int(k)], round(float(s), 4))
            else:
                left.append(i)
        rest = left
