"""Incremental build cost against the size of the dedup index: 1 000 new pages into corpora of 10 k, 100 k, 1 M.

    python bench/incremental.py [--sizes 10000,100000,1000000] [--new 1000] [--keep DIR]

One set of doc-site pages is generated (bench/sitegen.py, light pages, duplicates across sites)
and cut in two: a base corpus is built from the first pages, and --new pages are added with
`build --incremental`. Before each run the base corpus's index is filled up to SIZE released
documents with synthetic ones (random signatures, in segments of 100 000 as merges leave them);
the real released documents stay in it, so the new pages still meet their duplicates. Printed
per size: the time of dedup + write + commit (everything after the clean stage: the index
lookup, clustering, shards, clusters file, index segment, manifest and the commit), the index on
disk, peak memory of the build process; then the growth from the smallest to the largest index.
"""
from __future__ import annotations

import argparse
import io
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sitegen  # noqa: E402
from warcio.archiveiterator import ArchiveIterator  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

import worksum.corpus.build as B  # noqa: E402
from worksum.corpus.dedup import Candidates  # noqa: E402
from worksum.corpus.index import MERGE_MAX_DOCS, SegmentIndex  # noqa: E402
from worksum.corpus.minhash import MinHashConfig  # noqa: E402
from worksum.corpus.openings import STARTS  # noqa: E402


def split_warc(warc: Path, first: Path, rest: Path, n_first: int) -> None:
    """The first n_first response records into `first`, the others into `rest`."""
    outs = [io.BytesIO(), io.BytesIO()]
    writers = [WARCWriter(o, gzip=True) for o in outs]
    with open(warc, "rb") as fh:
        for i, record in enumerate(r for r in ArchiveIterator(fh) if r.rec_type == "response"):
            writers[i >= n_first].write_record(record)
    for path, out in zip((first, rest), outs):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.getvalue())


def synthetic(n: int, start: int, num_perm: int, rng: np.random.Generator) -> Candidates:
    ids = [f"s{start + i:015x}" for i in range(n)]
    return Candidates(ids, [f"{start + i:064x}" for i in range(n)],
                      rng.integers(0, 1 << 32, size=(n, num_perm), dtype=np.uint32),
                      rng.integers(200, 3000, n).astype(np.int32), rng.integers(300, 3500, n).astype(np.int32),
                      np.zeros(n, np.float32), np.zeros(n, bool), [f"http://synthetic.example/{i}" for i in ids],
                      np.ones(n, bool), rng.integers(1, 1 << 63, size=(n, STARTS), dtype=np.uint64))


def fill_index(corpus: Path, size: int) -> int:
    """Add synthetic released documents to the corpus's index until it holds `size`; return how many it holds."""
    m = MinHashConfig()
    rng = np.random.default_rng(size)
    have = len(SegmentIndex(corpus / "dedup" / "index", m))
    added = 0
    while have + added < size:
        n = min(MERGE_MAX_DOCS, size - have - added)
        SegmentIndex(corpus / "dedup" / "index", m).add(synthetic(n, added, m.num_perm, rng))
        added += n
    return have + added


def timed_incremental(new_warc: Path, corpus: Path) -> tuple[float, float, B.BuildReport]:
    """(seconds after the clean stage, seconds of the dedup stage, report) of one incremental build."""
    marks: dict[str, float] = {}
    clean, dedup = B._stage_clean, B._stage_dedup

    def clean_timed(*args, **kwargs):
        result = clean(*args, **kwargs)
        marks["cleaned"] = time.perf_counter()
        return result

    def dedup_timed(*args, **kwargs):
        t = time.perf_counter()
        result = dedup(*args, **kwargs)
        marks["dedup"] = time.perf_counter() - t
        return result

    B._stage_clean, B._stage_dedup = clean_timed, dedup_timed
    try:
        report = B.build([str(new_warc)], corpus, B.BuildConfig(workers=1, progress=False, incremental=True))
    finally:
        B._stage_clean, B._stage_dedup = clean, dedup
    return time.perf_counter() - marks["cleaned"], marks["dedup"], report


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--new", type=int, default=1000, help="new pages added by the timed build")
    ap.add_argument("--base", type=int, default=300, help="pages of the base corpus")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temp folder)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="worksum-bench-inc-") as tmp:
        folder = Path(args.keep or tmp)
        per_style = 50
        styles = -(-(args.base + args.new) // per_style)
        sitegen.generate(folder / "pages", styles, per_style, 5, False, "dev")
        split_warc(folder / "pages" / "pages.warc.gz", folder / "base" / "base.warc.gz",
                   folder / "new" / "new.warc.gz", args.base)
        base = folder / "base-corpus"
        shutil.rmtree(base, ignore_errors=True)
        B.build([str(folder / "base" / "base.warc.gz")], base, B.BuildConfig(workers=1, progress=False))
        print(f"base corpus: {args.base} pages; adding {args.new} new pages (incremental, --workers 1); "
              f"machine: {len(__import__('os').sched_getaffinity(0))} cores")
        print(f"{'index docs':>12}{'dedup+write+commit s':>22}{'of which dedup s':>18}{'released dup':>14}"
              f"{'index MB':>10}{'peak RSS MB':>13}")
        results = []
        for size in sizes:
            corpus = folder / f"corpus-{size}"
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.copytree(base, corpus)
            held = fill_index(corpus, size)
            seconds, dedup_s, report = timed_incremental(folder / "new" / "new.warc.gz", corpus)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            results.append((held, seconds))
            print(f"{held:>12,}{seconds:>22.2f}{dedup_s:>18.2f}{report.duplicates_of_released:>14}"
                  f"{disk_mb(corpus / 'dedup' / 'index'):>10.0f}{rss:>13.0f}")
            shutil.rmtree(corpus)
        (small, t_small), (big, t_big) = results[0], results[-1]
        print(f"growth: index x{big / small:.0f}, dedup+write+commit time x{t_big / t_small:.2f} "
              f"(target: under 10 s at 1 M)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
