"""Dedup speed and accuracy on synthetic documents with known duplicates.

    python bench/dedup.py [--n 100000] [--chars 1500] [--workers 2]

Documents come in groups of ten: six originals (a fifth of them open with a shared
template paragraph, which must not merge them), two edited copies (5-15 % of sentences
changed or dropped, other punctuation), one preview (the first 60-90 %) and one copy
with other spacing and punctuation. Texts are generated inside the worker processes
from their number, so the main process never holds them (1 M documents stay bounded).

Prints, in one run: signatures/s of worksum's numpy MinHash and of datasketch's
per-document `update` loop on the same texts (and checks the signatures are equal when
datasketch is fed the same shingle hashes), end-to-end docs/s, peak memory, and
pairwise precision/recall against the known groups.
"""
import argparse
import hashlib
import multiprocessing as mp
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleaning.repair import common_hanzi  # noqa: E402
from corpus.dedup import CandidateBuffer, DedupConfig, cluster  # noqa: E402
from corpus.minhash import MinHasher, dedup_key, shingle_hashes  # noqa: E402

GROUP = 10
ORIGINALS = 6


CHARS = common_hanzi()
WORDS = [w for w in ("".join(random.Random(k).choice(CHARS) for _ in range(random.Random(-k).randint(1, 4)))
                     for k in range(6000))]
TEMPLATES = ["".join(random.Random(f"t{k}").choice(WORDS) for _ in range(60)) + "。" for k in range(5)]


def original(doc: int, chars: int) -> list[str]:
    rnd = random.Random(doc)
    sentences = [TEMPLATES[doc % 5]] if doc % 5 == 0 else []
    while sum(map(len, sentences)) < chars:
        sentences.append("".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))) + rnd.choice("。；！"))
    return sentences


def document(i: int, chars: int) -> tuple[str, int]:
    """(text, true group) of document number i."""
    base, slot = divmod(i, GROUP)
    if slot < ORIGINALS:
        return "".join(original(i, chars)), i
    src = base * GROUP + (slot - ORIGINALS) % ORIGINALS
    sentences, rnd = original(src, chars), random.Random(-i)
    if slot in (6, 7):  # edited copy
        for _ in range(max(1, int(len(sentences) * rnd.uniform(0.05, 0.15)))):
            k = rnd.randrange(len(sentences))
            if rnd.random() < 0.5:
                sentences[k] = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))) + "。"
            else:
                sentences[k] = ""
        text = "".join(sentences).replace("；", "，")
    elif slot == 8:  # preview
        text = "".join(sentences)
        text = text[:int(len(text) * rnd.uniform(0.6, 0.9))]
    else:  # other spacing and punctuation: an exact duplicate after normalisation
        text = "\n".join(s.replace("。", ". ") for s in sentences)
    return text, src


_HASHER = None


def _init():
    global _HASHER
    _HASHER = MinHasher()


def _signatures(args):
    """Signatures of documents first..first+count-1, generated here from their numbers."""
    first, count, chars = args
    docs = [document(i, chars) for i in range(first, first + count)]
    sigs, shingles = _HASHER.signatures([text for text, _ in docs])
    exact = [hashlib.sha256(dedup_key(text).encode()).hexdigest() for text, _ in docs]
    return first, [(group, sig.tobytes(), int(n), len(text), h)
                   for (text, group), sig, n, h in zip(docs, sigs, shingles, exact)]


def pairwise(pred: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts.values())  # noqa: E731
    both = pairs(Counter(zip(pred.tolist(), truth.tolist())))
    p, t = pairs(Counter(pred.tolist())), pairs(Counter(truth.tolist()))
    return both / max(p, 1), both / max(t, 1)


def sig_speed(n: int, chars: int) -> None:
    from datasketch import MinHash

    texts = [document(i, chars)[0] for i in range(n)]
    hasher = MinHasher()
    start = time.perf_counter()
    sigs = [hasher.signature(t)[0] for t in texts]
    ours = n / (time.perf_counter() - start)
    start = time.perf_counter()
    batched, _ = hasher.signatures(texts)
    ours_batched = n / (time.perf_counter() - start)
    assert np.array_equal(batched, np.array(sigs)), "batched and single signatures differ"
    start = time.perf_counter()
    for t in texts:
        key, m = dedup_key(t), MinHash(num_perm=128, seed=1)
        for shingle in {key[k:k + 5] for k in range(len(key) - 4)}:
            m.update(shingle.encode("utf-8"))
    theirs = n / (time.perf_counter() - start)
    print(f"signatures/s, one process, {n} docs of ~{chars} chars: datasketch update loop {theirs:,.0f}; "
          f"worksum one by one {ours:,.0f} ({ours / theirs:,.1f}x), batched {ours_batched:,.0f} "
          f"({ours_batched / theirs:,.1f}x; target >= 40x)")
    same = 0
    for t, sig in zip(texts[:200], sigs):
        m = MinHash(num_perm=128, seed=1, hashfunc=int)
        m.update_batch([int(h) for h in shingle_hashes(dedup_key(t), 5)])
        same += bool(np.array_equal(m.hashvalues.astype(np.uint32), sig))
    print(f"signatures equal to datasketch's on the same shingle hashes: {same}/{min(200, n)}")


def end_to_end(n: int, chars: int, workers: int) -> None:
    cfg = DedupConfig()
    buf = CandidateBuffer(cfg.minhash.num_perm)
    truth = np.zeros(n, dtype=np.int64)
    start = time.perf_counter()
    chunk = 64
    tasks = ((first, min(chunk, n - first), chars) for first in range(0, n, chunk))
    with mp.get_context("fork").Pool(workers, initializer=_init) as pool:
        for first, rows in pool.imap(_signatures, tasks):
            for i, (group, sig, shingles, length, exact) in enumerate(rows, start=first):
                buf.add(str(i), exact, sig, shingles, length, 0.0, False, str(i))
                truth[i] = group
                if (i + 1) % 100_000 == 0:
                    print(f"  {i + 1:,} signatures, {time.perf_counter() - start:.0f}s", flush=True)
    cands = buf.freeze()
    signed = time.perf_counter() - start
    decisions = cluster(cands, cfg)
    total = time.perf_counter() - start
    pred = np.array([decisions[i].keeper for i in range(n)])
    rows = np.array([int(x) for x in cands.ids])
    p, r = pairwise(pred, truth[rows])
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    dups = sum(d.reason != "kept" for d in decisions)
    print(f"end to end, {n:,} docs of ~{chars} chars, {workers} workers: {total:.1f}s "
          f"({n / total:,.0f} docs/s; signatures {signed:.1f}s incl. generating the texts, clustering "
          f"{total - signed:.1f}s)")
    print(f"duplicates found {dups:,} of {n - len(set(truth.tolist())):,} true; pairwise precision {p:.4f} "
          f"recall {r:.4f}; peak memory (main + largest worker) {peak:,.0f} MB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--chars", type=int, default=1500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sig-sample", type=int, default=1000, help="documents for the datasketch comparison")
    args = ap.parse_args()
    sig_speed(min(args.sig_sample, args.n), args.chars)
    end_to_end(args.n, args.chars, args.workers)


if __name__ == "__main__":
    main()
