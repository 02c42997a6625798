"""Clusters never join different documents through a third one (issue 11, item 7), and each keeps its best copy."""
from __future__ import annotations

import random

import numpy as np

from worksum.corpus.dedup import (NOISE_LEVELS, PREVIEW_SHARE, CandidateBuffer, DedupConfig, cluster, decide,
                                   similarity)
from worksum.corpus.minhash import MinHasher, dedup_key, jaccard
from worksum.corpus.openings import opening_keys


def _candidates(texts: list[str], released: tuple[int, ...] = ()):
    hasher, buf = MinHasher(), CandidateBuffer(128)
    for i, text in enumerate(texts):
        sig, n = hasher.signature(text)
        buf.add(str(i), dedup_key(text), sig.tobytes(), n, len(text), 0.0, False, f"http://x.example/{i}",
                released=i in released, openings=opening_keys(text).tobytes())
    return buf.freeze()


def _sentences(seed: int, n: int) -> list[str]:
    """n sentences of their own: words drawn from a wide vocabulary, so unrelated texts share few shingles."""
    rnd = random.Random(seed)
    vocab = [chr(0x4E00 + k) + chr(0x4E00 + 7 * k % 3000) for k in range(3000)]
    return ["".join(rnd.choice(vocab) for _ in range(rnd.randint(8, 14))) + "。" for _ in range(n)]


def test_a_shared_opening_and_its_preview_do_not_merge_two_documents():
    merged = previews = 0
    for trial in range(40):
        opening = "".join(_sentences(1000 + trial, 20))
        a = opening + "".join(_sentences(2000 + trial, 20))  # half of each document is the shared opening
        b = opening + "".join(_sentences(3000 + trial, 20))
        preview = opening + "".join(_sentences(2000 + trial, 20))[:60]  # the template page, or a preview of a
        d = cluster(_candidates([a, b, preview]))
        merged += d[0].keeper == d[1].keeper
        previews += d[2].reason == "contained" and d[2].keeper in (0, 1)
    assert merged == 0 and previews >= 36  # LSH finds a pair at this similarity ~93 % of the time


def test_a_kept_document_absorbs_nothing_through_a_third_one():
    s = _sentences(7, 40)
    a = "".join(s[0:24])
    c = "".join(s[5:28])[:-3]  # near a, and near b, a little shorter than both
    b = "".join(s[10:34])
    sig = {k: MinHasher().signature(t)[0] for k, t in (("a", a), ("b", b), ("c", c))}
    cfg = DedupConfig()
    assert jaccard(sig["a"], sig["c"]) >= cfg.near_jaccard and jaccard(sig["b"], sig["c"]) >= cfg.near_jaccard
    assert jaccard(sig["a"], sig["b"]) < cfg.near_jaccard
    d = cluster(_candidates([a, b, c]), cfg)
    assert d[0].reason == "kept" and d[1].reason == "kept"
    assert d[2].reason == "near" and d[2].keeper in (0, 1)
    assert all(x.reason == "kept" or x.similarity >= cfg.near_jaccard or x.reason != "near" for x in d)


def test_every_duplicate_is_directly_similar_to_its_keeper():
    rnd = random.Random(5)
    pool = _sentences(11, 200)
    texts = []
    for _ in range(120):  # overlapping windows of one sentence pool: chains of near copies
        start = rnd.randrange(0, 150)
        texts.append("".join(pool[start:start + rnd.randint(20, 45)]))
    c = _candidates(texts)
    cfg = DedupConfig()
    for i, d in enumerate(cluster(c, cfg)):
        if d.reason == "near":
            assert jaccard(c.sigs[i], c.sigs[d.keeper]) >= cfg.near_jaccard
        elif d.reason == "contained":
            assert d.similarity >= cfg.contained


def _reference_decisions(c, labels, cfg):
    """The keep rule written plainly, one cluster at a time: rank the members, then the best keeps
    itself and takes the members directly similar to it, and so on over the rest."""
    out = [("kept", i) for i in range(len(c))]
    for label in set(labels.tolist()):
        members = [i for i in range(len(c)) if labels[i] == label]
        most = max(int(c.shingles[i]) for i in members)
        rank = lambda i: (not c.released[i], c.shingles[i] < PREVIEW_SHARE * most,  # noqa: E731
                          int(np.searchsorted(NOISE_LEVELS, c.noise[i], side="right")) + bool(c.converted[i]),
                          -int(c.chars[i]), float(c.noise[i]), c.urls[i])
        rest = sorted(members, key=rank)
        while rest:
            keeper, rest = rest[0], rest[1:]
            kind, _ = similarity(c, np.array(rest, np.int64), np.full(len(rest), keeper), cfg) if rest else ([], [])
            taken = {i for i, k in zip(rest, kind)
                     if not c.released[i] and (c.exact[i] == c.exact[keeper] or k > 0)}
            for i in taken:
                out[i] = ("exact" if c.exact[i] == c.exact[keeper] else "dup", keeper)
            rest = [i for i in rest if i not in taken]
    return out


def test_clusters_are_decided_together_as_one_at_a_time_would():
    """`decide` ranks and peels all clusters in a few array steps; it must choose what the plain rule chooses."""
    rnd = random.Random(3)
    pool = _sentences(21, 160)
    texts, labels = [], []
    for _ in range(150):  # overlapping windows, exact copies and previews: clusters with left-over members
        start = rnd.randrange(0, 120)
        text = "".join(pool[start:start + rnd.randint(15, 40)])
        copies = [text] + [text] * (rnd.random() < 0.3) + [text[:len(text) * 2 // 3]] * (rnd.random() < 0.3)
        texts += copies
        labels += [start // 10] * len(copies)  # big clusters: many members are not similar to the keeper
    c = _candidates(texts, released=tuple(rnd.sample(range(len(texts)), 8)))
    c.noise = np.array([rnd.choice([0.0, 0.3, 0.6, 0.9, 3.0, 30.0]) for _ in texts], np.float32)
    c.converted = np.array([rnd.random() < 0.2 for _ in texts])
    c.urls = [f"http://x.example/{rnd.randrange(20)}" for _ in texts]
    got = [(d.reason if d.reason in ("kept", "exact") else "dup", d.keeper)
           for d in decide(c, np.array(labels), DedupConfig())]
    assert got == _reference_decisions(c, np.array(labels), DedupConfig())
    assert sum(r == "kept" for r, _ in got) > 12  # some clusters were peeled more than once


def test_a_preview_follows_its_container_into_the_cluster_of_a_cleaner_copy():
    s, other = _sentences(31, 40), _sentences(32, 6)
    full = "".join(s)  # the complete copy, carrying noise
    edited = "".join(other + s[6:])  # a cleaner copy with another opening: the one kept
    preview = "".join(s[:14])  # the opening of the complete copy, which the kept copy does not hold
    c = _candidates([full, edited, preview])
    c.noise = np.array([30.0, 0.0, 0.0], np.float32)
    d = cluster(c, DedupConfig())
    assert d[1].reason == "kept" and d[0].keeper == 1
    assert d[2].reason == "contained" and d[2].keeper == 1


def test_components_label_each_row_with_the_smallest_row_it_is_joined_to():
    from worksum.corpus.dedup import components
    rnd = random.Random(9)
    n = 300
    edges = np.array([(rnd.randrange(n), rnd.randrange(n)) for _ in range(220)], np.int64)
    parent = list(range(n))  # the plain union-find the labels must agree with

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in edges.tolist():
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    assert components(edges, n).tolist() == [find(i) for i in range(n)]
    assert components(np.zeros((0, 2), np.int64), 3).tolist() == [0, 1, 2]
