"""Extraction speed on the devset pages: worksum's full cleaning vs plain trafilatura.extract.

    python bench/extract.py [DEVSET] [--rounds N]

Both run in one process over the same pages in the same run, their rounds interleaved and timed
in CPU seconds (so that a busy machine slows both alike); the ratio is what matters.
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from worksum.cleaning.decode import decode_html  # noqa: E402
from worksum.cleaning.pipeline import clean_page, extract_page  # noqa: E402
from worksum.corpus.warc import find_warcs, iter_pages  # noqa: E402


def cpu_seconds(fn, pages) -> float:
    start = time.process_time()
    for page in pages:
        fn(page)
    return time.process_time() - start


def rates(a, b, pages, rounds) -> tuple[float, float]:
    """Pages per CPU second of `a` and `b`, their rounds interleaved: a busy machine slows both alike."""
    spent_a = spent_b = 0.0
    for _ in range(rounds):
        spent_a += cpu_seconds(a, pages)
        spent_b += cpu_seconds(b, pages)
    return rounds * len(pages) / spent_a, rounds * len(pages) / spent_b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("devset", nargs="?", default=str(ROOT.parent / "shared" / "devset"))
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    pages = list(iter_pages(find_warcs([Path(args.devset) / "pages.warc.gz"])))
    ours = lambda p: clean_page(extract_page(p))  # noqa: E731
    plain = lambda p: trafilatura.extract(decode_html(p.body, p.content_type)[0])  # noqa: E731
    rates(ours, plain, pages, 1)  # warm caches (OpenCC, jieba, lxml)
    base, mine = rates(plain, ours, pages, args.rounds)
    print(f"pages: {len(pages)} x {args.rounds} rounds, one process, rounds interleaved, CPU time")
    print(f"plain trafilatura.extract: {base:8.1f} pages/s")
    print(f"worksum extract + clean:   {mine:8.1f} pages/s")
    print(f"ratio worksum / plain:     {mine / base:8.2f}x (target >= 0.80x)")


if __name__ == "__main__":
    main()
