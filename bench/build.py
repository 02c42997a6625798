"""Build speed on doc-site pages of realistic size: `worksum build --workers 1` vs plain trafilatura.

    python bench/build.py [--styles 16] [--pages-per-style 50] [--seed 3] [--rounds 3] [--devset ../shared/devset] [--keep DIR]

Generates pages of 40-80 KB (menus, link sidebars, related lists, scripts, styles, footers:
bench/sitegen.py --heavy) into one WARC, then in the same run:
  - plain `trafilatura.extract` with default settings, one process, over the same WARC records
    (read and decoded the same way the build reads them);
  - `worksum build --workers 1` (all stages: extract, clean, dedup, write) in a subprocess.
Both run --rounds times, one after the other in turn. Prints pages/s of each per CPU second (the
build's parent and worker processes together: "per core") and per wall second in every round, the
ratio per round and its median. Then the quality of both paths: F1 and clean share
on the generated pages (their gold) and on the devset (when it is there).
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import json  # noqa: E402

import pyarrow.dataset as ds  # noqa: E402
import trafilatura  # noqa: E402

import sitegen  # noqa: E402
from worksum.cleaning.decode import decode_html  # noqa: E402
from worksum.corpus.warc import find_warcs, iter_pages  # noqa: E402
from worksum.evaluate import _score_page, evaluate  # noqa: E402


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def plain_trafilatura(warc: Path) -> tuple[dict[str, str], int, float, float]:
    """url → text of trafilatura.extract (default settings) over every page; pages, CPU s, wall s."""
    texts = {}
    cpu, wall = _cpu_self(), time.perf_counter()
    for page in iter_pages(find_warcs([warc])):
        html, _ = decode_html(page.body, page.content_type)
        texts[page.url] = trafilatura.extract(html) or ""
    return texts, len(texts), _cpu_self() - cpu, time.perf_counter() - wall


def worksum_build(warc: Path, out: Path) -> tuple[int, float, float]:
    """`worksum build --workers 1` in a subprocess: pages, CPU s (it and its workers), wall s."""
    cpu, wall = _cpu_children(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "worksum.cli", "build", str(warc), "--out", str(out),
                           "--workers", "1", "--keep-duplicates", "--force", "--json"],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - wall
    if proc.returncode != 0:
        sys.exit(f"worksum build failed:\n{proc.stderr}")
    return json.loads(proc.stdout)["pages"], _cpu_children() - cpu, wall


def scores(gold: list[dict], docs_of) -> tuple[float, float]:
    """Mean F1 and clean share over the gold pages that hold documents (not negatives)."""
    pages = [_score_page(g, docs_of(g["url"])) for g in gold if g["kind"] != "negative"]
    return sum(s["f"] for s in pages) / len(pages), sum(s["clean"] for s in pages) / len(pages)


def built_rows(out: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in ds.dataset(out / "data", format="parquet").to_table(columns=["url", "part", "text"]).to_pylist():
        rows[row["url"]].append(row)
    for docs in rows.values():
        docs.sort(key=lambda r: r["part"])
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--styles", type=int, default=16)
    ap.add_argument("--pages-per-style", type=int, default=50)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset"))
    ap.add_argument("--keep", help="generate into this folder and keep it (default: a temp folder)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds of both; the median ratio is printed")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="worksum-bench-build-") as tmp:
        folder = Path(args.keep or tmp)
        summary = sitegen.generate(folder / "pages", args.styles, args.pages_per_style, args.seed, True, "dev")
        warc = folder / "pages" / "pages.warc.gz"
        print(f"pages: {summary['pages']} in {summary['styles']} site styles, mean {summary['mean_kb']} KB "
              f"({warc.stat().st_size / 1e6:.1f} MB WARC); machine: {len(__import__('os').sched_getaffinity(0))} cores")
        print(f"{'':32}{'pages/s per core':>18}{'pages/s wall':>14}{'CPU ms/page':>13}")
        per_core, per_wall = [], []
        for _ in range(args.rounds):  # rounds interleaved: a machine that slows down slows both alike
            base_texts, n_base, base_cpu, base_wall = plain_trafilatura(warc)
            n_build, build_cpu, build_wall = worksum_build(warc, folder / "corpus")
            for name, n, cpu, wall in (("plain trafilatura.extract", n_base, base_cpu, base_wall),
                                       ("worksum build --workers 1", n_build, build_cpu, build_wall)):
                print(f"{name:<32}{n / cpu:>18.1f}{n / wall:>14.1f}{1000 * cpu / n:>13.2f}")
            per_core.append((n_build / build_cpu) / (n_base / base_cpu))
            per_wall.append((n_build / build_wall) / (n_base / base_wall))
        print(f"ratio build / trafilatura per round: {', '.join(f'{r:.2f}x' for r in per_core)} per core; "
              f"median {statistics.median(per_core):.2f}x per core (target >= 2x), "
              f"{statistics.median(per_wall):.2f}x wall (the build's worker and parent overlap)")
        gold = [json.loads(line) for line in open(folder / "pages" / "gold.jsonl", encoding="utf-8")]
        rows = built_rows(folder / "corpus")
        f_ours, c_ours = scores(gold, lambda url: rows.get(url, []))
        f_base, c_base = scores(gold, lambda url: [{"text": base_texts.get(url, "")}])
        print(f"quality on these pages: build F1 {f_ours:.4f} clean {c_ours:.0%}; "
              f"plain trafilatura F1 {f_base:.4f} clean {c_base:.0%}")
    devset = Path(args.devset)
    if (devset / "gold.jsonl").exists():
        res = evaluate(devset, workers=1)
        o = res["overall"]
        dev_gold = [json.loads(line) for line in open(devset / "gold.jsonl", encoding="utf-8")]
        plain = {}
        for page in iter_pages(find_warcs([devset / "pages.warc.gz"])):
            plain[page.url] = trafilatura.extract(decode_html(page.body, page.content_type)[0]) or ""
        f_base, c_base = scores(dev_gold, lambda url: [{"text": plain.get(url, "")}])
        print(f"devset ({devset}): build F1 {o['f1']:.4f} clean {o['clean']:.0%}; plain trafilatura F1 {f_base:.4f} "
              f"clean {c_base:.0%} (with OpenCC t2s: F1 {o['baseline_f1']:.4f})")
    else:
        print(f"devset: {devset} not found, skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
