"""`worksum report DIR`: one self-contained HTML page (inline SVG, no scripts) describing a corpus."""
from __future__ import annotations

import html
import json
import math
import os
from collections import Counter
from pathlib import Path

from .loader import dataset

BAR_W, ROW_H = 420, 22


def _bars(title: str, counts: dict, chart_id: str) -> str:
    """A horizontal bar chart as inline SVG."""
    items = list(counts.items())[:25]
    top = max((v for _, v in items), default=1) or 1
    height = ROW_H * max(len(items), 1) + 10
    rows = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * ROW_H
        w = max(1, int(BAR_W * value / top))
        rows.append(f'<text x="175" y="{y + 15}" text-anchor="end">{html.escape(str(label))[:28]}</text>'
                    f'<rect class="bar" x="180" y="{y + 2}" width="{w}" height="{ROW_H - 6}"/>'
                    f'<text x="{185 + w}" y="{y + 15}">{value:,}</text>')
    body = "".join(rows) or '<text x="10" y="20">nothing to show</text>'
    return (f'<section><h2>{html.escape(title)}</h2><svg id="{chart_id}" class="chart" width="680" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg">{body}</svg></section>')


def _length_histogram(chars: list[int]) -> dict:
    """Counts of documents per length band on a log scale (500-1k, 1k-2k …)."""
    bands: Counter = Counter()
    for c in chars:
        lo = 2 ** int(math.log2(max(c, 1)))
        bands[lo] += 1
    return {f"{lo:,}–{lo * 2 - 1:,}": bands[lo] for lo in sorted(bands)}


def build_report(corpus: str | Path) -> str:
    corpus = Path(corpus)
    rows = dataset(corpus).to_table(columns=["chars", "doc_type", "site", "year", "duplicate_of"]).to_pydict()
    kept = [i for i, d in enumerate(rows["duplicate_of"]) if d is None]
    pick = lambda col: Counter(rows[col][i] for i in kept)  # noqa: E731
    manifest_path = corpus / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    counts = manifest.get("counts", {})
    years = pick("year")
    charts = [
        _bars("Document length (characters)", _length_histogram([rows["chars"][i] for i in kept]), "length"),
        _bars("Documents by type", dict(pick("doc_type").most_common()), "doc_type"),
        _bars("Documents by site", dict(pick("site").most_common()), "site"),
        _bars("Documents by year", {("unstated" if k is None else k): v for k, v in
                                    sorted(years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))}, "year"),
        _bars("Duplicates removed, by reason", counts.get("duplicates_by_reason", {}), "dedup"),
        _bars("Pages rejected, by reason", counts.get("rejected_by_reason", {}), "rejected"),
    ]
    summary = (f"{len(kept):,} documents, {sum(rows['chars'][i] for i in kept):,} characters; last build read "
               f"{counts.get('pages', 0):,} pages, removed {counts.get('duplicates', 0):,} duplicates and rejected "
               f"{counts.get('rejected', 0):,}.")
    style = ("body{font-family:sans-serif;max-width:760px;margin:2em auto;color:#222}"
             "svg text{font-size:12px;fill:#222}.bar{fill:#3b7dd8}h2{font-size:1.1em;margin-top:1.6em}")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>worksum corpus report</title>'
            f"<style>{style}</style></head><body><h1>worksum corpus report</h1>"
            f"<p>{html.escape(str(corpus))}: {html.escape(summary)}</p>{''.join(charts)}</body></html>\n")


def write_report(corpus: str | Path, out: str | Path | None = None) -> Path:
    out = Path(out) if out else Path(corpus) / "report.html"
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(build_report(corpus), encoding="utf-8")
    os.replace(tmp, out)
    return out
