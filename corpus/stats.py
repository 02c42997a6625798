"""`worksum stats DIR`: counts and length percentiles of a built corpus or a release."""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from .errors import read_manifest
from .loader import dataset

UNSTATED = "unstated"  # a year or doc_type the document does not give, in tables and JSON keys


def length_bands(chars) -> dict[str, int]:
    """Counts of documents per length band on a log scale (512–1,023, 1,024–2,047 …), empty bands included."""
    bands: Counter = Counter(2 ** int(math.log2(max(c, 1))) for c in chars)
    if not bands:
        return {}
    lo, top, out = min(bands), max(bands), {}
    while lo <= top:
        out[f"{lo:,}–{lo * 2 - 1:,}"] = bands[lo]
        lo *= 2
    return out


def all_builds(builds: list[dict]) -> dict:
    """The counts of every build of a corpus added up: pages, kept, duplicates, rejected, reasons, cleaning steps."""
    total: dict = {"builds": len(builds)}
    for key in ("pages", "kept", "duplicates", "rejected", "updated"):
        total[key] = sum(b.get(key, 0) or 0 for b in builds)
    for key in ("duplicates_by_reason", "rejected_by_reason"):
        c: Counter = Counter()
        for b in builds:
            c.update(b.get(key) or {})
        total[key] = dict(c.most_common())
    steps: dict[str, Counter] = {}
    for b in builds:
        for step, what in (b.get("steps") or {}).items():
            steps.setdefault(step, Counter()).update(what)
    total["steps"] = {step: dict(sorted(c.items())) for step, c in sorted(steps.items())}
    sites: dict[str, Counter] = {}
    for b in builds:
        for site, what in (b.get("by_site") or {}).items():
            sites.setdefault(site, Counter()).update(what)
    total["by_site"] = {site: dict(c) for site, c in sorted(sites.items())}
    return total


def release_json(folder: Path) -> dict:
    """FOLDER/release.json of a release folder ({} for a corpus folder)."""
    path = Path(folder) / "release.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def corpus_stats(out: Path) -> dict:
    out = Path(out)
    table = dataset(out).to_table(columns=["chars", "doc_type", "site", "year", "duplicate_of", "script_converted"])
    rows = table.to_pydict()
    kept = [d is None for d in rows["duplicate_of"]]
    chars = np.array([c for c, k in zip(rows["chars"], kept) if k] or [0])
    manifest = read_manifest(out)
    pick = lambda col: Counter(UNSTATED if v is None else v for v, k in zip(rows[col], kept) if k)  # noqa: E731
    builds = manifest.get("builds") or ([manifest["counts"]] if manifest.get("counts") else [])
    release = release_json(out)
    return {
        "folder": "release" if release else "corpus",
        "release": release.get("version"),
        "documents": int(sum(kept)),
        "duplicate_rows": len(kept) - int(sum(kept)),
        "total_chars": int(chars.sum()),
        "chars_percentiles": {f"p{q}": int(np.percentile(chars, q)) for q in (5, 25, 50, 75, 95)},
        "by_length": length_bands(c for c, k in zip(rows["chars"], kept) if k),
        "by_doc_type": dict(pick("doc_type").most_common()),
        "by_site": dict(pick("site").most_common()),
        "by_year": {str(k): v for k, v in sorted(pick("year").items(), key=lambda kv: (kv[0] == UNSTATED, kv[0]))},
        "converted_from_traditional": int(sum(v for v, k in zip(rows["script_converted"], kept) if k)),
        "last_build": manifest.get("counts", {}),
        "all_builds": all_builds(builds) if builds else release.get("source", {}).get("all_builds", {}),
    }


def counts_text(counts: dict) -> str:
    """{'near': 1, 'exact': 2} as 'near 1, exact 2' (empty when there is nothing)."""
    return ", ".join(f"{k} {v:,}" for k, v in counts.items())


def _build_line(label: str, c: dict) -> str:
    line = f"{label}: {c.get('pages', 0):,} pages read → kept {c.get('kept', 0):,}"
    for key in ("duplicates", "rejected"):
        reasons = counts_text(c.get(f"{key}_by_reason") or {})
        line += f", {key} {c.get(key, 0):,}" + (f" ({reasons})" if reasons else "")
    return line


def format_stats(s: dict) -> str:
    head = f"release {s['release']}: " if s.get("release") else ""
    lines = [f"{head}documents: {s['documents']:,}  ({s['total_chars']:,} characters; "
             f"{s['converted_from_traditional']:,} converted from Traditional)",
             "length (chars): " + "  ".join(f"{k} {v:,}" for k, v in s["chars_percentiles"].items())]
    for key in ("by_doc_type", "by_site", "by_year"):
        lines.append(f"{key[3:].replace('_', ' ')}: " + (counts_text(s[key]) or "none"))
    if s["last_build"]:
        lines.append(_build_line("last build", s["last_build"]))
    if s["all_builds"]:
        lines.append(_build_line(f"all {s['all_builds']['builds']} build(s)", s["all_builds"]))
    return "\n".join(lines)
