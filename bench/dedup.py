"""Dedup speed and accuracy on synthetic documents with known duplicates.

    python bench/dedup.py [--n 1000000] [--chars 1500] [--workers 2] [--sig-sample 5000]

Documents come in groups of ten: six originals (a fifth of them open with a shared
template paragraph, which must not merge them), two edited copies (5-15 % of sentences
changed or dropped, other punctuation), one preview (the first 60-90 %) and one copy
with other spacing and punctuation. Texts are generated inside the worker processes,
a group at a time from its number, so the main process never holds them (1 M documents
stay bounded).

Prints, in one run: end to end over --n documents on --workers processes, the wall
time of signing (texts generated and signed in the workers, with the workers' CPU split
between the two) and of clustering, peak memory, and pairwise precision/recall against
the known groups; then signatures per CPU second (one core) of worksum's MinHash, one
text per call and many per call, and of datasketch's per-document `update` loop on the
same texts, with the ratio; and how many signatures equal datasketch's when it is fed
the same shingle hashes.
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

from worksum.cleaning.repair import common_hanzi  # noqa: E402
from worksum.corpus.dedup import Candidates, DedupConfig, cluster  # noqa: E402
from worksum.corpus.minhash import MinHasher, dedup_key, shingle_hashes  # noqa: E402
from worksum.corpus.openings import STARTS, opening_keys  # noqa: E402

GROUP = 10
ORIGINALS = 6
TASK_GROUPS = 50  # groups generated and signed per worker task

CHARS = common_hanzi()
_RND = random.Random(6000)
WORDS = ["".join(_RND.choices(CHARS, k=_RND.randint(1, 4))) for _ in range(6000)]
TEMPLATE = "".join(_RND.choices(WORDS, k=60)) + "。"
TOKENS = np.array(WORDS + list("。；！"), dtype=object)  # words, then the sentence endings
TOKEN_LEN = np.array([len(t) for t in TOKENS])


def sentences(rng: np.random.Generator, chars: int) -> list[str]:
    """Sentences of 6-18 random words and an ending, `chars` characters or a little more in all.

    Drawn for all of them in a few numpy steps: Python work per word would cost more than
    signing the documents they make.
    """
    tokens = rng.integers(0, len(WORDS), size=chars + 20)  # a word has a character or more: enough
    ends = np.cumsum(rng.integers(7, 20, size=len(tokens) // 7 + 1)) - 1
    ends = ends[ends < len(tokens)]
    tokens[ends] = len(WORDS) + rng.integers(0, 3, size=len(ends))
    bounds = np.cumsum(TOKEN_LEN[tokens])[ends]  # characters up to the end of each sentence
    count = int(np.searchsorted(bounds, chars)) + 1
    text = "".join(TOKENS[tokens[:ends[count - 1] + 1]])
    bounds = bounds[:count].tolist()
    return [text[a:b] for a, b in zip([0] + bounds[:-1], bounds)]


# Documents are drawn from a pool of random sentences (made once, in every process alike):
# two documents share a sentence about once in 170 pairs, a few shingles of their 1 500.
POOL = np.array(sentences(np.random.default_rng(0), 12_000_000), dtype=object)
POOL_LEN = np.array([len(s) for s in POOL])


def group(number: int, chars: int) -> list[tuple[str, int]]:
    """(text, true group) of the ten documents of group `number`."""
    rng, first = np.random.default_rng(number), number * GROUP
    picks = rng.integers(0, len(POOL), size=(ORIGINALS, chars // 7 + 1))  # a sentence has 7 characters or more
    ends = np.cumsum(POOL_LEN[picks], axis=1)
    originals = []
    for k in range(ORIGINALS):  # sentences from the pool until the text has `chars` characters
        opening = [TEMPLATE] if (first + k) % 5 == 0 else []
        count = int(np.searchsorted(ends[k], chars - len("".join(opening)))) + 1
        originals.append(opening + POOL[picks[k, :count]].tolist())
    docs = [("".join(s), first + k) for k, s in enumerate(originals)]
    for k in (0, 1):  # edited copies of the first two
        edited = list(originals[k])
        for _ in range(max(1, int(len(edited) * rng.uniform(0.05, 0.15)))):
            edited[rng.integers(len(edited))] = POOL[rng.integers(len(POOL))] if rng.random() < 0.5 else ""
        docs.append(("".join(edited).replace("；", "，"), first + k))
    full = "".join(originals[2])
    docs.append((full[:int(len(full) * rng.uniform(0.6, 0.9))], first + 2))  # a preview
    docs.append(("\n".join(s.replace("。", ". ") for s in originals[3]), first + 3))  # other spacing and punctuation
    return docs


def documents(n: int, chars: int, first_group: int = 0) -> list[tuple[str, int]]:
    groups = -(-n // GROUP)
    return [d for g in range(first_group, first_group + groups) for d in group(g, chars)][:n]


_HASHER = None


def _init():
    global _HASHER
    _HASHER = MinHasher()


def _sign_groups(args):
    """Generate and sign groups first..first+count-1: arrays for their documents, and the CPU each step took."""
    first, count, chars = args
    start = time.process_time()
    docs = documents(count * GROUP, chars, first)
    generated = time.process_time()
    texts = [text for text, _ in docs]
    sigs, shingles = _HASHER.signatures(texts)
    exact = [hashlib.sha256(dedup_key(t).encode()).hexdigest() for t in texts]
    openings = np.stack([opening_keys(t) for t in texts])
    signed = time.process_time()
    truth = np.array([g for _, g in docs])
    return first * GROUP, sigs, shingles, np.array([len(t) for t in texts]), exact, openings, truth, (
        generated - start, signed - generated)


def pairwise(pred: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts.values())  # noqa: E731
    both = pairs(Counter(zip(pred.tolist(), truth.tolist())))
    p, t = pairs(Counter(pred.tolist())), pairs(Counter(truth.tolist()))
    return both / max(p, 1), both / max(t, 1)


def cpu_rate(fn, n: int, repeat: int = 3) -> float:
    """Documents per CPU second of fn, best of `repeat` runs (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return n / best


def sig_speed(n: int, chars: int, datasketch_n: int) -> None:
    from datasketch import MinHash

    texts = [text for text, _ in documents(n, chars)]
    hasher = MinHasher()
    hasher.signatures(texts[:2])  # compiled (or loaded from numba's cache) before timing
    one = cpu_rate(lambda: [hasher.signature(t) for t in texts], n)
    batched = cpu_rate(lambda: hasher.signatures(texts), n)

    def datasketch_loop():
        for t in texts[:datasketch_n]:
            key, m = dedup_key(t), MinHash(num_perm=128, seed=1)
            for shingle in {key[k:k + 5] for k in range(len(key) - 4)}:
                m.update(shingle.encode("utf-8"))

    theirs = cpu_rate(datasketch_loop, datasketch_n, repeat=1)
    print(f"signatures per CPU second (one core), {n} docs of ~{chars} chars, 128 permutations: "
          f"datasketch update loop {theirs:,.0f} (on {datasketch_n}); worksum one text per call {one:,.0f} "
          f"({one / theirs:,.0f}x), {len(texts)} per call {batched:,.0f} ({batched / theirs:,.0f}x); target >= 10,000")
    sigs, counts = hasher.signatures(texts[:200])
    same = 0
    for t, sig, count in zip(texts, sigs, counts):
        hv = shingle_hashes(dedup_key(t), 5)
        m = MinHash(num_perm=128, seed=1, hashfunc=int)
        m.update_batch([int(h) for h in hv])
        same += bool(np.array_equal(m.hashvalues, sig)) and count == len(hv)
    print(f"signatures and shingle counts equal to datasketch's on the same shingle hashes: {same}/{len(sigs)}")


def end_to_end(n: int, chars: int, workers: int) -> None:
    groups = -(-n // GROUP)
    n = groups * GROUP
    sigs = np.empty((n, 128), dtype=np.uint32)
    shingles, lengths, truth = np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, np.int64)
    openings = np.empty((n, STARTS), np.uint64)
    exact: list[str] = [""] * n
    cpu = np.zeros(2)
    start = time.perf_counter()
    tasks = [(g, min(TASK_GROUPS, groups - g), chars) for g in range(0, groups, TASK_GROUPS)]
    with mp.get_context("fork").Pool(workers, initializer=_init) as pool:
        for done, (first, s, sh, ln, ex, op, tr, spent) in enumerate(pool.imap_unordered(_sign_groups, tasks), 1):
            rows = slice(first, first + len(tr))
            sigs[rows], shingles[rows], lengths[rows], truth[rows], exact[rows] = s, sh, ln, tr, ex
            openings[rows] = op
            cpu += spent
            if done % max(1, len(tasks) // 10) == 0:
                print(f"  {done * TASK_GROUPS * GROUP:,} signatures, {time.perf_counter() - start:.0f}s", flush=True)
    signed = time.perf_counter() - start
    ids = [str(i) for i in range(n)]
    cands = Candidates(ids=ids, exact=exact, sigs=sigs, shingles=shingles, chars=lengths,
                       noise=np.zeros(n, np.float32), converted=np.zeros(n, bool), urls=ids,
                       released=np.zeros(n, bool), openings=openings)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    decisions = cluster(cands, DedupConfig())
    total = time.perf_counter() - start
    pred = np.array([d.keeper for d in decisions])
    p, r = pairwise(pred, truth)
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    dups = sum(d.reason != "kept" for d in decisions)
    print(f"end to end, {n:,} docs of ~{chars} chars, {workers} workers: {total:.1f}s ({n / total:,.0f} docs/s); "
          f"generating and signing {signed:.1f}s wall (worker CPU: generating {cpu[0]:.1f}s, signing with the exact "
          f"key and opening keys {cpu[1]:.1f}s = {n / cpu[1]:,.0f} docs/s per core), clustering {total - signed:.1f}s")
    print(f"duplicates found {dups:,} of {n - len(set(truth.tolist())):,} true; pairwise precision {p:.4f} "
          f"recall {r:.4f}; peak memory: main {main_peak:,.0f} MB ({before:,.0f} MB before clustering), "
          f"largest worker {worker_peak:,.0f} MB, sum {main_peak + worker_peak:,.0f} MB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--chars", type=int, default=1500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sig-sample", type=int, default=5000, help="documents for the signature speed figures")
    ap.add_argument("--datasketch-sample", type=int, default=200, help="of those, documents datasketch signs")
    args = ap.parse_args()
    end_to_end(args.n, args.chars, args.workers)  # first: its workers fork from a process that signed nothing yet
    sig_speed(min(args.sig_sample, args.n), args.chars, min(args.datasketch_sample, args.sig_sample, args.n))


if __name__ == "__main__":
    main()
