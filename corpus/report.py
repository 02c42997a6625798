"""`worksum report DIR`: one self-contained HTML page (inline SVG, no scripts) describing a corpus."""
from __future__ import annotations

import html
import os
from pathlib import Path

from .stats import corpus_stats

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


def build_report(corpus: str | Path) -> str:
    corpus = Path(corpus)
    stats = corpus_stats(corpus)
    counts = stats["last_build"]
    charts = [
        _bars("Document length (characters)", stats["by_length"], "length"),
        _bars("Documents by type", stats["by_doc_type"], "doc_type"),
        _bars("Documents by site", stats["by_site"], "site"),
        _bars("Documents by year", {("unstated" if k is None else k): v for k, v in stats["by_year"].items()}, "year"),
        _bars("Duplicates removed, by reason", counts.get("duplicates_by_reason", {}), "dedup"),
        _bars("Pages rejected, by reason", counts.get("rejected_by_reason", {}), "rejected"),
    ]
    summary = (f"{stats['documents']:,} documents, {stats['total_chars']:,} characters; last build read "
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
