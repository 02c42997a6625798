"""`worksum stats DIR`: counts and length percentiles of a built corpus."""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from .loader import dataset


def length_bands(chars) -> dict[str, int]:
    """Counts of documents per length band on a log scale (512–1,023, 1,024–2,047 …)."""
    bands: Counter = Counter(2 ** int(math.log2(max(c, 1))) for c in chars)
    return {f"{lo:,}–{lo * 2 - 1:,}": bands[lo] for lo in sorted(bands)}


def corpus_stats(out: Path) -> dict:
    out = Path(out)
    table = dataset(out).to_table(columns=["chars", "doc_type", "site", "year", "duplicate_of", "script_converted"])
    rows = table.to_pydict()
    kept = [d is None for d in rows["duplicate_of"]]
    chars = np.array([c for c, k in zip(rows["chars"], kept) if k] or [0])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8")) if (out / "manifest.json").exists() else {}
    pick = lambda col: Counter(v for v, k in zip(rows[col], kept) if k)  # noqa: E731
    return {
        "documents": int(sum(kept)),
        "duplicate_rows": len(kept) - int(sum(kept)),
        "total_chars": int(chars.sum()),
        "chars_percentiles": {f"p{q}": int(np.percentile(chars, q)) for q in (5, 25, 50, 75, 95)},
        "by_length": length_bands(c for c, k in zip(rows["chars"], kept) if k),
        "by_doc_type": dict(pick("doc_type").most_common()),
        "by_site": dict(pick("site").most_common()),
        "by_year": dict(sorted(pick("year").items(), key=lambda kv: (kv[0] is None, kv[0] or 0))),
        "converted_from_traditional": int(sum(v for v, k in zip(rows["script_converted"], kept) if k)),
        "counts": manifest.get("counts", {}),
    }


def format_stats(s: dict) -> str:
    lines = [f"documents: {s['documents']:,}  ({s['total_chars']:,} characters; "
             f"{s['converted_from_traditional']} converted from Traditional)",
             "length (chars): " + "  ".join(f"{k} {v:,}" for k, v in s["chars_percentiles"].items())]
    for key in ("by_doc_type", "by_site", "by_year"):
        lines.append(f"{key[3:]}: " + ", ".join(f"{k}: {v}" for k, v in s[key].items()))
    c = s["counts"]
    if c:
        lines.append(f"build: {c.get('pages', 0)} pages → kept {c.get('kept', 0)}, duplicates {c.get('duplicates', 0)} "
                     f"{c.get('duplicates_by_reason', {})}, rejected {c.get('rejected', 0)} {c.get('rejected_by_reason', {})}")
    return "\n".join(lines)
